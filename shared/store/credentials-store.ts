import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Principal } from '../domain/access';
import { batchGetTables } from './batch-get';
import { conditionHeld, isConditionFailure } from './conditional';
import { CREDENTIAL_ID_INDEX } from './index-names';

/**
 * Credentials are stored by the SHA-256 of the secret, never the secret itself: a read of the table
 * gives nobody a working credential. The `byCredentialId` index serves revocation. A revoked
 * credential stays as a tombstone (no TTL): refused at once, and never registered again by a redeploy.
 */
export interface CredentialRecord extends Principal {
  credentialHash: string;
  createdAt: string;
  /** Who made it (an organiser credential's id and label); absent for the stack's first credential. */
  createdBy?: { credentialId: string; label: string };
  /** Refused after this instant. */
  validUntil?: string;
  revokedAt?: string;
  lastUsedAt?: string;
  /** TTL (epoch seconds): removed from the table some time after it stopped working. */
  expiresAt?: number;
}

export async function putCredential(
  client: DynamoDBDocumentClient,
  table: string,
  record: CredentialRecord,
): Promise<boolean> {
  return conditionHeld(
    client.send(
      new PutCommand({ TableName: table, Item: record, ConditionExpression: 'attribute_not_exists(credentialHash)' }),
    ),
  );
}

export async function getCredentialByHash(
  client: DynamoDBDocumentClient,
  table: string,
  credentialHash: string,
): Promise<CredentialRecord | undefined> {
  // Strongly consistent: a credential revoked a moment ago must already be refused.
  const { Item } = await client.send(
    new GetCommand({ TableName: table, Key: { credentialHash }, ConsistentRead: true }),
  );
  return Item as CredentialRecord | undefined;
}

/** Notes a credential's use, at most once a minute (a write per request would double the authorizer's cost). */
export async function touchCredential(
  client: DynamoDBDocumentClient,
  table: string,
  credentialHash: string,
  at: Date,
): Promise<void> {
  await client
    .send(
      new UpdateCommand({
        TableName: table,
        Key: { credentialHash },
        UpdateExpression: 'SET lastUsedAt = :at',
        ConditionExpression:
          'attribute_exists(credentialHash) AND (attribute_not_exists(lastUsedAt) OR lastUsedAt < :stale)',
        ExpressionAttributeValues: {
          ':at': at.toISOString(),
          ':stale': new Date(at.getTime() - 60_000).toISOString(),
        },
      }),
    )
    .catch((error) => {
      if (!isConditionFailure(error)) throw error;
    });
}

/** Revokes a credential id: false when there is no live one (unknown, or revoked already). */
export async function revokeCredentialById(
  client: DynamoDBDocumentClient,
  table: string,
  credentialId: string,
  at: string,
): Promise<boolean> {
  const { Items = [] } = await client.send(
    new QueryCommand({
      TableName: table,
      IndexName: CREDENTIAL_ID_INDEX,
      KeyConditionExpression: 'credentialId = :id',
      ExpressionAttributeValues: { ':id': credentialId },
    }),
  );
  let revoked = false;
  for (const item of Items) {
    try {
      await client.send(
        new UpdateCommand({
          TableName: table,
          Key: { credentialHash: item.credentialHash },
          UpdateExpression: 'SET revokedAt = :at REMOVE expiresAt',
          ConditionExpression: 'attribute_exists(credentialHash) AND attribute_not_exists(revokedAt)',
          ExpressionAttributeValues: { ':at': at },
        }),
      );
      revoked = true;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
  return revoked;
}

/** Every credential, without its hash: a fair has hundreds, one paged scan reads them. */
export async function listCredentials(
  client: DynamoDBDocumentClient,
  table: string,
): Promise<Omit<CredentialRecord, 'credentialHash'>[]> {
  const records: Omit<CredentialRecord, 'credentialHash'>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: table, ExclusiveStartKey }));
    for (const item of page.Items ?? []) {
      const { credentialHash: _hash, ...record } = item as CredentialRecord;
      records.push(record);
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return records.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/**
 * The credential, read with other items in the same consistent request (`others`: keys by table): a
 * gate path request's one read before its write. The other items come back raw, by table.
 */
export async function getCredentialWith(
  client: DynamoDBDocumentClient,
  credentialsTable: string,
  credentialHash: string,
  others: Record<string, Record<string, unknown>[]>,
): Promise<{ credential: CredentialRecord | undefined; items: Record<string, Record<string, unknown>[]> }> {
  if (Object.values(others).every((keys) => keys.length === 0))
    return { credential: await getCredentialByHash(client, credentialsTable, credentialHash), items: {} };
  const items = await batchGetTables(client, { ...others, [credentialsTable]: [{ credentialHash }] });
  return { credential: items[credentialsTable]?.[0] as CredentialRecord | undefined, items };
}
