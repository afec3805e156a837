import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Principal } from '../domain/access';
import { CREDENTIAL_ID_INDEX } from './index-names';

/**
 * Credentials are stored by the SHA-256 of the secret, never the secret itself: a read of the table
 * gives nobody a working credential. The `byCredentialId` index serves revocation.
 */
export interface CredentialRecord extends Principal {
  credentialHash: string;
  createdAt: string;
}

export async function putCredential(
  client: DynamoDBDocumentClient,
  table: string,
  record: CredentialRecord,
): Promise<boolean> {
  try {
    await client.send(
      new PutCommand({ TableName: table, Item: record, ConditionExpression: 'attribute_not_exists(credentialHash)' }),
    );
    return true;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
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

export async function deleteCredentialById(
  client: DynamoDBDocumentClient,
  table: string,
  credentialId: string,
): Promise<boolean> {
  const { Items = [] } = await client.send(
    new QueryCommand({
      TableName: table,
      IndexName: CREDENTIAL_ID_INDEX,
      KeyConditionExpression: 'credentialId = :id',
      ExpressionAttributeValues: { ':id': credentialId },
    }),
  );
  for (const item of Items) {
    await client.send(new DeleteCommand({ TableName: table, Key: { credentialHash: item.credentialHash } }));
  }
  return Items.length > 0;
}
