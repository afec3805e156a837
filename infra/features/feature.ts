import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { ResourceVariable } from '../../shared/commons/config';
import { SHORT_CODE_INDEX } from '../../shared/store/index-names';
import { type DataTables, tableVariable } from '../constructs/data-tables';
import type { RawaqHttpApi } from '../constructs/http-api';
import type { OperationsAlarms } from '../constructs/operations-alarms';
import { RawaqFunction, type RawaqFunctionProps } from '../constructs/rawaq-function';

/** What every feature of the stack wires its functions to. */
export interface StackParts {
  tables: DataTables;
  http: RawaqHttpApi;
  alarms: OperationsAlarms;
}

/** Grants exactly these actions on exactly these resources, where CDK's grant helpers give more. */
export function allow(fn: IFunction, actions: string[], resources: string[]): void {
  fn.addToRolePolicy(new PolicyStatement({ actions, resources }));
}

/**
 * Binds a function to one of the fair's tables in one call: the table's variable (FAIR_TABLE...) and
 * exactly these actions on the table, or on one of its indexes.
 */
export function bindTable(fn: RawaqFunction, table: Table, actions: string[], options: { index?: string } = {}): void {
  const arn = options.index ? `${table.tableArn}/index/${options.index}` : table.tableArn;
  fn.bind(tableVariable(table), table.tableName, { actions, resources: [arn] });
}

/**
 * Binds a function to a queue: its URL's variable, and the right to send to it; or, for the queue's
 * consumer, the URL alone (to hold a message back), the event source mapping granting the rest.
 */
export function bindQueue(fn: RawaqFunction, queue: IQueue, variable: ResourceVariable, use: 'send' | 'consume'): void {
  fn.bind(
    variable,
    queue.queueUrl,
    use === 'send'
      ? { granted: 'sqs send', grant: (target) => queue.grantSendMessages(target) }
      : { granted: 'sqs consume (its event source mapping)', grant: () => undefined },
  );
}

/** Binds a function to a secret: its ARN's variable, and the right to read it. */
export function bindSecret(fn: RawaqFunction, secret: ISecret, variable: ResourceVariable): void {
  fn.bind(variable, secret.secretArn, { granted: 'secret read', grant: (target) => secret.grantRead(target) });
}

/** Binds a function to a topic: its ARN's variable, and the right to publish to it. */
export function bindTopic(fn: RawaqFunction, topic: ITopic, variable: ResourceVariable): void {
  fn.bind(variable, topic.topicArn, { granted: 'sns publish', grant: (target) => topic.grantPublish(target) });
}

/** A badge's short code, typed at a gate, door, desk or booth: looked up in the tickets' short-code index. */
export function allowShortCodes(fn: RawaqFunction, tables: DataTables): void {
  bindTable(fn, tables.tickets, ['dynamodb:Query'], { index: SHORT_CODE_INDEX });
}

/**
 * Short codes typed by a credential on the floor (a gate, a door, a booth): looked up, and the misses
 * counted against that credential in the fair table (`shared/store/guesses-store.ts`).
 */
export function allowShortCodeTyping(fn: RawaqFunction, tables: DataTables): void {
  allowShortCodes(fn, tables);
  bindTable(fn, tables.fair, ['dynamodb:GetItem', 'dynamodb:UpdateItem']);
}

/**
 * A function with the stack's defaults, its errors and throttles alarmed, and on the API the routes
 * the contract gives it (shared/contract/operations.ts), if any.
 */
export function featureFunction(
  scope: Construct,
  parts: StackParts,
  id: string,
  props: RawaqFunctionProps,
): RawaqFunction {
  const fn = new RawaqFunction(scope, id, props);
  parts.alarms.watchFunction(id, fn);
  parts.http.route(fn);
  return fn;
}
