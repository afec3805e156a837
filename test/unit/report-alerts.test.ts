import { describe, expect, it } from 'vitest';
import { acknowledgement } from '../../shared/domain/report-shapes';

describe('the alerts a report counts', () => {
  it('counts a day closed as a record, not as an alert left unacknowledged', () => {
    expect(
      acknowledgement([
        { kind: 'level', secondsToAcknowledge: 30 },
        { kind: 'incident', secondsToAcknowledge: 90 },
        { kind: 'level' },
        { kind: 'dayClosed' },
      ]),
    ).toEqual({ alerts: 3, alertsAcknowledged: 2, medianSecondsToAcknowledge: 30 });
  });

  it('gives the middle wait of those acknowledged, the lower one of an even count', () => {
    expect(
      acknowledgement([120, 5, 60].map((seconds) => ({ kind: 'level' as const, secondsToAcknowledge: seconds }))),
    ).toEqual({ alerts: 3, alertsAcknowledged: 3, medianSecondsToAcknowledge: 60 });
    expect(acknowledgement([{ kind: 'dayClosed' }])).toEqual({ alerts: 0, alertsAcknowledged: 0 });
  });
});
