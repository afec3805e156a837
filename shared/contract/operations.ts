/**
 * Every route of the API: the function that answers it, who may call it, the zod schemas its handler
 * parses the request with, and the schemas of its answers. The stack puts these routes on the API
 * and no others (infra/constructs/http-api.ts); scripts/openapi.ts writes the document from it.
 */
import * as z from 'zod';
import { DaySchema } from '../domain/fair';
import { AlertsQuerySchema, SubscriptionSchema } from './alerts';
import * as answers from './answers';
import { FootfallSchema, InterestSchema, LeadEditSchema, LeadsQuerySchema, SalesSchema } from './booths';
import { CreateCredentialBatchSchema, CreateCredentialSchema } from './credentials';
import { CsvQuerySchema } from './csv';
import {
  EvacuationRequestSchema,
  HeartbeatSchema,
  IncidentRequestSchema,
  IncidentsQuerySchema,
  ZoneChangeSchema,
} from './floor';
import {
  DryRunSchema,
  OverridesQuerySchema,
  PaperTallySchema,
  ScanBatchSchema,
  ScanSchema,
  WalkInCountBatchSchema,
  WalkInCountSchema,
} from './gate';
import {
  EraseSchema,
  RevocationsQuerySchema,
  RevokeBatchSchema,
  SelfRegistrationSchema,
  TicketBatchSchema,
  TicketRequestSchema,
  TicketSearchSchema,
  WithdrawSchema,
} from './tickets';
import {
  DoorScanSchema,
  RegistrationSchema,
  WorkshopCancelSchema,
  WorkshopCreateSchema,
  WorkshopPatchSchema,
} from './workshops';

type Who =
  | 'public'
  | 'any credential'
  | 'organiser'
  | 'gate or organiser'
  | 'gate, supervisor or organiser'
  | 'supervisor or organiser'
  | 'host or organiser'
  | 'exhibitor or organiser'
  | 'desk or organiser'
  | 'host, desk or organiser'
  | 'viewer or organiser';
export type Answer = z.ZodType | 'text/csv' | 'text/vcard' | 'image/png' | 'image/svg+xml';

export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  /** The function that answers it (its folder under functions/): the stack routes it there from this table. */
  fn: string;
  /**
   * On the gate path (scans, walk-in counts, door scans): throttled apart and higher, and without the
   * authorizer, its function authenticating each request itself (infra/constructs/http-api.ts).
   */
  gatePath?: true;
  summary: string;
  who: Who;
  query?: z.ZodObject;
  body?: z.ZodType;
  answers: Record<number, Answer>;
  /** Client errors beyond 400 (and 401/403 for a route that needs a credential). */
  errors?: readonly (404 | 409 | 413)[];
}

const Day = z.object({ day: DaySchema.optional() });
const CsvDay = CsvQuerySchema.extend({ day: DaySchema.optional() });

