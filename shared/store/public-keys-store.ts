import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { PublicKeyEntry, RetiredKey } from '../domain/token-verifier';
import { isConditionFailure } from './conditional';
import { PUBLIC_KEYS_PARTITION } from './index-names';

/**
 * The ticket-verifying public keys. Functions that only verify (gate scans, doors, footfall) read them
 * here and never get access to the private seed. Keys are only ever added, so printed tickets keep
 * verifying, until the signing secret names one as retired (a leak): then it is kept here with when,
 * published as retired, and its tickets refused, for good.
 */
const KEY = { pk: PUBLIC_KEYS_PARTITION, sk: 'PUBLIC' };

interface StoredKey extends PublicKeyEntry {
  retiredAt?: string;
}

export interface PublishedKeys {
  keys: PublicKeyEntry[];
  retired: RetiredKey[];
}

function split(stored: StoredKey[]): PublishedKeys {
  return {
    keys: stored.filter((key) => !key.retiredAt).map(({ kid, alg, publicKey }) => ({ kid, alg, publicKey })),
    retired: stored.flatMap((key) => (key.retiredAt ? [{ kid: key.kid, retiredAt: key.retiredAt }] : [])),
  };
}

export async function getPublicKeys(client: DynamoDBDocumentClient, table: string): Promise<PublishedKeys> {
  const { Item } = await client.send(new GetCommand({ TableName: table, Key: KEY, ConsistentRead: true }));
  return split((Item?.keys as StoredKey[] | undefined) ?? []);
}

/**
 * Publishes the keys the signing secret lists and retires the ones it names as retired, on condition
 * nobody changed the list meanwhile (two writers at once must not drop each other's key). Retirement
 * is one-way: a signer still holding an older copy of the secret cannot bring a retired key back.
 * Returns what is now published.
 */
export async function publishPublicKeys(
  client: DynamoDBDocumentClient,
  table: string,
  keys: PublicKeyEntry[],
  retire: readonly string[],
  now: string,
): Promise<PublishedKeys> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const { Item } = await client.send(new GetCommand({ TableName: table, Key: KEY, ConsistentRead: true }));
    const published = (Item?.keys as StoredKey[] | undefined) ?? [];
    const missing = keys.filter((key) => !published.some((known) => known.kid === key.kid));
    const toRetire = published.filter((key) => !key.retiredAt && retire.includes(key.kid));
    if (missing.length === 0 && toRetire.length === 0) return split(published);
    const next: StoredKey[] = [
      ...published.map((key) => (toRetire.includes(key) ? { ...key, retiredAt: now } : key)),
      ...missing,
    ];
    const version = Number(Item?.version ?? 0);
    try {
      await client.send(
        new PutCommand({
          TableName: table,
          Item: { ...KEY, keys: next, version: version + 1 },
          ConditionExpression: Item
            ? 'version = :version OR attribute_not_exists(version)'
            : 'attribute_not_exists(pk)',
          ...(Item ? { ExpressionAttributeValues: { ':version': version } } : {}),
        }),
      );
      return split(next);
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
  throw new Error('the public keys kept changing while a key was published');
}
