import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { alertDeliveryDeps } from '#commons/alert-deps';
import { resource } from '#commons/config';
import { eventHandler } from '#commons/event-handler';
import { countBy } from '#commons/metrics';
import { imagesOf } from '#commons/stream-images';
import { forecast, isQuietCause } from '#shared/domain/zone-session';
import { type AlertRecord, getAlert, putAlertIfAbsent } from '#shared/store/alerts-store';
import { dynamo } from '#shared/store/clients';
import { liveOf, type ZoneRecord } from '#shared/store/zones-store';
import { deliverAlert } from '#shared/use-cases/deliver-alert';

const processor = new BatchProcessor(EventType.DynamoDBStreams);

/** A zone rising towards full: when it would be full at the rate it is filling (the alert says so). */
function fullIn(zone: ZoneRecord): { fullInMinutes?: number } {
  if (zone.level === 'full' || zone.level === 'normal') return {};
  const ahead = forecast(liveOf(zone), zone, new Date(zone.updatedAt));
  return ahead?.fullInMinutes !== undefined ? { fullInMinutes: ahead.fullInMinutes } : {};
}

/**
 * Fed by the zones table's stream: each change of a zone's level (its levelVersion rising) that the
 * count caused raises exactly one alert, keyed by zone and levelVersion with a conditional put, then delivers it. A
 * redelivered record finds the alert already there and only finishes a delivery left undone.
 */
async function evaluate(record: DynamoDBRecord): Promise<void> {
  const { old: before, next: zone } = imagesOf<ZoneRecord>(record);
  if (!zone) return;
  if (typeof zone.capacity !== 'number' || (zone.levelVersion ?? 0) <= (before?.levelVersion ?? 0)) return;
  // A fall to normal because the day closed (or a new day began) is told once, as "day closed".
  if (isQuietCause(zone.levelCause)) return;
  const table = resource('ALERTS_TABLE');
  const alertId = `${zone.zoneId}.${zone.levelVersion}`;
  const raisedAt = zone.updatedAt;
  const alert: AlertRecord = {
    alertId,
    zoneId: zone.zoneId,
    level: zone.level,
    previousLevel: before?.level ?? 'normal',
    count: zone.count,
    capacity: zone.capacity,
    ...fullIn(zone),
    raisedAt,
    escalation: 0,
    feed: 'ALERTS',
    feedKey: `${raisedAt}#${alertId}`,
  };
  const created = await putAlertIfAbsent(dynamo(), table, alert);
  if (created) countBy('AlertsRaised', 'level', [alert.level]);
  const stored = created ? alert : await getAlert(dynamo(), table, alertId);
  if (stored && !stored.deliveredAt) await deliverAlert(alertDeliveryDeps(), stored, zone);
}

export const handler = eventHandler(async (event: DynamoDBStreamEvent) =>
  processPartialResponse(event, evaluate, processor),
);
