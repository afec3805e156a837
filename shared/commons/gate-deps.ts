import { dynamo } from '../store/clients';
import { scanLog } from '../store/scans-store';
import { ticketReader } from '../store/tickets-store';
import { walkInLog } from '../store/walk-in-log';
import { type ZoneRecord, zoneKeys, zoneStore, zonesAmong } from '../store/zones-store';
import type { CheckInDeps } from '../use-cases/check-in';
import type { WalkInDeps } from '../use-cases/count-walk-ins';
import { noticeSender } from './alert-deps';
import type { ReadWithCredential } from './authenticate';
import { now } from './clock';
import { resource } from './config';
import { fairMeta, type Typist, ticketVerifier, zoneTree } from './fair-context';

/** What a gate scan needs: the tables it reads and writes, the token verifier, the fair and its zones. */
export async function checkInDeps(typist: Typist, zonesRead?: ZoneRecord[]): Promise<CheckInDeps> {
  const [fair, verifier, tree] = await Promise.all([fairMeta(), ticketVerifier(typist), zoneTree()]);
  const client = dynamo();
  const tickets = resource('TICKETS_TABLE');
  return {
    stores: {
      scans: scanLog(client, { scans: resource('SCANS_TABLE'), tickets }),
      tickets: ticketReader(client, tickets),
      zones: zoneStore(client, resource('ZONES_TABLE')),
    },
    verifier,
    fair,
    tree,
    now,
    ...(zonesRead ? { zonesRead } : {}),
  };
}

/** What a walk-in count needs: the scan log it appends to, the zones it answers with, the fair's clock. */
export async function walkInDeps(): Promise<WalkInDeps> {
  const [fair, tree] = await Promise.all([fairMeta(), zoneTree()]);
  const client = dynamo();
  return {
    stores: {
      walkIns: walkInLog(client, { scans: resource('SCANS_TABLE'), fair: resource('FAIR_TABLE') }),
      zones: zoneStore(client, resource('ZONES_TABLE')),
    },
    fair,
    tree,
    now,
    notify: noticeSender(),
  };
}

/** The zones an online entry raises, read with the scan's credential (`gatePathAuthentication`). */
export function zonesWithCredential(zoneIds: readonly string[]): ReadWithCredential | undefined {
  if (zoneIds.length === 0) return undefined;
  const table = resource('ZONES_TABLE');
  return { keys: { [table]: zoneKeys(zoneIds) }, parse: (items) => ({ zones: zonesAmong(table, items) }) };
}
