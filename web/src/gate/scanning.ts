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

/**
 * A code read at the gate, to its verdict: the API judges it online; offline (or when the API cannot be
 * reached in time) the phone judges it with its kit and queues it. A held ticket is one scan however
 * many frames read it; a supervisor may admit despite a refusal, saying why.
 */
export function gateScanning(deps: ScanningDeps) {
  const { fair, settings, connection, problem } = deps;
  const scanIds = new ScanIds();
  const say = (text: string) => {
    problem.textContent = text;
    problem.hidden = false;
  };

  /** The verdict on screen, and in the short list of this device's last scans. */
  function show(given: ShownVerdict): void {
    // A refusal for the hours says when this ticket's category may come in next (its own rule).
    const rule = fair.access?.find((entry) => entry.category === given.category);
    const next = given.verdict === 'FAIR_CLOSED' ? nextOpening(rule?.hours ?? fair.hours, fairNow()) : undefined;
    const opens = next
      ? next.day === fairToday(zoneOf(fair))
        ? t('opensAt', { time: next.opens })
        : t('opensOn', { day: formatDay(next.day), time: next.opens })
      : undefined;
    const shown = opens && !given.extra ? { ...given, extra: opens } : given;
    deps.verdicts.show(shown);
    deps.log.remember(shown);
  }

  const scanOf = (scanId: string, token: string): GateScan => ({
    scanId,
    token,
    gateId: settings.gate.gateId,
    direction: settings.direction,
    scannedAt: fairNow().toISOString(),
    deviceId: deps.deviceId,
  });

  async function checkIn(scan: GateScan): Promise<void> {
    problem.hidden = true;
    if (!connection.state.offline) {
      try {
        const answer = await request<GateScanAnswer>('/v1/scans', { body: scan, timeoutMs: SCAN_TIMEOUT_MS });
        if (!answer.replayed) deps.log.count(answer.verdict);
        show(
          canOverride(deps.me.role, answer.verdict)
            ? { ...answer, action: { label: 'overrideAction', run: () => void override(scan.token, answer.verdict) } }
            : answer,
        );
        deps.statusChanged();
        return;
      } catch (error) {
        if (!(error instanceof NetworkError)) return say(explain(error));
        // This credential's short codes are refused for a while (too many named no ticket): the
        // network is fine, and a code queued offline would be refused again.
        if (error.status === 429 && normalizeShortCode(scan.token)) return say(t('shortCodesPaused'));
        connection.goOffline();
      }
    }
    await judgeHere(scan);
  }

  /** A supervisor admits despite the refusal, saying why: the same ticket sent again, as a new scan. */
  async function override(token: string, verdict: string): Promise<void> {
    const reason = await askOverrideReason(verdict);
    if (!reason) return;
    const scan = { ...scanOf(crypto.randomUUID(), token), override: { reason } };
    try {
      const answer = await request<GateScanAnswer>('/v1/scans', { body: scan, timeoutMs: SCAN_TIMEOUT_MS });
      deps.log.count(answer.verdict);
      show(answer.overridden ? { ...answer, extra: t('overridden') } : answer);
    } catch (error) {
      say(explain(error));
    }
  }

  async function judgeHere(scan: GateScan): Promise<void> {
    const judged = await judgeOnDevice(scan, {
      kit: deps.kit,
      fair,
      tree: deps.tree,
      deviceId: deps.deviceId,
      gate: settings.gate,
      evacuating: deps.floor.evacuating(deps.tree.path(settings.gate.zoneId)),
    });
    if (judged.counted) deps.log.count(judged.shown.verdict);
    show(judged.shown);
    deps.statusChanged();
  }

  return {
    async onCode(token: string, source: Source): Promise<void> {
      const scanId = scanIds.take(token, source);
      if (!scanId) {
        // A marker for whoever checks that a held ticket stays one scan: repeats seen and left out.
        document.body.dataset.repeatsDropped = String(scanIds.dropped);
        return;
      }
      try {
        await checkIn(scanOf(scanId, token));
      } finally {
        scanIds.settled(token);
      }
    },
  };
}
