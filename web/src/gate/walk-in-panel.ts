import { zoneOf } from '../../../shared/domain/fair-time';
import { ApiError, NetworkError, request } from '../common/api';
import { fill, h } from '../common/dom';
import { explain } from '../common/explain';
import { fairNow, fairToday } from '../common/fair-clock';
import { signal, unlockSound } from '../common/feedback';
import { formatNumber, formatTime, localName, t } from '../common/i18n';
import type { Fair, Gate, Level } from '../common/types';
import { listenToClicker } from './clicker-keys';
import {
  dequeueCounts,
  dropQueuedCount,
  enqueueCount,
  type GateCount,
  type QueuedCount,
  queuedCountCount,
  queuedCounts,
} from './offline-store';

/**
 * Count mode at a gate: most visitors of a free fair hold no ticket, so a steward counts them with two
 * large buttons (+1 in, +1 out) while watching the crowd, or with a tally clicker or page-turner that
 * sends keys. Each tap is its own count with its own id: sent at once, queued in IndexedDB when the
 * network is down (like scans), synced in order when it returns. The device's last tap can be taken
 * back for 10 s. The zone behind the gate is shown in its level's colour, with a loud warning at
 * critical and full; a count is never refused (the people are through the door already).
 */
export interface ZoneStatus {
  zoneId: string;
  count: number;
  capacity: number;
  level: Level;
  full: boolean;
}

interface CountAnswer extends ZoneStatus {
  countId: string;
}

export interface WalkInPanelOptions {
  fair: Fair;
  gate: () => Gate;
  deviceId: string;
  offline: () => boolean;
  goOffline: () => void;
  /** Something waits to be sent, or was sent: the page's status card says how many remain. */
  changed: () => void;
}

const UNDO_MS = 10_000;
/** After the last tap, when to read the zone's count again (the projection has caught up by then). */
const SETTLE_MS = 1500;
const SEND_TIMEOUT_MS = 2500;
// A batch answered in a few seconds, far inside the API's 29 s: a long queue goes as several.
const BATCH = 100;

/** A count as the API takes it: the gate is in the path. */
function countBody({ countId, in: inCount, out, countedAt, deviceId }: GateCount) {
  return { countId, in: inCount, out, countedAt, deviceId };
}

export interface WalkInPanel {
  element: HTMLElement;
  active: boolean;
  sync: () => Promise<void>;
  pending: () => Promise<number>;
  refreshZone: () => Promise<void>;
  render: () => void;
}

