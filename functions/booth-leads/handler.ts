import * as z from 'zod';
import { now } from '#commons/clock';
import { resource } from '#commons/config';
import { csvHeader, ratingWord, toCsv } from '#commons/csv';
import { fairMeta } from '#commons/fair-context';
import { byRoute } from '#commons/http/by-route';
import { NotFoundError, ValidationFailedError } from '#commons/http/errors';
import { type HttpInner, httpHandler } from '#commons/http/http-handler';
import { type AuthorizedEvent, requirePermission } from '#commons/http/principal';
import { parseJsonBody, parsePath, parseQuery } from '#commons/http/request';
import { csvFile, json, text } from '#commons/http/response';
import { LeadEditSchema, LeadsQuerySchema } from '#shared/contract/booths';
import { CsvQuerySchema } from '#shared/contract/csv';
import { TicketIdSchema } from '#shared/contract/tickets';
import { IdSchema } from '#shared/domain/fair';
import { fairDay, zoneOf } from '#shared/domain/fair-time';
import { CONTACT_FIELDS, displayPhone, leadsVcard } from '#shared/domain/lead-contact';
import { dynamo } from '#shared/store/clients';
import { getBooth } from '#shared/store/fair-store';
import { editLead, type LeadsDeps, listLeads } from '#shared/use-cases/booth-leads';

/** A ticket's id, or `p-<uuid>` for a lead left from the booth's poster. */
const LeadIdSchema = z.union([TicketIdSchema, z.string().regex(/^p-[0-9a-f-]{36}$/, 'a ticket id, or p- and a uuid')]);

const deps = (): LeadsDeps => ({
  client: dynamo(),
  statsTable: resource('STATS_TABLE'),
  ticketsTable: resource('TICKETS_TABLE'),
});

/**
 * GET /v1/booths/{boothId}/leads[.csv|.vcf]?day=&period= and PUT /v1/booths/{boothId}/leads/{ticketId}
 * (its exhibitor, or an organiser). A lead is a visitor who showed this booth their consent code and
 * has not said no since; it shows only what they agreed to share. The CSV opens in Excel set to French,
 * the vCard file in a phone's contacts.
 */
/** The booth a request names (404 when the fair has none), then the caller's right to it. */
async function boothAsked(event: AuthorizedEvent) {
  const { boothId } = parsePath(event, z.object({ boothId: IdSchema, ticketId: LeadIdSchema.optional() }));
  const booth = await getBooth(dynamo(), resource('FAIR_TABLE'), boothId);
  if (!booth) throw new NotFoundError(`no booth ${boothId}`);
  requirePermission(event, { kind: 'booth', boothId });
  return booth;
}

/** A booth's leads of a day or of the fair, as JSON, a spreadsheet (CSV) or the phone's contacts (vCard). */
const leadsAs =
  (format: 'json' | 'csv' | 'vcf'): HttpInner =>
  async (event) => {
    const { boothId } = await boothAsked(event);
    const fair = await fairMeta();
    const query = parseQuery(
      event,
      format === 'csv' ? LeadsQuerySchema.extend(CsvQuerySchema.shape) : LeadsQuerySchema,
    );
    const day = query.day ?? fairDay(now(), zoneOf(fair));
    const wholeFair = query.period === 'fair';
    const { leads, visitorsSeen } = await listLeads(deps(), boothId, { day, wholeFair });
    const name = `leads-${boothId}-${wholeFair ? 'fair' : day}`;
    if (format === 'vcf')
      return {
        ...text(200, 'text/vcard; charset=utf-8', leadsVcard(leads, { boothId, fairName: fair.name })),
        headers: {
          'content-type': 'text/vcard; charset=utf-8',
          'content-disposition': `attachment; filename="${name}.vcf"`,
          'cache-control': 'no-store',
        },
      };
    if (format === 'csv') {
      const columns = ['day', 'at', 'name', ...CONTACT_FIELDS, 'category', 'rating', 'tags', 'note', 'ticketId'];
      const lang = 'lang' in query ? (query.lang as 'ar' | 'fr' | 'en' | undefined) : undefined;
      return csvFile(
        `${name}.csv`,
        toCsv(
          csvHeader(columns, lang),
          leads.map((lead) => [
            lead.day,
            lead.at,
            lead.contact.name ?? '',
            ...CONTACT_FIELDS.map((field) => {
              const value = lead.contact[field] ?? '';
              return field === 'phone' || field === 'whatsapp' ? (value ? displayPhone(value) : '') : value;
            }),
            lead.category,
            ratingWord(lead.rating, lang),
            (lead.tags ?? []).join(', '),
            lead.note ?? '',
            lead.ticketId,
          ]),
          query as z.infer<typeof CsvQuerySchema>,
        ),
      );
    }
    return json(200, { boothId, day, period: wholeFair ? 'fair' : 'day', visitorsSeen, leads });
  };

export const handler = httpHandler(
  byRoute('booth-leads')({
    'GET /v1/booths/{boothId}/leads': leadsAs('json'),
    'GET /v1/booths/{boothId}/leads.csv': leadsAs('csv'),
    'GET /v1/booths/{boothId}/leads.vcf': leadsAs('vcf'),
    'PUT /v1/booths/{boothId}/leads/{ticketId}': async (event) => {
      const booth = await boothAsked(event);
      const { boothId } = booth;
      const { ticketId } = parsePath(event, z.object({ boothId: IdSchema, ticketId: LeadIdSchema }));
      const body = parseJsonBody(event, LeadEditSchema);
      const outcome = await editLead(deps(), booth, ticketId, body);
      if (outcome.kind === 'no-lead') throw new NotFoundError(`${ticketId} is not a lead of booth ${boothId}`);
      if (outcome.kind === 'unknown-tags')
        throw new ValidationFailedError(
          'tags must be among the booth’s products',
          outcome.tags.map((tag) => ({ path: 'tags', message: `${tag} is not one of booth ${boothId}’s products` })),
        );
      return json(200, { ...outcome.lead, ...(outcome.kind === 'stale' ? { stale: true } : {}) });
    },
  }),
);
