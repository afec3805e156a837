import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { BatchGetItemCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../emulators/dynamodb-local';
import { refusedHost } from '../emulators/loopback-host';
import { type ItemCall, itemCalls, type TableKeys } from './calls';
import { TransactionConflicts } from './conflicts';
import type { Decision, FunctionPolicy } from './iam-policy';
import { askingForCapacity, type ConsumedUnits, REFUSED, type UnitsListener, unitsOf } from './meter';
import type { ServiceError } from './service-errors';
import { PartitionThrottles } from './throttles';
import {
  type Item,
  refusedWriteUnits,
  singleWriteUnits,
  type TransactTarget,
  transactionWriteUnits,
  transactTargets,
  type WrittenItem,
} from './transaction-units';

/**
 * A gate in front of DynamoDB Local that makes it refuse what AWS would, and DynamoDB Local never
 * does: a call the function's role does not allow (IAM), a partition past its throughput (throttles),
 * and a transaction that overlaps another on an item (conflicts). Each function signs with an access key of its own (`accessKeyFor`), which names
 * it. A refused call is answered in the service's own error shape, so the SDK raises what it would
 * raise on AWS; anything else passes through untouched. Calls signed otherwise (tests, the runtime's
 * own provisioning) are neither judged by IAM nor held.
 *
 * With `durable`, it also answers a transaction only once DynamoDB Local has committed it. DynamoDB
 * Local runs TransactWriteItems (and PartiQL's ExecuteTransaction) in an SQLite transaction whose
 * COMMIT it queues and does not wait for: it answers 200 first, and a SIGKILL (a power cut) in
 * between loses a transaction that was acknowledged, which AWS never does. Single writes and batches
 * commit before they answer. Its SQLite queue runs one job at a time in order, so a read queued after
 * the answer (ListTables) returns only once that COMMIT has run.
 */
export interface Denial {
  functionName: string;
  action: string;
  resource: string;
  decision: Exclude<Decision, 'allowed'>;
}

export interface GateOptions {
  /** DynamoDB Local's endpoint. */
  target: string;
  tables: TableKeys;
  /** The role policy of the function that signs with each access key; none: IAM is not judged. */
  policies?: Map<string, { functionName: string; policy: FunctionPolicy }>;
  /** Judge transaction conflicts. */
  conflicts: boolean;
  /** Enforce DynamoDB's per-partition throughput limits. */
  throttles: boolean;
  /** The function behind each access key (`accessKeyFor`): whose consumption `meter` is told. */
  functionNames?: Map<string, string>;
  /** Told what each function's every request consumed (the bench's cost measure; see meter.ts). */
  meter?: UnitsListener;
  /** Hold a transaction's answer until DynamoDB Local has committed it (a data folder that must survive a crash). */
  durable?: boolean;
  log: (line: string) => void;
}

/** The single writes the meter counts by the service's rule, as the transaction item each would be. */
const SINGLE_WRITES: Record<string, WrittenItem['kind'] | undefined> = {
  PutItem: 'Put',
  UpdateItem: 'Update',
  DeleteItem: 'Delete',
};

/** The writes DynamoDB Local answers before their COMMIT has run. */
const COMMITTED_AFTER_ANSWER = new Set(['TransactWriteItems', 'ExecuteTransaction']);
const operationOf = (incoming: IncomingMessage) => String(incoming.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
const accessKeyOf = (incoming: IncomingMessage) =>
  /Credential=([^/]+)\//.exec(String(incoming.headers.authorization ?? ''))?.[1];

/** Headers for a body sent whole: its length, no chunking. */
function withLength(headers: IncomingHttpHeaders, body: Buffer): IncomingHttpHeaders {
  const { 'transfer-encoding': _chunked, ...rest } = headers;
  return { ...rest, 'content-length': String(body.length) };
}

function parsedBody(body: Buffer): Record<string, unknown> | undefined {
  try {
    return JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

export const accessKeyFor = (logicalId: string) => `LOCAL${logicalId.replace(/[^A-Za-z0-9]/g, '')}`;

async function readAll(message: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of message) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export class DynamoGate {
  readonly denials: Denial[] = [];
  readonly conflicts: TransactionConflicts | undefined;
  readonly throttles: PartitionThrottles | undefined;
  private server: Server | undefined;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });
  /** Asks DynamoDB Local for a read its queue runs after every COMMIT queued before it. */
  private readonly barrier: DynamoDBClient | undefined;
  /** Reads a metered transaction's items before and after it (transaction-units.ts). */
  private readonly imageReader: DynamoDBClient | undefined;
  endpoint = '';

  constructor(private readonly options: GateOptions) {
    this.conflicts = options.conflicts ? new TransactionConflicts() : undefined;
    this.throttles = options.throttles ? new PartitionThrottles() : undefined;
    this.barrier = options.durable
      ? new DynamoDBClient({
          endpoint: options.target,
          region: LOCAL_REGION,
          credentials: LOCAL_CREDENTIALS,
          maxAttempts: 1,
        })
      : undefined;
    this.imageReader = options.meter
      ? new DynamoDBClient({ endpoint: options.target, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS })
      : undefined;
  }

  /**
   * The items of a transaction as they stand (consistent reads, which DynamoDB Local's queue runs
   * after every COMMIT queued before them), in the transaction's order. A read that fails (a table
   * that does not exist) leaves them unknown: the request is DynamoDB Local's to answer, and the
   * meter counts what it can.
   */
  private async images(targets: TransactTarget[]): Promise<(Item | undefined)[]> {
    const reader = this.imageReader;
    if (!reader || targets.length === 0) return [];
    const found = new Map<string, Item>();
    // An item by its table and its key's values in the key's order, whatever order a request gave them in.
    const keyText = (table: string, item: Item) =>
      `${table}|${JSON.stringify(this.options.tables.keyOf(table).map((name) => item[name]))}`;
    let asked: Record<string, { Keys: Item[]; ConsistentRead: boolean }> = {};
    for (const { table, key } of targets) {
      asked[table] ??= { Keys: [], ConsistentRead: true };
      asked[table].Keys.push(key);
    }
    try {
      while (Object.keys(asked).length > 0) {
        const answer = await reader.send(new BatchGetItemCommand({ RequestItems: asked as never }));
        for (const [table, items] of Object.entries(answer.Responses ?? {}))
          for (const item of items as unknown as Item[]) found.set(keyText(table, item), item);
        asked = (answer.UnprocessedKeys ?? {}) as unknown as typeof asked;
      }
    } catch {
      return targets.map(() => undefined);
    }
    return targets.map(({ table, key }) => found.get(keyText(table, key)));
  }

  /** The items a metered write names, to read before and after it: a transaction's, or a single write's. */
  private writeTargets(operation: string, parsed: Record<string, unknown>): TransactTarget[] | undefined {
    const keyOf = (table: string) => this.options.tables.keyOf(table);
    if (operation === 'TransactWriteItems') return transactTargets(parsed, keyOf);
    const kind = SINGLE_WRITES[operation];
    return kind ? transactTargets({ TransactItems: [{ [kind]: parsed }] }, keyOf) : undefined;
  }

  /**
   * What a metered request consumed: a write by the service's rule from its items before and after
   * (a transaction's items twice, a single write's once; a single write refused by its condition still
   * billed), anything else from DynamoDB Local's answer. A request refused otherwise has no units.
   */
  private async consumed(
    operation: string,
    answer: IncomingMessage,
    payload: Buffer,
    targets: TransactTarget[] | undefined,
    before: (Item | undefined)[],
  ): Promise<ConsumedUnits> {
    const single = operation !== 'TransactWriteItems';
    if (answer.statusCode !== 200) {
      const refusedByCondition = single && targets && payload.toString('utf8').includes('ConditionalCheckFailed');
      return refusedByCondition ? { read: 0, write: refusedWriteUnits(before[0]), requests: 1 } : REFUSED;
    }
    if (!targets) return unitsOf(operation, payload);
    const after = await this.images(targets);
    const { tables } = this.options;
    const written: WrittenItem[] = targets.map((target, i) => ({
      kind: target.kind,
      before: before[i],
      after: target.kind === 'Delete' ? undefined : target.kind === 'ConditionCheck' ? before[i] : after[i],
      tableKeys: tables.keyOf(target.table),
      indexes: tables.indexesOf?.(target.table) ?? [],
    }));
    const [item] = written;
    const write = single && item ? singleWriteUnits(item) : transactionWriteUnits(written);
    return { read: 0, write, requests: 1 };
  }

  /** Waits until DynamoDB Local has committed what it answered before this call. */
  private async committed(): Promise<void> {
    await this.barrier?.send(new ListTablesCommand({ Limit: 1 }));
  }

  async start(): Promise<void> {
    const target = new URL(this.options.target);
    this.server = createServer((incoming, outgoing) => {
      if (refusedHost(incoming, outgoing)) return;
      void (async () => {
        const body = await readAll(incoming);
        const operation = operationOf(incoming);
        const metered = this.meteredFunction(incoming);
        // Parsed once, for the judging and the metering both (undefined: DynamoDB Local answers it).
        const parsed = parsedBody(body);
        const judged = this.judge(incoming, parsed);
        if ('refusal' in judged) {
          if (metered) this.options.meter?.(metered, REFUSED);
          outgoing.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
          outgoing.end(JSON.stringify(judged.refusal));
          return;
        }
        const sent = metered && parsed ? askingForCapacity(parsed) : body;
        // A transaction's cost, and a single write's, come from its items' images by the service's rule,
        // not from DynamoDB Local's figure (transaction-units.ts).
        const targets = metered && parsed ? this.writeTargets(operation, parsed) : undefined;
        const before = targets ? await this.images(targets) : [];
        const forward = httpRequest(
          {
            host: target.hostname,
            port: target.port,
            method: incoming.method,
            path: incoming.url,
            headers: { ...withLength(incoming.headers, sent), host: target.host },
            agent: this.agent,
          },
          (answer) => {
            const durable = this.barrier && answer.statusCode === 200 && COMMITTED_AFTER_ANSWER.has(operation);
            if (!durable && !metered) {
              outgoing.writeHead(answer.statusCode ?? 500, answer.headers);
              answer.pipe(outgoing);
              answer.on('end', judged.release);
              answer.on('error', judged.release);
              return;
            }
            void readAll(answer)
              .then(async (payload) => {
                if (durable) await this.committed();
                judged.release();
                if (metered)
                  this.options.meter?.(metered, await this.consumed(operation, answer, payload, targets, before));
                outgoing.writeHead(answer.statusCode ?? 500, withLength(answer.headers, payload));
                outgoing.end(payload);
              })
              .catch(() => {
                judged.release();
                outgoing.destroy();
              });
          },
        );
        forward.on('error', () => {
          judged.release();
          outgoing.destroy();
        });
        forward.end(sent);
      })().catch(() => outgoing.destroy());
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.endpoint = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The function that signed the request, when its consumption is metered. */
  private meteredFunction(incoming: IncomingMessage): string | undefined {
    if (!this.options.meter) return undefined;
    return this.options.functionNames?.get(accessKeyOf(incoming) ?? '');
  }

  private judge(
    incoming: IncomingMessage,
    parsed: Record<string, unknown> | undefined,
  ): { refusal: ServiceError } | { release: () => void } {
    const pass = { release: () => undefined };
    const accessKey = accessKeyOf(incoming);
    if (!accessKey?.startsWith('LOCAL')) return pass;
    const operation = operationOf(incoming);
    if (!parsed) return pass; // DynamoDB Local answers a malformed body itself
    const calls = itemCalls(operation, parsed, this.options.tables);
    const signer = this.options.policies?.get(accessKey);
    const denied = signer ? this.refusedByIam(signer, calls) : undefined;
    if (denied) return { refusal: denied };
    const throttled = this.throttles?.judge(operation, calls);
    if (throttled) return { refusal: throttled };
    if (!this.conflicts) return pass;
    const outcome = this.conflicts.judge(operation, calls);
    return 'conflict' in outcome ? { refusal: outcome.conflict } : outcome;
  }

  private refusedByIam(
    signer: { functionName: string; policy: FunctionPolicy },
    calls: ItemCall[],
  ): ServiceError | undefined {
    for (const asked of calls) {
      const decision = signer.policy.decide(asked);
      if (decision === 'allowed') continue;
      const { functionName } = signer;
      this.denials.push({ functionName, action: asked.action, resource: asked.resource, decision });
      this.options.log(`IAM would refuse ${functionName}: ${asked.action} on ${asked.resource} (${decision})`);
      const because =
        decision === 'explicitly denied'
          ? 'with an explicit deny in an identity-based policy'
          : `because no identity-based policy allows the ${asked.action} action`;
      return {
        __type: 'com.amazon.coral.service#AccessDeniedException',
        Message: `User: arn:aws:sts::000000000000:assumed-role/${functionName}/${functionName} is not authorized to perform: ${asked.action} on resource: ${asked.resource} ${because}`,
      };
    }
    return undefined;
  }

  async stop(): Promise<void> {
    this.agent.destroy();
    this.barrier?.destroy();
    this.imageReader?.destroy();
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
