import { zoneOf } from '../../../shared/domain/fair-time';
import { fill, h } from '../common/dom';
import { fairNow, fairToday } from '../common/fair-clock';
import { signal } from '../common/feedback';
import { formatNumber, formatTime, t } from '../common/i18n';
import { zoneNameIn } from '../common/names';
import { STORED_PER } from '../common/stored';
import type { Fair, Gate, Level } from '../common/types';

/** The zone behind a gate as the API says it stands. */
export interface ZoneStatus {
  zoneId: string;
  count: number;
  capacity: number;
  level: Level;
  full: boolean;
}

type Standing = ZoneStatus & { at: number; estimated: boolean };

/**
 * The zone behind the gate in Count mode: its count against capacity in its level's colour, and a loud
 * warning at critical and full. The last known standing is kept on the phone: reloaded without network,
 * the steward still sees the count and the red FULL banner, marked as an estimate, instead of losing
 * the stop signal.
 */
export function zoneStanding(fair: Fair, gate: () => Gate) {
  const line = h('p', { class: 'zone-now', id: 'zone-now', 'aria-live': 'polite' });
  const warning = h('p', { class: 'zone-warning', id: 'zone-warning', role: 'alert', hidden: true });
  let status: Standing | undefined;
  const savedKey = () => STORED_PER.zoneStatus(gate().gateId, fairToday(zoneOf(fair)));
  const zoneName = () => zoneNameIn(fair, gate().zoneId) ?? gate().zoneId;
  function show(): void {
    if (!status) {
      fill(line, zoneName());
      line.dataset.level = 'unknown';
      warning.hidden = true;
      return;
    }
    const { count, capacity, level, full, estimated, at } = status;
    line.dataset.level = level;
    line.dataset.count = String(count);
    const when = `${estimated ? `${t('zoneEstimate')} · ` : ''}${formatTime(at, zoneOf(fair))}`;
    fill(
      line,
      t('zoneNow', { zone: zoneName(), count: formatNumber(count), capacity: formatNumber(capacity) }),
      h('span', { class: 'muted' }, ` · ${when}`),
    );
    const loud = full || level === 'full' ? 'zoneFullStop' : level === 'critical' ? 'zoneCritical' : undefined;
    warning.hidden = !loud;
    warning.dataset.level = full ? 'full' : level;
    if (loud) warning.textContent = t(loud);
  }
  /** The zone's new standing, from an answer of the API (or this device's own estimate offline). */
  function learn(next: ZoneStatus, estimated: boolean, warnIfLoud: boolean): void {
    const rose = status && next.level !== status.level;
    status = { ...next, at: fairNow().getTime(), estimated };
    localStorage.setItem(savedKey(), JSON.stringify(status));
    show();
    if (warnIfLoud && (next.full || next.level === 'full')) signal('refuse');
    else if (rose && next.level === 'critical') signal('warn');
  }
  return {
    elements: [line, warning],
    show,
    learn,
    /** The last count known, if any: what a tap's answer is compared with. */
    count: () => status?.count,
    /** This device's own guess after `delta` people it counted while the API could not answer. */
    estimate(delta: number): void {
      if (!status) return;
      const count = Math.max(0, status.count + delta);
      learn({ ...status, count, full: count >= status.capacity }, true, delta > 0);
    },
    /** The standing kept on the phone, when nothing newer is known. */
    restore(): void {
      const saved = localStorage.getItem(savedKey());
      if (!status && saved) status = { ...(JSON.parse(saved) as ZoneStatus & { at: number }), estimated: true };
    },
  };
}

export type ZoneStanding = ReturnType<typeof zoneStanding>;
