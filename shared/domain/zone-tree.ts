import { OUTSIDE } from './outside';

/**
 * Zones sit inside one another: the venue, the halls in it, the rooms in the halls. A person in a room
 * is also in its hall and in the venue, so a zone's count includes everyone in the zones inside it.
 * Pure, and free of zod, so the gate page judges offline with the same tree.
 */
export interface ZoneNode {
  zoneId: string;
  parentId?: string;
}

export class ZoneTree {
  private readonly parents = new Map<string, string | undefined>();

  constructor(zones: readonly ZoneNode[]) {
    for (const zone of zones) this.parents.set(zone.zoneId, zone.parentId);
  }

  /** The venue: the one zone inside no other. */
  root(): string | undefined {
    for (const [zoneId, parentId] of this.parents) if (!parentId) return zoneId;
    return undefined;
  }

  parentOf(zoneId: string): string | undefined {
    return this.parents.get(zoneId);
  }

  has(zoneId: string): boolean {
    return this.parents.has(zoneId);
  }

  /** The zone, then its parent, up to the venue; empty for `outside` or an unknown zone. */
  path(zoneId: string | undefined): string[] {
    const path: string[] = [];
    let current = zoneId;
    while (current && current !== OUTSIDE && this.parents.has(current) && !path.includes(current)) {
      path.push(current);
      current = this.parents.get(current);
    }
    return path;
  }

  /** Whether `zoneId` is `ancestor` or lies inside it. */
  within(zoneId: string | undefined, ancestor: string): boolean {
    return this.path(zoneId).includes(ancestor);
  }

  /**
   * The zones a door between `from` and `into` is a door of: those one side of it is in and the
   * other is not. A count through the door changes exactly these.
   */
  doorOf(from: string, into: string): string[] {
    const fromPath = this.path(from);
    const intoPath = this.path(into);
    return [...intoPath.filter((zone) => !fromPath.includes(zone)), ...fromPath.filter((z) => !intoPath.includes(z))];
  }
}

/**
 * The changes of zone counts when `n` people pass through a door from `from` into `into` (a negative
 * `n` passes the other way): the zones entered rise, the zones left fall, the zones both sides share
 * do not move. What anonymous counts at a gate do, and what a ticket does when nothing better is known.
 */
export function passDeltas(tree: ZoneTree, from: string, into: string, n: number): Record<string, number> {
  const deltas: Record<string, number> = {};
  if (n === 0) return deltas;
  const fromPath = tree.path(from);
  const intoPath = tree.path(into);
  for (const zone of intoPath) if (!fromPath.includes(zone)) deltas[zone] = n;
  for (const zone of fromPath) if (!intoPath.includes(zone)) deltas[zone] = -n;
  return deltas;
}

/** Adds `more` into `deltas`, dropping keys that cancel out. */
export function addDeltas(deltas: Record<string, number>, more: Record<string, number>): Record<string, number> {
  const sum: Record<string, number> = { ...deltas };
  for (const [zone, delta] of Object.entries(more)) {
    const total = (sum[zone] ?? 0) + delta;
    if (total === 0) delete sum[zone];
    else sum[zone] = total;
  }
  return sum;
}

/** A workshop room's door (the /door page), kept in the gate statistics beside the gates. */
export const workshopDoorId = (zoneId: string) => `door:${zoneId}`;
