import { zoneOf } from '../../../shared/domain/fair-time';
import { h } from '../common/dom';
import { formatTime, t } from '../common/i18n';
import type { Fair } from '../common/types';
import type { OfflineKit } from './offline-kit';

/** What the gate's status card shows: work waiting to be sent, a sync under way, conflicts found. */
export interface GateStatus {
  waiting: number;
  syncing: boolean;
  conflicts: number;
}

/**
 * The gate's status: scans and counts waiting to be sent, conflicts the server found in them, and
 * whether the phone can judge offline (its revocations list and how fresh it is). A list that may miss
 * revocations is also a banner at the top: it matters more than anything below the fold.
 */
export function statusCard(fair: Fair, kit: OfflineKit, lock: HTMLElement) {
  const pending = h('p', { class: 'pending', id: 'pending', role: 'status' });
  const readiness = h('p', { class: 'readiness', id: 'readiness' });
  const staleBanner = h('p', { class: 'card banner-warn', id: 'revocations-stale', role: 'alert', hidden: true });
  const conflictNote = h('p', { class: 'conflicts', id: 'conflicts', hidden: true });
  return {
    banner: staleBanner,
    element: h('section', { class: 'card status' }, pending, conflictNote, readiness, lock),
    update({ waiting, syncing, conflicts }: GateStatus): void {
      pending.textContent = syncing ? t('syncing') : waiting > 0 ? t('pending', { count: waiting }) : t('nonePending');
      pending.dataset.count = String(waiting);
      pending.classList.toggle('has-pending', waiting > 0);
      readiness.dataset.ready = String(kit.ready);
      readiness.dataset.failing = String(kit.failing);
      readiness.dataset.refreshing = String(kit.refreshing);
      const since = formatTime(kit.updatedAt ?? Date.now(), zoneOf(fair));
      // Keys, and a list never read to its end (its first read cut by the network): not "up to date now".
      const partial = kit.ready && !kit.failing && kit.updatedAt === null;
      readiness.dataset.partial = String(partial);
      const warning = kit.failing
        ? t('revocationsOutOfDate', { time: since })
        : partial
          ? t('revocationsIncomplete', { count: kit.revoked.size })
          : undefined;
      readiness.textContent = !kit.ready
        ? t('offlineNotReady')
        : (warning ?? t('offlineReady', { count: kit.revoked.size, time: since }));
      // A banner once it matters: not for the first read of a new phone while it is still under way.
      staleBanner.hidden = !kit.ready || warning === undefined || (partial && kit.refreshing);
      staleBanner.textContent = staleBanner.hidden ? '' : (warning ?? '');
      conflictNote.hidden = conflicts === 0;
      conflictNote.textContent = t('syncedConflicts', { count: conflicts });
    },
  };
}
