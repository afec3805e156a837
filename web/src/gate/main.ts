import { zoneOf } from '../../../shared/domain/fair-time';
import '../common/style.css';
import { ZoneTree } from '../../../shared/domain/zone-tree';
import { deviceId } from '../common/device';
import { h } from '../common/dom';
import { watchFloor } from '../common/floor-watch';
import { applyLanguage, onLanguageChange } from '../common/i18n';
import { scanPanel } from '../common/scan-panel';
import { keepFresh } from '../common/seen-again';
import { type PageContext, startPage } from '../common/session';
import { VerdictView } from '../common/verdict-view';
import { gateConnection } from './connection';
import { controlsPanel, type GateMode } from './controls';
import { deviceLog } from './device-log';
import { OfflineKit } from './offline-kit';
import { queuedCount, unsentWork } from './offline-store';
import { pinControl } from './pin-control';
import { gateScanning } from './scanning';
import { statusCard } from './status-card';
import { walkInPanel } from './walk-in-panel';

/**
 * /gate: scan tickets in and out. Online, the API judges each scan; when it cannot be reached the
 * device judges with the keys and revocations it keeps, queues the scan in IndexedDB, and sends the
 * queue through POST /v1/scans/batch as soon as the API answers again. Offline needs no switch.
 * The page is its panels: the controls (gate, direction, mode), the walk-in counter, the scanner, the
 * status card and this device's last scans; this function puts them together.
 */
const ZONE_REFRESH_MS = 5000;

/** Count mode shows the counter, and Entry or Exit goes with the scanner below it; Scan mode the scanner. */
function place(
  mode: GateMode,
  parts: {
    controls: ReturnType<typeof controlsPanel>;
    counter: ReturnType<typeof walkInPanel>;
    scanSection: HTMLElement;
    scanToo: HTMLElement;
  },
): void {
  const { controls, counter, scanSection, scanToo } = parts;
  const counting = mode === 'count';
  counter.active = counting;
  counter.element.hidden = !counting;
  scanToo.hidden = !counting;
  if (counting) {
    scanToo.append(controls.directions, scanSection);
    void counter.refreshZone();
  } else {
    controls.modes.after(controls.directions);
    counter.element.after(scanSection);
  }
}

function render({ me, fair, shell }: PageContext): void {
  const gates = me.role === 'organiser' ? fair.gates : fair.gates.filter((g) => me.scope.gates?.includes(g.gateId));
  if (gates.length === 0) return void shell.main.replaceChildren(h('p', { class: 'card notice', t: 'noGates' }));
  const kit = new OfflineKit();
  const tree = new ZoneTree(fair.zones);
  const device = deviceId();
  const log = deviceLog(zoneOf(fair));
  // Told of a change only once the page is built (the steward's taps, then `controls.start()`).
  const controls = controlsPanel(gates, (changed, what) => {
    if (what === 'mode') place(changed.mode, { controls, counter, scanSection, scanToo });
    if (what !== 'gate') return;
    counter.render();
    void counter.refreshZone();
  });
  const { settings } = controls;
  const connection = gateConnection({ kit, changed: () => void showStatus(), syncCounts: () => counter.sync() });
  // A steward may do both at one door: in Count mode the camera and a handheld scanner still check tickets.
  const counter = walkInPanel({
    fair,
    gate: () => settings.gate,
    deviceId: device,
    offline: () => connection.state.offline,
    goOffline: connection.goOffline,
    changed: () => void showStatus(),
  });
  const status = statusCard(fair, kit, pinControl(controls.lockChanged));
  const problem = h('p', { class: 'form-error', role: 'alert', id: 'gate-problem', hidden: true });
  const floor = watchFloor({
    fair,
    page: 'gate',
    at: () => settings.gate.gateId,
    unsent: unsentWork,
    revocationsUpdatedAt: () => kit.updatedAt,
  });
  const scanning = gateScanning({
    me,
    fair,
    kit,
    tree,
    deviceId: device,
    settings,
    connection,
    floor,
    log,
    verdicts: new VerdictView(document.body),
    problem,
    statusChanged: () => void showStatus(),
  });
  const scanSection = scanPanel((code, source) => scanning.onCode(code, source));
  const scanToo = h('details', { class: 'card scan-too', id: 'scan-too' }, h('summary', { t: 'scanToo' }));

  async function showStatus(): Promise<void> {
    const { syncing, conflicts, offline } = connection.state;
    status.update({ waiting: (await queuedCount()) + (await counter.pending()), syncing, conflicts });
    log.render();
    shell.setConnection(offline ? 'offline' : 'online');
  }

  shell.main.replaceChildren(
    status.banner,
    controls.element,
    counter.element,
    scanSection,
    scanToo,
    problem,
    status.element,
    log.element,
  );
  connection.start();
  keepFresh(() => void counter.refreshZone(), ZONE_REFRESH_MS);
  controls.start();
  void showStatus();
  onLanguageChange(() => {
    controls.relabel();
    void showStatus();
    counter.render();
  });
  applyLanguage();
}

void startPage({ title: 'gateTitle', roles: ['gate', 'supervisor'], render });
