import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Gate } from '../../shared/domain/fair';
import type { Presence } from '../../shared/domain/scan-rules';
import { assembleToken, base64UrlEncode, type TicketClaims } from '../../shared/domain/ticket-token';
import { TokenVerifier } from '../../shared/domain/token-verifier';
import { paperByHour, venueByHour } from '../../shared/domain/venue-history';
import { ZoneTree } from '../../shared/domain/zone-tree';
import { judgeOffline, type OfflineContext } from '../../web/src/gate/offline-judge';

/** The gate page's own verdicts when the API is unreachable, and the dashboard's day curve. */
const MAIN: Gate = { gateId: 'main', name: 'Main entrance', zoneId: 'venue', fromZoneId: 'outside' };
const SEMINAR: Gate = { gateId: 'seminar', name: 'Seminar hall door', zoneId: 'seminar-hall', fromZoneId: 'hall-a' };
const TREE = new ZoneTree([
  { zoneId: 'venue' },
  { zoneId: 'hall-a', parentId: 'venue' },
  { zoneId: 'seminar-hall', parentId: 'hall-a' },
]);
const DAY = '2027-03-26';

let sign: (claims: TicketClaims) => Promise<string>;
let verifier: TokenVerifier;

beforeAll(async () => {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  verifier = new TokenVerifier([{ kid: 'testkey1', alg: 'Ed25519', publicKey: base64UrlEncode(raw) }]);
  sign = async (claims) => {
    const unsigned = assembleToken(claims, new Uint8Array(64));
    const text = unsigned.slice(0, unsigned.lastIndexOf('.'));
    const signature = await crypto.subtle.sign({ name: 'Ed25519' }, pair.privateKey, new TextEncoder().encode(text));
    return assembleToken(claims, new Uint8Array(signature));
  };
});

const claims = (overrides: Partial<TicketClaims> = {}): TicketClaims => ({
  kid: 'testkey1',
  fairId: 'oujda-ess-2027',
  ticketId: 'AAAAAAAAAAAAAAAA',
  category: 'visitor',
  validDays: [DAY],
  ...overrides,
});

const context = (overrides: Partial<OfflineContext> = {}): OfflineContext => ({
  verifier,
  fairId: 'oujda-ess-2027',
  revoked: new Set(),
  gate: MAIN,
  direction: 'in',
  day: DAY,
  tree: TREE,
  accessFor: () => ({ open: true, gateAllowed: true, oncePerDay: false }),
  deviceId: 'phone-1',
  ...overrides,
});

