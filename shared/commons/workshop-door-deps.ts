import { dynamo } from '../store/clients';
import { workshopDoor } from '../store/workshop-door-store';
import { getZones } from '../store/zones-store';
import type { DoorDeps } from '../use-cases/workshop-door';
import { now } from './clock';
import { resource } from './config';
import { fairMeta, type Typist, ticketVerifier, zoneTree } from './fair-context';

export async function doorDeps(typist: Typist): Promise<DoorDeps> {
  const [fair, verifier, tree] = await Promise.all([fairMeta(), ticketVerifier(typist), zoneTree()]);
  return {
    door: workshopDoorOf(),
    verifier,
    fair,
    now,
    evacuating: async (zoneId) =>
      (await getZones(dynamo(), resource('ZONES_TABLE'), tree.path(zoneId))).some((zone) => zone.evacuation),
  };
}

/** The door's store, on the tables this function is bound to (the door, and the schedule emptying rooms). */
export const workshopDoorOf = () =>
  workshopDoor(dynamo(), {
    workshops: resource('WORKSHOPS_TABLE'),
    tickets: resource('TICKETS_TABLE'),
    scans: resource('SCANS_TABLE'),
  });
