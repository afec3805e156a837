import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime';
import { startOwnRuntime } from '../support/own-runtime';

/**
 * AWS refuses a call its role's policy does not allow; DynamoDB Local does not. With `checkIam`, the
 * local runtime does (local/dynamodb-gate/). Proof that it can fail: one function given one grant less (the
 * revocation feed without its Query on the fair table) answers 500 here, its log carries the SDK's
 * own AccessDeniedException, and the refusal is recorded; a function left whole still answers.
 */
let runtime: LocalRuntime;
const lines: string[] = [];

beforeAll(async () => {
  ({ runtime } = await startOwnRuntime({
    startEventSources: false,
    checkIam: {
      amendPolicy: (name, policy) =>
        name === 'revocations'
          ? policy.filter((statement) => ![statement.Action].flat().includes('dynamodb:Query'))
          : policy,
    },
    log: (line) => lines.push(line),
  }));
});

afterAll(() => runtime?.stop());

describe('IAM checked locally', () => {
  it('refuses a function one grant less, in AWS’s error shape, and lets the others work', async () => {
    const credential = runtime.vault.get(runtime.output('FirstOrganiserSecretArn') ?? '') ?? '';
    const get = (route: string) =>
      fetch(`${runtime.apiUrl}${route}`, { headers: { authorization: `Bearer ${credential}` } });
    expect((await get('/v1/fair')).status).toBe(200);
    expect(runtime.dynamoGate?.denials).toEqual([]);
    expect((await get('/v1/revocations')).status).toBe(500);
    expect(runtime.dynamoGate?.denials).toEqual([
      expect.objectContaining({ functionName: 'revocations', action: 'dynamodb:Query', decision: 'not allowed' }),
    ]);
    expect(lines.some((line) => line.includes('revocations') && line.includes('AccessDeniedException'))).toBe(true);
  });
});
