import { OUTSIDE } from './outside';

const records = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value)
    ? value.map((item) => (item && typeof item === 'object' ? item : {}) as Record<string, unknown>)
    : [];
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * What a fair's parts say about each other: ids unique, every zone, category and day referred to
 * exists, one venue, no loop. Written for any JSON (not only a well-formed fair), so that a file with
 * a misspelt field still hears about its dangling references in the same report.
 */
export function fairReferenceProblems(raw: unknown): { path: (string | number)[]; message: string }[] {
  const problems: { path: (string | number)[]; message: string }[] = [];
  const issue = (path: (string | number)[], message: string) => problems.push({ path, message });
  const fair = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const zones = records(fair.zones);
  const gates = records(fair.gates);
  const categories = records(fair.categories);
  const provinces = records(fair.provinces);
  const booths = records(fair.booths);
  const programme = records(fair.programme);
  const days = Array.isArray(fair.days) ? fair.days.filter((day): day is string => typeof day === 'string') : [];
  const unique = (list: Record<string, unknown>[], field: string, path: string) => {
    const seen = new Map<unknown, number>();
    list.forEach((item, index) => {
      if (item[field] === undefined) return;
      const first = seen.get(item[field]);
      if (first !== undefined) issue([path, index, field], `${String(item[field])} is already ${path}[${first}]`);
      else seen.set(item[field], index);
    });
  };
  unique(zones, 'zoneId', 'zones');
  unique(gates, 'gateId', 'gates');
  unique(categories, 'categoryId', 'categories');
  unique(provinces, 'provinceId', 'provinces');
  unique(booths, 'boothId', 'booths');
  unique(programme, 'workshopId', 'programme');
  const timezone = text(fair.timezone);
  if (timezone) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: timezone });
    } catch {
      issue(['timezone'], `${timezone} is not a time zone (an IANA name such as Africa/Casablanca)`);
    }
  }
  days.forEach((day, index) => {
    if (index > 0 && day <= (days[index - 1] as string)) issue(['days', index], 'days are listed once each, in order');
  });
  if (fair.utcOffsets && typeof fair.utcOffsets === 'object') {
    const offsets = fair.utcOffsets as Record<string, unknown>;
    for (const day of days)
      if (!(day in offsets)) issue(['utcOffsets'], `no offset for ${day}: give every day's, or one for all`);
    for (const day of Object.keys(offsets))
      if (!days.includes(day)) issue(['utcOffsets', day], `${day} is not one of the fair's days`);
  }
  const zoneIds = new Set(zones.map((zone) => text(zone.zoneId)).filter(Boolean));
  const roots = zones.filter((zone) => !zone.parentId);
  if (zones.length > 0 && roots.length !== 1)
    issue(
      ['zones'],
      `exactly one zone is the venue (no parentId); found ${roots.length}: ${roots.map((zone) => String(zone.zoneId)).join(', ')}`,
    );
  const parentOf = new Map(zones.map((zone) => [text(zone.zoneId), text(zone.parentId)]));
  zones.forEach((zone, index) => {
    const parentId = text(zone.parentId);
    if (parentId === undefined) return;
    if (!zoneIds.has(parentId)) {
      issue(['zones', index, 'parentId'], `no zone ${parentId}`);
      return;
    }
    const seen = new Set<string | undefined>([text(zone.zoneId)]);
    for (let at: string | undefined = parentId; at !== undefined; at = parentOf.get(at)) {
      if (seen.has(at)) {
        issue(['zones', index, 'parentId'], 'zones nest in a loop');
        break;
      }
      seen.add(at);
    }
  });
  gates.forEach((gate, index) => {
    const zoneId = text(gate.zoneId);
    const fromZoneId = text(gate.fromZoneId);
    if (zoneId !== undefined && !zoneIds.has(zoneId)) issue(['gates', index, 'zoneId'], `no zone ${zoneId}`);
    if (fromZoneId !== undefined && fromZoneId !== OUTSIDE && !zoneIds.has(fromZoneId))
      issue(['gates', index, 'fromZoneId'], `no zone ${fromZoneId} (or "${OUTSIDE}")`);
    if (fromZoneId !== undefined && fromZoneId === zoneId)
      issue(['gates', index, 'fromZoneId'], 'a gate joins two different places');
  });
  const categoryIds = new Set(categories.map((category) => text(category.categoryId)).filter(Boolean));
  const provinceIds = new Set(provinces.map((province) => text(province.provinceId)?.trim()).filter(Boolean));
  booths.forEach((booth, index) => {
    const zoneId = text(booth.zoneId);
    const category = text(booth.category);
    if (zoneId !== undefined && !zoneIds.has(zoneId)) issue(['booths', index, 'zoneId'], `no zone ${zoneId}`);
    if (category !== undefined && categoryIds.size > 0 && !categoryIds.has(category))
      issue(['booths', index, 'category'], `no category ${category} (the fair's: ${[...categoryIds].join(', ')})`);
    const attributes = booth.attributes && typeof booth.attributes === 'object' ? booth.attributes : {};
    const province = text((attributes as { province?: unknown }).province)?.trim();
    if (province !== undefined && provinceIds.size > 0 && !provinceIds.has(province))
      issue(
        ['booths', index, 'attributes', 'province'],
        `no province ${province} (the fair's: ${[...provinceIds].join(', ')})`,
      );
  });
  programme.forEach((item, index) => {
    const zoneId = text(item.zoneId);
    const day = text(item.day);
    if (zoneId !== undefined && !zoneIds.has(zoneId)) issue(['programme', index, 'zoneId'], `no zone ${zoneId}`);
    if (day !== undefined && days.length > 0 && !days.includes(day))
      issue(['programme', index, 'day'], `${day} is not one of the fair's days`);
  });
  const gateIds = new Set(gates.map((gate) => text(gate.gateId)).filter(Boolean));
  const access = fair.access && typeof fair.access === 'object' ? (fair.access as Record<string, unknown>) : {};
  for (const [category, rule] of Object.entries(access)) {
    const ruleGates = rule && typeof rule === 'object' ? (rule as { gates?: unknown }).gates : undefined;
    if (Array.isArray(ruleGates))
      ruleGates.forEach((gateId, index) => {
        if (typeof gateId === 'string' && !gateIds.has(gateId))
          issue(['access', category, 'gates', index], `no gate ${gateId}`);
      });
  }
  const dayHours = fair.dayHours && typeof fair.dayHours === 'object' ? Object.keys(fair.dayHours) : [];
  for (const day of dayHours) if (!days.includes(day)) issue(['dayHours', day], `${day} is not one of the fair's days`);
  return problems;
}
