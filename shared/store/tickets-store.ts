import { createHash } from 'node:crypto';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Contact, ShareField } from '../domain/lead-contact';
import type { Presence, TicketState } from '../domain/scan-rules';
import type { Category } from '../domain/ticket-token';
import { batchGetAll } from './batch-get';
import { putAll } from './batch-write';
import { conditionHeld, isConditionFailure } from './conditional';
import { INSIDE_INDEX, type INSIDE_INDEX_ATTRIBUTES, INSIDE_SHARDS, SHORT_CODE_INDEX } from './index-names';
import { queryAll } from './query-all';
import { appendRevocations } from './revocations-store';

/**
 * A ticket and its presence live in one item: a scan changes presence with one conditional write on
 * `version` (optimistic locking), in the same transaction as the scan record.
 */
export interface TicketRecord {
  ticketId: string;
  category: Category;
  validDays: string[];
  holderName?: string;
  attentionNote?: string;
  /** Contact the holder left (personal data: shown to a booth only as `share` says). */
  contact?: Contact;
  /** What the holder agreed a booth they show their consent code may see. */
  share?: ShareField[];
  /** The secret of the consent code on the badge's fold-back panel (only when `share` is not empty). */
  consentSecret?: string;
  /** The workshop room the ticket was last admitted to and not let out of: one room at a time. */
  inRoom?: string;
  /** What the desk did on the holder's request (withdrawals, erasure): who, when, what. */
  privacyLog?: PrivacyAct[];
  /** When the holder's personal data was erased at their request. */
  erasedAt?: string;
  revoked: boolean;
  revokedAt?: string;
  inside: boolean;
  zoneId?: string;
  /** The zones whose counts include the ticket (see Presence.counted). */
  counted?: string[];
  /** Set only while inside: the fair day of the presence. */
  insideDay?: string;
  /** Set only while inside: `<day>#<shard>`, the key a sparse index lists who is inside by. */
  insideShard?: string;
  /** The gate it last passed (a roll call says where each holder was last seen). */
  lastGateId?: string;
  /** The fair day it last came in from outside (once-a-day categories). */
  enteredOn?: string;
  entries: number;
  lastDeviceId?: string;
  version: number;
  createdAt: string;
  /** TTL (epoch seconds): 90 days after the fair (shared/domain/retention.ts). */
  expiresAt?: number;
  /** The key its token was signed with: its QR code is drawn again with the same one. */
  kid?: string;
  /** Typed at a gate or door when the QR code cannot be read (shared/domain/short-code.ts). */
  shortCode?: string;
  /** The holder's name lowercased and without accents, for organisers' searches. */
  holderKey?: string;
  /** An exhibitor's badge: its booth. */
  boothId?: string;
  /**
   * The record of the last scan that moved the ticket in the common case at a gate, written with the
   * move; the tickets stream's log writer puts it into the scan log (see ScanMark).
   */
  carriedScan?: Record<string, unknown>;
}

/** A ticket let out of a room: in no room, unless it has since been admitted to another. */
export async function leaveRoom(
  client: DynamoDBDocumentClient,
  table: string,
  ticketId: string,
  workshopId: string,
): Promise<void> {
  await conditionHeld(
    client.send(
      new UpdateCommand({
        TableName: table,
        Key: { ticketId },
        UpdateExpression: 'REMOVE inRoom',
        ConditionExpression: 'inRoom = :room',
        ExpressionAttributeValues: { ':room': workshopId },
      }),
    ),
  );
}

/** An act on a holder's personal data, kept on the ticket. */
export interface PrivacyAct {
  /** `registered`: the holder registered themselves and agreed (the evidence: `wording`, `at`). */
  act: 'registered' | 'shown' | 'withdrawn' | 'erased';
  at: string;
  by: string;
  /** The booths whose consent was withdrawn. */
  booths?: string[];
  /** The version and language of the lines agreed to. */
  wording?: string;
}

const PRIVACY_LOG_APPEND = 'privacyLog = list_append(if_not_exists(privacyLog, :none), :act)';

