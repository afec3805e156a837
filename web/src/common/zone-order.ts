/**
 * Zones in the venue's order: the venue first, then each zone followed by the zones inside it, with
 * their depth (for an indent), as the dashboard and the organisers' zones page list them.
 */
export function nested<Z extends { zoneId: string; parentId?: string }>(all: Z[]): [Z, number][] {
  const known = new Set(all.map((zone) => zone.zoneId));
  const children = (parentId: string | undefined) =>
    all.filter((zone) =>
      parentId === undefined ? !zone.parentId || !known.has(zone.parentId) : zone.parentId === parentId,
    );
  const walk = (parentId: string | undefined, depth: number): [Z, number][] =>
    children(parentId).flatMap((zone) => [[zone, depth] as [Z, number], ...walk(zone.zoneId, depth + 1)]);
  return walk(undefined, 0);
}
