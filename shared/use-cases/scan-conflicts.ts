import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { listDevices } from '../store/devices-store';
import { listConflicts } from '../store/scans-store';
import { getTicketsByIds } from '../store/tickets-store';

/**
 * Scans two offline devices disagreed on, as organisers read them: which phone (its label, as its
 * credential names it, when the phone has reported itself) and whose ticket (the holder's name, else its
 * short code), beside the ids that find them.
 */
export async function conflictsToReview(
  client: DynamoDBDocumentClient,
  tables: { scans: string; fair: string; tickets: string },
) {
  const [conflicts, devices] = await Promise.all([
    listConflicts(client, tables.scans),
    listDevices(client, tables.fair),
  ]);
  const ticketIds = conflicts.flatMap((conflict) => (conflict.ticketId ? [conflict.ticketId] : []));
  const tickets = ticketIds.length
    ? await getTicketsByIds(client, tables.tickets, ticketIds, ['ticketId', 'holderName', 'shortCode'])
    : [];
  const labels = new Map(devices.map((device) => [device.deviceId, device.label]));
  const holders = new Map(tickets.map((ticket) => [ticket.ticketId, ticket]));
  return conflicts.map(
    ({ scanId, ticketId, gateId, deviceId, scannedAt, receivedAt, verdict, offlineVerdict, direction }) => {
      const holder = ticketId ? holders.get(ticketId) : undefined;
      const deviceLabel = deviceId ? labels.get(deviceId) : undefined;
      return {
        scanId,
        ticketId,
        gateId,
        direction,
        deviceId,
        ...(deviceLabel ? { deviceLabel } : {}),
        ...(holder?.holderName ? { holderName: holder.holderName } : {}),
        ...(holder?.shortCode ? { shortCode: holder.shortCode } : {}),
        scannedAt,
        receivedAt,
        // What the device told the holder, and what the server decided with every gate's scans in view.
        ...(offlineVerdict ? { deviceSaid: offlineVerdict } : {}),
        verdict,
      };
    },
  );
}
