import { eventHandler } from '#commons/event-handler';
import { closeDayDeps } from '#commons/fair-days-deps';
import { logger } from '#commons/logger';
import { closeDueDays } from '#shared/use-cases/close-fair-day';

/**
 * Every few minutes: closes each fair day whose closing time and grace period have passed and that is
 * not closed yet (also a day missed while the stack was down, so the next morning starts at 0).
 */
async function handle(): Promise<{ closed: string[]; closing: string[] }> {
  const outcomes = await closeDueDays(await closeDayDeps());
  for (const outcome of outcomes)
    if (outcome.kind === 'closed')
      logger.info('fair day closed', { day: outcome.closed.day, sweptOut: outcome.closed.sweptOut });
    else logger.info('fair day closing: the closing queue lets out who is left', { day: outcome.day });
  return {
    closed: outcomes.flatMap((outcome) => (outcome.kind === 'closed' ? [outcome.closed.day] : [])),
    closing: outcomes.flatMap((outcome) => (outcome.kind === 'closing' ? [outcome.day] : [])),
  };
}

export const handler = eventHandler(handle);
