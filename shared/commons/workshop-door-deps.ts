import { dynamo } from '../store/clients';
import { getZones } from '../store/zones-store';
import type { DoorDeps } from '../use-cases/workshop-door';
import { now } from './clock';
import { resource } from './config';
import { fairMeta, type Typist, ticketVerifier, zoneTree } from './fair-context';

export async function doorDeps(typist: Typist): Promise<DoorDeps> {
  const [fair, verifier, tree] = await Promise.all([fairMeta(), ticketVerifier(typist), zoneTree()]);
  return {
    client: dynamo(),
    tables: {
      workshops: resource('WORKSHOPS_TABLE'),
      tickets: resource('TICKETS_TABLE'),
      scans: resource('SCANS_TABLE'),
    },
    verifier,
    fair,
    now,
    evacuating: async (zoneId) =>
      (await getZones(dynamo(), resource('ZONES_TABLE'), tree.path(zoneId))).some((zone) => zone.evacuation),
  };
}
