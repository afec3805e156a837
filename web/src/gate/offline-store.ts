import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { GateVerdict } from '../../../shared/domain/gate-verdicts';
import type { Presence } from '../../../shared/domain/scan-rules';
import { DATABASES } from '../common/stored';

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
  /** What the device told the holder; absent when it could not check (a key it does not know yet). */
  offlineVerdict?: GateVerdict;
  /** Order of scanning: the batch is judged in this order on the server. */
  seq: number;
}

/** Walk-ins counted at a gate, as POST /v1/gates/{gateId}/counts takes them; or one taken back. */
export interface GateCount {
  countId: string;
  gateId: string;
  in: number;
  out: number;
  countedAt: string;
  deviceId: string;
}

export interface QueuedCount extends GateCount {
  /** A tap taken back after it was sent: DELETE it when the network returns. */
  undo?: boolean;
  seq: number;
}

interface GateDb extends DBSchema {
  queue: { key: string; value: QueuedScan; indexes: { bySeq: number } };
  presence: { key: string; value: Presence & { ticketId: string; day: string } };
  counts: { key: string; value: QueuedCount; indexes: { bySeq: number } };
}

let database: Promise<IDBPDatabase<GateDb>> | undefined;
let sequence = 0;

function db(): Promise<IDBPDatabase<GateDb>> {
  database ??= openDB<GateDb>(DATABASES.gate, 2, {
    upgrade(upgrading, oldVersion) {
      if (oldVersion < 1) {
        upgrading.createObjectStore('queue', { keyPath: 'scanId' }).createIndex('bySeq', 'seq');
        upgrading.createObjectStore('presence', { keyPath: 'ticketId' });
      }
      // Version 2: walk-in counts, queued like scans. A key per count, and one for its undo.
      if (oldVersion < 2) upgrading.createObjectStore('counts', { keyPath: 'key' }).createIndex('bySeq', 'seq');
    },
  });
  return database;
}

const nextSeq = () => Date.now() * 1000 + (sequence++ % 1000);

export async function enqueue(scan: Omit<QueuedScan, 'seq'>): Promise<void> {
  await (await db()).put('queue', { ...scan, seq: nextSeq() });
}

const countKey = (count: { countId: string; undo?: boolean }) => `${count.undo ? 'undo' : 'count'}:${count.countId}`;

export async function enqueueCount(count: GateCount & { undo?: boolean }): Promise<void> {
  await (await db()).put('counts', { ...count, key: countKey(count), seq: nextSeq() } as QueuedCount);
}

/** Takes a tap back while it still waits here: it is never sent. False when it was sent already. */
export async function dropQueuedCount(countId: string): Promise<boolean> {
  const store = (await db()).transaction('counts', 'readwrite').store;
  const key = countKey({ countId });
  if (!(await store.get(key))) return false;
  await store.delete(key);
  return true;
}

export async function queuedCounts(limit: number): Promise<QueuedCount[]> {
  return (await db()).getAllFromIndex('counts', 'bySeq', undefined, limit);
}

export async function queuedCountCount(): Promise<number> {
  return (await db()).count('counts');
}

export async function dequeueCounts(counts: QueuedCount[]): Promise<void> {
  const transaction = (await db()).transaction('counts', 'readwrite');
  await Promise.all([...counts.map((count) => transaction.store.delete(countKey(count))), transaction.done]);
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

/** What waits on this phone to be sent (scans and counts) and when the oldest was made: for its report. */
export async function unsentWork(): Promise<{ count: number; oldestAt?: string }> {
  const store = await db();
  const [scans, counts, firstScan, firstCount] = await Promise.all([
    store.count('queue'),
    store.count('counts'),
    store.getAllFromIndex('queue', 'bySeq', undefined, 1),
    store.getAllFromIndex('counts', 'bySeq', undefined, 1),
  ]);
  const oldest = [firstScan[0]?.scannedAt, firstCount[0]?.countedAt]
    .filter((at): at is string => typeof at === 'string')
    .sort()[0];
  return { count: scans + counts, ...(oldest ? { oldestAt: oldest } : {}) };
}
