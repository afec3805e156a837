import type { Evacuation, HeartbeatAnswer } from '../../../shared/contract/answers';
import { request } from './api';
import { deviceId } from './device';
import { h } from './dom';
import { fairNow } from './fair-clock';
import { alarm } from './feedback';
import { applyLanguage, t } from './i18n';
import { zoneNameIn } from './names';
import { keepFresh } from './seen-again';
import { STORED } from './stored';
import type { Fair } from './types';

/**
 * What every working page (gate, door, booth) does beside its own job: every few seconds it reports its
 * device (unsent work, clock, battery, page version) and hears back what the floor says: an evacuation
 * under way, the organisers' broadcasts for it. An evacuation takes the whole screen with an alarm; a
 * broadcast stays on top until read, and its reading goes back as a receipt. The last word heard is
 * kept on the device: reloaded offline, the page still shows an evacuation it knew of.
 */
export const HEARTBEAT_EVERY_MS = 10_000;
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

/** The evacuation over the whole screen, until understood (and shown again for a new one). */
function evacuationOverlay(fair: Fair) {
  const overlay = h('div', {
    class: 'evacuation',
    id: 'evacuation',
    role: 'alertdialog',
    'aria-live': 'assertive',
    hidden: true,
  });
  let acknowledged = '';
  return {
    element: overlay,
    show(evacuation: Evacuation | undefined): void {
      document.body.dataset.evacuation = evacuation ? 'true' : 'false';
      if (!evacuation) {
        overlay.hidden = true;
        overlay.replaceChildren();
        return;
      }
      const understood = h('button', {
        type: 'button',
        class: 'evacuation-ok',
        t: 'evacuationUnderstood',
        onclick: () => {
          acknowledged = evacuation.evacuationId;
          overlay.classList.add('acknowledged');
        },
      });
      overlay.classList.toggle('acknowledged', acknowledged === evacuation.evacuationId);
      const zone = zoneNameIn(fair, evacuation.zoneId) ?? evacuation.zoneId;
      overlay.replaceChildren(
        h('p', { class: 'evacuation-title', t: 'evacuationTitle' }),
        h('p', { class: 'evacuation-zone' }, t('evacuationZone', { zone })),
        h('p', { class: 'evacuation-reason' }, evacuation.reason),
        h('p', { class: 'evacuation-do', t: 'evacuationDo' }),
        understood,
      );
      overlay.hidden = false;
      applyLanguage(overlay);
    },
  };
}

/**
 * The organisers' broadcasts on top of the page until read; each reading is kept on the device and
 * goes back as a receipt with the next heartbeat (`readNow` sends it at once).
 */
function broadcastBanner(readNow: () => void) {
  const banner = h('div', { class: 'broadcasts', id: 'broadcasts', 'aria-live': 'polite' });
  const read = new Set<string>(JSON.parse(localStorage.getItem(STORED.broadcastsRead) ?? '[]') as string[]);
  let unreported = new Set<string>();
  const item = (broadcast: HeartbeatAnswer['broadcasts'][number]) =>
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
          localStorage.setItem(STORED.broadcastsRead, JSON.stringify([...read]));
          banner.querySelector(`[data-incident="${broadcast.incidentId}"]`)?.remove();
          readNow();
        },
      }),
    );
  return {
    element: banner,
    /** The receipts to send now (at most 50 a heartbeat). */
    receipts: () => [...unreported].slice(0, 50),
    /** The server has the receipts sent. */
    reported(sent: string[]): void {
      unreported = new Set([...unreported].filter((id) => !sent.includes(id)));
    },
    show(broadcasts: HeartbeatAnswer['broadcasts']): void {
      banner.replaceChildren(...broadcasts.filter((each) => !each.read && !read.has(each.incidentId)).map(item));
      applyLanguage(banner);
    },
  };
}

/** The device's report: unsent work and since when, its clock, battery, page version, receipts. */
async function heartbeatBody(options: FloorWatchOptions, read: string[]) {
  const unsent = await options.unsent();
  const battery = await (
    (navigator as Navigator & { getBattery?: () => Promise<BatteryManager> }).getBattery?.() ??
    Promise.resolve(undefined)
  ).catch(() => undefined);
  const at = options.at();
  const revocations = options.revocationsUpdatedAt?.();
  return {
    deviceId: deviceId(),
    page: options.page,
    version: PAGE_VERSION,
    ...(at ? { at } : {}),
    unsent: unsent.count,
    ...(unsent.oldestAt ? { oldestUnsentAt: unsent.oldestAt } : {}),
    clock: fairNow().toISOString(),
    ...(battery ? { battery: Math.round(battery.level * 100) / 100, charging: battery.charging } : {}),
    ...(revocations ? { revocationsUpdatedAt: revocations } : {}),
    ...(read.length > 0 ? { read } : {}),
  };
}

export function watchFloor(options: FloorWatchOptions): FloorWatch {
  let evacuation: Evacuation | undefined = JSON.parse(localStorage.getItem(STORED.evacuation) ?? 'null') ?? undefined;
  const overlay = evacuationOverlay(options.fair);
  const banner = broadcastBanner(() => void beat());
  document.body.append(overlay.element);
  document.querySelector('main')?.before(banner.element);

  async function beat(): Promise<void> {
    const sending = banner.receipts();
    try {
      const body = await heartbeatBody(options, sending);
      const answer = await request<HeartbeatAnswer>('/v1/devices/heartbeat', { body, timeoutMs: 5000 });
      banner.reported(sending);
      const started = !evacuation && answer.evacuation;
      evacuation = answer.evacuation;
      localStorage.setItem(STORED.evacuation, JSON.stringify(evacuation ?? null));
      if (started) alarm();
      overlay.show(evacuation);
      options.onEvacuation?.(evacuation);
      banner.show(answer.broadcasts);
    } catch {
      // Offline: the evacuation last heard of stays on screen; the next contact brings what changed.
    }
  }

  overlay.show(evacuation);
  void beat();
  // Every beat, and at once when the screen comes back on (a hidden page's beats are slowed).
  keepFresh(() => void beat(), HEARTBEAT_EVERY_MS);
  // Back on the network: heard at once. An evacuation that began while the phone was cut off reaches
  // it as its network returns, not up to a beat later.
  window.addEventListener('online', () => void beat());
  return {
    evacuation: () => evacuation,
    evacuating: (zonePath) => evacuation !== undefined && zonePath.includes(evacuation.zoneId),
  };
}
