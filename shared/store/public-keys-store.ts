import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { PublicKeyEntry } from '../domain/token-verifier';
import { isConditionFailure } from './conditional';

/**
 * The ticket-verifying public keys. Functions that only verify (gate scans, doors, footfall) read them
 * here and never get access to the private seed. Keys are only ever added: a key that signed printed
 * tickets must keep verifying them.
 */
const KEY = { pk: 'KEYS', sk: 'PUBLIC' };

export async function getPublicKeys(client: DynamoDBDocumentClient, table: string): Promise<PublicKeyEntry[]> {
  const { Item } = await client.send(new GetCommand({ TableName: table, Key: KEY, ConsistentRead: true }));
  return (Item?.keys as PublicKeyEntry[] | undefined) ?? [];
}

/**
 * Adds the keys not yet published, keeping the others, on condition nobody changed the list meanwhile
 * (two writers at once must not drop each other's key). Returns the list now published.
 */
export async function publishPublicKeys(
  client: DynamoDBDocumentClient,
  table: string,
  keys: PublicKeyEntry[],
): Promise<PublicKeyEntry[]> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const { Item } = await client.send(new GetCommand({ TableName: table, Key: KEY, ConsistentRead: true }));
    const published = (Item?.keys as PublicKeyEntry[] | undefined) ?? [];
    const missing = keys.filter((key) => !published.some((known) => known.kid === key.kid));
    if (missing.length === 0) return published;
    const version = Number(Item?.version ?? 0);
    try {
      await client.send(
        new PutCommand({
          TableName: table,
          Item: { ...KEY, keys: [...published, ...missing], version: version + 1 },
          ConditionExpression: Item
            ? 'version = :version OR attribute_not_exists(version)'
            : 'attribute_not_exists(pk)',
          ...(Item ? { ExpressionAttributeValues: { ':version': version } } : {}),
        }),
      );
      return [...published, ...missing];
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
  throw new Error('the public keys kept changing while a key was published');
}
