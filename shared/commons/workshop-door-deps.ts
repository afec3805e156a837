import * as z from 'zod';
import { DoorScanSchema } from '../contract/workshops';
import { IdSchema } from '../domain/fair';
import { judgeToken } from '../domain/scan-rules';
import { dynamo } from '../store/clients';
import { type DoorTables, doorContextFrom, doorContextKeys, workshopDoor } from '../store/workshop-door-store';
import { getZones, zoneKeys, zonesAmong, zonesIfRead } from '../store/zones-store';
import type { DoorDeps } from '../use-cases/workshop-door';
import type { ReadWithCredential } from './authenticate';
import { now } from './clock';
import { resource } from './config';
import { fairMeta, type Typist, ticketVerifier, tokenVerifier, zoneTree } from './fair-context';
import type { GatePathRead } from './http/http-handler';
import type { AuthorizedEvent } from './http/principal';
import { parseJsonBody, parsePath } from './http/request';

export async function doorDeps(typist: Typist, read?: GatePathRead): Promise<DoorDeps> {
  const [fair, verifier, tree] = await Promise.all([fairMeta(), ticketVerifier(typist), zoneTree()]);
  return {
    door: workshopDoorOf(),
    verifier,
    fair,
    now,
    evacuating: async (zoneId) => {
      const ids = tree.path(zoneId);
      const zones = zonesIfRead(read?.zones, ids) ?? (await getZones(dynamo(), resource('ZONES_TABLE'), ids));
      return zones.some((zone) => zone.evacuation);
    },
    ...(read?.door ? { prefetched: read.door } : {}),
  };
}

/** The door's store, on the tables this function is bound to (the door, and the schedule emptying rooms). */
export const workshopDoorOf = () => workshopDoor(dynamo(), doorTables());

const doorTables = (): DoorTables => ({
  workshops: resource('WORKSHOPS_TABLE'),
  tickets: resource('TICKETS_TABLE'),
  scans: resource('SCANS_TABLE'),
});

/**
 * The zone each workshop's room is in, as this instance last read it: an admission reads the zones
 * around the room (is any being evacuated?) with its credential and context when the room is known
 * here, fresh from the table all the same. A room met for the first time, or moved since, reads its
 * zones after.
 */
const roomZones = new Map<string, string>();

/**
 * What a door scan reads with its credential, in one request: the scan id's earlier answer (its SCAN#
 * item or its scan log record), the workshop, the ticket its token names (a signed token, checked
 * without a read; a typed short code is looked up after) and, for an admission, the zones around a
 * room known here.
 */
export function doorContextWithCredential(kind: 'admission' | 'exit') {
  return async (event: AuthorizedEvent): Promise<ReadWithCredential> => {
    const { workshopId } = parsePath(event, z.object({ workshopId: IdSchema }));
    const { scanId, token } = parseJsonBody(event, DoorScanSchema);
    const [verifier, fair, tree] = await Promise.all([tokenVerifier(), fairMeta(), zoneTree()]);
    const verified = await verifier.verify(token);
    const ticketId = !judgeToken(verified, fair.fairId) && verified.ok ? verified.claims.ticketId : undefined;
    const tables = doorTables();
    const zonesTable = resource('ZONES_TABLE');
    const query = { workshopId, scanId, ticketId };
    const room = kind === 'admission' ? roomZones.get(workshopId) : undefined;
    return {
      keys: { ...doorContextKeys(tables, query), ...(room ? { [zonesTable]: zoneKeys(tree.path(room)) } : {}) },
      parse: (items) => {
        const context = doorContextFrom(tables, query, items);
        const zoneId = context.workshop?.zoneId;
        if (zoneId) roomZones.set(workshopId, zoneId);
        return { door: { query, context }, ...(room ? { zones: zonesAmong(zonesTable, items) } : {}) };
      },
    };
  };
}
