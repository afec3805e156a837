import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { DemoClock } from '../demo-clock';
import type { FunctionPool } from '../lambda/function-pool';
import type { LocalResources } from '../provision/local-resources';
import type { Topology } from '../template/topology';
import { CheckpointStore } from './checkpoint-store';
import { QueuePoller } from './queue-poller';
import { StreamPoller } from './stream-poller';

export interface EventSourcesOptions {
  topology: Topology;
  resources: LocalResources;
  pool: FunctionPool;
  sqs: SQSClient;
  streams: DynamoDBStreamsClient;
  clock: DemoClock;
  /** Where stream checkpoints survive a restart; undefined keeps them in memory. */
  checkpointsPath: string | undefined;
  log: (line: string) => void;
  /** Invokes a scheduled function with the event EventBridge sends. */
  runSchedule: (functionId: string) => Promise<unknown>;
}

/**
 * What feeds the functions besides the API: the template's event source mappings (a poller per SQS
 * queue and per DynamoDB stream, with Lambda's semantics) and its EventBridge schedules.
 */
export class EventSources {
  private readonly pollers: (QueuePoller | StreamPoller)[] = [];
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly streamPollers = new Map<string, StreamPoller>();

  constructor(private readonly options: EventSourcesOptions) {}

  /** Whether a function's stream mapping has finished everything written before `since` (ms); see StreamPoller. */
  streamCaughtUpSince(functionId: string, since: number): boolean {
    return this.streamPollers.get(functionId)?.caughtUpSince(since) ?? false;
  }

  start(): void {
    const { topology, resources, pool, sqs, streams, log } = this.options;
    const checkpoints = new CheckpointStore(this.options.checkpointsPath);
    for (const mapping of topology.mappings) {
      if (!mapping.enabled || !pool.has(mapping.functionId)) continue;
      const functionName = pool.spec(mapping.functionId).name;
      const invoke = (event: unknown) => pool.invoke(mapping.functionId, event);
      const poller =
        mapping.kind === 'sqs'
          ? new QueuePoller({
              mapping,
              functionName,
              queueUrl: resources.queueUrl(mapping.queueId),
              queueArn: resources.queueArn(mapping.queueId),
              sqs,
              invoke,
              log,
            })
          : new StreamPoller({
              mapping,
              functionName,
              functionArn: resources.functionArn(mapping.functionId),
              streamArn: resources.streamArn(mapping.tableId),
              streams,
              sqs,
              onFailureQueueUrl: mapping.onFailureQueueId ? resources.queueUrl(mapping.onFailureQueueId) : undefined,
              checkpoints,
              invoke,
              log,
            });
      poller.start();
      this.pollers.push(poller);
      if (poller instanceof StreamPoller) this.streamPollers.set(mapping.functionId, poller);
    }
    this.startSchedules();
    this.options.clock.onChange(() => this.startSchedules());
  }

  /**
   * EventBridge rates run on the fair's clock: a demo clock running 60 times faster closes its days and
   * escalates its alerts 60 times sooner (never more often than once a second).
   */
  private startSchedules(): void {
    const { topology, clock, log, runSchedule } = this.options;
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    for (const schedule of topology.schedules) {
      const timer = setInterval(
        () => {
          runSchedule(schedule.functionId).catch((error: Error) => log(`schedule failed: ${error.message}`));
        },
        Math.max(1000, (schedule.rateSeconds * 1000) / clock.speed),
      );
      timer.unref();
      this.timers.push(timer);
    }
  }

  async stop(): Promise<void> {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    await Promise.allSettled(this.pollers.map((poller) => poller.stop()));
  }
}
