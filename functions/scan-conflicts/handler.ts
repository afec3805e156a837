import { resource } from '#commons/config';
import { httpHandler } from '#commons/http/http-handler';
import { requirePermission } from '#commons/http/principal';
import { json } from '#commons/http/response';
import { dynamo } from '#shared/store/clients';
import { listConflicts } from '#shared/store/scans-store';

/**
 * GET /v1/scans/conflicts (organiser): scans where two offline devices let the same ticket through.
 * Both scans are kept; the later one is marked and listed here, newest first, for someone to look at.
 */
export const handler = httpHandler(async (event) => {
  requirePermission(event, { kind: 'organiser' });
  const conflicts = await listConflicts(dynamo(), resource('SCANS_TABLE'));
  return json(200, {
    conflicts: conflicts.map(
      ({ scanId, ticketId, gateId, deviceId, scannedAt, receivedAt, verdict, offlineVerdict, direction }) => ({
        scanId,
        ticketId,
        gateId,
        direction,
        deviceId,
        scannedAt,
        receivedAt,
        // What the device told the holder, and what the server decided with every gate's scans in view.
        ...(offlineVerdict ? { deviceSaid: offlineVerdict } : {}),
        verdict,
      }),
    ),
  });
});
