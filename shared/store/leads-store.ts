import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { LeadEditNotes, LeadNotes, LeadRating } from '../domain/lead-contact';
import { batchGetAll } from './batch-get';
import { conditionHeld } from './conditional';
import { queryAll } from './query-all';

/**
 * Leads in the stats table: `LEADS#<booth>`, one item per visitor, the visitor's latest answer at this
 * booth (written with the visit that carried it, by footfall-store's transaction), every answer kept
 * in its history as evidence, and the booth's rating, tags and note.
 */
export const leadsKey = (boothId: string) => `LEADS#${boothId}`;

/** A visitor's latest answer at a booth (may this exhibitor keep their contact?) and the booth's notes. */
export interface LeadAnswer extends LeadNotes {
  ticketId: string;
  consent: boolean;
  at: string;
  day: string;
  eventId: string;
  /** How the answer was given: `consent-code` for a yes the visitor showed their code for. */
  method?: string;
  /** The booth phone's credential that recorded it. */
  recordedBy?: string;
  /** When the notes were last edited (on the phone's clock): the latest edit wins. */
  editedAt?: string;
  /** A poster lead's contact, left by the visitor on their own phone (a ticket's is on the ticket). */
  contact?: { name?: string; phone?: string };
}

/** The methods that make a yes a lead: the visitor's own act, never the booth's word. */
export const LEAD_METHODS = ['consent-code', 'poster'] as const;

/** A poster lead's id: `p-` and the visitor's phone's random id. */
export const posterLeadId = (phoneId: string) => `p-${phoneId}`;

function leadAnswerOf(item: Record<string, unknown>): LeadAnswer {
  return {
    ticketId: String(item.sk),
    consent: item.consent === true,
    at: String(item.at),
    day: String(item.day),
    eventId: String(item.eventId),
    ...(item.method ? { method: String(item.method) } : {}),
    ...(item.recordedBy ? { recordedBy: String(item.recordedBy) } : {}),
    ...(item.rating ? { rating: item.rating as LeadRating } : {}),
    ...(Array.isArray(item.tags) ? { tags: item.tags as string[] } : {}),
    ...(item.note ? { note: String(item.note) } : {}),
    ...(item.editedAt ? { editedAt: String(item.editedAt) } : {}),
    ...(item.contact ? { contact: item.contact as LeadAnswer['contact'] } : {}),
  };
}

export async function listLeadAnswers(
  client: DynamoDBDocumentClient,
  table: string,
  boothId: string,
): Promise<LeadAnswer[]> {
  const items = await queryAll(client, {
    TableName: table,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': leadsKey(boothId) },
    ConsistentRead: true,
  });
  return items.map(leadAnswerOf);
}

/**
 * Sets a lead's rating, tags and note, on condition that the visitor's latest word at the booth is yes
 * and no later edit is stored (phones edit offline and sync in any order). Answers the lead as stored,
 * or undefined when there is no such lead.
 */
