import { dynamo } from '../store/clients';
import type { DoorDeps } from '../use-cases/workshop-door';
import { now } from './clock';
import { resource } from './config';
import { fairMeta, ticketVerifier } from './fair-context';

export async function doorDeps(): Promise<DoorDeps> {
  const [fair, verifier] = await Promise.all([fairMeta(), ticketVerifier()]);
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
  };
}