export function walkInPanel(options: WalkInPanelOptions): WalkInPanel {
  const tallyKey = () => `rawaq.walkIns.${fairToday(zoneOf(options.fair))}`;
  const tally = (): { in: number; out: number } => JSON.parse(localStorage.getItem(tallyKey()) ?? '{"in":0,"out":0}');
  const addToTally = (inCount: number, outCount: number) => {
    const next = tally();
    next.in += inCount;
    next.out += outCount;
    localStorage.setItem(tallyKey(), JSON.stringify(next));
  };
  let status: (ZoneStatus & { at: number; estimated: boolean }) | undefined;
  // The zone's last known standing is kept on the phone: reloaded without network, the steward still
  // sees the count and the red FULL banner, marked as an estimate, instead of losing the stop signal.
  const savedKey = () => `rawaq.zoneStatus.${options.gate().gateId}.${fairToday(zoneOf(options.fair))}`;
  const restore = () => {
    const saved = localStorage.getItem(savedKey());
    if (!status && saved) status = { ...(JSON.parse(saved) as ZoneStatus & { at: number }), estimated: true };
  };
  let last: (GateCount & { at: number }) | undefined;
  let undoTimer: ReturnType<typeof setTimeout> | undefined;
  let syncing = false;
  let settleTimer: ReturnType<typeof setTimeout> | undefined;

  const zoneLine = h('p', { class: 'zone-now', id: 'zone-now', 'aria-live': 'polite' });
  const warning = h('p', { class: 'zone-warning', id: 'zone-warning', role: 'alert', hidden: true });
  const inButton = h('button', { type: 'button', class: 'count-button count-in', id: 'count-in', t: 'countIn' });
  const outButton = h('button', { type: 'button', class: 'count-button count-out', id: 'count-out', t: 'countOut' });
  const undoButton = h('button', { type: 'button', class: 'undo', id: 'count-undo', t: 'undoTap', hidden: true });
  const note = h('p', { class: 'count-note', id: 'count-note', role: 'status' });
  const deviceTally = h('p', { class: 'tally', id: 'count-tally' });
  const element = h(
    'section',
    { class: 'card walk-in-panel', id: 'walk-in-panel' },
    zoneLine,
    warning,
    h('div', { class: 'count-buttons' }, inButton, outButton),
    undoButton,
    note,
    h('h2', { t: 'countsToday' }),
    deviceTally,
    h('p', { class: 'muted clicker-help', t: 'clickerHelp' }),
  );

  const zoneName = () => {
    const zoneId = options.gate().zoneId;
    const zone = options.fair.zones.find((candidate) => candidate.zoneId === zoneId);
    return zone ? localName(zone) : zoneId;
  };

  function render(): void {
    const c = tally();
    deviceTally.replaceChildren(
      h('span', {}, `${t('entries')} `, h('strong', {}, formatNumber(c.in))),
      h('span', {}, `${t('exits')} `, h('strong', {}, formatNumber(c.out))),
    );
    if (!status) {
      fill(zoneLine, zoneName());
      zoneLine.dataset.level = 'unknown';
      warning.hidden = true;
      return;
    }
    zoneLine.dataset.level = status.level;
    zoneLine.dataset.count = String(status.count);
    fill(
      zoneLine,
      t('zoneNow', { zone: zoneName(), count: formatNumber(status.count), capacity: formatNumber(status.capacity) }),
      h(
        'span',
        { class: 'muted' },
        ` · ${status.estimated ? `${t('zoneEstimate')} · ` : ''}${formatTime(status.at, zoneOf(options.fair))}`,
      ),
    );
    const loud =
      status.full || status.level === 'full'
        ? 'zoneFullStop'
        : status.level === 'critical'
          ? 'zoneCritical'
          : undefined;
    warning.hidden = !loud;
    warning.dataset.level = status.full ? 'full' : status.level;
    if (loud) warning.textContent = t(loud);
  }

  /** The zone's new standing, from an answer of the API (or this device's own estimate offline). */
  function learn(next: ZoneStatus, estimated: boolean, warnIfLoud: boolean): void {
    const rose = status && next.level !== status.level;
    status = { ...next, at: fairNow().getTime(), estimated };
    localStorage.setItem(savedKey(), JSON.stringify(status));
    render();
    if (warnIfLoud && (next.full || next.level === 'full')) signal('refuse');
    else if (rose && next.level === 'critical') signal('warn');
  }

  function estimate(delta: number): void {
    if (!status) return;
    const count = Math.max(0, status.count + delta);
    learn({ ...status, count, full: count >= status.capacity }, true, delta > 0);
  }

  function offerUndo(): void {
    clearTimeout(undoTimer);
    undoButton.hidden = false;
    undoTimer = setTimeout(() => {
      undoButton.hidden = true;
    }, UNDO_MS);
  }

  async function send(count: GateCount): Promise<void> {
    if (options.offline()) {
      await enqueueCount(count);
      estimate(count.in - count.out);
      return;
    }
    try {
      const answer = await request<CountAnswer>(`/v1/gates/${count.gateId}/counts`, {
        body: countBody(count),
        timeoutMs: SEND_TIMEOUT_MS,
      });
      // The answer counts this tap but may miss the taps just before it, still on their way to the
      // zone's count: never show less than the taps seen, and read the zone afresh once taps pause.
      const seen = status ? status.count + count.in - count.out : answer.count;
      const shown = count.in > 0 ? Math.max(answer.count, seen) : Math.min(answer.count, Math.max(0, seen));
      learn({ ...answer, count: shown, full: answer.full || shown >= answer.capacity }, false, count.in > 0);
      clearTimeout(settleTimer);
      settleTimer = setTimeout(() => void refreshZone(), SETTLE_MS);
    } catch (error) {
      if (!(error instanceof NetworkError)) {
        note.textContent = explain(error);
        return;
      }
      options.goOffline();
      await enqueueCount(count);
      estimate(count.in - count.out);
    }
  }

  async function tap(direction: 'in' | 'out'): Promise<void> {
    unlockSound();
    const count: GateCount = {
      countId: crypto.randomUUID(),
      gateId: options.gate().gateId,
      in: direction === 'in' ? 1 : 0,
      out: direction === 'out' ? 1 : 0,
      countedAt: fairNow().toISOString(),
      deviceId: options.deviceId,
    };
    last = { ...count, at: Date.now() };
    addToTally(count.in, count.out);
    note.textContent = '';
    if ('vibrate' in navigator) navigator.vibrate(30);
    offerUndo();
    render();
    await send(count);
    options.changed();
  }

  async function undo(): Promise<void> {
    const taken = last;
    if (!taken || Date.now() - taken.at > UNDO_MS) return;
    last = undefined;
    clearTimeout(undoTimer);
    undoButton.hidden = true;
    addToTally(-taken.in, -taken.out);
    note.textContent = t('tapUndone');
    if (await dropQueuedCount(taken.countId)) {
      estimate(taken.out - taken.in);
    } else if (options.offline()) {
      await enqueueCount({ ...taken, undo: true });
      estimate(taken.out - taken.in);
    } else {
      try {
        const answer = await request<CountAnswer>(
          `/v1/gates/${taken.gateId}/counts/${taken.countId}?deviceId=${encodeURIComponent(taken.deviceId)}`,
          { method: 'DELETE', timeoutMs: SEND_TIMEOUT_MS },
        );
        learn(answer, false, false);
      } catch (error) {
        if (error instanceof NetworkError) {
          options.goOffline();
          await enqueueCount({ ...taken, undo: true });
        } else {
          addToTally(taken.in, taken.out);
          note.textContent = error instanceof ApiError && error.status === 409 ? t('undoTooLate') : explain(error);
        }
      }
    }
    render();
    options.changed();
  }

  /** Sends what waits, in the order it was counted: counts by gate in batches, undos one by one. */
  async function sync(): Promise<void> {
    if (syncing || options.offline()) return;
    syncing = true;
    try {
      for (;;) {
        const waiting = await queuedCounts(BATCH);
        const first = waiting[0];
        if (!first) break;
        if (first.undo) {
          await request(
            `/v1/gates/${first.gateId}/counts/${first.countId}?deviceId=${encodeURIComponent(first.deviceId)}`,
            {
              method: 'DELETE',
            },
          ).catch((error) => {
            // Too late, or the count never arrived: nothing more this device can do about it.
            if (!(error instanceof ApiError)) throw error;
          });
          await dequeueCounts([first]);
          continue;
        }
        const run: QueuedCount[] = [];
        for (const count of waiting) {
          if (count.undo || count.gateId !== first.gateId) break;
          run.push(count);
        }
        const { results } = await request<{ results: CountAnswer[] }>(`/v1/gates/${first.gateId}/counts/batch`, {
          body: { counts: run.map(countBody) },
          timeoutMs: 15_000,
        });
        const newest = results.at(-1);
        if (newest && first.gateId === options.gate().gateId) learn(newest, false, false);
        await dequeueCounts(run);
      }
    } catch (error) {
      if (error instanceof NetworkError) options.goOffline();
    } finally {
      syncing = false;
      options.changed();
    }
  }

  async function refreshZone(): Promise<void> {
    restore();
    render();
    if (options.offline() || !panel.active) return;
    try {
      const answer = await request<ZoneStatus>(`/v1/gates/${options.gate().gateId}/counts`);
      learn(answer, false, false);
    } catch (error) {
      if (error instanceof NetworkError) options.goOffline();
    }
  }

  inButton.addEventListener('click', () => void tap('in'));
  outButton.addEventListener('click', () => void tap('out'));
  undoButton.addEventListener('click', () => void undo());
  // A tapped button keeps the focus, and a clicker's Space or Enter would press it again: let it go.
  element.addEventListener('click', (event) => (event.target as HTMLElement).closest('button')?.blur());

  listenToClicker(
    () => panel.active,
    (direction) => void tap(direction),
  );

  const panel: WalkInPanel = { element, active: false, sync, pending: queuedCountCount, refreshZone, render };
  restore();
  render();
  return panel;
}
