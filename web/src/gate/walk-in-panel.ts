import { zoneOf } from '../../../shared/domain/fair-time';
import { ApiError, NetworkError, request } from '../common/api';
import { h } from '../common/dom';
import { explain } from '../common/explain';
import { fairNow, fairToday } from '../common/fair-clock';
import { unlockSound } from '../common/feedback';
import { formatNumber, t } from '../common/i18n';
import { STORED_PER } from '../common/stored';
import type { Fair, Gate } from '../common/types';
import { listenToClicker } from './clicker-keys';
import { type CountAnswer, countBody, sendQueuedCounts, undoPath } from './count-sync';
import { dropQueuedCount, enqueueCount, type GateCount, queuedCountCount } from './offline-store';
import { type ZoneStanding, type ZoneStatus, zoneStanding } from './zone-standing';

/**
 * Count mode at a gate: most visitors of a free fair hold no ticket, so a steward counts them with two
 * large buttons (+1 in, +1 out) while watching the crowd, or with a tally clicker or page-turner that
 * sends keys. Each tap is its own count with its own id: sent at once, queued in IndexedDB when the
 * network is down (like scans), synced in order when it returns. The device's last tap can be taken
 * back for 10 s. The zone behind the gate is shown in its level's colour, with a loud warning at
 * critical and full; a count is never refused (the people are through the door already).
 */
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

/** This device's own taps today, kept on the phone: what the steward counted, whatever the network did. */
function deviceTally(fair: Fair) {
  const element = h('p', { class: 'tally', id: 'count-tally' });
  const key = () => STORED_PER.walkIns(fairToday(zoneOf(fair)));
  const read = (): { in: number; out: number } => JSON.parse(localStorage.getItem(key()) ?? '{"in":0,"out":0}');
  return {
    element,
    add(inCount: number, outCount: number): void {
      const next = read();
      localStorage.setItem(key(), JSON.stringify({ in: next.in + inCount, out: next.out + outCount }));
    },
    show(): void {
      const { in: entries, out: exits } = read();
      element.replaceChildren(
        h('span', {}, `${t('entries')} `, h('strong', {}, formatNumber(entries))),
        h('span', {}, `${t('exits')} `, h('strong', {}, formatNumber(exits))),
      );
    },
  };
}

/** The last tap, which its button takes back for 10 s. */
function undoOffer() {
  const button = h('button', { type: 'button', class: 'undo', id: 'count-undo', t: 'undoTap', hidden: true });
  let last: (GateCount & { at: number }) | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const close = () => {
    clearTimeout(timer);
    button.hidden = true;
  };
  return {
    button,
    offer(count: GateCount): void {
      last = { ...count, at: Date.now() };
      clearTimeout(timer);
      button.hidden = false;
      timer = setTimeout(close, UNDO_MS);
    },
    /** The tap to take back, if it is still young enough; it is offered no more. */
    take(): GateCount | undefined {
      const taken = last;
      if (!taken || Date.now() - taken.at > UNDO_MS) return undefined;
      last = undefined;
      close();
      return taken;
    },
  };
}

/** What a tap and its undo work with. */
interface Counting {
  options: WalkInPanelOptions;
  zone: ZoneStanding;
  tally: ReturnType<typeof deviceTally>;
  undo: ReturnType<typeof undoOffer>;
  note: HTMLElement;
  /** Reads the zone afresh once taps pause. */
  settle: () => void;
}

/** Keeps a count (or an undo) for later and shows the zone as this device estimates it. */
async function keep({ zone }: Counting, count: GateCount & { undo?: boolean }, delta: number): Promise<void> {
  await enqueueCount(count);
  zone.estimate(delta);
}

async function send(counting: Counting, count: GateCount): Promise<void> {
  const { options, zone, note } = counting;
  if (options.offline()) return keep(counting, count, count.in - count.out);
  try {
    const answer = await request<CountAnswer>(`/v1/gates/${count.gateId}/counts`, {
      body: countBody(count),
      timeoutMs: SEND_TIMEOUT_MS,
    });
    // The answer counts this tap but may miss the taps just before it, still on their way to the
    // zone's count: never show less than the taps seen, and read the zone afresh once taps pause.
    const known = zone.count();
    const seen = known === undefined ? answer.count : known + count.in - count.out;
    const shown = count.in > 0 ? Math.max(answer.count, seen) : Math.min(answer.count, Math.max(0, seen));
    zone.learn({ ...answer, count: shown, full: answer.full || shown >= answer.capacity }, false, count.in > 0);
    counting.settle();
  } catch (error) {
    if (!(error instanceof NetworkError)) {
      note.textContent = explain(error);
      return;
    }
    options.goOffline();
    await keep(counting, count, count.in - count.out);
  }
}

