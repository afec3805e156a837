import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { queryAll } from './query-all';
import { addPartOnce, type CounterAddition } from './shard-counters';

/**
 * One gate's hour: ticket holders let in and out, refusals, and walk-ins counted in and out. Workshop
 * doors are kept the same way under `door:<workshopId>`, which tells which rooms were counted.
 */
export interface GateStatDelta {
  day: string;
  gateId: string;
  hour: string;
  entries: number;
  exits: number;
  refused: number;
  /** The refusals by verdict (ALREADY_INSIDE, ZONE_FULL...), for the day's report. */
  refusedBy: Record<string, number>;
  countedEntries: number;
  countedExits: number;
  /** Walk-ins counted beyond what the gate can pass in a minute: recorded, left out of every count. */
  flaggedEntries: number;
  flaggedExits: number;
}

/** A gate hour's counters added: the hour's item is made by its first delta. */
function gateHourAddition(statsTable: string, gate: GateStatDelta): CounterAddition {
  const reasons = Object.entries(gate.refusedBy);
  const flagged = gate.flaggedEntries || gate.flaggedExits;
  return {
    TableName: statsTable,
    Key: { pk: `GATE#${gate.day}`, sk: `${gate.gateId}#${gate.hour}` },
    set: ['gateId = :gate', '#hour = :hour'],
    add: [
      'entries :entries',
      'exits :exits',
      'refused :refused',
      'countedEntries :countedEntries',
      'countedExits :countedExits',
      ...(flagged ? ['flaggedEntries :flaggedEntries', 'flaggedExits :flaggedExits'] : []),
      ...reasons.map((_, i) => `#r${i} :r${i}`),
    ],
    names: {
      '#hour': 'hour',
      ...Object.fromEntries(reasons.map(([verdict], i) => [`#r${i}`, `${REFUSED_PREFIX}${verdict}`])),
    },
    values: {
      ...Object.fromEntries(reasons.map(([, n], i) => [`:r${i}`, n])),
      ':gate': gate.gateId,
      ':hour': gate.hour,
      ':entries': gate.entries,
      ':exits': gate.exits,
      ':refused': gate.refused,
      ':countedEntries': gate.countedEntries,
      ':countedExits': gate.countedExits,
      ...(flagged ? { ':flaggedEntries': gate.flaggedEntries, ':flaggedExits': gate.flaggedExits } : {}),
    },
  };
}

/**
 * Adds one gate hour's part of a shard's batch once (shard-counters.ts): `count` coalesces the records
 * it is given (those above the hour item's mark for the shard, after a redelivery) into the hour's delta.
 */
export function addGateHourOnce<T extends { sequence: string }>(
  client: DynamoDBDocumentClient,
  statsTable: string,
  shardId: string,
  records: T[],
  count: (records: T[]) => GateStatDelta,
): Promise<{ applied: number; skipped: number }> {
  return addPartOnce(client, shardId, records, (pending) => gateHourAddition(statsTable, count(pending)));
}

/** What reconciliation saw of a zone last time: a drift is corrected only when seen twice. */
export interface DriftSighting {
  counted: number | null;
  inside: number | null;
  at: string;
}

const driftKey = (zoneId: string) => ({ pk: `RECONCILE#${zoneId}`, sk: 'drift' });

export async function getDrift(
  client: DynamoDBDocumentClient,
  statsTable: string,
  zoneId: string,
): Promise<DriftSighting | undefined> {
  const { Item } = await client.send(
    new GetCommand({ TableName: statsTable, Key: driftKey(zoneId), ConsistentRead: true }),
  );
  return Item as DriftSighting | undefined;
}

export async function putDrift(
  client: DynamoDBDocumentClient,
  statsTable: string,
  zoneId: string,
  sighting: DriftSighting,
): Promise<void> {
  await client.send(new PutCommand({ TableName: statsTable, Item: { ...driftKey(zoneId), ...sighting } }));
}

/** A gate's (or a workshop door's) counters for one hour of a day, as stored. */
export interface GateHourRecord {
  gateId: string;
  hour: string;
  entries?: number;
  exits?: number;
  refused?: number;
  countedEntries?: number;
  countedExits?: number;
  flaggedEntries?: number;
  flaggedExits?: number;
  /** `refused_<VERDICT>`: the refusals by verdict. */
  [refusedByVerdict: `refused_${string}`]: number | undefined;
}

/** Where a gate hour keeps its refusals by verdict: `refused_ZONE_FULL`... */
const REFUSED_PREFIX = 'refused_';

type GateHourField =
  | 'entries'
  | 'exits'
  | 'refused'
  | 'countedEntries'
  | 'countedExits'
  | 'flaggedEntries'
  | 'flaggedExits';
const sum = (hours: GateHourRecord[], field: GateHourField) =>
  hours.reduce((total, hour) => total + (hour[field] ?? 0), 0);

/**
 * What gate hours add up to: a gate hour's `entries` and `exits` are ticket scans, walk-ins are
 * counted beside them; `entries` and `exits` here are their sums.
 */
export function gateFigures(hours: GateHourRecord[]) {
  const ticketed = { entries: sum(hours, 'entries'), exits: sum(hours, 'exits') };
  const counted = { entries: sum(hours, 'countedEntries'), exits: sum(hours, 'countedExits') };
  return {
    entries: ticketed.entries + counted.entries,
    exits: ticketed.exits + counted.exits,
    refused: sum(hours, 'refused'),
    ticketed,
    counted,
    /** Walk-ins left out as implausible (more than the gate can pass in a minute). */
    flagged: { entries: sum(hours, 'flaggedEntries'), exits: sum(hours, 'flaggedExits') },
  };
}

/** The refusals in gate hours, by verdict. */
export function refusalsByVerdict(hours: GateHourRecord[]): Record<string, number> {
  const byVerdict: Record<string, number> = {};
  for (const hour of hours)
    for (const [field, value] of Object.entries(hour))
      if (field.startsWith(REFUSED_PREFIX) && typeof value === 'number') {
        const verdict = field.slice(REFUSED_PREFIX.length);
        byVerdict[verdict] = (byVerdict[verdict] ?? 0) + value;
      }
  return byVerdict;
}

export async function listGateHours(
  client: DynamoDBDocumentClient,
  statsTable: string,
  day: string,
): Promise<GateHourRecord[]> {
  const items = await queryAll(client, {
    TableName: statsTable,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': `GATE#${day}` },
    ConsistentRead: true,
  });
  return items as unknown as GateHourRecord[];
}
