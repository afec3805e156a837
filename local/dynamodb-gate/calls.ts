import type { IndexShape } from './transaction-units';

/**
 * One DynamoDB request as the service sees it: the item-level calls it makes (a transaction's every
 * item, a batch's every table), each with its action, table, index, and the keys of the items it
 * touches. What IAM evaluates, and what transaction conflicts are judged on, both come from this.
 */
export interface TableKeys {
  /** The table's ARN as the template's policies name it, by the name calls use. */
  arnOf(tableName: string): string | undefined;
  /** Its key attributes, partition key first. */
  keyOf(tableName: string): string[];
  /** Its global secondary indexes: what a write costs in them (the bench's metering). */
  indexesOf?(tableName: string): IndexShape[];
}

export interface ItemCall {
  /** `dynamodb:PutItem`, `dynamodb:ConditionCheckItem` (a transaction's check), `dynamodb:Query`... */
  action: string;
  table: string;
  /** The ARN IAM is asked about: the table's, or its index's. */
  resource: string;
  /** The partition key values of the items touched (`dynamodb:LeadingKeys`). */
  leadingKeys: string[];
  /** The items touched, each as one string (table and full key): what a transaction holds. */
  items: string[];
}

type AttributeMap = Record<string, Record<string, unknown>>;
interface Addressed {
  TableName?: string;
  Key?: AttributeMap;
  Item?: AttributeMap;
  IndexName?: string;
}

const TRANSACT_ACTIONS: Record<string, string> = {
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  ConditionCheck: 'ConditionCheckItem',
  Get: 'GetItem',
};

const scalar = (value: Record<string, unknown> | undefined) => {
  const found = value?.S ?? value?.N ?? value?.B;
  return found === undefined ? undefined : String(found);
};

export function itemCalls(operation: string, body: Record<string, unknown>, tables: TableKeys): ItemCall[] {
  const call = (action: string, table: string, index: string | undefined, keys: (AttributeMap | undefined)[]) => {
    const arn = tables.arnOf(table) ?? `unknown-table/${table}`;
    const [hash, ...rest] = tables.keyOf(table);
    const present = keys.filter((key): key is AttributeMap => key !== undefined);
    return {
      action: `dynamodb:${action}`,
      table,
      resource: index ? `${arn}/index/${index}` : arn,
      leadingKeys: present.flatMap((key) => scalar(hash ? key[hash] : undefined) ?? []),
      items: index
        ? []
        : present.map((key) =>
            [table, ...[hash, ...rest].map((name) => scalar(name ? key[name] : undefined))].join('|'),
          ),
    };
  };
  const addressed = (action: string, target: Addressed) =>
    call(action, target.TableName ?? '', target.IndexName, [target.Key ?? target.Item]);
  switch (operation) {
    case 'TransactWriteItems':
    case 'TransactGetItems':
      return ((body.TransactItems as Record<string, Addressed>[]) ?? []).flatMap((entry) =>
        Object.entries(entry).map(([kind, target]) => addressed(TRANSACT_ACTIONS[kind] ?? kind, target)),
      );
    case 'BatchGetItem':
      return Object.entries((body.RequestItems as Record<string, { Keys?: AttributeMap[] }>) ?? {}).map(
        ([table, { Keys }]) => call('BatchGetItem', table, undefined, Keys ?? []),
      );
    case 'BatchWriteItem':
      return Object.entries(
        (body.RequestItems as Record<
          string,
          { PutRequest?: { Item: AttributeMap }; DeleteRequest?: { Key: AttributeMap } }[]
        >) ?? {},
      ).map(([table, writes]) =>
        call(
          'BatchWriteItem',
          table,
          undefined,
          writes.map((write) => write.PutRequest?.Item ?? write.DeleteRequest?.Key),
        ),
      );
    case 'GetItem':
    case 'PutItem':
    case 'UpdateItem':
    case 'DeleteItem':
      return [addressed(operation, body as Addressed)];
    default:
      // Query, Scan, DescribeTable...: the table (or index) as a whole.
      return [call(operation, String(body.TableName ?? ''), body.IndexName as string | undefined, [])];
  }
}
