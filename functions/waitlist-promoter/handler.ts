import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { resource } from '#commons/config';
import { eventHandler } from '#commons/event-handler';
import { dynamo } from '#shared/store/clients';
import { firstWaiting, promote } from '#shared/store/workshop-registrations-store';
import { getWorkshop } from '#shared/store/workshops-store';

const processor = new BatchProcessor(EventType.DynamoDBStreams);

/**
 * Fed by the workshops table's stream: whenever a workshop's counters change (a cancellation, a
 * capacity raised), waiting tickets take free seats, first come first served. The promotion's
 * condition (`registered < capacity`) is what keeps a redelivered record from promoting twice.
 */
async function fillSeats(record: DynamoDBRecord): Promise<void> {
  const pk = record.dynamodb?.Keys?.pk?.S;
  const sk = record.dynamodb?.Keys?.sk?.S;
  if (!pk?.startsWith('WS#') || sk !== 'META') return;
  const workshopId = pk.slice(3);
  const table = resource('WORKSHOPS_TABLE');
  for (;;) {
    const workshop = await getWorkshop(dynamo(), table, workshopId);
    if (!workshop || workshop.waitlisted <= 0 || workshop.registered >= workshop.capacity) return;
    const next = await firstWaiting(dynamo(), table, workshopId);
    if (!next || !(await promote(dynamo(), table, workshopId, next.ticketId))) return;
  }
}

export const handler = eventHandler(async (event: DynamoDBStreamEvent) =>
  processPartialResponse(event, fillSeats, processor),
);
