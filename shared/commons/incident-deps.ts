import { dynamo } from '../store/clients';
import type { IncidentDeps } from '../use-cases/incidents';
import { noticeSender } from './alert-deps';
import { now } from './clock';
import { resource } from './config';
import { fairMeta, zoneTree } from './fair-context';

/** What recording incidents and answering a page's heartbeat need. */
export async function incidentDeps(): Promise<IncidentDeps> {
  const [fair, tree] = await Promise.all([fairMeta(), zoneTree()]);
  return {
    client: dynamo(),
    tables: { fair: resource('FAIR_TABLE'), zones: resource('ZONES_TABLE') },
    fair,
    tree,
    now,
    notify: noticeSender(),
  };
}
