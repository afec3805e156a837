import { NetworkError, request } from '../common/api';
import { explain } from '../common/explain';
import { t } from '../common/i18n';
import type { ScanIds } from '../common/scan-ids';
import type { Source } from '../common/scan-panel';
import type { DoorAnswer, Workshop } from '../common/types';
import type { VerdictView } from '../common/verdict-view';
import type { ExitQueue } from './exit-queue';

/** What a scan at the door works with: the workshop and mode chosen, and where its verdict goes. */
export interface Door {
  current: Workshop;
  mode: 'admit' | 'exit';
  scanIds: ScanIds;
  verdicts: VerdictView;
  exits: ExitQueue;
  problem: HTMLElement;
  /** The seats the answer left, shown at once, then the workshop read afresh. */
  seatsLeft: (workshop: Workshop) => void;
  offline: () => void;
}

/**
 * A code scanned at the door: admitted or let out by the API, which counts the seats. Offline the door
 * admits no one (it says so, full screen); an exit is kept on the phone and sent when the network is
 * back, since letting out only frees a seat.
 */
export async function scanAtDoor(door: Door, token: string, source: Source): Promise<void> {
  // A code let in and then let out is two scans, however soon: the id is the code's within one mode.
  await door.scanIds.send(`${door.mode}:${token}`, source, door.verdicts, (scanId) => sendScan(door, token, scanId));
}

/** The scan sent to the door's API; false when it went unanswered (the network, or an error said instead). */
async function sendScan(door: Door, token: string, scanId: string): Promise<boolean> {
  const { current, mode, verdicts, problem } = door;
  problem.hidden = true;
  const path = `/v1/workshops/${encodeURIComponent(current.workshopId)}/${mode === 'admit' ? 'admissions' : 'exits'}`;
  try {
    const answer = await request<DoorAnswer>(path, { body: { scanId, token }, timeoutMs: 5000 });
    const left = t('seatsLeftCount', { count: answer.seatsLeft });
    verdicts.show({
      verdict: answer.verdict,
      replayed: answer.replayed,
      reason: answer.reason,
      extra: answer.waitlistPosition ? `${t('onWaitlist', { position: answer.waitlistPosition })} · ${left}` : left,
    });
    door.seatsLeft({ ...current, seatsLeft: answer.seatsLeft, admitted: current.capacity - answer.seatsLeft });
    return true;
  } catch (error) {
    // Each failure is unanswered: the code keeps its id, and scanned again the API says what it did.
    if (!(error instanceof NetworkError)) {
      problem.textContent = explain(error);
      problem.hidden = false;
      return false;
    }
    // A server that answered "too many" or failed is not "no network": the same action, its own words.
    const noNetwork = error.status === undefined;
    if (mode === 'exit') {
      const count = door.exits.add({ workshopId: current.workshopId, scanId, token });
      const extra = t(noNetwork ? 'doorExitQueued' : 'doorExitQueuedServerBusy', { count });
      verdicts.show({ verdict: 'EXITED', offline: noNetwork, extra });
    } else {
      // Not admitted here, and said full screen with its sound: the host is looking at the person.
      verdicts.show({ verdict: 'UNCHECKED', reasonKey: noNetwork ? 'doorOffline' : 'doorServerBusy' });
    }
    if (noNetwork) door.offline();
    return false;
  }
}