async function tap(counting: Counting, direction: 'in' | 'out'): Promise<void> {
  const { options, tally, note, undo } = counting;
  unlockSound();
  const count: GateCount = {
    countId: crypto.randomUUID(),
    gateId: options.gate().gateId,
    in: direction === 'in' ? 1 : 0,
    out: direction === 'out' ? 1 : 0,
    countedAt: fairNow().toISOString(),
    deviceId: options.deviceId,
  };
  tally.add(count.in, count.out);
  note.textContent = '';
  if ('vibrate' in navigator) navigator.vibrate(30);
  undo.offer(count);
  tally.show();
  await send(counting, count);
  options.changed();
}

/** Takes back the last tap: from the queue if it is still there, else from the API (or queued for it). */
async function undoLast(counting: Counting): Promise<void> {
  const { options, zone, tally, note } = counting;
  const taken = counting.undo.take();
  if (!taken) return;
  tally.add(-taken.in, -taken.out);
  note.textContent = t('tapUndone');
  const delta = taken.out - taken.in;
  if (await dropQueuedCount(taken.countId)) zone.estimate(delta);
  else if (options.offline()) await keep(counting, { ...taken, undo: true }, delta);
  else {
    try {
      zone.learn(
        await request<CountAnswer>(undoPath(taken), { method: 'DELETE', timeoutMs: SEND_TIMEOUT_MS }),
        false,
        false,
      );
    } catch (error) {
      if (error instanceof NetworkError) {
        options.goOffline();
        await enqueueCount({ ...taken, undo: true });
      } else {
        tally.add(taken.in, taken.out);
        note.textContent = error instanceof ApiError && error.status === 409 ? t('undoTooLate') : explain(error);
      }
    }
  }
  tally.show();
  options.changed();
}

export function walkInPanel(options: WalkInPanelOptions) {
  const zone = zoneStanding(options.fair, options.gate);
  const tally = deviceTally(options.fair);
  const undo = undoOffer();
  const inButton = h('button', { type: 'button', class: 'count-button count-in', id: 'count-in', t: 'countIn' });
  const outButton = h('button', { type: 'button', class: 'count-button count-out', id: 'count-out', t: 'countOut' });
  const note = h('p', { class: 'count-note', id: 'count-note', role: 'status' });
  let settleTimer: ReturnType<typeof setTimeout> | undefined;
  let syncing = false;
  const settle = () => {
    clearTimeout(settleTimer);
    settleTimer = setTimeout(() => void panel.refreshZone(), SETTLE_MS);
  };
  const counting: Counting = { options, zone, tally, undo, note, settle };
  const render = () => {
    tally.show();
    zone.show();
  };
  const panel = {
    element: h(
      'section',
      { class: 'card walk-in-panel', id: 'walk-in-panel' },
      ...zone.elements,
      h('div', { class: 'count-buttons' }, inButton, outButton),
      undo.button,
      note,
      h('h2', { t: 'countsToday' }),
      tally.element,
      h('p', { class: 'muted clicker-help', t: 'clickerHelp' }),
    ),
    active: false,
    render,
    pending: queuedCountCount,
    /** Sends what waits, in order, unless a sync is under way or the gate is offline. */
    async sync(): Promise<void> {
      if (syncing || options.offline()) return;
      syncing = true;
      try {
        await sendQueuedCounts((gateId, newest) => {
          if (gateId === options.gate().gateId) zone.learn(newest, false, false);
        });
      } catch (error) {
        if (error instanceof NetworkError) options.goOffline();
      } finally {
        syncing = false;
        options.changed();
      }
    },
    async refreshZone(): Promise<void> {
      zone.restore();
      render();
      if (options.offline() || !panel.active) return;
      try {
        zone.learn(await request<ZoneStatus>(`/v1/gates/${options.gate().gateId}/counts`), false, false);
      } catch (error) {
        if (error instanceof NetworkError) options.goOffline();
      }
    },
  };
  inButton.addEventListener('click', () => void tap(counting, 'in'));
  outButton.addEventListener('click', () => void tap(counting, 'out'));
  undo.button.addEventListener('click', () => void undoLast(counting));
  // A tapped button keeps the focus, and a clicker's Space or Enter would press it again: let it go.
  panel.element.addEventListener('click', (event) => (event.target as HTMLElement).closest('button')?.blur());
  listenToClicker(
    () => panel.active,
    (direction) => void tap(counting, direction),
  );
  zone.restore();
  render();
  return panel;
}
