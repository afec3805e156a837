import { Agent, createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { refusedHost } from '../emulators/loopback-host';
import { type ItemCall, itemCalls, type TableKeys } from './calls';
import { TransactionConflicts } from './conflicts';
import type { Decision, FunctionPolicy } from './iam-policy';
import type { ServiceError } from './service-errors';
import { PartitionThrottles } from './throttles';

/**
 * A gate in front of DynamoDB Local that makes it refuse what AWS would, and DynamoDB Local never
 * does: a call the function's role does not allow (IAM), a partition past its throughput (throttles),
 * and a transaction that overlaps another on an item (conflicts). Each function signs with an access key of its own (`accessKeyFor`), which names
 * it. A refused call is answered in the service's own error shape, so the SDK raises what it would
 * raise on AWS; anything else passes through untouched. Calls signed otherwise (tests, the runtime's
 * own provisioning) are neither judged by IAM nor held.
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
  log: (line: string) => void;
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
  endpoint = '';

  constructor(private readonly options: GateOptions) {
    this.conflicts = options.conflicts ? new TransactionConflicts() : undefined;
    this.throttles = options.throttles ? new PartitionThrottles() : undefined;
  }

  async start(): Promise<void> {
    const target = new URL(this.options.target);
    this.server = createServer((incoming, outgoing) => {
      if (refusedHost(incoming, outgoing)) return;
      void (async () => {
        const body = await readAll(incoming);
        const judged = this.judge(incoming, body);
        if ('refusal' in judged) {
          outgoing.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
          outgoing.end(JSON.stringify(judged.refusal));
          return;
        }
        const forward = httpRequest(
          {
            host: target.hostname,
            port: target.port,
            method: incoming.method,
            path: incoming.url,
            headers: { ...incoming.headers, host: target.host },
            agent: this.agent,
          },
          (answer) => {
            outgoing.writeHead(answer.statusCode ?? 500, answer.headers);
            answer.pipe(outgoing);
            answer.on('end', judged.release);
            answer.on('error', judged.release);
          },
        );
        forward.on('error', () => {
          judged.release();
          outgoing.destroy();
        });
        forward.end(body);
      })().catch(() => outgoing.destroy());
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.endpoint = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private judge(incoming: IncomingMessage, body: Buffer): { refusal: ServiceError } | { release: () => void } {
    const pass = { release: () => undefined };
    const accessKey = /Credential=([^/]+)\//.exec(String(incoming.headers.authorization ?? ''))?.[1];
    if (!accessKey?.startsWith('LOCAL')) return pass;
    const operation = String(incoming.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>;
    } catch {
      return pass; // DynamoDB Local answers a malformed body itself
    }
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
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
