import { dynamo, sqs } from '../store/clients';
import { enqueueSweepJobs } from '../store/closing-queue';
import type { CloseDeps } from '../use-cases/close-fair-day';
import { deliverAlert } from '../use-cases/deliver-alert';
import { alertDeliveryDeps } from './alert-deps';
import { now } from './clock';
import { resource } from './config';
import { fairMeta, zoneTree } from './fair-context';

/** What closing a day needs: the organisers' endpoint, the schedule and the sweep jobs alike. */
export async function closeDayDeps(): Promise<CloseDeps> {
  const [fair, tree] = await Promise.all([fairMeta(), zoneTree()]);
  const delivery = alertDeliveryDeps();
  return {
    client: dynamo(),
    tables: {
      zones: resource('ZONES_TABLE'),
      tickets: resource('TICKETS_TABLE'),
      fair: resource('FAIR_TABLE'),
      alerts: resource('ALERTS_TABLE'),
    },
    fair,
    tree,
    now,
    deliver: (alert, place) => deliverAlert(delivery, alert, place),
    enqueue: (jobs) => enqueueSweepJobs(sqs(), resource('CLOSING_QUEUE_URL'), jobs),
  };
}
