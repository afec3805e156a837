import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { cancellationCodes, conditionHeld, itemFailed, writeTransaction } from './conditional';

/**
 * Evacuations, in the fair table: the one under way (`EVACUATION/CURRENT`, at most one at a time) and
 * each evacuation's record (`EVACUATION/<id>`), kept with who started and ended it. The zone being
 * evacuated is marked on its own item too (zones-store.ts), where every entry already reads it.
 */
export interface EvacuationRecord {
  evacuationId: string;
  /** The zone evacuated: the venue when the whole site is. */
  zoneId: string;
  reason: string;
  startedAt: string;
  startedBy: string;
  endedAt?: string;
  endedBy?: string;
}

const CURRENT = { pk: 'EVACUATION', sk: 'CURRENT' };
const recordKey = (evacuationId: string) => ({ pk: 'EVACUATION', sk: evacuationId });

export async function getCurrentEvacuation(
  client: DynamoDBDocumentClient,
  table: string,
): Promise<EvacuationRecord | undefined> {
  const { Item } = await client.send(new GetCommand({ TableName: table, Key: CURRENT, ConsistentRead: true }));
  return Item?.evacuationId ? (Item as unknown as EvacuationRecord) : undefined;
}

export async function getEvacuation(
  client: DynamoDBDocumentClient,
  table: string,
  evacuationId: string,
): Promise<EvacuationRecord | undefined> {
  const { Item } = await client.send(
    new GetCommand({ TableName: table, Key: recordKey(evacuationId), ConsistentRead: true }),
  );
  return Item ? (Item as unknown as EvacuationRecord) : undefined;
}

/** Starts one, on condition none is under way: false when one is (two organisers at once start one). */
export async function startEvacuation(
  client: DynamoDBDocumentClient,
  table: string,
  evacuation: EvacuationRecord,
): Promise<boolean> {
  try {
    await writeTransaction(client, {
      TransactItems: [
        {
          Put: {
            TableName: table,
            Item: { ...CURRENT, ...evacuation },
            ConditionExpression: 'attribute_not_exists(evacuationId)',
          },
        },
        { Put: { TableName: table, Item: { ...recordKey(evacuation.evacuationId), ...evacuation } } },
      ],
    });
    return true;
  } catch (error) {
    if (itemFailed(cancellationCodes(error), 0)) return false;
    throw error;
  }
}

/** Ends it, once: false when it is not the one under way (ended already, or another). */
export async function endEvacuation(
  client: DynamoDBDocumentClient,
  table: string,
  evacuationId: string,
  ended: { endedAt: string; endedBy: string },
): Promise<boolean> {
  const ending = await conditionHeld(
    client.send(
      new UpdateCommand({
        TableName: table,
        Key: CURRENT,
        UpdateExpression: 'REMOVE evacuationId, zoneId, reason, startedAt, startedBy',
        ConditionExpression: 'evacuationId = :id',
        ExpressionAttributeValues: { ':id': evacuationId },
      }),
    ),
  );
  if (!ending) return false;
  await client.send(
    new UpdateCommand({
      TableName: table,
      Key: recordKey(evacuationId),
      UpdateExpression: 'SET endedAt = if_not_exists(endedAt, :at), endedBy = if_not_exists(endedBy, :by)',
      ExpressionAttributeValues: { ':at': ended.endedAt, ':by': ended.endedBy },
    }),
  );
  return true;
}
