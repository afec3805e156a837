import { doorsCloseAt, doorsOpenAt, statusOf } from '../domain/workshop-rules';
import type { WorkshopRecord } from '../store/workshops-store';

/** A workshop as the contract shows it: rules, counters, seats left and status at `now`. */
export function workshopView(workshop: WorkshopRecord, now: Date) {
  const { listKey: _list, ...rest } = workshop;
  return {
    ...rest,
    doorsOpenAt: new Date(doorsOpenAt(workshop)).toISOString(),
    doorsCloseAt: new Date(doorsCloseAt(workshop)).toISOString(),
    seatsLeft: Math.max(0, workshop.capacity - workshop.admitted),
    status: statusOf(workshop, now),
  };
}
