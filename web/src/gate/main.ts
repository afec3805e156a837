import { zoneOf } from '../../../shared/domain/fair-time';
import '../common/style.css';
import { nextOpening } from '../../../shared/domain/opening-hours';
import { normalizeShortCode } from '../../../shared/domain/short-code';
import { ZoneTree } from '../../../shared/domain/zone-tree';
import { NetworkError, request } from '../common/api';
import { deviceId } from '../common/device';
import { h } from '../common/dom';
import { explain } from '../common/explain';
import { fairNow, fairToday } from '../common/fair-clock';
import { watchFloor } from '../common/floor-watch';
import { applyLanguage, formatDay, formatTime, localName, onLanguageChange, t } from '../common/i18n';
import { isLocked } from '../common/pin-lock';
import { ScanIds } from '../common/scan-ids';
import { type Source, scanPanel } from '../common/scan-panel';
import { type PageContext, startPage } from '../common/session';
import type { Gate, GateScanAnswer } from '../common/types';
import { type ShownVerdict, VerdictView } from '../common/verdict-view';
import { deviceLog } from './device-log';
import { OfflineKit } from './offline-kit';
import { judgeOnDevice, sendQueuedScans } from './offline-scans';
import { type GateScan, queuedCount, unsentWork } from './offline-store';
import { askOverrideReason, canOverride } from './override-dialog';
import { pinControl } from './pin-control';
import { walkInPanel } from './walk-in-panel';

/**
 * /gate: scan tickets in and out. Online, the API judges each scan; when it cannot be reached the
 * device judges with the keys and revocations it keeps, queues the scan in IndexedDB, and sends the
 * queue through POST /v1/scans/batch as soon as the API answers again. Offline needs no switch.
 */
const SCAN_TIMEOUT_MS = 2500;
const PROBE_EVERY_MS = 3000;
const KIT_REFRESH_MS = 60_000;
const ZONE_REFRESH_MS = 5000;

