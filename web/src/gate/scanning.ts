import { zoneOf } from '../../../shared/domain/fair-time';
import { nextOpening } from '../../../shared/domain/opening-hours';
import { normalizeShortCode } from '../../../shared/domain/short-code';
import type { ZoneTree } from '../../../shared/domain/zone-tree';
import { NetworkError, request } from '../common/api';
import { explain } from '../common/explain';
import { fairNow, fairToday } from '../common/fair-clock';
import type { FloorWatch } from '../common/floor-watch';
import { formatDay, t } from '../common/i18n';
import { ScanIds } from '../common/scan-ids';
import type { Source } from '../common/scan-panel';
import type { Fair, GateScanAnswer, Me } from '../common/types';
import type { ShownVerdict, VerdictView } from '../common/verdict-view';
import type { GateConnection } from './connection';
import type { GateSettings } from './controls';
import type { deviceLog } from './device-log';
import type { OfflineKit } from './offline-kit';
import { judgeOnDevice } from './offline-scans';
import type { GateScan } from './offline-store';
import { askOverrideReason, canOverride } from './override-dialog';

const SCAN_TIMEOUT_MS = 2500;
/**
 * A code this phone cannot judge waits longer for the API before the page gives up on the network:
 * a short code (typed from a torn badge), looked up on the server only, and any code before the phone
 * has its kit's keys. Judged here either could only be "cannot check"; a slow API must not turn a good
 * ticket into that (the screen, or the Check button, says it is checking meanwhile).
 */
const SERVER_ONLY_TIMEOUT_MS = 10_000;

export interface ScanningDeps {
  me: Me;
  fair: Fair;
  kit: OfflineKit;
  tree: ZoneTree;
  deviceId: string;
  /** The gate and direction as the steward set them now. */
  settings: GateSettings;
  connection: GateConnection;
  floor: FloorWatch;
  log: ReturnType<typeof deviceLog>;
  verdicts: VerdictView;
  /** Where a request's own failure is said (not a verdict: the network is fine). */
  problem: HTMLElement;
  statusChanged: () => void;
}

/** A refusal for the hours says when this ticket's category may come in next (its own rule). */
function withOpening(fair: Fair, given: ShownVerdict): ShownVerdict {
  if (given.verdict !== 'FAIR_CLOSED' || given.extra) return given;
  const rule = fair.access?.find((entry) => entry.category === given.category);
  const next = nextOpening(rule?.hours ?? fair.hours, fairNow());
  if (!next) return given;
  const opens =
    next.day === fairToday(zoneOf(fair))
      ? t('opensAt', { time: next.opens })
      : t('opensOn', { day: formatDay(next.day), time: next.opens });
  return { ...given, extra: opens };
}

/** The verdict on screen, and in the short list of this device's last scans. */
function show(deps: ScanningDeps, given: ShownVerdict): void {
  const shown = withOpening(deps.fair, given);
  deps.verdicts.show(shown);
  deps.log.remember(shown);
}

/** A request's own failure (not a verdict: the network is fine); the scan went unanswered. */
function say({ problem }: ScanningDeps, text: string): false {
  problem.textContent = text;
  problem.hidden = false;
  return false;
}

const scanOf = (deps: ScanningDeps, scanId: string, token: string): GateScan => ({
  scanId,
  token,
  gateId: deps.settings.gate.gateId,
  direction: deps.settings.direction,
  scannedAt: fairNow().toISOString(),
  deviceId: deps.deviceId,
});

/** A supervisor admits despite the refusal, saying why: the same ticket sent again, as a new scan. */
async function override(deps: ScanningDeps, token: string, verdict: string): Promise<void> {
  const reason = await askOverrideReason(verdict);
  if (!reason) return;
  const scan = { ...scanOf(deps, crypto.randomUUID(), token), override: { reason } };
  deps.verdicts.checking('override');
  try {
    const answer = await request<GateScanAnswer>('/v1/scans', { body: scan, timeoutMs: SCAN_TIMEOUT_MS });
    deps.log.count(answer.verdict);
    show(deps, answer.overridden ? { ...answer, extra: t('overridden') } : answer);
  } catch (error) {
    say(deps, explain(error));
  } finally {
    deps.verdicts.settled();
  }
}

/** Judged on the phone with its kit, and queued. */
async function judgeHere(deps: ScanningDeps, scan: GateScan): Promise<void> {
  const { settings, tree } = deps;
  const judged = await judgeOnDevice(scan, {
    kit: deps.kit,
    fair: deps.fair,
    tree,
    deviceId: deps.deviceId,
    gate: settings.gate,
    evacuating: deps.floor.evacuating(tree.path(settings.gate.zoneId)),
  });
  if (judged.counted) deps.log.count(judged.shown.verdict);
  show(deps, judged.shown);
  deps.statusChanged();
}

/** The scan judged (online, or on the phone when the API cannot be reached); false when a failure was said instead. */
async function checkIn(deps: ScanningDeps, scan: GateScan): Promise<boolean> {
  deps.problem.hidden = true;
  if (!deps.connection.state.offline) {
    try {
      const serverOnly = normalizeShortCode(scan.token) || !deps.kit.ready;
      const timeoutMs = serverOnly ? SERVER_ONLY_TIMEOUT_MS : SCAN_TIMEOUT_MS;
      const answer = await request<GateScanAnswer>('/v1/scans', { body: scan, timeoutMs });
      if (!answer.replayed) deps.log.count(answer.verdict);
      const run = () => void override(deps, scan.token, answer.verdict);
      show(
        deps,
        canOverride(deps.me.role, answer.verdict) ? { ...answer, action: { label: 'overrideAction', run } } : answer,
      );
      deps.statusChanged();
      return true;
    } catch (error) {
      if (!(error instanceof NetworkError)) return say(deps, explain(error));
      // This credential's short codes are refused for a while (too many named no ticket): the
      // network is fine, and a code queued offline would be refused again.
      if (error.status === 429 && normalizeShortCode(scan.token)) return say(deps, t('shortCodesPaused'));
      deps.connection.goOffline();
    }
  }
  await judgeHere(deps, scan);
  return true;
}

/**
 * A code read at the gate, to its verdict: the API judges it online; offline (or when the API cannot be
 * reached in time) the phone judges it with its kit and queues it. A held ticket is one scan however
 * many frames read it; a supervisor may admit despite a refusal, saying why.
 */
export function gateScanning(deps: ScanningDeps) {
  const scanIds = new ScanIds();
  return {
    async onCode(token: string, source: Source): Promise<void> {
      const sent = await scanIds.send(token, source, deps.verdicts, (scanId) =>
        checkIn(deps, scanOf(deps, scanId, token)),
      );
      // A marker for whoever checks that a held ticket stays one scan: repeats seen and left out.
      if (!sent) document.body.dataset.repeatsDropped = String(scanIds.dropped);
    },
  };
}
