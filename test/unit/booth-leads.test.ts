import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { listLeads } from '#shared/use-cases/booth-leads';

/**
 * A booth's leads and its visitors seen, read while the transaction that writes a visit's visitor and
 * its answer together commits. The client stands in for DynamoDB only to choose that moment: the
 * transaction commits while the visitors are being read. On a loaded machine the real engine did the
 * same, and the booth read 4 visitors seen and none of the lead one of them had given.
 */
describe("a booth's leads", () => {
  it('never counts a visitor whose lead the same answer leaves out', async () => {
    let committed = false;
    const send = async (command: { input: Record<string, unknown> }) => {
      const input = command.input as {
        ExpressionAttributeValues?: Record<string, string>;
        RequestItems?: Record<string, unknown>;
      };
      if (input.RequestItems)
        return {
          Responses: {
            tickets: [{ ticketId: 'T1', category: 'visitor', contact: { name: 'Amina Haddou' }, share: ['name'] }],
          },
        };
      const pk = input.ExpressionAttributeValues?.[':pk'] ?? '';
      if (pk.startsWith('LEADS#')) {
        const answer = { pk, sk: 'T1', ticketId: 'T1', consent: true, method: 'consent-code', day: '2027-03-27' };
        return { Items: committed ? [{ ...answer, at: '2027-03-27T10:00:00.000Z', eventId: 'e1' }] : [] };
      }
      // The visit's transaction commits while its visitor is being read.
      await new Promise((resolve) => setTimeout(resolve, 5));
      committed = true;
      return { Items: [{ pk, sk: 'VISITOR#T1' }] };
    };
    const client = { send } as unknown as DynamoDBDocumentClient;
    const { leads, visitorsSeen } = await listLeads({ client, statsTable: 'stats', ticketsTable: 'tickets' }, 'A021', {
      day: '2027-03-27',
      wholeFair: false,
    });
    expect(visitorsSeen).toBe(1);
    expect(leads.map((lead) => lead.ticketId)).toEqual(['T1']);
  });
});