function render({ me, fair, shell }: PageContext): void {
  const gates = me.role === 'organiser' ? fair.gates : fair.gates.filter((g) => me.scope.gates?.includes(g.gateId));
  if (gates.length === 0) {
    shell.main.replaceChildren(h('p', { class: 'card notice', t: 'noGates' }));
    return;
  }
  const kit = new OfflineKit();
  const tree = new ZoneTree(fair.zones);
  const device = deviceId();
  let gate: Gate = gates.find((g) => g.gateId === localStorage.getItem('rawaq.gate')) ?? (gates[0] as Gate);
  let direction: 'in' | 'out' = localStorage.getItem('rawaq.direction') === 'out' ? 'out' : 'in';
  let offline = !navigator.onLine;
  let syncing = false;
  let conflicts = 0;
  const scanIds = new ScanIds();

  const log = deviceLog(zoneOf(fair));

  // --- the page ---
  const gateSelect = h(
    'select',
    { id: 'gate', 'aria-label': t('gateLabel') },
    ...gates.map((g) => h('option', { value: g.gateId, selected: g.gateId === gate.gateId }, localName(g))),
  );
  gateSelect.addEventListener('change', () => {
    if (isLocked()) {
      // Locked: the gate stays as the supervisor set it.
      gateSelect.value = gate.gateId;
      return;
    }
    gate = gates.find((g) => g.gateId === gateSelect.value) ?? gate;
    localStorage.setItem('rawaq.gate', gate.gateId);
    counter.render();
    void counter.refreshZone();
  });
  const directionButtons = (['in', 'out'] as const).map((value) =>
    h('button', {
      type: 'button',
      class: `direction direction-${value}`,
      'data-direction': value,
      'aria-pressed': String(value === direction),
      t: value === 'in' ? 'directionIn' : 'directionOut',
      onclick: () => {
        direction = value;
        localStorage.setItem('rawaq.direction', value);
        for (const button of directionButtons)
          button.setAttribute('aria-pressed', String(button.dataset.direction === value));
        document.body.dataset.direction = value;
      },
    }),
  );
  document.body.dataset.direction = direction;

  // Scan tickets, or count walk-ins (a free fair: most visitors hold no ticket). A steward may do both
  // at one door: in Count mode the camera and a handheld scanner still check tickets.
  let mode: 'scan' | 'count' = localStorage.getItem('rawaq.gateMode') === 'count' ? 'count' : 'scan';
  const counter = walkInPanel({
    fair,
    gate: () => gate,
    deviceId: device,
    offline: () => offline,
    goOffline: () => goOffline(),
    changed: () => void showStatus(),
  });
  const scanSection = scanPanel((code, source) => void onCode(code, source));
  const scanToo = h('details', { class: 'card scan-too', id: 'scan-too' }, h('summary', { t: 'scanToo' }));
  const modeButtons = (['scan', 'count'] as const).map((value) =>
    h('button', {
      type: 'button',
      class: 'mode',
      'data-mode': value,
      'aria-pressed': String(value === mode),
      t: value === 'scan' ? 'modeScan' : 'modeCount',
      onclick: () => setMode(value),
    }),
  );
  const setMode = (value: 'scan' | 'count') => {
    mode = value;
    localStorage.setItem('rawaq.gateMode', value);
    for (const button of modeButtons) button.setAttribute('aria-pressed', String(button.dataset.mode === value));
    document.body.dataset.mode = value;
    counter.active = value === 'count';
    counter.element.hidden = value !== 'count';
    scanToo.hidden = value !== 'count';
    // Entry or Exit applies to tickets scanned: in Count mode it goes with the scanner, below the buttons.
    if (value === 'count') {
      scanToo.append(directions, scanSection);
      void counter.refreshZone();
    } else {
      modesGroup.after(directions);
      counter.element.after(scanSection);
    }
  };
  const modesGroup = h('div', { class: 'segmented modes', role: 'group' }, ...modeButtons);
  const directions = h('div', { class: 'segmented directions', role: 'group' }, ...directionButtons);
  const pending = h('p', { class: 'pending', id: 'pending', role: 'status' });
  const readiness = h('p', { class: 'readiness', id: 'readiness' });
  // Offline judging on a list that may miss revocations matters more than anything below the fold.
  const staleBanner = h('p', { class: 'card banner-warn', id: 'revocations-stale', role: 'alert', hidden: true });
  const conflictNote = h('p', { class: 'conflicts', id: 'conflicts', hidden: true });
  const lock = pinControl(() => {
    gateSelect.disabled = isLocked();
  });
  gateSelect.disabled = isLocked();
  /** The verdict on screen, and in the short list of this device's last scans. */
  const show = (given: ShownVerdict) => {
    // A refusal for the hours says when this ticket's category may come in next (its own rule).
    const rule = fair.access?.find((entry) => entry.category === given.category);
    const next = given.verdict === 'FAIR_CLOSED' ? nextOpening(rule?.hours ?? fair.hours, fairNow()) : undefined;
    const shown =
      next && !given.extra
        ? {
            ...given,
            extra:
              next.day === fairToday(zoneOf(fair))
                ? t('opensAt', { time: next.opens })
                : t('opensOn', { day: formatDay(next.day), time: next.opens }),
          }
        : given;
    verdicts.show(shown);
    log.remember(shown);
  };
  const problem = h('p', { class: 'form-error', role: 'alert', id: 'gate-problem', hidden: true });
  const verdicts = new VerdictView(document.body);
  const floor = watchFloor({
    fair,
    page: 'gate',
    at: () => gate.gateId,
    unsent: unsentWork,
    revocationsUpdatedAt: () => kit.updatedAt,
  });

  shell.main.replaceChildren(
    staleBanner,
    h(
      'section',
      { class: 'card controls' },
      h('label', { for: 'gate', t: 'gateLabel' }),
      gateSelect,
      modesGroup,
      directions,
    ),
    counter.element,
    scanSection,
    scanToo,
    problem,
    h('section', { class: 'card status' }, pending, conflictNote, readiness, lock),
    log.element,
  );

  async function showStatus(): Promise<void> {
    const waiting = (await queuedCount()) + (await counter.pending());
    pending.textContent = syncing ? t('syncing') : waiting > 0 ? t('pending', { count: waiting }) : t('nonePending');
    pending.dataset.count = String(waiting);
    pending.classList.toggle('has-pending', waiting > 0);
    readiness.dataset.ready = String(kit.ready);
    readiness.dataset.failing = String(kit.failing);
    readiness.dataset.refreshing = String(kit.refreshing);
    const since = formatTime(kit.updatedAt ?? Date.now(), zoneOf(fair));
    readiness.textContent = !kit.ready
      ? t('offlineNotReady')
      : kit.failing
        ? t('revocationsOutOfDate', { time: since })
        : t('offlineReady', { count: kit.revoked.size, time: since });
    staleBanner.hidden = !(kit.ready && kit.failing);
    staleBanner.textContent = staleBanner.hidden ? '' : t('revocationsOutOfDate', { time: since });
    conflictNote.hidden = conflicts === 0;
    conflictNote.textContent = t('syncedConflicts', { count: conflicts });
    log.render();
    shell.setConnection(offline ? 'offline' : 'online');
  }

  // --- scanning ---
  async function onCode(token: string, source: Source): Promise<void> {
    const scanId = scanIds.take(token, source);
    if (!scanId) {
      // A marker for whoever checks that a held ticket stays one scan: repeats seen and left out.
      document.body.dataset.repeatsDropped = String(scanIds.dropped);
      return;
    }
    try {
      await checkIn(scanId, token);
    } finally {
      scanIds.settled(token);
    }
  }

  async function checkIn(scanId: string, token: string): Promise<void> {
    const scan: GateScan = {
      scanId,
      token,
      gateId: gate.gateId,
      direction,
      scannedAt: fairNow().toISOString(),
      deviceId: device,
    };
    problem.hidden = true;
    if (!offline) {
      try {
        const answer = await request<GateScanAnswer>('/v1/scans', { body: scan, timeoutMs: SCAN_TIMEOUT_MS });
        if (!answer.replayed) log.count(answer.verdict);
        show(
          canOverride(me.role, answer.verdict)
            ? { ...answer, action: { label: 'overrideAction', run: () => void override(token, answer.verdict) } }
            : answer,
        );
        void showStatus();
        return;
      } catch (error) {
        if (!(error instanceof NetworkError)) {
          problem.textContent = explain(error);
          problem.hidden = false;
          return;
        }
        if (error.status === 429 && normalizeShortCode(token)) {
          // This credential's short codes are refused for a while (too many named no ticket): the
          // network is fine, and a code queued offline would be refused again.
          problem.textContent = t('shortCodesPaused');
          problem.hidden = false;
          return;
        }
        goOffline();
      }
    }
    await judgeHere(scan);
  }

  /** A supervisor admits despite the refusal, saying why: the same ticket sent again, as a new scan. */
  async function override(token: string, verdict: string): Promise<void> {
    const reason = await askOverrideReason(verdict);
    if (!reason) return;
    const scan = {
      scanId: crypto.randomUUID(),
      token,
      gateId: gate.gateId,
      direction,
      scannedAt: fairNow().toISOString(),
      deviceId: device,
      override: { reason },
    };
    try {
      const answer = await request<GateScanAnswer>('/v1/scans', { body: scan, timeoutMs: SCAN_TIMEOUT_MS });
      log.count(answer.verdict);
      show(answer.overridden ? { ...answer, extra: t('overridden') } : answer);
    } catch (error) {
      problem.textContent = explain(error);
      problem.hidden = false;
    }
  }

  async function judgeHere(scan: GateScan): Promise<void> {
    const judged = await judgeOnDevice(scan, {
      kit,
      fair,
      tree,
      deviceId: device,
      gate,
      evacuating: floor.evacuating(tree.path(gate.zoneId)),
    });
    if (judged.counted) log.count(judged.shown.verdict);
    show(judged.shown);
    void showStatus();
  }

  // --- offline and back ---
  function goOffline(): void {
    if (offline) return;
    offline = true;
    void showStatus();
  }

  async function probe(): Promise<void> {
    if (!offline) return;
    try {
      await request('/v1/health', { timeoutMs: 2000 });
      offline = false;
      void showStatus();
      await sync();
      await counter.sync();
    } catch {
      // still offline: the next probe tries again
    }
  }

  async function sync(): Promise<void> {
    if (syncing || offline) return;
    syncing = true;
    try {
      await sendQueuedScans({
        beforeBatch: () => void showStatus(),
        onConflict: () => {
          conflicts += 1;
        },
      });
    } catch (error) {
      if (error instanceof NetworkError) goOffline();
    } finally {
      syncing = false;
      void showStatus();
    }
  }

  async function refreshKit(): Promise<void> {
    try {
      await kit.refresh();
    } catch (error) {
      // Another failure (the server refused or broke) is kept by the kit and shown; the next refresh
      // goes on from the last page read.
      if (error instanceof NetworkError) goOffline();
    }
    void showStatus();
  }

  window.addEventListener('offline', goOffline);
  window.addEventListener('online', () => void probe());
  setInterval(() => void probe(), PROBE_EVERY_MS);
  setInterval(() => void refreshKit(), KIT_REFRESH_MS);
  setInterval(() => void sync().then(() => counter.sync()), PROBE_EVERY_MS * 2);
  setInterval(() => void counter.refreshZone(), ZONE_REFRESH_MS);
  void refreshKit().then(() => sync().then(() => counter.sync()));
  setMode(mode);
  void showStatus();
  onLanguageChange(() => {
    for (const option of gateSelect.options) {
      const named = gates.find((g) => g.gateId === option.value);
      if (named) option.textContent = localName(named);
    }
    void showStatus();
    counter.render();
  });
  applyLanguage();
}

void startPage({ title: 'gateTitle', roles: ['gate', 'supervisor'], render });
