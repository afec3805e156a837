import type { Evacuation, HeartbeatAnswer } from '../../../shared/contract/answers';
import { request } from './api';
import { deviceId } from './device';
import { h } from './dom';
import { fairNow } from './fair-clock';
import { alarm } from './feedback';
import { applyLanguage, t } from './i18n';
import { zoneNameIn } from './names';
import type { Fair } from './types';

/**
 * What every working page (gate, door, booth) does beside its own job: every few seconds it reports its
 * device (unsent work, clock, battery, page version) and hears back what the floor says: an evacuation
 * under way, the organisers' broadcasts for it. An evacuation takes the whole screen with an alarm; a
 * broadcast stays on top until read, and its reading goes back as a receipt. The last word heard is
 * kept on the device: reloaded offline, the page still shows an evacuation it knew of.
 */
export const HEARTBEAT_EVERY_MS = 10_000;
const EVACUATION_KEY = 'rawaq.evacuation';
const READ_KEY = 'rawaq.broadcastsRead';
/** The page's build, for organisers to see which phones run an old one. */
const PAGE_VERSION = import.meta.env.MODE === 'production' ? 'build' : 'dev';

export interface FloorWatchOptions {
  fair: Fair;
  page: 'gate' | 'door' | 'booth';
  /** The gate or workshop the page is set to. */
  at: () => string | undefined;
  /** What waits on the device to be sent, and since when. */
  unsent: () => Promise<{ count: number; oldestAt?: string | undefined }>;
  revocationsUpdatedAt?: () => string | null;
  /** Hears whether an evacuation is under way (the gate judges offline by it). */
  onEvacuation?: (evacuation: Evacuation | undefined) => void;
}

export interface FloorWatch {
  /** The evacuation last heard of, if any. */
  evacuation(): Evacuation | undefined;
  /** Whether an entry into `zoneId` is refused for the evacuation last heard of. */
  evacuating(zonePath: readonly string[]): boolean;
}

interface BatteryManager {
  level: number;
  charging: boolean;
}

export function watchFloor(options: FloorWatchOptions): FloorWatch {
  let evacuation: Evacuation | undefined = JSON.parse(localStorage.getItem(EVACUATION_KEY) ?? 'null') ?? undefined;
  const read = new Set<string>(JSON.parse(localStorage.getItem(READ_KEY) ?? '[]') as string[]);
  let unreported = new Set<string>();
  let acknowledged = '';

  const overlay = h('div', {
    class: 'evacuation',
    id: 'evacuation',
    role: 'alertdialog',
    'aria-live': 'assertive',
    hidden: true,
  });
  const banner = h('div', { class: 'broadcasts', id: 'broadcasts', 'aria-live': 'polite' });
  document.body.append(overlay);
  document.querySelector('main')?.before(banner);

  const zoneName = (zoneId: string) => zoneNameIn(options.fair, zoneId) ?? zoneId;

  const showEvacuation = () => {
    document.body.dataset.evacuation = evacuation ? 'true' : 'false';
    if (!evacuation) {
      overlay.hidden = true;
      overlay.replaceChildren();
      return;
    }
    const current = evacuation;
    const understood = h('button', {
      type: 'button',
      class: 'evacuation-ok',
      t: 'evacuationUnderstood',
      onclick: () => {
        acknowledged = current.evacuationId;
        overlay.classList.add('acknowledged');
      },
    });
    overlay.classList.toggle('acknowledged', acknowledged === current.evacuationId);
    overlay.replaceChildren(
      h('p', { class: 'evacuation-title', t: 'evacuationTitle' }),
      h('p', { class: 'evacuation-zone' }, t('evacuationZone', { zone: zoneName(current.zoneId) })),
      h('p', { class: 'evacuation-reason' }, current.reason),
      h('p', { class: 'evacuation-do', t: 'evacuationDo' }),
      understood,
    );
    overlay.hidden = false;
    applyLanguage(overlay);
  };

  const showBroadcasts = (broadcasts: HeartbeatAnswer['broadcasts']) => {
    const unread = broadcasts.filter((broadcast) => !broadcast.read && !read.has(broadcast.incidentId));
    banner.replaceChildren(
      ...unread.map((broadcast) =>
        h(
          'section',
          { class: 'card broadcast', 'data-incident': broadcast.incidentId, role: 'alert' },
          h('p', { class: 'broadcast-kind' }, `${t('broadcastFrom')} · ${t(`incidentKind_${broadcast.kind}`)}`),
          h('p', { class: 'broadcast-text' }, broadcast.text),
          h('button', {
            type: 'button',
            class: 'broadcast-read',
            t: 'broadcastRead',
            onclick: () => {
              read.add(broadcast.incidentId);
              unreported.add(broadcast.incidentId);
              localStorage.setItem(READ_KEY, JSON.stringify([...read]));
              banner.querySelector(`[data-incident="${broadcast.incidentId}"]`)?.remove();
              void beat();
            },
          }),
        ),
      ),
    );
    applyLanguage(banner);
  };

  async function beat(): Promise<void> {
    const unsent = await options.unsent();
    const battery = await (
      (navigator as Navigator & { getBattery?: () => Promise<BatteryManager> }).getBattery?.() ??
      Promise.resolve(undefined)
    ).catch(() => undefined);
    const sending = [...unreported];
    const at = options.at();
    const revocations = options.revocationsUpdatedAt?.();
    try {
      const answer = await request<HeartbeatAnswer>('/v1/devices/heartbeat', {
        body: {
          deviceId: deviceId(),
          page: options.page,
          version: PAGE_VERSION,
          ...(at ? { at } : {}),
          unsent: unsent.count,
          ...(unsent.oldestAt ? { oldestUnsentAt: unsent.oldestAt } : {}),
          clock: fairNow().toISOString(),
          ...(battery ? { battery: Math.round(battery.level * 100) / 100, charging: battery.charging } : {}),
          ...(revocations ? { revocationsUpdatedAt: revocations } : {}),
          ...(sending.length > 0 ? { read: sending.slice(0, 50) } : {}),
        },
        timeoutMs: 5000,
      });
      unreported = new Set([...unreported].filter((id) => !sending.includes(id)));
      const started = !evacuation && answer.evacuation;
      evacuation = answer.evacuation;
      localStorage.setItem(EVACUATION_KEY, JSON.stringify(evacuation ?? null));
      if (started) alarm();
      showEvacuation();
      options.onEvacuation?.(evacuation);
      showBroadcasts(answer.broadcasts);
    } catch {
      // Offline: the evacuation last heard of stays on screen; the next contact brings what changed.
    }
  }

  showEvacuation();
  void beat();
  setInterval(() => void beat(), HEARTBEAT_EVERY_MS);
  return {
    evacuation: () => evacuation,
    evacuating: (zonePath) => evacuation !== undefined && zonePath.includes(evacuation.zoneId),
  };
}