const TABLE = [
  {
    method: 'get',
    path: '/v1/health',
    fn: 'health',
    summary: 'Is the API up',
    who: 'public',
    answers: { 200: answers.HealthSchema },
  },
  {
    method: 'get',
    path: '/v1/openapi.json',
    fn: 'openapi',
    summary: 'This document',
    who: 'public',
    answers: { 200: answers.OpenApiDocumentSchema },
  },
  {
    method: 'get',
    path: '/v1/keys',
    fn: 'keys',
    summary: 'Public keys that verify ticket tokens offline',
    who: 'public',
    answers: { 200: answers.KeysSchema },
  },
  {
    method: 'get',
    path: '/v1/me',
    fn: 'whoami',
    summary: 'The credential in use: role, scope, label',
    who: 'any credential',
    answers: { 200: answers.WhoAmISchema },
  },
  {
    method: 'get',
    path: '/v1/fair',
    fn: 'get-fair',
    summary: 'The venue as every device needs it, and the fair clock',
    who: 'any credential',
    answers: { 200: answers.FairSchema },
  },
  {
    method: 'post',
    path: '/v1/credentials',
    fn: 'credentials',
    summary: 'Make a credential (its secret is shown once)',
    who: 'organiser',
    body: CreateCredentialSchema,
    answers: { 201: answers.CredentialCreatedSchema },
  },
  {
    method: 'post',
    path: '/v1/credentials/batch',
    fn: 'credentials',
    summary: 'Make up to 200 credentials (every booth at once)',
    who: 'organiser',
    body: CreateCredentialBatchSchema,
    answers: { 201: answers.CredentialsCreatedSchema },
  },
  {
    method: 'get',
    path: '/v1/credentials',
    fn: 'credentials',
    summary: 'List credentials, never their secrets',
    who: 'organiser',
    answers: { 200: answers.CredentialsSchema },
  },
  {
    method: 'delete',
    path: '/v1/credentials/{credentialId}',
    fn: 'credentials',
    summary: 'Revoke a credential at once',
    who: 'organiser',
    answers: { 200: answers.CredentialRevokedSchema },
    errors: [404],
  },
  {
    method: 'post',
    path: '/v1/tickets',
    fn: 'issue-tickets',
    summary: 'Issue a ticket',
    who: 'desk or organiser',
    body: TicketRequestSchema,
    answers: { 201: answers.IssuedTicketSchema },
    errors: [404],
  },
  {
    method: 'post',
    path: '/v1/tickets/batch',
    fn: 'issue-tickets',
    summary: 'Issue up to 500 tickets',
    who: 'desk or organiser',
    body: TicketBatchSchema,
    answers: { 201: answers.IssuedTicketsSchema },
    errors: [404],
  },
  {
    method: 'post',
    path: '/v1/tickets/{ticketId}/reissue',
    fn: 'issue-tickets',
    summary:
      'A lost badge: a new ticket for the same holder (category, days, name, contact, what they share, booth), the lost one revoked (201; asked again, the same new ticket, 200)',
    who: 'desk or organiser',
    answers: { 201: answers.ReissuedTicketSchema, 200: answers.ReissuedTicketSchema },
    errors: [404, 409],
  },
  {
    method: 'post',
    path: '/v1/self-registrations',
    fn: 'issue-tickets',
    summary:
      "A visitor registering on their own phone from a booth's poster: a visitor ticket from today to the fair's end (201; the same phone asking again gets the same ticket back, 200); 429 once the day's budget of such registrations is spent, 409 off fair days",
    who: 'public',
    body: SelfRegistrationSchema,
    answers: { 201: answers.IssuedTicketSchema, 200: answers.IssuedTicketSchema },
    errors: [409],
  },
  {
    method: 'get',
    path: '/v1/tickets',
    fn: 'get-ticket',
    summary: 'Find tickets by holder or id',
    who: 'desk or organiser',
    query: TicketSearchSchema,
    answers: { 200: answers.TicketSearchSchema },
  },
  {
    method: 'get',
    path: '/v1/tickets/{ticketId}',
    fn: 'get-ticket',
    summary: 'A ticket, its presence and its token',
    who: 'desk or organiser',
    answers: { 200: answers.TicketViewSchema },
    errors: [404],
  },
  {
    method: 'get',
    path: '/v1/tickets/{ticketId}/qr.svg',
    fn: 'get-ticket',
    summary: 'Its QR code as SVG',
    who: 'desk or organiser',
    answers: { 200: 'image/svg+xml' },
    errors: [404],
  },
  {
    method: 'get',
    path: '/v1/tickets/{ticketId}/qr.png',
    fn: 'get-ticket',
    summary: 'Its QR code as PNG',
    who: 'desk or organiser',
    answers: { 200: 'image/png' },
    errors: [404],
  },
  {
    method: 'post',
    path: '/v1/tickets/{ticketId}/revoke',
    fn: 'revoke-ticket',
    summary: 'Revoke a ticket',
    who: 'desk or organiser',
    answers: { 200: answers.RevokedTicketSchema },
    errors: [404],
  },
  {
    method: 'post',
    path: '/v1/tickets/revoke',
    fn: 'revoke-ticket',
    summary: 'Revoke up to 500 tickets at once (a stolen batch): each on the revocation feed at once',
    who: 'organiser',
    body: RevokeBatchSchema,
    answers: { 200: answers.RevokedTicketsSchema },
  },
  {
    method: 'get',
    path: '/v1/revocations',
    fn: 'revocations',
    summary: 'Tickets revoked since a cursor, for devices that verify offline',
    who: 'any credential',
    query: RevocationsQuerySchema,
    answers: { 200: answers.RevocationsSchema },
  },
  {
    method: 'post',
    path: '/v1/scans',
    fn: 'scan',
    gatePath: true,
    summary: 'A gate scan: the verdict, never an error (a supervisor may override a refusal, with a reason)',
    who: 'gate, supervisor or organiser',
    body: ScanSchema,
    answers: { 200: answers.ScanAnswerSchema },
    errors: [404],
  },
  {
    method: 'post',
    path: '/v1/scans/batch',
    fn: 'scan',
    gatePath: true,
    summary: 'What an offline device scanned, judged in order',
    who: 'gate or organiser',
    body: ScanBatchSchema,
    answers: { 200: answers.ScanBatchAnswerSchema },
    errors: [404],
  },
  {
    method: 'post',
    path: '/v1/scans/dry-run',
    fn: 'scan',
    summary: 'Would this code get in at that gate at that time? The verdict and the rule, nothing recorded',
    who: 'desk or organiser',
    body: DryRunSchema,
    answers: { 200: answers.DryRunAnswerSchema },
    errors: [404],
  },
  {
    method: 'get',
    path: '/v1/scans/conflicts',
    fn: 'scan-conflicts',
    summary: 'Scans two offline devices disagreed on',
    who: 'viewer or organiser',
    answers: { 200: answers.ScanConflictsSchema },
  },
  {
    method: 'post',
    path: '/v1/gates/{gateId}/counts',
    fn: 'walk-ins',
    gatePath: true,
    summary: 'Walk-ins counted at a gate',
    who: 'gate or organiser',
    body: WalkInCountSchema,
    answers: { 200: answers.CountAnswerSchema },
    errors: [404],
  },
  {
    method: 'post',
    path: '/v1/gates/{gateId}/counts/batch',
    fn: 'walk-ins',
    gatePath: true,
    summary: 'Walk-in counts a device queued offline',
    who: 'gate or organiser',
    body: WalkInCountBatchSchema,
    answers: { 200: answers.CountBatchAnswerSchema },
    errors: [404],
  },
  {
    method: 'get',
    path: '/v1/gates/{gateId}/counts',
    fn: 'walk-ins',
    summary: 'The zone behind the gate now',
    who: 'gate or organiser',
    answers: { 200: answers.ZoneNowSchema },
    errors: [404],
  },
  {
    method: 'post',
    path: '/v1/gates/{gateId}/paper-tallies',
    fn: 'walk-ins',
    summary: 'A paper tally sheet’s window entered after a cut: reported as paper, never in the live counts',
    who: 'organiser',
    body: PaperTallySchema,
    answers: { 201: answers.PaperTallyAnswerSchema },
    errors: [404],
  },
  {
    method: 'delete',
    path: '/v1/gates/{gateId}/counts/{countId}',
    fn: 'walk-ins',
    summary: "Undo the device's last count (within 60 s)",
    who: 'gate or organiser',
    query: z.object({ deviceId: z.string().min(1).max(128) }),
    answers: { 200: answers.CountAnswerSchema },
    errors: [404, 409],
  },
  {
    method: 'get',
    path: '/v1/gates/stats',
    fn: 'gate-stats',
    summary: 'Entries, exits and refusals per gate and hour',
    who: 'viewer or organiser',
    query: Day,
    answers: { 200: answers.GateStatsSchema },
  },
  {
    method: 'get',
    path: '/v1/occupancy',
    fn: 'occupancy',
    summary: 'Live occupancy per zone',
    who: 'viewer or organiser',
    answers: { 200: answers.OccupancySchema },
  },
  {
    method: 'patch',
    path: '/v1/zones/{zoneId}',
    fn: 'update-zone',
    summary: "Change a zone's capacity or levels on the day, with why",
    who: 'organiser',
    body: ZoneChangeSchema,
    answers: { 200: answers.ZoneChangedSchema },
    errors: [404],
  },
  {
    method: 'get',
    path: '/v1/alerts',
    fn: 'alerts',
    summary: 'Alerts since a cursor',
    who: 'viewer or organiser',
    query: AlertsQuerySchema,
    answers: { 200: answers.AlertsSchema },
  },
  {
    method: 'post',
    path: '/v1/alerts/{alertId}/ack',
    fn: 'alerts',
    summary: 'Acknowledge an alert (stops its escalation)',
    who: 'organiser',
    answers: { 200: answers.AlertSchema },
    errors: [404],
  },
  {
    method: 'post',
    path: '/v1/alert-subscriptions',
    fn: 'alert-subscriptions',
    summary:
      'Send alerts to a webhook (signed), or to an organiser by SMS or e-mail (on the alert topic: an address confirms from the message AWS sends it first)',
    who: 'organiser',
    body: SubscriptionSchema,
    answers: { 201: answers.SubscriptionCreatedSchema },
  },
  {
    method: 'get',
    path: '/v1/alert-subscriptions',
    fn: 'alert-subscriptions',
    summary: 'Webhook subscriptions, and the phones and addresses on the alert topic',
    who: 'organiser',
    answers: { 200: answers.SubscriptionsSchema },
  },
  {
    method: 'delete',
    path: '/v1/alert-subscriptions/{subscriptionId}',
    fn: 'alert-subscriptions',
    summary: 'Stop sending to a webhook, or to a confirmed phone or address',
    who: 'organiser',
    answers: { 200: answers.SubscriptionDeletedSchema },
    errors: [404],
  },
  {
    method: 'post',
    path: '/v1/alert-subscriptions/{subscriptionId}/test',
    fn: 'alert-subscriptions',
    summary: 'Send a test alert now',
    who: 'organiser',
    answers: { 202: answers.TestDeliverySchema },
    errors: [404],
  },
  {
    method: 'post',
    path: '/v1/workshops',
    fn: 'workshops',
    summary: 'Create a workshop or seminar',
    who: 'organiser',
    body: WorkshopCreateSchema,
    answers: { 201: answers.WorkshopSchema },
    errors: [404],
  },
  {
    method: 'get',
    path: '/v1/workshops',
    fn: 'workshops',
    summary: 'The programme',
    who: 'any credential',
    answers: { 200: answers.WorkshopsSchema },
  },
  {
    method: 'get',
    path: '/v1/workshops/{workshopId}',
    fn: 'workshops',
    summary: 'A workshop and its seats',
    who: 'any credential',
    answers: { 200: answers.WorkshopSchema },
    errors: [404],
  },
  {
    method: 'patch',
    path: '/v1/workshops/{workshopId}',
    fn: 'workshops',
    summary: 'Change a workshop',
    who: 'organiser',
    body: WorkshopPatchSchema,
    answers: { 200: answers.WorkshopSchema },
    errors: [404, 409],
  },
  {
    method: 'post',
    path: '/v1/workshops/{workshopId}/cancel',
    fn: 'workshops',
    summary: 'Call a workshop off',
    who: 'organiser',
    body: WorkshopCancelSchema,
    answers: { 200: answers.WorkshopSchema },
    errors: [404, 409],
  },
  {
    method: 'get',
    path: '/v1/workshops/{workshopId}/registrations',
    fn: 'workshop-registrations',
    summary: 'Who holds a seat, with the names on named tickets: the attendance sheet printed ahead',
    who: 'host, desk or organiser',
    answers: { 200: answers.RosterSchema },
    errors: [404],
  },
  {
    method: 'post',
    path: '/v1/workshops/{workshopId}/registrations',
    fn: 'workshop-registrations',
    summary: 'Register a ticket (or put it on the waitlist)',
    who: 'host, desk or organiser',
    body: RegistrationSchema,
    answers: { 200: answers.RegistrationAnswerSchema },
    errors: [404, 409],
  },
  {
    method: 'delete',
    path: '/v1/workshops/{workshopId}/registrations/{ticketId}',
    fn: 'workshop-registrations',
    summary: 'Free a seat (the waitlist moves up)',
    who: 'host, desk or organiser',
    answers: { 200: answers.RegistrationCancelledSchema },
    errors: [404],
  },
  {
    method: 'get',
    path: '/v1/workshops/{workshopId}/waitlist',
    fn: 'workshop-registrations',
    summary: 'The waitlist with positions',
    who: 'host, desk or organiser',
    answers: { 200: answers.WaitlistSchema },
    errors: [404],
  },
  {
    method: 'post',
    path: '/v1/workshops/{workshopId}/admissions',
    fn: 'workshop-door',
    gatePath: true,
    summary: 'Let a ticket in at the door: never more than the seats',
    who: 'host or organiser',
    body: DoorScanSchema,
    answers: { 200: answers.DoorAnswerSchema },
    errors: [404],
  },
  {
    method: 'post',
    path: '/v1/workshops/{workshopId}/exits',
    fn: 'workshop-door',
    gatePath: true,
    summary: 'Let a ticket out at the door',
    who: 'host or organiser',
    body: DoorScanSchema,
    answers: { 200: answers.DoorAnswerSchema },
    errors: [404],
  },
  {
    method: 'post',
    path: '/v1/booths/{boothId}/footfall',
    fn: 'footfall-ingest',
    gatePath: true,
    summary: 'Visits and badge scans at a booth (counted within seconds)',
    who: 'exhibitor or organiser',
    body: FootfallSchema,
    answers: { 202: answers.FootfallAcceptedSchema },
    errors: [404],
  },
  {
    method: 'get',
    path: '/v1/booths/{boothId}/stats',
    fn: 'booth-stats',
    summary: "A booth's day: visits by hour, unique visitors",
    who: 'exhibitor or organiser',
    query: Day,
    answers: { 200: answers.BoothStatsSchema },
    errors: [404],
  },
  {
    method: 'get',
    path: '/v1/booths/{boothId}/stats.csv',
    fn: 'booth-stats',
    summary: "A booth's day as CSV",
    who: 'exhibitor or organiser',
    query: CsvDay,
    answers: { 200: 'text/csv' },
    errors: [404],
  },
  {
    method: 'put',
    path: '/v1/booths/{boothId}/sales/{day}',
    fn: 'booth-stats',
    summary:
      "The day's sales, in dirhams, as the booth declares them (a fair day up to today; declared again, replaced): the reports publish only totals over at least three booths",
    who: 'exhibitor or organiser',
    body: SalesSchema,
    answers: { 200: answers.DeclaredSalesSchema },
    errors: [404],
  },
  {
    method: 'get',
    path: '/v1/booths/{boothId}/leads',
    fn: 'booth-leads',
    summary:
      "Visitors who showed the booth their consent code and have not said no since, with only what they agreed to share: the day's (period=day, today by default) or the fair's (period=fair)",
    who: 'exhibitor or organiser',
    query: LeadsQuerySchema,
    answers: { 200: answers.BoothLeadsSchema },
    errors: [404],
  },
  {
    method: 'get',
    path: '/v1/booths/{boothId}/leads.csv',
    fn: 'booth-leads',
    summary: 'The leads as CSV (opens in Excel set to French)',
    who: 'exhibitor or organiser',
    query: LeadsQuerySchema.extend(CsvQuerySchema.shape),
    answers: { 200: 'text/csv' },
    errors: [404],
  },
  {
    method: 'get',
    path: '/v1/booths/{boothId}/leads.vcf',
    fn: 'booth-leads',
    summary: "The leads as vCards, for a phone's contacts",
    who: 'exhibitor or organiser',
    query: LeadsQuerySchema,
    answers: { 200: 'text/vcard' },
    errors: [404],
  },
  {
    method: 'put',
    path: '/v1/booths/{boothId}/leads/{ticketId}',
    fn: 'booth-leads',
    summary: "A lead's rating, interest tags and note; the latest edit (editedAt) wins, an older one is answered stale",
    who: 'exhibitor or organiser',
    body: LeadEditSchema,
    answers: { 200: answers.BoothLeadSchema },
    errors: [404],
  },
  {
    method: 'get',
    path: '/v1/booths/{boothId}/poster',
    fn: 'booth-poster',
    summary: "A booth as its poster's page shows it to a visitor's own phone: exhibitor, products, hall",
    who: 'public',
    answers: { 200: answers.BoothPosterSchema },
    errors: [404],
  },
  {
    method: 'post',
    path: '/v1/booths/{boothId}/interest',
    fn: 'booth-poster',
    summary:
      "From a booth's poster page: an anonymous interest visit (once per phone, booth and day) and, with consent: true, the visitor's name and number for this booth (a lead); consent: false takes it back",
    who: 'public',
    body: InterestSchema,
    answers: { 200: answers.InterestAnswerSchema },
    errors: [404, 409],
  },
  {
    method: 'get',
    path: '/v1/tickets/{ticketId}/privacy',
    fn: 'visitor-privacy',
    summary:
      "All Rawaq holds about a ticket's holder (contact, what they share, each booth's consent with its evidence, booths visited, presence, the desk's acts), to show or hand over; the showing is logged",
    who: 'desk or organiser',
    answers: { 200: answers.PrivacyRecordSchema },
    errors: [404],
  },
  {
    method: 'post',
    path: '/v1/tickets/{ticketId}/privacy/withdraw',
    fn: 'visitor-privacy',
    summary:
      "Withdraw the holder's consent at one booth (boothId) or every booth: the lead leaves the booth's list and later exports, with the booth's notes",
    who: 'desk or organiser',
    body: WithdrawSchema,
    answers: { 200: answers.PrivacyActSchema },
    errors: [404],
  },
  {
    method: 'post',
    path: '/v1/tickets/{ticketId}/privacy/erase',
    fn: 'visitor-privacy',
    summary:
      "Erase the holder: every consent withdrawn, their name, contact and consent code removed; the ticket's counts stay, anonymous",
    who: 'organiser',
    body: EraseSchema,
    answers: { 200: answers.PrivacyActSchema },
    errors: [404],
  },
  {
    method: 'get',
    path: '/v1/booths/stats',
    fn: 'booth-ranking',
    summary: 'Booths ranked by visits',
    who: 'viewer or organiser',
    query: Day,
    answers: { 200: answers.BoothRankingSchema },
  },
  {
    method: 'get',
    path: '/v1/booths/stats.csv',
    fn: 'booth-ranking',
    summary: 'Booths ranked, as CSV',
    who: 'viewer or organiser',
    query: CsvDay,
    answers: { 200: 'text/csv' },
  },
  {
    method: 'post',
    path: '/v1/days/{day}/close',
    fn: 'fair-days',
    summary:
      'Close a fair day now: every zone to 0 at once; who is still inside let out in the request (200) or, for a large crowd, by the closing queue (202, follow GET /v1/days/{day})',
    who: 'organiser',
    answers: { 200: answers.DayClosedSchema, 202: answers.DayClosingSchema },
    errors: [404, 409],
  },
  {
    method: 'get',
    path: '/v1/days/{day}',
    fn: 'fair-days',
    summary: "A fair day's closing: open, closing or closed, and what it swept out",
    who: 'viewer or organiser',
    answers: { 200: answers.DayStatusSchema },
    errors: [404],
  },
  {
    method: 'get',
    path: '/v1/reports/days/{day}',
    fn: 'reports',
    summary: "A day's report (409 for a day not begun)",
    who: 'viewer or organiser',
    answers: { 200: answers.DayReportSchema },
    errors: [404, 409],
  },
  {
    method: 'get',
    path: '/v1/reports/days/{day}/report.csv',
    fn: 'reports',
    summary: "A day's report as CSV",
    who: 'viewer or organiser',
    query: CsvQuerySchema,
    answers: { 200: 'text/csv' },
    errors: [404, 409],
  },
  {
    method: 'get',
    path: '/v1/reports/fair',
    fn: 'reports',
    summary: 'The whole fair, day by day',
    who: 'viewer or organiser',
    answers: { 200: answers.FairReportSchema },
  },
  {
    method: 'get',
    path: '/v1/reports/fair/report.csv',
    fn: 'reports',
    summary: 'The whole fair as CSV',
    who: 'viewer or organiser',
    query: CsvQuerySchema,
    answers: { 200: 'text/csv' },
  },
  {
    method: 'get',
    path: '/v1/scans/overrides',
    fn: 'scan-conflicts',
    summary: "The day's entries a supervisor let through despite a refusal: who, why, what was refused",
    who: 'viewer or organiser',
    query: OverridesQuerySchema,
    answers: { 200: answers.OverridesSchema },
  },
  {
    method: 'post',
    path: '/v1/evacuations',
    fn: 'evacuations',
    summary: 'Evacuate the venue or a zone: entries refused EVACUATION, exits pass, SMS and webhooks out',
    who: 'organiser',
    body: EvacuationRequestSchema,
    answers: { 201: answers.EvacuationSchema },
    errors: [404, 409],
  },
  {
    method: 'get',
    path: '/v1/evacuations/current',
    fn: 'evacuations',
    summary: 'The evacuation under way (404 when none): every page shows it',
    who: 'any credential',
    answers: { 200: answers.EvacuationSchema },
    errors: [404],
  },
  {
    method: 'get',
    path: '/v1/evacuations/{evacuationId}/roll-call',
    fn: 'evacuations',
    summary: 'The badge holders still counted inside the evacuated zone, where they were last seen',
    who: 'organiser',
    answers: { 200: answers.RollCallSchema },
    errors: [404],
  },
  {
    method: 'post',
    path: '/v1/evacuations/{evacuationId}/end',
    fn: 'evacuations',
    summary: 'End the evacuation (recorded with who and when)',
    who: 'organiser',
    answers: { 200: answers.EvacuationSchema },
    errors: [404],
  },
  {
    method: 'post',
    path: '/v1/incidents',
    fn: 'incidents',
    summary: 'Record an incident on the floor (and broadcast it to the pages)',
    who: 'supervisor or organiser',
    body: IncidentRequestSchema,
    answers: { 201: answers.IncidentSchema },
  },
  {
    method: 'get',
    path: '/v1/incidents',
    fn: 'incidents',
    summary: "A day's incidents, each broadcast one with who read it",
    who: 'supervisor or organiser',
    query: IncidentsQuerySchema,
    answers: { 200: answers.IncidentsSchema },
  },
  {
    method: 'post',
    path: '/v1/devices/heartbeat',
    fn: 'devices',
    summary: "A page's report of its device, answered with the evacuation under way and its broadcasts",
    who: 'any credential',
    body: HeartbeatSchema,
    answers: { 200: answers.HeartbeatAnswerSchema },
  },
  {
    method: 'get',
    path: '/v1/devices',
    fn: 'devices',
    summary: 'Every device heard from: last contact, unsent work, clock skew, battery',
    who: 'viewer or organiser',
    answers: { 200: answers.DevicesSchema },
  },
  {
    method: 'get',
    path: '/v1/status',
    fn: 'status',
    summary: 'The public screen at the entrances: halls by level, workshops by seats left, no personal data',
    who: 'public',
    answers: { 200: answers.PublicStatusSchema },
  },
] as const satisfies readonly Operation[];