/**
 * Appends an act to the ticket's privacy log; false when there is no such ticket. An `erased` act also
 * erases the holder's personal data in the same write (name, contact, what they shared and the consent
 * code's secret, the attention note): the ticket, its presence and its counts stay, anonymous.
 */
export async function logPrivacyAct(
  client: DynamoDBDocumentClient,
  table: string,
  ticketId: string,
  act: PrivacyAct,
): Promise<boolean> {
  const erasing = act.act === 'erased';
  return conditionHeld(
    client.send(
      new UpdateCommand({
        TableName: table,
        Key: { ticketId },
        UpdateExpression: erasing
          ? `SET ${PRIVACY_LOG_APPEND}, erasedAt = :at REMOVE holderName, holderKey, contact, #share, consentSecret, attentionNote`
          : `SET ${PRIVACY_LOG_APPEND}`,
        ConditionExpression: 'attribute_exists(ticketId)',
        ...(erasing ? { ExpressionAttributeNames: { '#share': 'share' } } : {}),
        ExpressionAttributeValues: { ':none': [], ':act': [act], ...(erasing ? { ':at': act.at } : {}) },
      }),
    ),
  );
}

export function presenceOf(ticket: Omit<InsideTicket, 'version'> & Pick<TicketRecord, 'enteredOn'>): Presence {
  const presence: Presence = { inside: ticket.inside, entries: ticket.entries };
  if (ticket.zoneId) presence.zoneId = ticket.zoneId;
  if (ticket.counted) presence.counted = ticket.counted;
  if (ticket.insideDay) presence.day = ticket.insideDay;
  if (ticket.lastDeviceId) presence.lastDeviceId = ticket.lastDeviceId;
  if (ticket.lastGateId) presence.lastGateId = ticket.lastGateId;
  if (ticket.enteredOn) presence.enteredOn = ticket.enteredOn;
  return presence;
}

