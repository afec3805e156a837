import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';

/** Alert webhook subscriptions, in the fair table's `SUBSCRIPTION` partition (a handful per fair). */
export interface Subscription {
  subscriptionId: string;
  kind: 'webhook';
  url: string;
  createdAt: string;
}

export async function putSubscription(
  client: DynamoDBDocumentClient,
  table: string,
  subscription: Subscription,
): Promise<void> {
  await client.send(
    new PutCommand({
      TableName: table,
      Item: { pk: 'SUBSCRIPTION', sk: subscription.subscriptionId, ...subscription },
    }),
  );
}

export async function listSubscriptions(client: DynamoDBDocumentClient, table: string): Promise<Subscription[]> {
  const { Items = [] } = await client.send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': 'SUBSCRIPTION' },
    }),
  );
  return Items.map(({ pk: _pk, sk: _sk, ...rest }) => rest as Subscription);
}
