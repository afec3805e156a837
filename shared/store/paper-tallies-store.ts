import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { partitionItems } from './query-all';

/**
 * Walk-ins a gate counted on paper while the network or the power was out, entered afterwards (fair
 * table, `PAPER#<day>`, one item per gate and quarter-hour window): kept beside the live counts, never
 * in them, and reported as paper. Entering the same gate and window again replaces it (a corrected sheet).
 */
export interface PaperTally {
  gateId: string;
  day: string;
  /** The window, wall clock `HH:MM`, as the sheet says. */
  from: string;
  to: string;
  in: number;
  out: number;
  by: string;
  at: string;
}

export async function putPaperTally(client: DynamoDBDocumentClient, table: string, tally: PaperTally): Promise<void> {
  await client.send(
    new PutCommand({
      TableName: table,
      Item: { pk: `PAPER#${tally.day}`, sk: `${tally.gateId}#${tally.from}#${tally.to}`, ...tally },
    }),
  );
}

export async function listPaperTallies(
  client: DynamoDBDocumentClient,
  table: string,
  day: string,
): Promise<PaperTally[]> {
  return partitionItems<PaperTally>(client, table, `PAPER#${day}`, true);
}