describe('the gate page judging offline', () => {
  it('refuses a ticket signed with a retired key, saying so, and still admits one signed with a kept key', async () => {
    const token = await sign(claims());
    const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
    const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
    const kept = { kid: 'testkey2', alg: 'Ed25519' as const, publicKey: base64UrlEncode(raw) };
    const afterLeak = new TokenVerifier([kept], [{ kid: 'testkey1' }]);
    expect(await judgeOffline(token, context({ verifier: afterLeak }))).toEqual({
      verdict: 'INVALID_TOKEN',
      reason: 'KEY_RETIRED',
    });
    expect((await judgeOffline(token, context())).verdict).toBe('ADMITTED');
  });

  it('admits a genuine ticket and refuses forged, foreign, revoked and out-of-day ones, each with its verdict', async () => {
    const token = await sign(claims());
    expect((await judgeOffline(token, context())).verdict).toBe('ADMITTED');
    const forged = `${token.slice(0, -3)}${token.at(-3) === 'A' ? 'B' : 'A'}${token.slice(-2)}`;
    expect((await judgeOffline(forged, context())).verdict).toBe('INVALID_TOKEN');
    expect((await judgeOffline('not a ticket', context())).verdict).toBe('INVALID_TOKEN');
    // A key this phone has not learned yet (a rotation while it was offline): it cannot tell, and says so.
    expect((await judgeOffline(await sign(claims({ kid: 'otherkey' })), context())).verdict).toBe('UNCHECKED');
    expect((await judgeOffline(await sign(claims({ fairId: 'another-fair' })), context())).verdict).toBe('WRONG_FAIR');
    expect((await judgeOffline(token, context({ revoked: new Set(['AAAAAAAAAAAAAAAA']) }))).verdict).toBe('REVOKED');
    expect((await judgeOffline(token, context({ day: '2027-03-27' }))).verdict).toBe('NOT_VALID_TODAY');
    const closed = () => ({ open: false, gateAllowed: true, oncePerDay: false });
    expect((await judgeOffline(token, context({ accessFor: closed }))).verdict).toBe('FAIR_CLOSED');
    expect((await judgeOffline(token, context({ accessFor: closed, direction: 'out' }))).verdict).toBe('EXITED');
    // The rules of the ticket's own category, as the server gives them.
    const staffOnly = (category: string) => ({ open: true, gateAllowed: category === 'staff', oncePerDay: false });
    expect((await judgeOffline(token, context({ accessFor: staffOnly }))).verdict).toBe('WRONG_GATE');
    expect(
      (await judgeOffline(await sign(claims({ category: 'staff' })), context({ accessFor: staffOnly }))).verdict,
    ).toBe('ADMITTED');
    expect((await judgeOffline(token, context({ evacuating: true }))).verdict).toBe('EVACUATION');
    expect((await judgeOffline(token, context({ evacuating: true, direction: 'out' }))).verdict).toBe('EXITED');
  });

  it('refuses a pass-back this device saw, and lets out a ticket it does not know about', async () => {
    const token = await sign(claims());
    const first = await judgeOffline(token, context());
    expect(first.next).toMatchObject({ inside: true, zoneId: 'venue' });
    expect((await judgeOffline(token, context({ presence: first.next }))).verdict).toBe('ALREADY_INSIDE');
    expect((await judgeOffline(token, context({ direction: 'out' }))).verdict).toBe('EXITED');
    // Moving on into the seminar hall is an entry through another gate, not a pass-back.
    expect((await judgeOffline(token, context({ gate: SEMINAR, presence: first.next }))).verdict).toBe('ADMITTED');
  });

  it('never lets one ticket in twice on one device without an exit between, whatever the order of scans', async () => {
    const token = await sign(claims());
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            direction: fc.constantFrom('in' as const, 'out' as const),
            gate: fc.constantFrom(MAIN, SEMINAR),
          }),
          {
            maxLength: 20,
          },
        ),
        async (scans) => {
          let presence: Presence | undefined;
          let inside = false;
          for (const step of scans) {
            const judged = await judgeOffline(token, context({ ...step, presence }));
            if (judged.verdict === 'ADMITTED' && step.gate === MAIN) expect(inside).toBe(false);
            if (judged.next) presence = judged.next;
            inside = presence?.inside ?? false;
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe("the dashboard's people inside by hour", () => {
  const gates: Gate[] = [MAIN, SEMINAR, { gateId: 'east', name: 'East', zoneId: 'venue', fromZoneId: 'outside' }];

  it('adds entries and removes exits at the gates from outside only, and ends on the live count', () => {
    const stats = [
      {
        gateId: 'main',
        byHour: [
          { hour: '09', entries: 10, exits: 0 },
          { hour: '10', entries: 5, exits: 3 },
        ],
      },
      { gateId: 'east', byHour: [{ hour: '10', entries: 4, exits: 0 }] },
      { gateId: 'seminar', byHour: [{ hour: '09', entries: 8, exits: 2 }] }, // inside moves: not the venue's
    ];
    expect(venueByHour(gates, stats, [8, 9, 10, 11, 12], 11, 17)).toEqual([0, 10, 16, 17, null]);
  });

  it('counts hours before the chart starts', () => {
    const stats = [{ gateId: 'main', byHour: [{ hour: '07', entries: 3, exits: 0 }] }];
    expect(venueByHour(gates, stats, [8, 9], 9, 3)).toEqual([3, 3]);
  });

  it("adds the paper tallies' windows at gates from outside once each window has ended, a line beside the live one", () => {
    const windows = [
      { gateId: 'main', from: '13:00', to: '13:15', in: 42, out: 9 },
      { gateId: 'main', from: '13:45', to: '14:15', in: 10, out: 0 }, // ends in the 14:00 hour
      { gateId: 'seminar', from: '13:00', to: '13:15', in: 30, out: 0 }, // inside moves: not the venue's
    ];
    expect(paperByHour(gates, windows, [12, 13, 14, 15])).toEqual([0, 33, 43, 43]);
    expect(paperByHour(gates, [], [12, 13])).toEqual([0, 0]);
  });
});
