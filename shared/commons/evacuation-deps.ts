import { dynamo } from '../store/clients';
import type { EvacuationDeps } from '../use-cases/evacuate';
import { noticeSender } from './alert-deps';
import { now } from './clock';
import { resource } from './config';
import { fairMeta, zoneTree } from './fair-context';

/** What starting, ending and calling the roll of an evacuation need. */
export async function evacuationDeps(): Promise<EvacuationDeps> {
  const [fair, tree] = await Promise.all([fairMeta(), zoneTree()]);
  return {
    client: dynamo(),
    tables: {
      fair: resource('FAIR_TABLE'),
      zones: resource('ZONES_TABLE'),
      tickets: resource('TICKETS_TABLE'),
      alerts: resource('ALERTS_TABLE'),
    },
    fair,
    tree,
    now,
    notify: noticeSender(),
  };
}
