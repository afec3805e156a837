import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

/**
 * Counters a stream's consumer adds to once per record in effect, with neither a marker nor a
 * transaction: the counter's item keeps, for each stream shard, the last sequence number it counted
 * (an attribute `upTo#<shardId>`, padded so that DynamoDB compares it as a string). A batch's part is
 * added on condition that none of it was (the shard's mark below its first record); refused, the
 * item's own mark says what of it is in, and the rest is added on condition the mark is still that one.
 * A shard writes its own mark only, and additions commute, so shards never race each other; a shard is
 * read by one invocation at a time, so a refusal means a redelivery, never a rival.
 */
export const SHARD_MARK_PREFIX = 'upTo#';

/** Stream sequence numbers are decimal strings of varying length: pad them to compare as strings. */
export function sortableSequence(sequence: string): string {
  return sequence.padStart(48, '0');
}

/** An addition to one counter item: what to SET (names the caller's own) and ADD, as expression clauses. */
export interface CounterAddition {
  TableName: string;
  Key: Record<string, string>;
  set: string[];
  add: string[];
  names: Record<string, string>;
  values: Record<string, unknown>;
}

/** A shard's part of a batch: its records' sequence numbers, as the stream gives them, first to last. */
export interface ShardPart {
  shardId: string;
  first: string;
  last: string;
  /** The item's mark as a refusal showed it (padded): the part was built to go above it. */
  above?: string;
}

/** Added, or refused with the item's mark for the shard (padded; undefined when it has none). */
export type AdditionOutcome = { added: true } | { added: false; upTo: string | undefined };

/** An item's counters without the shards' marks: what a reader of the counts wants. */
export function withoutShardMarks(item: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !name.startsWith(SHARD_MARK_PREFIX)));
}

/** Adds to a counter item on condition its shard's mark says none of the part is in, and moves the mark. */
export async function addOnce(
  client: DynamoDBDocumentClient,
  addition: CounterAddition,
  part: ShardPart,
): Promise<AdditionOutcome> {
  const names = { ...addition.names, '#mark': `${SHARD_MARK_PREFIX}${part.shardId}` };
  const values = { ...addition.values, ':last': sortableSequence(part.last) };
  const condition = part.above === undefined ? 'attribute_not_exists(#mark) OR #mark < :first' : '#mark = :above';
  if (part.above === undefined) Object.assign(values, { ':first': sortableSequence(part.first) });
  else Object.assign(values, { ':above': part.above });
  try {
    await client.send(
      new UpdateCommand({
        TableName: addition.TableName,
        Key: addition.Key,
        UpdateExpression: `SET ${[...addition.set, '#mark = :last'].join(', ')}${addition.add.length > 0 ? ` ADD ${addition.add.join(', ')}` : ''}`,
        ConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return { added: true };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const stored = error.Item ? unmarshall(error.Item) : undefined;
    const upTo = stored?.[`${SHARD_MARK_PREFIX}${part.shardId}`];
    return { added: false, upTo: typeof upTo === 'string' ? upTo : undefined };
  }
}

/**
 * One counter item's part of a shard's batch, added once: built from its records, refused when a
 * delivery before added some of them, then built again from those above the item's mark. `build`
 * answers undefined when the records it is given add nothing (no write then).
 */
export async function addPartOnce<T extends { sequence: string }>(
  client: DynamoDBDocumentClient,
  shardId: string,
  records: T[],
  build: (records: T[]) => CounterAddition | undefined,
): Promise<{ applied: number; skipped: number }> {
  let pending = records;
  let above: string | undefined;
  // Three tries at most: the first assumes none of the part is in; a refusal shows the mark, and the
  // rest goes on condition it still stands; only a rival delivery of the same shard (a timed-out
  // invocation still running) could move it once more. Past that the batch fails and comes again.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const addition = pending.length > 0 ? build(pending) : undefined;
    if (!addition) return { applied: 0, skipped: records.length - pending.length };
    const part = {
      shardId,
      first: (pending[0] as T).sequence,
      last: (pending.at(-1) as T).sequence,
      ...(above === undefined ? {} : { above }),
    };
    const outcome = await addOnce(client, addition, part);
    if (outcome.added) return { applied: pending.length, skipped: records.length - pending.length };
    above = outcome.upTo;
    const mark = above;
    pending = mark === undefined ? pending : pending.filter(({ sequence }) => sortableSequence(sequence) > mark);
  }
  throw new Error(`a counter's mark for shard ${shardId} kept changing: the batch will be retried`);
}
