import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { CreateTopicCommand, type SNSClient } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueUrlCommand, SetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { SetupError } from '../emulators/dynamodb-local';
import type { Resolver } from '../template/intrinsics';
import type { QueueSpec, TableSpec, Topology } from '../template/topology';
import type { SecretVault } from './secret-vault';

const ACCOUNT = '000000000000';
const REGION = 'us-east-1';

/**
 * Creates the template's tables, queues and topics on the local engines (or finds them from an
 * earlier start) and answers the template's Ref/GetAtt with their local names and ARNs.
 */
/** A template's index as CreateTable and UpdateTable take it. */
function indexDefinition(index: TableSpec['globalSecondaryIndexes'][number]) {
  return {
    IndexName: index.IndexName,
    KeySchema: index.KeySchema,
    Projection: {
      ProjectionType: (index.Projection.ProjectionType ?? 'ALL') as 'ALL' | 'KEYS_ONLY' | 'INCLUDE',
      NonKeyAttributes: index.Projection.NonKeyAttributes,
    },
  };
}

export class LocalResources implements Resolver {
  private readonly streamArns = new Map<string, string>();
  private readonly queueUrls = new Map<string, string>();
  private readonly topicArns = new Map<string, string>();
  private readonly kinds = new Map<string, 'table' | 'queue' | 'topic' | 'secret' | 'function'>();

  constructor(
    private readonly topology: Topology,
    private readonly dynamo: DynamoDBClient,
    private readonly sqs: SQSClient,
    private readonly sns: SNSClient,
    private readonly vault: SecretVault,
    private readonly sqsEndpoint: string,
  ) {
    for (const table of topology.tables) this.kinds.set(table.logicalId, 'table');
    for (const queue of topology.queues) this.kinds.set(queue.logicalId, 'queue');
    for (const topic of topology.topics) this.kinds.set(topic, 'topic');
    for (const secret of topology.secrets) this.kinds.set(secret.logicalId, 'secret');
    for (const fn of topology.functions) this.kinds.set(fn.logicalId, 'function');
  }

  async provision(): Promise<void> {
    await Promise.all(this.topology.tables.map((table) => this.ensureTable(table)));
    // Dead-letter queues first: a queue's redrive policy names its DLQ's ARN.
    const isDeadLetter = new Set(this.topology.queues.flatMap((q) => (q.redrive ? [q.redrive.deadLetterQueueId] : [])));
    const ordered = [...this.topology.queues].sort(
      (a, b) => Number(isDeadLetter.has(b.logicalId)) - Number(isDeadLetter.has(a.logicalId)),
    );
    for (const queue of ordered) await this.ensureQueue(queue);
    for (const topic of this.topology.topics) {
      const { TopicArn } = await this.sns.send(new CreateTopicCommand({ Name: topic }));
      if (TopicArn) this.topicArns.set(topic, TopicArn);
    }
    for (const secret of this.topology.secrets) this.vault.ensure(this.secretArn(secret.logicalId), secret.length);
  }

  private async ensureTable(spec: TableSpec): Promise<void> {
    const TableName = spec.logicalId;
    let description = await this.dynamo.send(new DescribeTableCommand({ TableName })).catch((error: Error) => {
      if (error.name === 'ResourceNotFoundException') return undefined;
      throw error;
    });
    if (!description) {
      await this.dynamo.send(
        new CreateTableCommand({
          TableName,
          BillingMode: 'PAY_PER_REQUEST',
          KeySchema: spec.keySchema,
          AttributeDefinitions: spec.attributeDefinitions,
          GlobalSecondaryIndexes: spec.globalSecondaryIndexes.length
            ? spec.globalSecondaryIndexes.map(indexDefinition)
            : undefined,
          StreamSpecification: spec.streamViewType
            ? { StreamEnabled: true, StreamViewType: spec.streamViewType }
            : undefined,
        }),
      );
      if (spec.ttlAttribute) {
        await this.dynamo
          .send(
            new UpdateTimeToLiveCommand({
              TableName,
              TimeToLiveSpecification: { AttributeName: spec.ttlAttribute, Enabled: true },
            }),
          )
          .catch(() => undefined); // TTL is best effort on DynamoDB Local; nothing here relies on deletion.
      }
      description = await this.dynamo.send(new DescribeTableCommand({ TableName }));
    } else {
      const existingKeys = JSON.stringify(description.Table?.KeySchema ?? []);
      if (existingKeys !== JSON.stringify(spec.keySchema)) {
        throw new SetupError(
          `table ${TableName} in the data folder has keys ${existingKeys}, the stack wants ${JSON.stringify(spec.keySchema)}: the data folder is from an older version; move it away and start again`,
        );
      }
      // An index the stack added since this folder was made is created, as a deploy would on AWS.
      const existingIndexes = new Set(
        (description.Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName),
      );
      for (const index of spec.globalSecondaryIndexes.filter((wanted) => !existingIndexes.has(wanted.IndexName))) {
        await this.dynamo.send(
          new UpdateTableCommand({
            TableName,
            AttributeDefinitions: spec.attributeDefinitions,
            GlobalSecondaryIndexUpdates: [
              {
                Create: indexDefinition(index),
              },
            ],
          }),
        );
      }
      if (spec.streamViewType && !description.Table?.LatestStreamArn) {
        await this.dynamo.send(
          new UpdateTableCommand({
            TableName,
            StreamSpecification: { StreamEnabled: true, StreamViewType: spec.streamViewType },
          }),
        );
        description = await this.dynamo.send(new DescribeTableCommand({ TableName }));
      }
    }
    const streamArn = description.Table?.LatestStreamArn;
    if (streamArn) this.streamArns.set(spec.logicalId, streamArn);
  }