/** The shard of the inside index a ticket is listed in while inside. */
export function insideShardOf(ticketId: string): number {
  let hash = 0;
  for (const char of ticketId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash % INSIDE_SHARDS;
}

export function stateOf(ticket: TicketRecord): TicketState {
  return { revoked: ticket.revoked, validDays: ticket.validDays, presence: presenceOf(ticket) };
}

/**
 * What a scan expects of the ticket it moves: unchanged since it was read (`version`), or, written
 * without reading it, the common case at a gate: an entry by a ticket that is outside (or inside only
 * from an earlier day), or an exit by one inside today in that zone and counted as expected. Either
 * way the ticket exists, is not revoked, is valid that day and carries no attention note (whose words
 * the gate must show). Any other ticket fails the condition and is read and judged as usual.
 */
export type PresenceExpectation =
  | { version: number }
  | { outsideOn: string }
  | { insideOn: string; zoneId: string; counted: string[] };

/**
 * The scan that moves a ticket, marked on it: its id's hash joins the set of the scans the ticket has
 * seen that fair day (`seen_<day>`), so that the same scan sent again cannot move it twice; the set
 * of the day before (`forget`) goes in the same write, so the ticket holds one or two days' hashes.
 * `carried`: the scan's whole record, which the ticket carries until the tickets stream's log writer
 * puts it into the scan log (the common case at a gate: one write, no transaction).
 */
export interface ScanMark {
  scanId: string;
  day: string;
  forget?: string;
  carried?: Record<string, unknown>;
}

/** The attribute holding the hashes of the scans that moved a ticket on a fair day. */
export const seenAttribute = (day: string) => `seen_${day}`;

/**
 * A scan id's short hash: 11 base64url characters (66 bits). Among the few scans of one ticket on one
 * day, two ids sharing one is about a chance in 10^19; a scan id sent again always shares it.
 */
export function scanHash(scanId: string): string {
  return createHash('sha256').update(scanId).digest('base64url').slice(0, 11);
}

/**
 * The most hashes a refusal still joins to a ticket's set for a day (about 2.6 KB of the item). A
 * lost or hostile gate credential resending refusals of one ticket with new ids would otherwise grow
 * the set toward DynamoDB's 400 KB item limit (about 36,000 refusals), past which the ticket could no
 * longer be scanned. A refusal past the cap is logged alone: sent again after the ticket moved on, it
 * would be judged afresh, an anomaly only after some 200 scans of one ticket in one day.
 */
export const SEEN_REFUSALS_CAP = 200;

/**
 * A scan refused on the ticket read, marked on it as seen (in the transaction that logs the refusal):
 * sent again once the ticket has moved on, it is answered as refused, never applied. Refused itself
 * once the day's set holds `SEEN_REFUSALS_CAP` hashes.
 */
export function seenMark(table: string, ticketId: string, scanId: string, day: string) {
  return {
    TableName: table,
    Key: { ticketId },
    UpdateExpression: 'ADD #seen :hashes',
    ConditionExpression: 'attribute_exists(ticketId) AND (attribute_not_exists(#seen) OR size(#seen) < :cap)',
    ExpressionAttributeNames: { '#seen': seenAttribute(day) },
    ExpressionAttributeValues: { ':hashes': new Set([scanHash(scanId)]), ':cap': SEEN_REFUSALS_CAP },
  };
}

/** Whether the scan has already moved the ticket (its hash is in that day's set). */
export function hasSeen(ticket: TicketRecord, scanId: string, day: string): boolean {
  const seen = (ticket as unknown as Record<string, unknown>)[seenAttribute(day)];
  return seen instanceof Set && seen.has(scanHash(scanId));
}

/**
 * The update that moves a ticket to `next` on condition it is as expected: built here, where the
 * ticket's fields are known, and sent inside the scan log's transaction.
 */
export function presenceUpdate(
  table: string,
  ticketId: string,
  expected: PresenceExpectation,
  next: Presence,
  scan?: ScanMark,
) {
  const names: Record<string, string> = { '#zone': 'zoneId' };
  const values: Record<string, unknown> = { ':inside': next.inside, ':counted': next.counted ?? [], ':one': 1 };
  const set = ['inside = :inside', 'counted = :counted', 'version = version + :one'];
  const remove: string[] = [];
  const add: string[] = [];
  let condition: string;
  if ('version' in expected) {
    set.push('entries = :entries');
    values[':entries'] = next.entries;
    values[':expected'] = expected.version;
    condition = 'version = :expected';
  } else {
    // A ticket with an attention note or a holder's name is read first: the gate shows them.
    const usual =
      'attribute_exists(ticketId) AND revoked = :no AND contains(validDays, :on) AND attribute_not_exists(attentionNote) AND attribute_not_exists(holderName)';
    values[':no'] = false;
    if ('outsideOn' in expected) {
      // Unread, the ticket's entries are counted up where they stand.
      set.push('entries = entries + :one');
      values[':on'] = expected.outsideOn;
      condition = `${usual} AND (inside = :no OR (attribute_exists(insideDay) AND insideDay <> :on))`;
    } else {
      values[':on'] = expected.insideOn;
      values[':yes'] = true;
      values[':was'] = expected.zoneId;
      values[':wasCounted'] = expected.counted;
      condition = `${usual} AND inside = :yes AND insideDay = :on AND #zone = :was AND counted = :wasCounted`;
    }
  }
  if (next.lastDeviceId) {
    set.push('lastDeviceId = :device');
    values[':device'] = next.lastDeviceId;
  }
  if (next.lastGateId) {
    set.push('lastGateId = :gate');
    values[':gate'] = next.lastGateId;
  }
  if (next.enteredOn) {
    set.push('enteredOn = :entered');
    values[':entered'] = next.enteredOn;
  }
  if (next.inside && next.zoneId) {
    set.push('#zone = :zone');
    values[':zone'] = next.zoneId;
  } else remove.push('#zone');
  if (next.inside && next.day) {
    set.push('insideDay = :day', 'insideShard = :shard');
    values[':day'] = next.day;
    values[':shard'] = `${next.day}#${insideShardOf(ticketId)}`;
  } else remove.push('insideDay', 'insideShard');
  if (scan) {
    // The scan's hash joins the day's set; a scan the ticket has seen moves it no more.
    names['#seen'] = seenAttribute(scan.day);
    const hash = scanHash(scan.scanId);
    values[':hashes'] = new Set([hash]);
    add.push('#seen :hashes');
    // Read first, the scan was looked for on the ticket read (see seenScan), whose version is expected.
    if (!('version' in expected)) {
      values[':hash'] = hash;
      condition = `${condition} AND NOT contains(#seen, :hash)`;
    }
    if (scan.forget && scan.forget !== scan.day) {
      names['#forget'] = seenAttribute(scan.forget);
      remove.push('#forget');
    }
    if (scan.carried) {
      names['#carried'] = 'carriedScan';
      set.push('#carried = :carried');
      values[':carried'] = scan.carried;
    }
  }
  const clauses = [`SET ${set.join(', ')}`];
  if (remove.length) clauses.push(`REMOVE ${remove.join(', ')}`);
  if (add.length) clauses.push(`ADD ${add.join(', ')}`);
  return {
    TableName: table,
    Key: { ticketId },
    UpdateExpression: clauses.join(' '),
    ConditionExpression: condition,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

export type InsideTicket = Pick<TicketRecord, 'ticketId' | (typeof INSIDE_INDEX_ATTRIBUTES)[number]>;

/** Who is inside from `day`, in one shard of the sparse index (eventually consistent). */
export async function listInsideShard(
  client: DynamoDBDocumentClient,
  table: string,
  day: string,
  shard: number,
): Promise<InsideTicket[]> {
  const items = await queryAll(client, {
    TableName: table,
    IndexName: INSIDE_INDEX,
    KeyConditionExpression: 'insideShard = :key',
    ExpressionAttributeValues: { ':key': `${day}#${shard}` },
  });
  return items as InsideTicket[];
}

/** Who is inside from `day`: every shard. */
export async function listInside(client: DynamoDBDocumentClient, table: string, day: string): Promise<InsideTicket[]> {
  const shards = await Promise.all(
    Array.from({ length: INSIDE_SHARDS }, (_, shard) => listInsideShard(client, table, day, shard)),
  );
  return shards.flat();
}

/** How many are inside from `day`, by shard (a count only: the closing decides how to sweep). */
export async function countInside(client: DynamoDBDocumentClient, table: string, day: string): Promise<number[]> {
  return Promise.all(
    Array.from({ length: INSIDE_SHARDS }, async (_, shard) => {
      let count = 0;
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: table,
            IndexName: INSIDE_INDEX,
            KeyConditionExpression: 'insideShard = :key',
            ExpressionAttributeValues: { ':key': `${day}#${shard}` },
            Select: 'COUNT',
            ExclusiveStartKey,
          }),
        );
        count += page.Count ?? 0;
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return count;
    }),
  );
}

