import { zoneDatabaseDisagreements } from '../domain/fair-time';
import { normalizeShortCode } from '../domain/short-code';
import {
  GUESS_WINDOW_MINUTES,
  guessesExpireAt,
  guessWindow,
  MISS_BUDGET,
  secondsLeftInWindow,
} from '../domain/short-code-guesses';
import { TokenVerifier, type Verifier, type VerifyResult } from '../domain/token-verifier';
import { ZoneTree } from '../domain/zone-tree';
import { cached } from '../store/cached';
import { dynamo } from '../store/clients';
import { getFairMeta, listGates } from '../store/fair-store';
import { missesIn, recordMiss } from '../store/guesses-store';
import { getPublicKeys } from '../store/public-keys-store';
import { findTicketIdsByShortCode, getTicket } from '../store/tickets-store';
import { listZones } from '../store/zones-store';
import { now } from './clock';
import { resource } from './config';
import { RateLimitedError } from './http/errors';
import { logger } from './logger';

/**
 * What most functions need to know about the fair, read once per warm instance and refreshed every
 * minute (a key rotation or a new gate shows up within that).
 */
const REFRESH_MS = 60_000;

let warnedAboutZoneData = false;

export const fairMeta = cached(async () => {
  const meta = await getFairMeta(dynamo(), resource('FAIR_TABLE'));
  if (!meta) throw new Error('the fair has not been loaded: the seed custom resource has not run');
  // The offsets the fair's file confirms decide every conversion (`zoneOf(meta)`), whatever zone data
  // this runtime has; where the two disagree, it is said once. Checked off the request's path, while
  // it waits on its reads: the zone database's first use cost a cold scan 10 to 13 ms in a profile.
  if (meta.utcOffsets && !warnedAboutZoneData) setImmediate(() => warnIfZoneDataDisagrees(meta));
  return meta;
}, REFRESH_MS);

function warnIfZoneDataDisagrees(meta: { timezone: string; utcOffsets?: Record<string, string> | undefined }) {
  if (!meta.utcOffsets || warnedAboutZoneData) return;
  warnedAboutZoneData = true;
  const disagreements = zoneDatabaseDisagreements(meta.utcOffsets, meta.timezone);
  if (disagreements.length === 0) return;
  logger.error(
    `zone data tz ${process.versions.tz ?? 'unknown'} disagrees with the fair's file on ${meta.timezone}; the file's offsets are used`,
    { disagreements },
  );
}

/** The zone data this runtime carries, and whether it agrees with the offsets the fair's file confirms. */
export function timeZoneData(meta: { timezone: string; utcOffsets?: Record<string, string> | undefined }) {
  const disagreements = meta.utcOffsets ? zoneDatabaseDisagreements(meta.utcOffsets, meta.timezone) : [];
  return {
    version: process.versions.tz ?? 'unknown',
    zone: meta.timezone,
    pinnedByFile: Boolean(meta.utcOffsets),
    agreesWithFile: meta.utcOffsets ? disagreements.length === 0 : null,
    disagreements,
  };
}

export const gatesById = cached(
  async () => new Map((await listGates(dynamo(), resource('FAIR_TABLE'))).map((gate) => [gate.gateId, gate])),
  REFRESH_MS,
);

/**
 * Verifies tickets with the published public keys, read again every minute; a token signed by a key
 * not known yet (a key rotated a moment ago) makes it read them at once, every 10 seconds at most, so
 * a new ticket is never refused as forged for being new.
 */
class PublishedKeysVerifier implements Verifier {
  private verifier: TokenVerifier | undefined;
  private loadedAt = 0;
  private forcedAt = 0;

  private async load(): Promise<TokenVerifier> {
    const { keys, retired } = await getPublicKeys(dynamo(), resource('FAIR_TABLE'));
    this.verifier = new TokenVerifier(keys, retired);
    this.loadedAt = Date.now();
    return this.verifier;
  }

  /** The keys as published, read again when a minute old. */
  async current(): Promise<TokenVerifier> {
    return this.verifier && Date.now() - this.loadedAt < REFRESH_MS ? this.verifier : this.load();
  }

  async verify(token: unknown): Promise<VerifyResult> {
    const current = await this.current();
    const result = await current.verify(token);
    if (result.ok || result.reason !== 'UNKNOWN_KEY' || Date.now() - this.forcedAt < UNKNOWN_KEY_REFRESH_MS)
      return result;
    this.forcedAt = Date.now();
    return (await this.load()).verify(token);
  }
}

const UNKNOWN_KEY_REFRESH_MS = 10_000;
const published = new PublishedKeysVerifier();

/**
 * Also takes a badge's short code (typed when its QR code cannot be read): looked up in the tickets
 * table, it stands for that ticket as a verified token would. A code that names no ticket (or, after a
 * collision, two) is as good as a forged token.
 */
class ShortCodeVerifier implements Verifier {
  constructor(
    private readonly tokens: Verifier,
    /** Whose codes these are: their misses are counted, and past a budget their codes refused. */
    private readonly typist?: Typist,
  ) {}

  async verify(presented: unknown): Promise<VerifyResult> {
    const code = typeof presented === 'string' ? normalizeShortCode(presented) : undefined;
    if (!code) return this.tokens.verify(presented);
    const at = now();
    const window = guessWindow(at);
    const fairTable = resource('FAIR_TABLE');
    if (this.typist && (await missesIn(dynamo(), fairTable, window, this.typist.credentialId)) >= MISS_BUDGET) {
      throw new RateLimitedError(
        `${MISS_BUDGET} short codes from this credential named no ticket within ${GUESS_WINDOW_MINUTES} minutes: short codes are refused until the window ends (QR codes still work)`,
        secondsLeftInWindow(at),
      );
    }
    const table = resource('TICKETS_TABLE');
    const [ticketId, ...others] = await findTicketIdsByShortCode(dynamo(), table, code);
    const ticket = ticketId && others.length === 0 ? await getTicket(dynamo(), table, ticketId) : undefined;
    if (!ticket) {
      if (this.typist) await recordMiss(dynamo(), fairTable, window, this.typist, guessesExpireAt(at));
      return { ok: false, reason: 'MALFORMED' };
    }
    const { fairId } = await fairMeta();
    return {
      ok: true,
      claims: {
        kid: 'short-code',
        fairId,
        ticketId: ticket.ticketId,
        category: ticket.category,
        validDays: ticket.validDays,
      },
    };
  }
}

/** The credential typing short codes. */
export interface Typist {
  credentialId: string;
  label: string;
}

/** Tokens only: what a device could check itself (footfall badges). */
export const tokenVerifier = async (): Promise<Verifier> => published;
/**
 * Tokens, or short codes typed at a gate, a door or a desk (online only), each miss counted against
 * the credential that typed it (`shared/domain/short-code-guesses.ts`).
 */
export const ticketVerifier = async (typist: Typist): Promise<Verifier> => new ShortCodeVerifier(published, typist);

/** How the zones nest: read from the zones table, where a redeployed fair's new zones appear. */
export const zoneTree = cached(
  async () => new ZoneTree(await listZones(dynamo(), resource('ZONES_TABLE'))),
  REFRESH_MS,
);

/**
 * What a gate scan reads about the fair (its gates, zones, description and keys), read at once: on a
 * cold or refreshing instance one wait for four reads rather than four in a row; warm, nothing is read.
 */
export async function gateContext() {
  const [gates, tree] = await Promise.all([gatesById(), zoneTree(), fairMeta(), published.current()]);
  return { gates, tree };
}
