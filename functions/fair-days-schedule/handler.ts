import { now } from '#commons/clock';
import { eventHandler } from '#commons/event-handler';
import { fairMeta } from '#commons/fair-context';
import { closeDayDeps } from '#commons/fair-days-deps';
import { logger } from '#commons/logger';
import { workshopDoorOf } from '#commons/workshop-door-deps';
import { closeDueDays } from '#shared/use-cases/close-fair-day';
import { emptyEndedRooms } from '#shared/use-cases/workshop-door';

/**
 * Every few minutes: closes each fair day whose closing time and grace period have passed and that is
 * not closed yet (also a day missed while the stack was down, so the next morning starts at 0), and
 * empties the room of each workshop past its end and grace.
 */
async function handle(): Promise<{ closed: string[]; closing: string[]; roomsEmptied: string[] }> {
  const emptied = await emptyEndedRooms({
    door: workshopDoorOf(),
    fair: await fairMeta(),
    now,
  });
  for (const room of emptied) logger.info('workshop room emptied after its end', room);
  const outcomes = await closeDueDays(await closeDayDeps());
  for (const outcome of outcomes)
    if (outcome.kind === 'closed')
      logger.info('fair day closed', { day: outcome.closed.day, sweptOut: outcome.closed.sweptOut });
    else logger.info('fair day closing: the closing queue lets out who is left', { day: outcome.day });
  return {
    closed: outcomes.flatMap((outcome) => (outcome.kind === 'closed' ? [outcome.closed.day] : [])),
    closing: outcomes.flatMap((outcome) => (outcome.kind === 'closing' ? [outcome.day] : [])),
    roomsEmptied: emptied.map((room) => room.workshopId),
  };
}

export const handler = eventHandler(handle);
