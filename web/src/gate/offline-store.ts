import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { Presence } from '../../../shared/domain/scan-rules';

/**
 * What a gate device keeps in IndexedDB, so that nothing scanned offline is lost when the page is
 * closed or the phone restarts: the scans waiting to be sent (in the order they were made) and where
 * this device last moved each ticket today.
 */
/** A scan as POST /v1/scans takes it. */
export interface GateScan {
  scanId: string;
  token: string;
  gateId: string;
  direction: 'in' | 'out';
  scannedAt: string;
  deviceId: string;
}

export interface QueuedScan extends GateScan {
  offlineVerdict: string;
  /** Order of scanning: the batch is judged in this order on the server. */
  seq: number;
}

interface GateDb extends DBSchema {
  queue: { key: string; value: QueuedScan; indexes: { bySeq: number } };
  presence: { key: string; value: Presence & { ticketId: string; day: string } };
}

let database: Promise<IDBPDatabase<GateDb>> | undefined;
let sequence = 0;

function db(): Promise<IDBPDatabase<GateDb>> {
  database ??= openDB<GateDb>('rawaq-gate', 1, {
    upgrade(upgrading) {
      upgrading.createObjectStore('queue', { keyPath: 'scanId' }).createIndex('bySeq', 'seq');
      upgrading.createObjectStore('presence', { keyPath: 'ticketId' });
    },
  });
  return database;
}

export async function enqueue(scan: Omit<QueuedScan, 'seq'>): Promise<void> {
  await (await db()).put('queue', { ...scan, seq: Date.now() * 1000 + (sequence++ % 1000) });
}

export async function queued(limit: number): Promise<QueuedScan[]> {
  return (await db()).getAllFromIndex('queue', 'bySeq', undefined, limit);
}

export async function queuedScan(scanId: string): Promise<QueuedScan | undefined> {
  return (await db()).get('queue', scanId);
}

export async function queuedCount(): Promise<number> {
  return (await db()).count('queue');
}

export async function dequeue(scanIds: string[]): Promise<void> {
  const transaction = (await db()).transaction('queue', 'readwrite');
  await Promise.all([...scanIds.map((id) => transaction.store.delete(id)), transaction.done]);
}

export async function presenceOf(ticketId: string, day: string): Promise<Presence | undefined> {
  const found = await (await db()).get('presence', ticketId);
  if (!found || found.day !== day) return undefined;
  const { ticketId: _ticket, day: _day, ...presence } = found;
  return presence;
}

export async function rememberPresence(ticketId: string, day: string, presence: Presence): Promise<void> {
  await (await db()).put('presence', { ...presence, ticketId, day });
}