/**
 * Ends a presence left from `day` or before (the day's closing): the ticket is outside again. Written
 * first on the version the index gave (one request in the common case), read again if the ticket moved
 * since. Undefined when the ticket is no longer inside from such a day.
 */
export async function sweepOut(
  client: DynamoDBDocumentClient,
  table: string,
  listed: InsideTicket,
  day: string,
): Promise<InsideTicket | undefined> {
  let ticket: InsideTicket | undefined = listed;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    if (!ticket?.inside || !ticket.insideDay || ticket.insideDay > day) return undefined;
    const next: Presence = { inside: false, counted: [], entries: ticket.entries };
    if (ticket.lastDeviceId) next.lastDeviceId = ticket.lastDeviceId;
    if (ticket.lastGateId) next.lastGateId = ticket.lastGateId;
    try {
      await client.send(new UpdateCommand(presenceUpdate(table, ticket.ticketId, { version: ticket.version }, next)));
      return ticket;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      ticket = await getTicket(client, table, ticket.ticketId);
    }
  }
  throw new Error(`ticket ${listed.ticketId} kept changing while its day was closed`);
}

/** Who is inside, as closing a day reads and sweeps it, bound to the tickets table. */
export interface InsideTickets {
  /** `countInside`: how many are inside from `day`, by shard. */
  countByShard(day: string): Promise<number[]>;
  /** `listInsideShard`: who is inside from `day` in one shard (eventually consistent). */
  listShard(day: string, shard: number): Promise<InsideTicket[]>;
  /** `sweepOut`: the ticket let out, or undefined when it is no longer inside from such a day. */
  sweepOut(listed: InsideTicket, day: string): Promise<InsideTicket | undefined>;
}

