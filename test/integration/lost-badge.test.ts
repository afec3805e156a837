import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import type { ReissuedTicketSchema } from '../../shared/contract/answers';
import { api, createCredential, expectErrorBody, issueTicket, scan } from '../support/api-client';

/**
 * A lost badge at the desk: one action prints the holder's new badge and refuses the lost one from its
 * next scan. The new ticket keeps what the holder had (category, days, name, contact, what they share,
 * booth); asked again, or twice at once, it is the same new ticket.
 */
type Reissued = z.output<typeof ReissuedTicketSchema>;
const reissue = (ticketId: string, credential?: string) =>
  api<Reissued>(`/v1/tickets/${ticketId}/reissue`, { body: {}, ...(credential ? { credential } : {}) });

describe('a lost badge', () => {
  it('issues the holder a new ticket and refuses the lost one, once however often it is asked', async () => {
    const lost = await issueTicket({
      category: 'exhibitor',
      boothId: 'A060',
      holderName: 'Zineb Alaoui',
      contact: { phone: '0612345678' },
      share: ['name', 'phone'],
    });
    const [first, second] = await Promise.all([reissue(lost.ticketId), reissue(lost.ticketId)]);
    expect(first.status).toBe(201);
    expect(second.body.ticketId).toBe(first.body.ticketId);
    const fresh = first.body;
    expect(fresh).toMatchObject({ replaces: lost.ticketId, category: 'exhibitor' });
    expect(fresh.ticketId).not.toBe(lost.ticketId);
    expect(fresh.shortCode).not.toBe((lost as { shortCode?: string }).shortCode);
    // What the holder shares goes with them, under a new consent code.
    expect(fresh.consentCode).toMatch(/^rwqc\./);
    const desk = await api<{ holderName: string; contact: Record<string, string>; boothId?: string }>(
      `/v1/tickets/${fresh.ticketId}`,
    );
    expect(desk.body).toMatchObject({ holderName: 'Zineb Alaoui', contact: { phone: '+212612345678' } });
    expect((await scan(lost.token, 'main', 'in')).body.verdict).toBe('REVOKED');
    expect((await scan(fresh.token, 'main', 'in')).body.verdict).toBe('ADMITTED');
    // Asked again later: the same new ticket.
    const again = await reissue(lost.ticketId);
    expect(again.status).toBe(200);
    expect(again.body.ticketId).toBe(fresh.ticketId);
  });

  it('refuses a ticket revoked by hand, an unknown or malformed one, and a gate', async () => {
    const revoked = await issueTicket();
    await api(`/v1/tickets/${revoked.ticketId}/revoke`, { body: {} });
    expectErrorBody((await reissue(revoked.ticketId)).body, 'CONFLICT');
    expectErrorBody((await reissue('AAAAAAAAAAAAAAAA')).body, 'NOT_FOUND');
    expectErrorBody((await reissue('not-a-ticket')).body, 'VALIDATION_FAILED');
    const gate = await createCredential('gate', { gates: ['main'] });
    expect((await reissue((await issueTicket()).ticketId, gate)).status).toBe(403);
  });
});
