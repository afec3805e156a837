import { alertLog } from '../store/alerts-store';
import { dynamo, sqs } from '../store/clients';
import { enqueueSweepJobs } from '../store/closing-queue';
import { dayClosings } from '../store/fair-store';
import { insideTickets } from '../store/tickets-store';
import { zoneStore } from '../store/zones-store';
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
  const client = dynamo();
  return {
    stores: {
      zones: zoneStore(client, resource('ZONES_TABLE')),
      tickets: insideTickets(client, resource('TICKETS_TABLE')),
      closings: dayClosings(client, resource('FAIR_TABLE')),
      alerts: alertLog(client, resource('ALERTS_TABLE')),
    },
    fair,
    tree,
    now,
    deliver: (alert, place) => deliverAlert(delivery, alert, place),
    enqueue: (jobs) => enqueueSweepJobs(sqs(), resource('CLOSING_QUEUE_URL'), jobs),
  };
}