export const insideTickets = (client: DynamoDBDocumentClient, table: string): InsideTickets => ({
  countByShard: (day) => countInside(client, table, day),
  listShard: (day, shard) => listInsideShard(client, table, day, shard),
  sweepOut: (listed, day) => sweepOut(client, table, listed, day),
});

export async function putTickets(
  client: DynamoDBDocumentClient,
  table: string,
  tickets: TicketRecord[],
): Promise<void> {
  await putAll(client, table, tickets as unknown as Record<string, unknown>[]);
}

export async function getTicket(
  client: DynamoDBDocumentClient,
  table: string,
  ticketId: string,
): Promise<TicketRecord | undefined> {
  const { Item } = await client.send(new GetCommand({ TableName: table, Key: { ticketId }, ConsistentRead: true }));
  return Item as TicketRecord | undefined;
}

/** The tickets table as a scan reads it, bound to its table: a use case depends on this, not on keys. */
export interface TicketReader {
  /** The ticket as it stands (a consistent read); undefined when the fair never stored it. */
  get(ticketId: string): Promise<TicketRecord | undefined>;
}

export const ticketReader = (client: DynamoDBDocumentClient, table: string): TicketReader => ({
  get: (ticketId) => getTicket(client, table, ticketId),
});

/**
 * Revokes tickets and appends them to the revocation log (the feed offline devices page through), each
 * ticket's write in the same transaction as its place in the log: a ticket revoked already (or unknown)
 * is appended nothing twice.
 */
export async function revokeTickets(
  client: DynamoDBDocumentClient,
  tables: { tickets: string; fair: string },
  ticketIds: readonly string[],
  now: string,
): Promise<{ revoked: string[]; already: string[]; unknown: string[] }> {
  const { appended, refused } = await appendRevocations(
    client,
    tables.fair,
    [...new Set(ticketIds)].map((ticketId) => ({
      ticketId,
      revokedAt: now,
      ticketWrite: {
        Update: {
          TableName: tables.tickets,
          Key: { ticketId },
          UpdateExpression: 'SET revoked = :true, revokedAt = :now, version = version + :one',
          ConditionExpression: 'attribute_exists(ticketId) AND revoked = :false',
          ExpressionAttributeValues: { ':true': true, ':false': false, ':now': now, ':one': 1 },
        },
      },
    })),
  );
  const known = new Set(
    (await getTicketsByIds(client, tables.tickets, refused, ['ticketId'])).map((ticket) => ticket.ticketId),
  );
  return {
    revoked: appended,
    already: refused.filter((ticketId) => known.has(ticketId)),
    unknown: refused.filter((ticketId) => !known.has(ticketId)),
  };
}

/** Revokes one ticket (see revokeTickets). */
export async function revokeTicket(
  client: DynamoDBDocumentClient,
  tables: { tickets: string; fair: string },
  ticketId: string,
  now: string,
): Promise<'revoked' | 'already' | 'unknown'> {
  const outcome = await revokeTickets(client, tables, [ticketId], now);
  if (outcome.revoked.length > 0) return 'revoked';
  return outcome.already.length > 0 ? 'already' : 'unknown';
}

export async function putTicketIfAbsent(
  client: DynamoDBDocumentClient,
  table: string,
  ticket: TicketRecord,
): Promise<boolean> {
  return conditionHeld(
    client.send(
      new PutCommand({ TableName: table, Item: ticket, ConditionExpression: 'attribute_not_exists(ticketId)' }),
    ),
  );
}

/** The tickets a short code names: one, or none (two would be a collision: 50 random bits make it rare). */
export async function findTicketIdsByShortCode(
  client: DynamoDBDocumentClient,
  table: string,
  shortCode: string,
): Promise<string[]> {
  const { Items = [] } = await client.send(
    new QueryCommand({
      TableName: table,
      IndexName: SHORT_CODE_INDEX,
      KeyConditionExpression: 'shortCode = :code',
      ExpressionAttributeValues: { ':code': shortCode },
      Limit: 2,
    }),
  );
  return Items.map((item) => String(item.ticketId));
}

