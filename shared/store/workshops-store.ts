import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { ProgrammeItem } from '../domain/fair';
import { conditionHeld } from './conditional';
import { WORKSHOP_LIST_INDEX } from './index-names';
import { queryAll } from './query-all';

/**
 * One partition per workshop: its META item (rules and counters: admitted, registered, waitlisted),
 * one REG# item per registration, one ADM# item per ticket admitted, one SCAN# item per door scan
 * (which makes each scan idempotent). Seats change only in transactions whose conditions hold the
 * limits: `admitted < capacity`, `registered < capacity`.
 */

export interface WorkshopRecord extends ProgrammeItem {
  doorsOpenAt?: string;
  doorsCloseAt?: string;
  releaseUnclaimedAfterMinutes?: number;
  admitted: number;
  /** Distinct tickets ever admitted: attendance, which exits do not lower. */
  attended?: number;
  registered: number;
  waitlisted: number;
  listKey: 'WORKSHOP';
  /** `file`: from the fair's file (a later file updates or removes it); else made through the API. */
  source?: 'file' | 'api';
  /** Fields an organiser changed on the day (PATCH): a later fair file does not overwrite them. */
  editedFields?: string[];
  /** Called off by an organiser, and why: its doors admit nobody. */
  cancelledAt?: string;
  cancelReason?: string;
  /** When its room was emptied after its end: whoever was still admitted was let out. */
  emptiedAt?: string;
}

/** The keys of a workshop's items: its partition, and the item within it. */
export const workshopKey = (workshopId: string, sk: string) => ({ pk: `WS#${workshopId}`, sk });

/** One item of a workshop's partition (a door scan, a registration), read consistently. */
export async function getWorkshopItem<T>(
  client: DynamoDBDocumentClient,
  table: string,
  workshopId: string,
  sk: string,
): Promise<T | undefined> {
  const { Item } = await client.send(
    new GetCommand({ TableName: table, Key: workshopKey(workshopId, sk), ConsistentRead: true }),
  );
  return Item as T | undefined;
}

export async function putWorkshopIfAbsent(
  client: DynamoDBDocumentClient,
  table: string,
  workshop: WorkshopRecord,
): Promise<boolean> {
  return conditionHeld(
    client.send(
      new PutCommand({
        TableName: table,
        Item: { ...workshopKey(workshop.workshopId, 'META'), ...workshop },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  );
}

export async function getWorkshop(
  client: DynamoDBDocumentClient,
  table: string,
  workshopId: string,
): Promise<WorkshopRecord | undefined> {
  const item = await getWorkshopItem<Record<string, unknown>>(client, table, workshopId, 'META');
  return item ? recordOf(item) : undefined;
}

/** A stored item as a record: keys dropped, the edited fields' string set as a list. */
export function recordOf(item: Record<string, unknown>): WorkshopRecord {
  const { pk: _pk, sk: _sk, editedFields, ...workshop } = item;
  return {
    ...(workshop as unknown as WorkshopRecord),
    ...(editedFields ? { editedFields: [...(editedFields as Iterable<string>)].sort() } : {}),
  };
}

export async function listWorkshops(client: DynamoDBDocumentClient, table: string): Promise<WorkshopRecord[]> {
  const items = await queryAll(client, {
    TableName: table,
    IndexName: WORKSHOP_LIST_INDEX,
    KeyConditionExpression: 'listKey = :list',
    ExpressionAttributeValues: { ':list': 'WORKSHOP' },
  });
  return items.map(recordOf);
}

/** Changes a workshop's rules (never its counters). */
export async function updateWorkshopRules(
  client: DynamoDBDocumentClient,
  table: string,
  workshopId: string,
  changes: Partial<
    Pick<
      WorkshopRecord,
      | 'title'
      | 'titles'
      | 'kind'
      | 'source'
      | 'zoneId'
      | 'startsAt'
      | 'endsAt'
      | 'capacity'
      | 'registrationRequired'
      | 'doorsOpenAt'
      | 'doorsCloseAt'
      | 'releaseUnclaimedAfterMinutes'
      | 'cancelledAt'
      | 'cancelReason'
    >
  >,
  /** An organiser's change on the day: these fields are remembered as edited. */
  edited = false,
): Promise<boolean> {
  const entries = Object.entries(changes).filter(([, value]) => value !== undefined);
  if (entries.length === 0) return true;
  return conditionHeld(
    client.send(
      new UpdateCommand({
        TableName: table,
        Key: workshopKey(workshopId, 'META'),
        UpdateExpression: `SET ${entries.map((_, i) => `#f${i} = :v${i}`).join(', ')}${edited ? ' ADD editedFields :edited' : ''}`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: Object.fromEntries(entries.map(([name], i) => [`#f${i}`, name])),
        ExpressionAttributeValues: {
          ...Object.fromEntries(entries.map(([, value], i) => [`:v${i}`, value])),
          ...(edited ? { ':edited': new Set(entries.map(([name]) => name)) } : {}),
        },
      }),
    ),
  );
}

/**
 * Removes a programme item the fair's file no longer lists, if nobody registered, waited or was
 * admitted; false when someone did (it is kept).
 */
export async function removeWorkshopIfUnused(
  client: DynamoDBDocumentClient,
  table: string,
  workshopId: string,
): Promise<boolean> {
  return conditionHeld(
    client.send(
      new DeleteCommand({
        TableName: table,
        Key: workshopKey(workshopId, 'META'),
        ConditionExpression:
          'registered = :zero AND waitlisted = :zero AND admitted = :zero AND (attribute_not_exists(attended) OR attended = :zero)',
        ExpressionAttributeValues: { ':zero': 0 },
      }),
    ),
  );
}

/** Marks a workshop's room as emptied after its end (the sweep does not come back to it). */
export async function markRoomEmptied(
  client: DynamoDBDocumentClient,
  table: string,
  workshopId: string,
  at: string,
): Promise<void> {
  await client.send(
    new UpdateCommand({
      TableName: table,
      Key: workshopKey(workshopId, 'META'),
      UpdateExpression: 'SET emptiedAt = if_not_exists(emptiedAt, :at)',
      ExpressionAttributeValues: { ':at': at },
    }),
  );
}
