import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { FootfallEvent } from '../../../shared/contract/booths';
import { DATABASES } from '../common/stored';

/**
 * A visit a booth's phone recorded and has not yet handed to the API (in the contract's shape), kept in
 * IndexedDB so that none is lost when the network drops or the phone restarts; sent in the order they
 * were made.
 */
export interface QueuedVisit {
  boothId: string;
  event: FootfallEvent;
  seq: number;
}

interface BoothDb extends DBSchema {
  visits: { key: string; value: QueuedVisit; indexes: { bySeq: number } };
}

let database: Promise<IDBPDatabase<BoothDb>> | undefined;

function db(): Promise<IDBPDatabase<BoothDb>> {
  database ??= openDB<BoothDb>(DATABASES.booth, 1, {
    upgrade(upgrading) {
      upgrading.createObjectStore('visits', { keyPath: 'event.eventId' }).createIndex('bySeq', 'seq');
    },
  });
  return database;
}

export async function enqueueVisit(boothId: string, event: FootfallEvent): Promise<void> {
  await (await db()).put('visits', { boothId, event, seq: Date.now() + Math.random() });
}

/** The oldest first, at most `limit`, for one booth. */
export async function queuedVisits(boothId: string, limit: number): Promise<QueuedVisit[]> {
  const all = await (await db()).getAllFromIndex('visits', 'bySeq');
  return all.filter((visit) => visit.boothId === boothId).slice(0, limit);
}

export async function forgetVisits(eventIds: string[]): Promise<void> {
  const transaction = (await db()).transaction('visits', 'readwrite');
  await Promise.all([...eventIds.map((id) => transaction.store.delete(id)), transaction.done]);
}

export async function waitingVisits(boothId: string): Promise<number> {
  return (await (await db()).getAll('visits')).filter((visit) => visit.boothId === boothId).length;
}
