import { closeDayDeps } from '#commons/close-day-deps';
import { eventHandler } from '#commons/event-handler';
import { logger } from '#commons/logger';
import { closeDueDays } from '#shared/use-cases/close-day';

/**
 * Every few minutes: closes each fair day whose closing time and grace period have passed and that is
 * not closed yet (also a day missed while the stack was down, so the next morning starts at 0).
 */
async function handle(): Promise<{ closed: string[] }> {
  const closed = await closeDueDays(await closeDayDeps());
  for (const day of closed) logger.info('fair day closed', { day: day.day, sweptOut: day.sweptOut });
  return { closed: closed.map((day) => day.day) };
}

export const handler = eventHandler(handle);
