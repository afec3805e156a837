import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { queryAll } from './query-all';

/**
 * What each booth declares it sold on a day (stats table, `SALES#<day>`, one item a booth): the booth
 * sees its own figure, the reports publish only totals over several booths. Declared again, replaced.
 */
export interface DeclaredSales {
  boothId: string;
  day: string;
  amountMad: number;
  declaredAt: string;
  by: string;
}

const partition = (day: string) => `SALES#${day}`;

const salesOf = (item: Record<string, unknown>): DeclaredSales => ({
  boothId: String(item.boothId),
  day: String(item.day),
  amountMad: Number(item.amountMad),
  declaredAt: String(item.declaredAt),
  by: String(item.by),
});

export async function declareSales(
  client: DynamoDBDocumentClient,
  table: string,
  sales: DeclaredSales,
  expiresAt: number,
): Promise<void> {
  await client.send(
    new PutCommand({
      TableName: table,
      Item: { pk: partition(sales.day), sk: sales.boothId, ...sales, expiresAt },
    }),
  );
}

export async function getDeclaredSales(
  client: DynamoDBDocumentClient,
  table: string,
  boothId: string,
  day: string,
): Promise<DeclaredSales | undefined> {
  const { Item } = await client.send(new GetCommand({ TableName: table, Key: { pk: partition(day), sk: boothId } }));
  return Item ? salesOf(Item) : undefined;
}

/** Every booth's declaration for a day. */
export async function listDeclaredSales(
  client: DynamoDBDocumentClient,
  table: string,
  day: string,
): Promise<DeclaredSales[]> {
  const items = await queryAll(client, {
    TableName: table,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': partition(day) },
  });
  return items.map(salesOf);
}
