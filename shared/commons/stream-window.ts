import type { DynamoDBStreamEvent } from 'aws-lambda';

/**
 * A stream event on a mapping with a tumbling window: it names its shard (AWS's TimeWindowProperties).
 * The counters that keep a mark per shard (the zones, the holders, the gate hours) have a window for
 * that name, not to hold records: they keep no state in it, and answer an empty one, as a function on
 * a window must (one that answers none has failed).
 */
export type WindowedStreamEvent = DynamoDBStreamEvent & Partial<StreamWindow>;

/** What a tumbling window adds to a stream event (AWS's TimeWindowProperties). */
export interface StreamWindow {
  shardId: string;
  eventSourceARN: string;
  window: { start: string; end: string };
  state: Record<string, unknown>;
  isFinalInvokeForWindow: boolean;
  isWindowTerminatedEarly: boolean;
}

/** The batch's shard; a batch without one came from a mapping without its tumbling window. */
export function shardOf(event: WindowedStreamEvent): string {
  if (!event.shardId)
    throw new Error("a stream batch without its shard: a counter marked per shard needs its mapping's tumbling window");
  return event.shardId;
}
