import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Place } from '../domain/alert-text';
import { ALERT_AFTER, GUESS_WINDOW_MINUTES, guessWindow, previousGuessWindow } from '../domain/short-code-guesses';
import type { AlertRecord } from '../store/alerts-store';
import { runsOfMisses } from '../store/guesses-store';

export interface GuessWatchDeps {
  client: DynamoDBDocumentClient;
  tables: { fair: string };
  /** Where the notice is shown: the venue. */
  venue: Place;
  now: () => Date;
  notify: (alert: AlertRecord, place: Place) => Promise<void>;
}

/**
 * Every minute: a credential with `ALERT_AFTER` or more short codes naming no ticket in the current or
 * the last window raises one notice naming it (once a window), so organisers can revoke a lost gate
 * sheet or talk to an exhibitor trying codes. The alert ids it raised or found raised.
 */
export async function watchGuesses(deps: GuessWatchDeps): Promise<string[]> {
  const at = deps.now();
  const runs = (
    await Promise.all(
      [previousGuessWindow(at), guessWindow(at)].map((window) =>
        runsOfMisses(deps.client, deps.tables.fair, window, ALERT_AFTER),
      ),
    )
  ).flat();
  const raised: string[] = [];
  for (const run of runs) {
    const alertId = `guesses-${run.credentialId.replace(/[^A-Za-z0-9_-]/g, '')}-${run.window.replace(/\D/g, '')}.0`;
    const raisedAt = at.toISOString();
    await deps.notify(
      {
        alertId,
        kind: 'short-code-guesses',
        zoneId: deps.venue.zoneId,
        credentialLabel: run.label,
        people: run.misses,
        minutes: GUESS_WINDOW_MINUTES,
        level: 'normal',
        previousLevel: 'normal',
        count: run.misses,
        capacity: 0,
        raisedAt,
        escalation: 0,
        feed: 'ALERTS',
        feedKey: `${raisedAt}#${alertId}`,
      },
      deps.venue,
    );
    raised.push(alertId);
  }
  return raised;
}
