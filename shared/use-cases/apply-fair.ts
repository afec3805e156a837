import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Fair } from '../domain/fair';
import { changesFromFile, type KeptEdit, PROGRAMME_FILE_FIELDS, ZONE_FILE_FIELDS } from '../domain/fair-changes';
import { safeCapacities } from '../domain/safe-capacity';
import { rejudge } from '../domain/zone-session';
import { replaceFairDescription } from '../store/fair-store';
import { moveTimeKeyedRevocations } from '../store/revocations-store';
import {
  listWorkshops,
  putWorkshopIfAbsent,
  removeWorkshopIfUnused,
  updateWorkshopRules,
} from '../store/workshops-store';
import { createZoneIfAbsent, getZone, listZones, liveOf, removeZone, updateZoneRules } from '../store/zones-store';

export interface ApplyFairDeps {
  client: DynamoDBDocumentClient;
  tables: { fair: string; zones: string; workshops: string };
  now: () => Date;
}

/** What applying a fair's file did, in lines an operator reads (the seed logs them). */
export interface FairApplied {
  summary: string;
  /** Each thing kept against the file, or removed: what happened and what stays. */
  notes: string[];
}

const kept = (what: string, edits: KeptEdit[]) =>
  edits.map(
    (edit) =>
      `${what}: ${edit.field} kept at ${JSON.stringify(edit.kept)} (changed on the day; the file says ${JSON.stringify(edit.file)})`,
  );

async function applyZones(deps: ApplyFairDeps, fair: Fair, notes: string[]) {
  const at = deps.now().toISOString();
  const stored = new Map((await listZones(deps.client, deps.tables.zones)).map((zone) => [zone.zoneId, zone]));
  const tally = { added: 0, updated: 0 };
  const safe = safeCapacities(fair);
  for (const fileZone of fair.zones) {
    const zone = { ...fileZone, safeCapacity: safe.get(fileZone.zoneId)?.capacity };
    if (await createZoneIfAbsent(deps.client, deps.tables.zones, zone, at)) {
      tally.added += 1;
      continue;
    }
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const current =
        attempt === 0 ? stored.get(zone.zoneId) : await getZone(deps.client, deps.tables.zones, zone.zoneId);
      if (!current) break;
      const { changes, keptEdits } = changesFromFile(current, zone, ZONE_FILE_FIELDS, current.editedFields);
      if (attempt === 0) notes.push(...kept(`zone ${zone.zoneId}`, keptEdits));
      if (Object.keys(changes).length === 0 && !current.retiredAt) break;
      const rules = { ...current, ...changes, retiredAt: undefined };
      if (await updateZoneRules(deps.client, deps.tables.zones, { ...rules, ...rejudge(liveOf(current), rules) }, at)) {
        tally.updated += 1;
        break;
      }
    }
  }
  const listed = new Set(fair.zones.map((zone) => zone.zoneId));
  for (const zone of stored.values()) {
    if (listed.has(zone.zoneId) || zone.retiredAt) continue;
    const outcome = await removeZone(deps.client, deps.tables.zones, zone.zoneId, at);
    notes.push(
      outcome === 'deleted'
        ? `zone ${zone.zoneId}: no longer in the file; removed (nothing was ever counted in it)`
        : `zone ${zone.zoneId}: no longer in the file; kept with its counts, alerts and scans, no longer shown`,
    );
  }
  return tally;
}

async function applyProgramme(deps: ApplyFairDeps, fair: Fair, notes: string[]) {
  const stored = new Map(
    (await listWorkshops(deps.client, deps.tables.workshops)).map((item) => [item.workshopId, item]),
  );
  const tally = { added: 0, updated: 0 };
  for (const item of fair.workshops) {
    const current = stored.get(item.workshopId);
    if (!current) {
      await putWorkshopIfAbsent(deps.client, deps.tables.workshops, {
        ...item,
        source: 'file',
        admitted: 0,
        registered: 0,
        waitlisted: 0,
        listKey: 'WORKSHOP',
      });
      tally.added += 1;
      continue;
    }
    const { changes, keptEdits } = changesFromFile(current, item, PROGRAMME_FILE_FIELDS, current.editedFields);
    notes.push(...kept(`programme ${item.workshopId}`, keptEdits));
    if (Object.keys(changes).length === 0 && current.source === 'file') continue;
    await updateWorkshopRules(deps.client, deps.tables.workshops, item.workshopId, { ...changes, source: 'file' });
    if (Object.keys(changes).length > 0) tally.updated += 1;
  }
  const listed = new Set(fair.workshops.map((item) => item.workshopId));
  for (const item of stored.values()) {
    // Made through the API: the file never knew it, and does not remove it.
    if (listed.has(item.workshopId) || item.source !== 'file') continue;
    notes.push(
      (await removeWorkshopIfUnused(deps.client, deps.tables.workshops, item.workshopId))
        ? `programme ${item.workshopId}: no longer in the file; removed (nobody had registered or been admitted)`
        : `programme ${item.workshopId}: no longer in the file; kept (${item.registered} registered, ${item.waitlisted} waiting, ${item.attended ?? item.admitted} attended): cancel it from the API if it is off`,
    );
  }
  return tally;
}

/**
 * Makes what is stored say what the fair's file says: the fair, its gates and booths, zones and
 * programme added or updated, never a ticket, a count, or a rule changed on the day; what the file
 * no longer lists removed where nothing was recorded against it, else kept, and said.
 */
export async function applyFair(deps: ApplyFairDeps, fair: Fair): Promise<FairApplied> {
  const notes: string[] = [];
  const removed = await replaceFairDescription(deps.client, deps.tables.fair, fair);
  for (const gateId of removed.gates)
    notes.push(`gate ${gateId}: no longer in the file; removed (its scans and statistics are kept)`);
  for (const boothId of removed.booths)
    notes.push(`booth ${boothId}: no longer in the file; removed (its footfall statistics are kept)`);
  const zones = await applyZones(deps, fair, notes);
  const programme = await applyProgramme(deps, fair, notes);
  const moved = await moveTimeKeyedRevocations(deps.client, deps.tables.fair);
  if (moved > 0) notes.push(`revocations: ${moved} moved to the numbered log devices page through`);
  return {
    summary: `fair ${fair.fairId}: ${fair.zones.length} zones (${zones.added} added, ${zones.updated} updated), ${fair.gates.length} gates, ${fair.booths.length} booths, ${fair.workshops.length} programme items (${programme.added} added, ${programme.updated} updated)`,
    notes,
  };
}
