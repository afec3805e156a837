import fc from 'fast-check';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { consentCode } from '../../shared/domain/consent-code';
import {
  CONTACT_FIELDS,
  consentCodeMatches,
  displayPhone,
  leadsVcard,
  normalisePhone,
  SHARE_FIELDS,
  sharedContact,
  sharedFields,
} from '../../shared/domain/lead-contact';

describe('what a visitor shares', () => {
  it('never shows a booth a field the visitor did not agree to share', () => {
    fc.assert(
      fc.property(
        fc.record({
          holderName: fc.option(fc.string({ minLength: 1 }), { nil: undefined }),
          contact: fc.dictionary(fc.constantFrom(...CONTACT_FIELDS), fc.string({ minLength: 1 })),
          share: fc.subarray([...SHARE_FIELDS]),
        }),
        (ticket) => {
          const shown = sharedContact(ticket);
          for (const field of Object.keys(shown)) expect(ticket.share).toContain(field);
          for (const field of ticket.share) {
            const value = field === 'name' ? ticket.holderName : ticket.contact[field];
            expect(shown[field]).toBe(value || undefined);
          }
        },
      ),
    );
  });

  it('shares what was asked and given; the older leadsConsent shares all that was given; nothing else', () => {
    const contact = { phone: '+212612345678', city: 'Oujda' };
    expect(sharedFields({ holderName: 'Amina', contact, share: ['name', 'email', 'phone'] })).toEqual([
      'name',
      'phone',
    ]);
    expect(sharedFields({ holderName: 'Amina', contact, leadsConsent: true })).toEqual(['name', 'phone', 'city']);
    expect(sharedFields({ holderName: 'Amina', contact })).toEqual([]);
    expect(sharedFields({ holderName: 'Amina', contact, share: [], leadsConsent: true })).toEqual([]);
  });
});

describe('the consent code', () => {
  const ticketId = 'AbCdEfGhIjKlMnOp';
  const secret = 'sEcReT-sEcReT_12';

  it('matches only its own ticket and secret', () => {
    const code = consentCode(ticketId, secret);
    expect(consentCodeMatches(code, ticketId, secret)).toBe(true);
    expect(consentCodeMatches(` ${code}\n`, ticketId, secret)).toBe(true);
    expect(consentCodeMatches(code, 'ZZCdEfGhIjKlMnOp', secret)).toBe(false);
    expect(consentCodeMatches(consentCode(ticketId, 'another-secret-16'), ticketId, secret)).toBe(false);
    expect(consentCodeMatches(code, ticketId, undefined)).toBe(false);
    expect(consentCodeMatches(undefined, ticketId, secret)).toBe(false);
    expect(consentCodeMatches(`rwqc.${ticketId}`, ticketId, secret)).toBe(false);
  });
});

describe('phone numbers', () => {
  it.each([
    ['06 12 34 56 78', '+212612345678'],
    ['0712-345678', '+212712345678'],
    ['00212 5 36 12 34 56', '+212536123456'],
    ['+33 6 12 34 56 78', '+33612345678'],
    // From an Arabic keyboard: Arabic-Indic digits, and their Persian forms.
    ['٠٦ ١٢ ٣٤ ٥٦ ٧٨', '+212612345678'],
    ['۰۷۱۲۳۴۵۶۷۸', '+212712345678'],
    ['12345', undefined],
    ['call me', undefined],
    ['08 12 34 56 78', undefined],
  ])('reads %s as %s', (input, stored) => {
    expect(normalisePhone(input)).toBe(stored);
  });

  it('shows a Moroccan number as Moroccans write it, any other as stored', () => {
    expect(displayPhone('+212612345678')).toBe('06 12 34 56 78');
    expect(displayPhone('+33612345678')).toBe('+33612345678');
  });
});

describe('vCards', () => {
  it('writes cards a vCard parser reads back, long Arabic notes folded without breaking a letter', () => {
    const note = 'يريد شراء زيت الزيتون بكميات كبيرة للمطعم، الاتصال يوم الاثنين; prix, quantités\nligne 2';
    const text = leadsVcard(
      [
        {
          ticketId: 'AbCdEfGhIjKlMnOp',
          category: 'visitor',
          at: '2027-03-26T11:00:00Z',
          contact: { name: 'فاطمة الزهراء', phone: '+212612345678', city: 'وجدة', organisation: 'Coop; Nour' },
          rating: 'hot',
          tags: ['olives, de table'],
          note,
        },
        { ticketId: 'ZZCdEfGhIjKlMnOp', category: 'press', at: '2027-03-27T11:00:00Z', contact: {} },
      ],
      { boothId: 'A020', fairName: 'Salon ESS' },
    );
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const parsed = ICAL.parse(text) as unknown[];
    const cards = (Array.isArray(parsed[0]) ? parsed : [parsed]).map((card) => new ICAL.Component(card as unknown[]));
    expect(cards).toHaveLength(2);
    const [first, second] = cards;
    expect(first?.getFirstPropertyValue('fn')).toBe('فاطمة الزهراء');
    expect(first?.getFirstPropertyValue('tel')).toBe('+212612345678');
    expect(first?.getFirstPropertyValue('org')).toEqual(expect.anything());
    expect(String(first?.getFirstPropertyValue('note'))).toContain('الاتصال يوم الاثنين; prix, quantités\nligne 2');
    expect(second?.getFirstPropertyValue('fn')).toBe('Visitor ZZCdEf');
    expect(leadsVcard([], { boothId: 'A020', fairName: 'x' })).toBe('');
  });
});