export async function editLeadNotes(
  client: DynamoDBDocumentClient,
  table: string,
  boothId: string,
  ticketId: string,
  notes: LeadEditNotes,
): Promise<{ lead: LeadAnswer; applied: boolean } | undefined> {
  const set = ['editedAt = :editedAt'];
  const remove: string[] = [];
  const values: Record<string, unknown> = { ':editedAt': notes.editedAt, ':yes': true };
  for (const field of ['rating', 'tags', 'note'] as const) {
    const value = notes[field];
    if (value === undefined) continue;
    if (value === null || (Array.isArray(value) && value.length === 0) || value === '') remove.push(field);
    else {
      set.push(`${field} = :${field}`);
      values[`:${field}`] = value;
    }
  }
  try {
    const { Attributes } = await client.send(
      new UpdateCommand({
        TableName: table,
        Key: { pk: leadsKey(boothId), sk: ticketId },
        UpdateExpression: `SET ${set.join(', ')}${remove.length > 0 ? ` REMOVE ${remove.join(', ')}` : ''}`,
        ConditionExpression:
          'consent = :yes AND #method IN (:code, :poster) AND (attribute_not_exists(editedAt) OR editedAt <= :editedAt)',
        ExpressionAttributeNames: { '#method': 'method' },
        ExpressionAttributeValues: { ...values, ':code': 'consent-code', ':poster': 'poster' },
        ReturnValues: 'ALL_NEW',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return { lead: leadAnswerOf(Attributes ?? {}), applied: true };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const stored = error.Item ? unmarshall(error.Item) : undefined;
    if (stored?.consent !== true || !LEAD_METHODS.includes(stored.method)) return undefined;
    return { lead: leadAnswerOf(stored), applied: false };
  }
}

/** A visitor's answers at the booths (of those given) that hold one, with each answer's history. */
export async function leadAnswersOfTicket(
  client: DynamoDBDocumentClient,
  table: string,
  ticketId: string,
  boothIds: readonly string[],
): Promise<(LeadAnswer & { boothId: string; history: Record<string, unknown>[] })[]> {
  const keys = boothIds.map((boothId) => ({ pk: leadsKey(boothId), sk: ticketId }));
  const items = await batchGetAll(client, table, keys);
  return items.map((item) => ({
    ...leadAnswerOf(item),
    boothId: String(item.pk).slice('LEADS#'.length),
    history: Array.isArray(item.history) ? (item.history as Record<string, unknown>[]) : [],
  }));
}

/**
 * Withdraws a visitor's consent at one booth, or at every booth that holds an answer of theirs (the
 * desk, on the visitor's request): the answer becomes no, the booth's notes on them go, and the act is
 * kept in the answer's history. Answers the booths it changed.
 */
export async function withdrawLeads(
  client: DynamoDBDocumentClient,
  table: string,
  ticketId: string,
  boothIds: readonly string[],
  act: { at: string; by: string },
): Promise<string[]> {
  const changed: string[] = [];
  for (const boothId of boothIds) {
    const held = await conditionHeld(
      client.send(
        new UpdateCommand({
          TableName: table,
          Key: { pk: leadsKey(boothId), sk: ticketId },
          UpdateExpression:
            'SET consent = :no, #at = :at, #method = :withdrawn, recordedBy = :by, ' +
            '#history = list_append(if_not_exists(#history, :none), :evidence) REMOVE rating, tags, note',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#at': 'at', '#method': 'method', '#history': 'history' },
          ExpressionAttributeValues: {
            ':no': false,
            ':at': act.at,
            ':withdrawn': 'withdrawn-at-desk',
            ':by': act.by,
            ':none': [],
            ':evidence': [{ consent: false, at: act.at, method: 'withdrawn-at-desk', recordedBy: act.by }],
          },
        }),
      ),
    );
    if (held) changed.push(boothId);
  }
  return changed;
}

/**
 * A visitor's word left on their own phone from a booth's poster: a yes with their name and number
 * (a lead, with the number kept on the lead itself: the visitor holds no ticket), or a no that takes
 * them back. The latest word wins; a no removes the number and the booth's notes on it.
 */
export async function recordPosterAnswer(
  client: DynamoDBDocumentClient,
  table: string,
  answer: {
    boothId: string;
    phoneId: string;
    day: string;
    at: string;
    consent: boolean;
    contact?: { name?: string; phone: string };
    wording?: string;
    expiresAt: number;
  },
): Promise<boolean> {
  const evidence = {
    consent: answer.consent,
    at: answer.at,
    method: 'poster',
    ...(answer.wording ? { wording: answer.wording } : {}),
  };
  const yes = answer.consent && answer.contact;
  return conditionHeld(
    client.send(
      new UpdateCommand({
        TableName: table,
        Key: { pk: leadsKey(answer.boothId), sk: posterLeadId(answer.phoneId) },
        UpdateExpression:
          'SET consent = :consent, #at = :at, #day = :day, eventId = :eventId, #method = :poster, expiresAt = :expires, ' +
          `#history = list_append(if_not_exists(#history, :none), :evidence)${yes ? ', contact = :contact' : ' REMOVE contact, rating, tags, note'}`,
        ConditionExpression: 'attribute_not_exists(pk) OR #at <= :at',
        ExpressionAttributeNames: { '#at': 'at', '#day': 'day', '#method': 'method', '#history': 'history' },
        ExpressionAttributeValues: {
          ':consent': Boolean(yes),
          ':at': answer.at,
          ':day': answer.day,
          ':eventId': answer.phoneId,
          ':poster': 'poster',
          ':expires': answer.expiresAt,
          ':none': [],
          ':evidence': [evidence],
          ...(yes ? { ':contact': answer.contact } : {}),
        },
      }),
    ),
  );
}