/**
 * Tickets whose holder's name holds `text` (case and accents aside), for an organiser's search: a
 * scan of the table, which a fair's few thousand tickets keep short. At most `limit`.
 */
async function scanTickets(
  client: DynamoDBDocumentClient,
  table: string,
  filter: { expression: string; values: Record<string, unknown>; names?: Record<string, string> },
  limit: number,
): Promise<TicketRecord[]> {
  const found: TicketRecord[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: table,
        FilterExpression: filter.expression,
        ExpressionAttributeValues: filter.values,
        ...(filter.names ? { ExpressionAttributeNames: filter.names } : {}),
        ExclusiveStartKey,
      }),
    );
    found.push(...((page.Items ?? []) as TicketRecord[]));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey && found.length < limit);
  return found.slice(0, limit);
}

export function searchTicketsByHolder(
  client: DynamoDBDocumentClient,
  table: string,
  text: string,
  limit: number,
): Promise<TicketRecord[]> {
  return scanTickets(client, table, { expression: 'contains(holderKey, :text)', values: { ':text': text } }, limit);
}

/**
 * A set of live tickets to print together: of a category, of a booth's staff, issued between two
 * instants (ISO, UTC), or these combined. A scan, like the search: a fair's tickets keep it short.
 */
export function ticketSet(
  client: DynamoDBDocumentClient,
  table: string,
  set: { category?: string; boothId?: string; issued?: { from: string; to: string } },
  limit: number,
): Promise<TicketRecord[]> {
  const terms = ['#revoked = :no'];
  const values: Record<string, unknown> = { ':no': false };
  if (set.category !== undefined) {
    terms.push('#category = :category');
    values[':category'] = set.category;
  }
  if (set.boothId !== undefined) {
    terms.push('boothId = :booth');
    values[':booth'] = set.boothId;
  }
  if (set.issued) {
    terms.push('createdAt >= :from AND createdAt < :to');
    values[':from'] = set.issued.from;
    values[':to'] = set.issued.to;
  }
  const names = { '#revoked': 'revoked', ...(set.category !== undefined ? { '#category': 'category' } : {}) };
  return scanTickets(client, table, { expression: terms.join(' AND '), values, names }, limit);
}

/** The tickets signed with a key (a retired one: their badges must be printed again). */
export function ticketsSignedWith(
  client: DynamoDBDocumentClient,
  table: string,
  kid: string,
  limit: number,
): Promise<TicketRecord[]> {
  return scanTickets(client, table, { expression: 'kid = :kid', values: { ':kid': kid } }, limit);
}

/**
 * Notes that a ticket's token is now signed with `kid` (its old key was retired): its badge printed
 * again keeps the same QR code from then on. Only if it still names the key it was read with.
 */
export async function recordSigningKey(
  client: DynamoDBDocumentClient,
  table: string,
  ticketId: string,
  from: string | undefined,
  kid: string,
): Promise<void> {
  await conditionHeld(
    client.send(
      new UpdateCommand({
        TableName: table,
        Key: { ticketId },
        UpdateExpression: 'SET kid = :kid',
        ConditionExpression: from === undefined ? 'attribute_not_exists(kid)' : 'kid = :from',
        ExpressionAttributeValues: { ':kid': kid, ...(from === undefined ? {} : { ':from': from }) },
      }),
    ),
  );
}

/**
 * Many tickets by id, 100 to a BatchGetItem, asking again for what DynamoDB leaves unprocessed under
 * load (with backoff) until nothing is left. `fields` limits what is read.
 */
export async function getTicketsByIds(
  client: DynamoDBDocumentClient,
  table: string,
  ticketIds: string[],
  fields?: (keyof TicketRecord)[],
): Promise<TicketRecord[]> {
  const keys = [...new Set(ticketIds)].map((ticketId) => ({ ticketId }));
  const items = await batchGetAll(client, table, keys, { consistent: false, ...(fields ? { fields } : {}) });
  return items as unknown as TicketRecord[];
}
