import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { PublicKeyEntry } from '../domain/token-verifier';

/**
 * The ticket-verifying public keys, published by the seed from the signing secret. Functions that
 * only verify (gate scans, footfall) read them here and never get access to the private seed.
 */
export async function putPublicKeys(
  client: DynamoDBDocumentClient,
  table: string,
  keys: PublicKeyEntry[],
): Promise<void> {
  await client.send(new PutCommand({ TableName: table, Item: { pk: 'KEYS', sk: 'PUBLIC', keys } }));
}

export async function getPublicKeys(client: DynamoDBDocumentClient, table: string): Promise<PublicKeyEntry[]> {
  const { Item } = await client.send(new GetCommand({ TableName: table, Key: { pk: 'KEYS', sk: 'PUBLIC' } }));
  return (Item?.keys as PublicKeyEntry[] | undefined) ?? [];
}
