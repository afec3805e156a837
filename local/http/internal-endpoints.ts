import { createServer, type Server } from 'node:http';
import type { SecretVault } from '../provision/secret-vault';
import { readBody } from './read-body';

/**
 * Loopback-only endpoints that stand in for two AWS services the functions call: Secrets Manager's
 * GetSecretValue (the SDK reaches it through AWS_ENDPOINT_URL_SECRETS_MANAGER) and the pre-signed URL a
 * custom resource answers CloudFormation on.
 */
export class InternalEndpoints {
  private server: Server | undefined;
  private readonly waiting = new Map<string, (answer: { Status: string; Reason?: string }) => void>();
  port = 0;

  constructor(private readonly vault: SecretVault) {}

  async start(): Promise<void> {
    this.server = createServer(async (request, response) => {
      const body = await readBody(request, 1024 * 1024);
      const target = String(request.headers['x-amz-target'] ?? '');
      if (request.method === 'POST' && target === 'secretsmanager.GetSecretValue') {
        const { SecretId } = JSON.parse(body.toString('utf8')) as { SecretId: string };
        const value = this.vault.get(SecretId);
        const status = value ? 200 : 400;
        const payload = value
          ? {
              ARN: SecretId,
              Name: SecretId.split(':').at(-1),
              SecretString: value,
              VersionId: 'local',
              VersionStages: ['AWSCURRENT'],
            }
          : { __type: 'ResourceNotFoundException', message: `Secrets Manager can't find the specified secret.` };
        response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
        response.end(JSON.stringify(payload));
        return;
      }
      const match = /^\/cloudformation\/([\w-]+)$/.exec(request.url ?? '');
      if (request.method === 'PUT' && match?.[1]) {
        this.waiting.get(match[1])?.(JSON.parse(body.toString('utf8')));
        this.waiting.delete(match[1]);
        response.writeHead(200);
        response.end();
        return;
      }
      response.writeHead(404);
      response.end();
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', () => resolve()));
    const address = this.server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** A pre-signed-URL stand-in, and a promise of what the custom resource answers on it. */
  expectCloudFormationAnswer(token: string): { url: string; answer: Promise<{ Status: string; Reason?: string }> } {
    const answer = new Promise<{ Status: string; Reason?: string }>((resolve) => this.waiting.set(token, resolve));
    return { url: `${this.endpoint}/cloudformation/${token}`, answer };
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
