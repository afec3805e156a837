import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { SHORT_CODE_INDEX } from '../../shared/store/index-names';
import type { DataTables } from '../constructs/data-tables';
import type { RawaqHttpApi, RouteSpec } from '../constructs/http-api';
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

/** A badge's short code, typed at a gate, door, desk or booth: looked up in the tickets' short-code index. */
export function allowShortCodes(fn: IFunction, tables: DataTables): void {
  allow(fn, ['dynamodb:Query'], [`${tables.tickets.tableArn}/index/${SHORT_CODE_INDEX}`]);
}

/**
 * Short codes typed by a credential on the floor (a gate, a door, a booth): looked up, and the misses
 * counted against that credential in the fair table (`shared/store/guesses-store.ts`).
 */
export function allowShortCodeTyping(fn: IFunction, tables: DataTables): void {
  allowShortCodes(fn, tables);
  allow(fn, ['dynamodb:GetItem', 'dynamodb:UpdateItem'], [tables.fair.tableArn]);
}

/** A function with the stack's defaults, its errors and throttles alarmed, and its routes on the API. */
export function featureFunction(
  scope: Construct,
  parts: StackParts,
  id: string,
  props: RawaqFunctionProps & { routes?: RouteSpec[] },
): RawaqFunction {
  const { routes, ...functionProps } = props;
  const fn = new RawaqFunction(scope, id, functionProps);
  parts.alarms.watchFunction(id, fn);
  if (routes) parts.http.route(fn, routes);
  return fn;
}
