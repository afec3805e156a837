import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawaqStack } from '../../infra/rawaq-stack';
import { itemCalls } from '../../local/dynamodb-gate/calls';
import { HOLD_MS, TransactionConflicts } from '../../local/dynamodb-gate/conflicts';
import { FunctionPolicy } from '../../local/dynamodb-gate/iam-policy';
import { DYNAMODB_PARTITION_LIMITS, PartitionThrottles } from '../../local/dynamodb-gate/throttles';
import type { Resolver } from '../../local/template/intrinsics';
import { type FunctionSpec, readTopology } from '../../local/template/topology';
import { removeScratch, scratchApp } from '../support/scratch';

afterAll(removeScratch);

/**
 * The local IAM check (local/dynamodb-gate/) reads each function's policy from the same template as AWS, and
 * judges a call as IAM would: a grant less is refused, an explicit deny wins.
 */
const arn = (logicalId: string) => `arn:aws:dynamodb:us-east-1:000000000000:table/${logicalId}`;
const resolver: Resolver = {
  ref: (logicalId) => logicalId,
  getAtt: (logicalId, attribute) => {
    if (attribute === 'Arn' && logicalId.startsWith('Tables')) return arn(logicalId);
    throw new Error('not a table');
  },
};

describe('the local IAM check', () => {
  let functions: FunctionSpec[];
  let fairTable: string;
  beforeAll(() => {
    // Asset metadata on, as `cdk synth` writes it: the local runtime finds the functions by it.
    const app = scratchApp({ context: { 'aws:cdk:bundling-stacks': [], 'aws:cdk:enable-asset-metadata': true } });
    const stack = new RawaqStack(app, 'Rawaq', { env: { account: '123456789012', region: 'eu-west-3' } });
    const template = Template.fromStack(stack).toJSON();
    functions = readTopology(template as never).functions;
    fairTable = Object.keys(template.Resources).find((id) => id.startsWith('TablesFair')) ?? '';
  });
  const policyOf = (name: string, drop?: (statement: { Action: string | string[]; Resource: unknown }) => boolean) => {
    const spec = functions.find((fn) => fn.name === name);
    if (!spec) throw new Error(`no function ${name}`);
    return FunctionPolicy.resolve(
      spec.policy.filter((statement) => !drop?.(statement)),
      resolver,
    );
  };

  it('reads every function’s statements from its role’s policy', () => {
    expect(functions.length).toBeGreaterThan(30);
    // All but those that touch nothing of the stack's (the health check, the OpenAPI document, whoami).
    expect(
      functions
        .filter((fn) => fn.policy.length === 0)
        .map((fn) => fn.name)
        .sort(),
    ).toEqual(['health', 'openapi', 'whoami']);
  });

  it('allows what the template grants, and refuses it once the grant is taken away', () => {
    const read = { action: 'dynamodb:GetItem', resource: arn(fairTable), leadingKeys: ['FAIR'] };
    expect(policyOf('alert-evaluator').decide(read)).toBe('allowed');
    const withoutFairReads = policyOf(
      'alert-evaluator',
      (statement) =>
        [statement.Action].flat().includes('dynamodb:GetItem') &&
        JSON.stringify(statement.Resource).includes(fairTable),
    );
    expect(withoutFairReads.decide(read)).toBe('not allowed');
    // Nothing granted on a table it does not use.
    expect(policyOf('health').decide(read)).toBe('not allowed');
  });

  it('lets the explicit deny on the public keys win over a function’s writes to the fair table', () => {
    const write = (key: string) => ({ action: 'dynamodb:UpdateItem', resource: arn(fairTable), leadingKeys: [key] });
    expect(policyOf('scan').decide(write('GUESSES#2027-03-26T11:10'))).toBe('allowed');
    expect(policyOf('scan').decide(write('KEYS'))).toBe('explicitly denied');
    expect(policyOf('issue-tickets').decide({ ...write('KEYS'), action: 'dynamodb:PutItem' })).toBe('allowed');
  });

  it('judges each item of a transaction, each table of a batch, and an index as its own resource', () => {
    const tables = {
      arnOf: (name: string) => arn(name),
      keyOf: (name: string) => (name === 'Tickets' ? ['ticketId'] : ['pk', 'sk']),
    };
    expect(
      itemCalls(
        'TransactWriteItems',
        {
          TransactItems: [
            { Put: { TableName: 'Scans', Item: { pk: { S: 'SCAN#1' }, sk: { S: 'a' }, at: { S: 'x' } } } },
            { Update: { TableName: 'Tickets', Key: { ticketId: { S: 't1' } } } },
            { ConditionCheck: { TableName: 'Zones', Key: { pk: { S: 'hall-a' }, sk: { N: '1' } } } },
          ],
        },
        tables,
      ),
    ).toEqual([
      {
        action: 'dynamodb:PutItem',
        table: 'Scans',
        resource: arn('Scans'),
        leadingKeys: ['SCAN#1'],
        items: ['Scans|SCAN#1|a'],
      },
      {
        action: 'dynamodb:UpdateItem',
        table: 'Tickets',
        resource: arn('Tickets'),
        leadingKeys: ['t1'],
        items: ['Tickets|t1'],
      },
      {
        action: 'dynamodb:ConditionCheckItem',
        table: 'Zones',
        resource: arn('Zones'),
        leadingKeys: ['hall-a'],
        items: ['Zones|hall-a|1'],
      },
    ]);
    expect(
      itemCalls('BatchGetItem', { RequestItems: { Tickets: { Keys: [{ ticketId: { S: 'a' } }] } } }, tables),
    ).toEqual([
      {
        action: 'dynamodb:BatchGetItem',
        table: 'Tickets',
        resource: arn('Tickets'),
        leadingKeys: ['a'],
        items: ['Tickets|a'],
      },
    ]);
    expect(itemCalls('Query', { TableName: 'Tickets', IndexName: 'byShortCode' }, tables)).toEqual([
      {
        action: 'dynamodb:Query',
        table: 'Tickets',
        resource: `${arn('Tickets')}/index/byShortCode`,
        leadingKeys: [],
        items: [],
      },
    ]);
  });
});

