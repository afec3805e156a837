import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { partitionItems } from './query-all';

/**
 * What each page reports of its device (in the fair table, under `DEVICE`, one item per device id):
 * when it was last heard from, what it has not sent yet and since when, its clock against the
 * server's, its page and version, its battery where the browser tells, how fresh its revocation list
 * is. Organisers see a silent gate before its steward walks to the desk.
 */
export interface DeviceRecord {
  deviceId: string;
  credentialId: string;
  label: string;
  role: string;
  page: string;
  version?: string;
  lastSeenAt: string;
  unsent?: number;
  oldestUnsentAt?: string;
  clockSkewMs?: number;
  battery?: number;
  charging?: boolean;
  revocationsUpdatedAt?: string;
  /** The gate or workshop the page is set to. */
  at?: string;
  /** The zone it stands at: its gate's, or its workshop's room (a workshop may have none). */
  zoneId?: string;
  /** Kept 2 days after last heard from. */
  expiresAt: number;
}

export async function putDevice(client: DynamoDBDocumentClient, table: string, device: DeviceRecord): Promise<void> {
  await client.send(new PutCommand({ TableName: table, Item: { pk: 'DEVICE', sk: device.deviceId, ...device } }));
}

export async function listDevices(client: DynamoDBDocumentClient, table: string): Promise<DeviceRecord[]> {
  return partitionItems<DeviceRecord>(client, table, 'DEVICE');
}