/** The operations, as a list to read (the stack, the document, the tests). */
export const OPERATIONS: Operation[] = [...TABLE];

/** An operation's route as API Gateway names it (`event.routeKey`): "POST /v1/scans". */
export function routeKeyOf(operation: Pick<Operation, 'method' | 'path'>): string {
  return `${operation.method.toUpperCase()} ${operation.path}`;
}

type Operations = (typeof TABLE)[number];

/** An operation's route as API Gateway names it in `event.routeKey`: "POST /v1/scans". */
type KeyOf<O> = O extends { method: infer M extends string; path: infer P extends string }
  ? `${Uppercase<M>} ${P}`
  : never;

/** Every route of the contract, as route keys. */
export type RouteKey = KeyOf<Operations>;

/** The routes the contract gives one function (its folder under functions/), as route keys. */
export type RoutesOf<F extends string> = KeyOf<Extract<Operations, { fn: F }>>;

/** The functions the contract routes to. */
export type RoutedFunction = Operations['fn'];

/** A body that is not JSON (CSV, vCard, SVG, PNG): the contract names its media type, not a schema. */
export interface RawBody {
  readonly raw: true;
}

/**
 * What a schema says a body holds, as a handler must give it: its named fields (a loose object's
 * "any other field" is not held to a type) and its lists read-only (a handler may answer a frozen list).
 */
type Described<T> = T extends readonly (infer U)[]
  ? readonly Described<U>[]
  : T extends object
    ? { readonly [K in keyof T as string extends K ? never : K]: Described<T[K]> }
    : T;
type BodyOf<A> = A extends z.ZodType ? Described<z.input<A>> : RawBody;
type AnswersOf<K extends RouteKey> = Extract<
  Operations,
  {
    method: Lowercase<K extends `${infer M} ${string}` ? M : never>;
    path: K extends `${string} ${infer P}` ? P : never;
  }
>['answers'];

/** What a route may answer: one of its statuses with a body its schema describes. */
export type AnswerOf<K extends RouteKey> = {
  [S in keyof AnswersOf<K>]: { status: S; body: BodyOf<AnswersOf<K>[S]> };
}[keyof AnswersOf<K>];