  private async ensureQueue(spec: QueueSpec): Promise<void> {
    const Attributes: Record<string, string> = {
      VisibilityTimeout: String(spec.visibilityTimeoutSeconds),
      MessageRetentionPeriod: String(spec.retentionSeconds),
    };
    if (spec.redrive) {
      Attributes.RedrivePolicy = JSON.stringify({
        deadLetterTargetArn: this.queueArn(spec.redrive.deadLetterQueueId),
        maxReceiveCount: String(spec.redrive.maxReceiveCount),
      });
    }
    const existing = await this.sqs.send(new GetQueueUrlCommand({ QueueName: spec.logicalId })).catch(() => undefined);
    if (existing?.QueueUrl) {
      await this.sqs.send(new SetQueueAttributesCommand({ QueueUrl: this.onEndpoint(existing.QueueUrl), Attributes }));
      this.queueUrls.set(spec.logicalId, this.onEndpoint(existing.QueueUrl));
      return;
    }
    const { QueueUrl } = await this.sqs.send(new CreateQueueCommand({ QueueName: spec.logicalId, Attributes }));
    if (!QueueUrl) throw new Error(`the emulator gave no URL for queue ${spec.logicalId}`);
    this.queueUrls.set(spec.logicalId, this.onEndpoint(QueueUrl));
  }

  /**
   * fauxqs names queues `http://sqs.<region>.localhost:<port>/...`, a host that need not resolve, and
   * the SDK sends to a queue URL's host: point every URL at the emulator's loopback address instead.
   */
  private onEndpoint(queueUrl: string): string {
    // Not new URL(): bound to 127.0.0.1, the emulator names hosts like sqs.us-east-1.127.0.0.1, which a
    // URL parser reads as a malformed IPv4 address.
    return `${this.sqsEndpoint}${queueUrl.replace(/^[a-z]+:\/\/[^/]+/i, '')}`;
  }

  tableName(logicalId: string): string {
    return logicalId;
  }

  streamArn(logicalId: string): string {
    const arn = this.streamArns.get(logicalId);
    if (!arn) throw new Error(`table ${logicalId} has no stream`);
    return arn;
  }

  queueUrl(logicalId: string): string {
    const url = this.queueUrls.get(logicalId);
    if (!url) throw new Error(`queue ${logicalId} was not created`);
    return url;
  }

  queueArn(logicalId: string): string {
    return `arn:aws:sqs:${REGION}:${ACCOUNT}:${logicalId}`;
  }

  secretArn(logicalId: string): string {
    return `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${logicalId}`;
  }

  functionArn(logicalId: string): string {
    const fn = this.topology.functions.find((f) => f.logicalId === logicalId);
    return `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${fn?.name ?? logicalId}`;
  }

  ref(logicalId: string): string {
    switch (this.kinds.get(logicalId)) {
      case 'table':
        return this.tableName(logicalId);
      case 'queue':
        return this.queueUrl(logicalId);
      case 'topic':
        return this.topicArns.get(logicalId) ?? `arn:aws:sns:${REGION}:${ACCOUNT}:${logicalId}`;
      case 'secret':
        return this.secretArn(logicalId);
      case 'function':
        return this.functionArn(logicalId).split(':').at(-1) ?? logicalId;
      default:
        throw new Error(`Ref to ${logicalId}: not a resource the local runtime provides`);
    }
  }

  getAtt(logicalId: string, attribute: string): string {
    const kind = this.kinds.get(logicalId);
    if (kind === 'table' && attribute === 'Arn') return `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${logicalId}`;
    if (kind === 'table' && attribute === 'StreamArn') return this.streamArn(logicalId);
    if (kind === 'queue' && attribute === 'Arn') return this.queueArn(logicalId);
    if (kind === 'queue' && attribute === 'QueueName') return logicalId;
    if (kind === 'queue' && attribute === 'QueueUrl') return this.queueUrl(logicalId);
    if (kind === 'topic' && attribute === 'TopicArn') return this.ref(logicalId);
    if (kind === 'function' && attribute === 'Arn') return this.functionArn(logicalId);
    throw new Error(`GetAtt ${logicalId}.${attribute}: not provided locally`);
  }
}