describe('transaction conflicts, as DynamoDB raises them', () => {
  const call = (action: string, ...items: string[]) => ({
    action: `dynamodb:${action}`,
    table: 'T',
    resource: arn('T'),
    leadingKeys: [],
    items,
  });

  it('cancels a transaction that meets another in progress, naming the item, until the first is answered', () => {
    const conflicts = new TransactionConflicts();
    const first = conflicts.judge('TransactWriteItems', [call('PutItem', 'T|a'), call('UpdateItem', 'T|b')]);
    expect('release' in first).toBe(true);
    const second = conflicts.judge('TransactWriteItems', [call('UpdateItem', 'T|c'), call('UpdateItem', 'T|b')]);
    expect(second).toEqual({
      conflict: expect.objectContaining({
        __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
        CancellationReasons: [{ Code: 'None' }, expect.objectContaining({ Code: 'TransactionConflict' })],
      }),
    });
    // A single write on a held item, and a transactional read of it, fail too; another item does not.
    expect(conflicts.judge('UpdateItem', [call('UpdateItem', 'T|a')])).toEqual({
      conflict: expect.objectContaining({ __type: 'com.amazonaws.dynamodb.v20120810#TransactionConflictException' }),
    });
    expect('conflict' in conflicts.judge('TransactGetItems', [call('GetItem', 'T|a')])).toBe(true);
    expect('release' in conflicts.judge('PutItem', [call('PutItem', 'T|z')])).toBe(true);
    expect(conflicts.raised).toBe(3);
    if ('release' in first) first.release();
    expect('release' in conflicts.judge('TransactWriteItems', [call('UpdateItem', 'T|b')])).toBe(true);
  });

  it('holds items for as long as a transaction runs on the service at most, however slow the engine answers', () => {
    let now = 0;
    const conflicts = new TransactionConflicts(() => now);
    expect('release' in conflicts.judge('TransactWriteItems', [call('UpdateItem', 'T|room')])).toBe(true);
    now = HOLD_MS - 1;
    expect('conflict' in conflicts.judge('UpdateItem', [call('UpdateItem', 'T|room')])).toBe(true);
    // Still unanswered, but queued behind the engine's other work, not running: no longer held.
    now = HOLD_MS;
    expect('release' in conflicts.judge('TransactWriteItems', [call('UpdateItem', 'T|room')])).toBe(true);
    expect(conflicts.raised).toBe(1);
  });
});

describe('partition throughput, as DynamoDB throttles it', () => {
  const write = (key: string, action = 'dynamodb:UpdateItem') => ({
    action,
    table: 'T',
    resource: arn('T'),
    leadingKeys: [key],
    items: [`T|${key}`],
  });

  it('lets 1,000 write units a second into one partition, refuses the next, and refills with time', () => {
    let now = 0;
    const throttles = new PartitionThrottles(DYNAMODB_PARTITION_LIMITS, () => now);
    for (let unit = 0; unit < 1000; unit += 1) expect(throttles.judge('UpdateItem', [write('hot')])).toBeUndefined();
    expect(throttles.judge('UpdateItem', [write('hot')])?.__type).toBe(
      'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
    );
    // Another partition is not affected; half a second gives half the units back.
    expect(throttles.judge('UpdateItem', [write('cold')])).toBeUndefined();
    now = 500;
    for (let unit = 0; unit < 500; unit += 1)
      expect(throttles.judge('PutItem', [write('hot', 'dynamodb:PutItem')])).toBeUndefined();
    expect(throttles.judge('PutItem', [write('hot', 'dynamodb:PutItem')])).toBeDefined();
    expect(throttles.raised).toBe(2);
  });

  it('charges a transaction two units an item and names the throttled item in its cancellation', () => {
    let now = 0;
    const throttles = new PartitionThrottles(DYNAMODB_PARTITION_LIMITS, () => now);
    for (let unit = 0; unit < 500; unit += 1)
      expect(throttles.judge('TransactWriteItems', [write('a'), write(`other-${unit}`)])).toBeUndefined();
    expect(throttles.judge('TransactWriteItems', [write('b'), write('a')])).toEqual(
      expect.objectContaining({
        __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
        CancellationReasons: [{ Code: 'None' }, expect.objectContaining({ Code: 'ThrottlingError' })],
      }),
    );
    now = 1000;
    expect(throttles.judge('TransactWriteItems', [write('a')])).toBeUndefined();
  });
});
