import * as z from 'zod';
import { RoleSchema, ScopeSchema } from '../domain/access';
import { ALERT_KINDS } from '../domain/alert-text';
import { ZONE_RULE_FIELDS } from '../domain/fair';
import { GATE_VERDICTS, VERDICT_REASONS } from '../domain/gate-verdicts';
import { BROADCAST_AUDIENCES, INCIDENT_KINDS } from '../domain/incidents';
import { LEVELS } from '../domain/levels';
import { CATEGORIES } from '../domain/ticket-token';
import { ADMISSION_VERDICTS } from '../domain/workshop-rules';

/**
 * What the API answers, as the OpenAPI document (`GET /v1/openapi.json`, `npm run openapi`) describes
 * it. Each shape names the fields a client may rely on, with their types and the contract's verdicts;
 * an answer may carry more (a new field is not a breaking change). The integration tests hold every
 * answer they receive to these.
 */
const Level = z.enum(LEVELS);
const Instant = z.string().meta({ description: 'ISO-8601 instant' });
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** A name in each of the pages' languages (the API fills every one). */
const FullNames = z.object({ ar: z.string(), fr: z.string(), en: z.string() });

export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.enum([
      'VALIDATION_FAILED',
      'UNAUTHORIZED',
      'FORBIDDEN',
      'NOT_FOUND',
      'CONFLICT',
      'PAYLOAD_TOO_LARGE',
      'RATE_LIMITED',
      'BUSY',
      'INTERNAL',
    ]),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })),
  }),
});

export const HealthSchema = z.object({ status: z.literal('ok') });

export const DryRunAnswerSchema = z.object({
  verdict: z.enum(GATE_VERDICTS),
  reason: z.enum(VERDICT_REASONS).optional(),
  ticketId: z.string().optional(),
  category: z.enum(CATEGORIES).optional(),
  /** The ticket category's rule at that time and gate. */
  rule: z
    .object({
      open: z.boolean().meta({ description: 'within its hours' }),
      gateAllowed: z.boolean().meta({ description: 'this gate is one it may use' }),
      oncePerDay: z.boolean(),
    })
    .optional(),
});

export const ScanAnswerSchema = z.looseObject({
  scanId: z.string(),
  verdict: z.enum(GATE_VERDICTS),
  /** An exit that passes a ticket that would not come back in; an INVALID_TOKEN signed by a retired key. */
  reason: z.enum(VERDICT_REASONS).optional(),
  ticketId: z.string().optional(),
  category: z.enum(CATEGORIES).optional(),
  zoneId: z.string(),
  attention: z.string().optional(),
  /** A named ticket's holder, for an ID check. */
  holderName: z.string().optional(),
  replayed: z.literal(true).optional(),
  conflict: z.literal(true).optional(),
  clockAdjusted: z.literal(true).optional(),
  /** Admitted by a supervisor's override. */
  overridden: z.literal(true).optional(),
});

/** A gate scan's answer (the gate page reads this type). */
export type ScanAnswer = z.output<typeof ScanAnswerSchema>;

export const ScanBatchAnswerSchema = z.object({ results: z.array(ScanAnswerSchema) });

export const ZoneNowSchema = z.looseObject({
  zoneId: z.string(),
  count: z.number().int(),
  capacity: z.number().int(),
  level: Level,
  full: z.boolean(),
});

export const CountAnswerSchema = ZoneNowSchema.extend({
  countId: z.string(),
  /** More than the gate can pass in a minute: recorded, left out of the counts, raised to organisers. */
  flagged: z.literal(true).optional(),
  replayed: z.literal(true).optional(),
  undone: z.literal(true).optional(),
});

export const CountBatchAnswerSchema = z.object({ results: z.array(CountAnswerSchema) });

export const IssuedTicketSchema = z.looseObject({
  ticketId: z.string(),
  token: z.string(),
  shortCode: z.string(),
  category: z.enum(CATEGORIES),
  validDays: z.array(Day),
  /** When the holder agreed to share anything: the code for the badge's fold-back panel. */
  consentCode: z.string().optional(),
});

export const IssuedTicketsSchema = z.object({ tickets: z.array(IssuedTicketSchema) });
/** A lost badge's replacement, and the ticket it replaces (revoked). */
export const ReissuedTicketSchema = IssuedTicketSchema.extend({ replaces: z.string() });

export const TicketViewSchema = z.looseObject({
  ticketId: z.string(),
  category: z.enum(CATEGORIES),
  validDays: z.array(Day),
  revoked: z.boolean(),
  inside: z.boolean(),
  zoneId: z.string().optional(),
  entries: z.number().int(),
  token: z.string(),
  contact: z.record(z.string(), z.string()).optional(),
  share: z.array(z.string()).optional(),
  consentCode: z.string().optional(),
});

export const TicketSearchSchema = z.object({
  tickets: z.array(z.looseObject({ ticketId: z.string(), category: z.enum(CATEGORIES) })),
  more: z.boolean(),
});

export const RevokedTicketSchema = z.looseObject({ ticketId: z.string(), revoked: z.literal(true) });

export const RevokedTicketsSchema = z.object({
  revoked: z.array(z.string()),
  alreadyRevoked: z.array(z.string()),
  unknown: z.array(z.string()),
});

/** A page of the revocation feed; `cursor` is at most 1,000 characters whatever the volume. */
export const RevocationsSchema = z.object({
  ticketIds: z.array(z.string()),
  cursor: z.string().max(1000).nullable(),
});

export const ScanConflictsSchema = z.object({
  conflicts: z.array(
    z.looseObject({
      scanId: z.string(),
      ticketId: z.string().optional(),
      gateId: z.string(),
      direction: z.enum(['in', 'out']).optional(),
      deviceId: z.string().optional(),
      /** The phone as its credential names it ("Main gate, phone 2"), once it has reported itself. */
      deviceLabel: z.string().optional(),
      /** Whose ticket: the holder's name when the ticket is named, else its short code. */
      holderName: z.string().optional(),
      shortCode: z.string().optional(),
      /** What the device told the holder offline. */
      deviceSaid: z.enum(GATE_VERDICTS).optional(),
      verdict: z.enum(GATE_VERDICTS),
      scannedAt: Instant,
    }),
  ),
});
export type ScanConflict = z.output<typeof ScanConflictsSchema>['conflicts'][number];

export const WorkshopSchema = z.looseObject({
  workshopId: z.string(),
  title: z.string(),
  /** The title in each of the pages' languages (the API fills every one). */
  titles: FullNames.optional(),
  zoneId: z.string().optional(),
  startsAt: Instant,
  endsAt: Instant,
  doorsOpenAt: Instant,
  doorsCloseAt: Instant,
  capacity: z.number().int(),
  registrationRequired: z.boolean(),
  registered: z.number().int(),
  waitlisted: z.number().int(),
  admitted: z.number().int(),
  /** Distinct tickets admitted in total: exits do not lower it. */
  attended: z.number().int().optional(),
  seatsLeft: z.number().int(),
  status: z.enum(['scheduled', 'open', 'full', 'closed', 'cancelled']),
  cancelReason: z.string().optional(),
});

/** A workshop or seminar as the API answers it (the pages read this type). */
export type Workshop = z.output<typeof WorkshopSchema>;

export const WorkshopsSchema = z.object({ workshops: z.array(WorkshopSchema) });

export const DoorAnswerSchema = z.looseObject({
  verdict: z.enum([...ADMISSION_VERDICTS, 'EXITED', 'NOT_ADMITTED']),
  reason: z.enum(VERDICT_REASONS).optional(),
  seatsLeft: z.number().int(),
  ticketId: z.string().optional(),
  replayed: z.literal(true).optional(),
  /** NOT_REGISTERED for a ticket on the waiting list: its place in line. */
  waitlistPosition: z.number().int().optional(),
});

/** A workshop door's answer to an admission or an exit (the door page reads this type). */
export type DoorAnswer = z.output<typeof DoorAnswerSchema>;

export const RegistrationAnswerSchema = z.looseObject({
  verdict: z.enum(['REGISTERED', 'WAITLISTED', 'ALREADY_REGISTERED', 'INVALID_TOKEN', 'REVOKED']),
  ticketId: z.string().optional(),
});

export const RegistrationCancelledSchema = z.looseObject({
  workshopId: z.string(),
  ticketId: z.string(),
  cancelled: z.literal(true),
});

export const WaitlistSchema = z.looseObject({ workshopId: z.string() });

/** A person on a workshop's roster: a name when the ticket carries one, else its short code. */
const RosterPersonSchema = z.object({
  ticketId: z.string(),
  category: z.enum(CATEGORIES),
  holderName: z.string().optional(),
  shortCode: z.string().optional(),
});

/**
 * A workshop's people: who holds a seat (in the order they registered, and whether they came in), who
 * waits (first in line first), and who came in without registering. The attendance sheet printed ahead,
 * the host's "not here yet" list, the attestations of attendance.
 */
export const RosterSchema = z.object({
  workshopId: z.string(),
  registered: z.array(RosterPersonSchema.extend({ registeredAt: Instant, admitted: z.boolean() })),
  waitlist: z.array(RosterPersonSchema.extend({ since: Instant, position: z.number().int() })),
  walkIns: z.array(RosterPersonSchema),
});
export type Roster = z.output<typeof RosterSchema>;

const ZoneOccupancySchema = z.looseObject({
  zoneId: z.string(),
  name: z.string(),
  names: FullNames.optional(),
  parentId: z.string().optional(),
  count: z.number().int(),
  /** People counted by their tickets, and walk-ins counted at gates (in minus out). */
  ticketed: z.number().int(),
  counted: z.number().int(),
  capacity: z.number().int(),
  level: Level,
  updatedAt: Instant.optional(),
  /** The zone's doors and how many were used today: a zone no door counts shows no figure. */
  doors: z.object({ total: z.number().int(), inUse: z.number().int() }),
  coverage: z.enum(['full', 'partial', 'none']),
  /** Today was closed for the zone: everyone still counted was swept out. */
  closed: z.boolean(),
  /**
   * Where it is heading: people a minute over the last ten minutes (negative: emptying), and in how
   * many minutes it would be full at that rate.
   */
  forecast: z.object({ perMinute: z.number(), fullInMinutes: z.number().int().optional() }).optional(),
});

export const OccupancySchema = z.looseObject({
  day: Day,
  venue: z.looseObject({
    zoneId: z.string().optional(),
    count: z.number().int(),
    capacity: z.number().int(),
    level: Level.optional(),
    coverage: z.enum(['full', 'partial', 'none']).optional(),
    closed: z.boolean().optional(),
  }),
  zones: z.array(ZoneOccupancySchema),
});

/** Live occupancy as the API answers it (the dashboard reads these types). */
export type Occupancy = z.output<typeof OccupancySchema>;
export type DryRun = z.output<typeof DryRunAnswerSchema>;
export type ZoneOccupancy = z.output<typeof ZoneOccupancySchema>;

export const ZoneChangedSchema = z.looseObject({
  zoneId: z.string(),
  capacity: z.number().int(),
  count: z.number().int(),
  level: Level,
  safeCapacity: z.number().int().optional(),
  /** The capacity set is above the floor plan's safe capacity: saved, and said. */
  aboveSafeCapacity: z.boolean().optional(),
});

export const AlertSchema = z.looseObject({
  alertId: z.string(),
  /** A zone's change of level, the one event that says a fair day was closed, an implausible count. */
  kind: z.enum(ALERT_KINDS).optional(),
  day: Day.optional(),
  sweptOut: z.number().int().optional(),
  /** An implausible count: the gate, the device and credential that sent it, its people, the gate's limit. */
  gateId: z.string().optional(),
  deviceId: z.string().optional(),
  credentialLabel: z.string().optional(),
  people: z.number().int().optional(),
  perMinute: z.number().int().optional(),
  /** An evacuation or an incident: which, why, by whom. A silent device: how long; a door's, its workshop. */
  evacuationId: z.string().optional(),
  incidentId: z.string().optional(),
  reason: z.string().optional(),
  by: z.string().optional(),
  minutes: z.number().int().optional(),
  workshopId: z.string().optional(),
  /** A zone rising: when it would be full at the rate it is filling. */
  fullInMinutes: z.number().int().optional(),
  zoneId: z.string(),
  level: Level,
  previousLevel: Level,
  count: z.number().int(),
  capacity: z.number().int(),
  raisedAt: Instant,
  acknowledgedAt: Instant.optional(),
  acknowledgedBy: z.string().optional(),
  escalation: z.number().int().optional(),
});

/** An alert as the API answers it (the organisers' pages read this type). */
export type Alert = z.output<typeof AlertSchema>;

export const AlertsSchema = z.object({ alerts: z.array(AlertSchema), cursor: z.string().nullable() });

const SubscriptionSchema = z.looseObject({ subscriptionId: z.string(), kind: z.literal('webhook'), url: z.string() });

/** An organiser's phone (SMS) or address (e-mail) on the alert topic; an address is pending until it confirms. */
const TopicPersonSchema = z.object({
  subscriptionId: z.string().optional(),
  kind: z.enum(['sms', 'email']),
  to: z.string(),
  pending: z.boolean(),
});

export const SubscriptionCreatedSchema = z.union([
  SubscriptionSchema.extend({ secret: z.string() }),
  /** `reached: false` on the venue machine: its topic keeps the subscription but sends nothing. */
  TopicPersonSchema.extend({ reached: z.boolean() }),
]);
export const SubscriptionsSchema = z.object({
  subscriptions: z.array(SubscriptionSchema),
  people: z.array(TopicPersonSchema),
  /** Whether SMS and e-mail really go out (on AWS), or are only kept (the venue machine's emulator). */
  peopleReached: z.boolean(),
});
export const SubscriptionDeletedSchema = z.object({ subscriptionId: z.string(), deleted: z.literal(true) });
export const TestDeliverySchema = z.looseObject({ subscriptionId: z.string(), deliveryId: z.string() });

const CredentialSchema = z.looseObject({
  credentialId: z.string(),
  role: RoleSchema,
  scope: ScopeSchema,
  label: z.string(),
});

export const CredentialCreatedSchema = CredentialSchema.extend({ credential: z.string() });
export const CredentialsCreatedSchema = z.object({ credentials: z.array(CredentialCreatedSchema) });
export const CredentialsSchema = z.object({ credentials: z.array(CredentialSchema) });
export const CredentialRevokedSchema = z.object({ credentialId: z.string(), revoked: z.literal(true) });
export const WhoAmISchema = CredentialSchema;
export type Me = z.output<typeof WhoAmISchema>;

export const KeysSchema = z.object({
  keys: z.array(z.looseObject({ kid: z.string(), alg: z.literal('Ed25519'), publicKey: z.string() })),
  /** Keys taken out of use (a leak): their tickets are INVALID_TOKEN with reason KEY_RETIRED everywhere. */
  retired: z.array(z.object({ kid: z.string(), retiredAt: Instant })),
});

const DayHoursSchema = z.looseObject({
  day: Day,
  opens: z.string(),
  closes: z.string(),
  opensAt: Instant,
  closesAt: Instant,
});

export const FairSchema = z.looseObject({
  fairId: z.string(),
  name: z.string(),
  localNames: FullNames.optional(),
  /** The languages badges print in, the first the larger (absent on fairs loaded before it: ar, fr). */
  badgeLanguages: z.array(z.enum(['ar', 'fr', 'en'])).optional(),
  /** The venue Wi-Fi's name the phones join (printed on their sign-in cards), when the fair's file names it. */
  venueWifiName: z.string().optional(),
  timezone: z.string(),
  days: z.array(Day),
  /** Each day's offset from UTC: clients convert times with these, never with their own zone data. */
  utcOffsets: z.record(z.string(), z.string()),
  /** The zone data the functions run on, and whether it agrees with the fair's file. */
  timeZoneData: z.looseObject({
    version: z.string(),
    agreesWithFile: z.boolean().nullable(),
    disagreements: z.array(z.looseObject({ day: Day })),
  }),
  categories: z.array(z.looseObject({ categoryId: z.string(), name: z.string(), names: FullNames.optional() })),
  /** The provinces booths' `attributes.province` name, in the readers' languages (absent: none listed). */
  provinces: z.array(z.object({ provinceId: z.string(), name: z.string(), names: FullNames })).optional(),
  hours: z.array(DayHoursSchema),
  /**
   * Each ticket category's rule: the gates it may use (all when absent), the hours it is let in each day
   * (exhibitors and staff before the public), and whether it may enter once a day only.
   */
  access: z.array(
    z.object({
      category: z.enum(CATEGORIES),
      gates: z.array(z.string()).optional(),
      hours: z.array(DayHoursSchema),
      oncePerDay: z.boolean(),
    }),
  ),
  closingGraceMinutes: z.number().int(),
  /** A gate or door page not heard from this long during opening hours is silent (alerted, shown so). */
  deviceSilentMinutes: z.number().int().optional(),
  now: Instant,
  zones: z.array(
    z.looseObject({
      zoneId: z.string(),
      name: z.string(),
      names: FullNames.optional(),
      parentId: z.string().optional(),
      capacity: z.number().int(),
      areaM2: z.number(),
      capacityBasis: z.string(),
      exitWidthsM: z.array(z.number()).optional(),
      safeCapacity: z.number().int().optional().meta({
        description:
          'The lower of what the floor holds (1.5 m² a person after the booths) and what the exits clear (5 mm a person, the largest exit left out)',
      }),
      thresholds: z.looseObject({ warning: z.number(), critical: z.number(), full: z.number() }),
      escalationMinutes: z.number(),
      lastChange: z.looseObject({ at: Instant, by: z.string(), reason: z.string().optional() }).optional(),
    }),
  ),
  gates: z.array(
    z.looseObject({
      gateId: z.string(),
      name: z.string(),
      names: FullNames.optional(),
      zoneId: z.string(),
      fromZoneId: z.string(),
    }),
  ),
  booths: z.array(
    z.looseObject({
      boothId: z.string(),
      exhibitor: z.string(),
      category: z.string(),
      zoneId: z.string(),
      products: z.array(z.string()).optional(),
      /** What the region's reports count exhibitors by: legal form, province, women-led, youth-led. */
      attributes: z
        .object({
          legalForm: z.string().optional(),
          province: z.string().optional(),
          womenLed: z.boolean().optional(),
          youthLed: z.boolean().optional(),
        })
        .optional(),
    }),
  ),
  workshops: z.array(WorkshopSchema),
});
export type Fair = z.output<typeof FairSchema>;

export const GateStatsSchema = z.looseObject({
  gates: z.array(
    z.looseObject({
      gateId: z.string(),
      entries: z.number().int(),
      exits: z.number().int(),
      refused: z.number().int(),
      byHour: z.array(z.looseObject({ hour: z.number().int(), entries: z.number().int(), exits: z.number().int() })),
      /** Walk-ins left out as implausible: more than the gate can pass in a minute. */
      flagged: z.object({ entries: z.number().int(), exits: z.number().int() }).optional(),
      /** Walk-ins counted in each of the last 15 minutes, oldest first (minutes with none are absent). */
      lastMinutes: z
        .array(
          z.object({
            minute: Instant,
            in: z.number().int(),
            out: z.number().int(),
            flagged: z.number().int().optional(),
          }),
        )
        .optional(),
    }),
  ),
});

export const FootfallAcceptedSchema = z.looseObject({
  accepted: z.number().int(),
  rejected: z.array(z.looseObject({ eventId: z.string(), reason: z.string() })).optional(),
  /** Badge scans answered yes without the visitor's consent code: counted as visits, no lead. */
  consentNotShown: z.array(z.string()).optional(),
});
/** A booth's visits: badge-verified and self-counted, and self-counted beyond a plausible pace apart. */
const BoothVisits = {
  /** Badge-verified and self-counted (flagged ones are not in it). */
  visits: z.number().int(),
  badgeVisits: z.number().int(),
  countedVisits: z.number().int(),
  /** Self-counted beyond the booth's plausible pace (the fair's boothVisitsPerMinute): never counted. */
  flaggedVisits: z.number().int(),
  uniqueVisitors: z.number().int(),
};
export const BoothStatsSchema = z.looseObject({
  boothId: z.string(),
  day: Day,
  ...BoothVisits,
  /** Phones that opened the booth's poster page (anonymous, never in `visits`). */
  interestVisits: z.number().int().optional(),
  /** What the booth declared it sold that day, in dirhams: its own figure only. */
  declaredSalesMad: z.number().int().optional(),
  byHour: z.array(z.looseObject({ hour: z.number().int(), visits: z.number().int() })),
});

export const DeclaredSalesSchema = z.object({
  boothId: z.string(),
  day: Day,
  amountMad: z.number().int(),
  declaredAt: Instant,
  by: z.string(),
});
export type BoothStats = z.output<typeof BoothStatsSchema>;
/** A lead: only the fields the visitor agreed to share, how and when they agreed, the booth's notes. */
export const BoothLeadSchema = z.looseObject({
  ticketId: z.string(),
  /** The ticket's category; `poster` for a visitor who answered on their own phone, with no ticket. */
  category: z.enum([...CATEGORIES, 'poster']),
  day: Day,
  at: z.string(),
  /** `consent-code`: the visitor showed the consent code from their badge. */
  method: z.string(),
  recordedBy: z.string().optional(),
  contact: z.looseObject({
    name: z.string().optional(),
    phone: z.string().optional(),
    whatsapp: z.string().optional(),
    email: z.string().optional(),
    city: z.string().optional(),
    organisation: z.string().optional(),
  }),
  holderName: z.string().optional(),
  rating: z.enum(['hot', 'warm', 'cold']).optional(),
  tags: z.array(z.string()).optional(),
  note: z.string().optional(),
  editedAt: z.string().optional(),
  /** An edit older than the one stored: nothing changed, this is the lead as stored. */
  stale: z.boolean().optional(),
});
export type BoothLead = z.output<typeof BoothLeadSchema>;
export const BoothLeadsSchema = z.looseObject({
  boothId: z.string(),
  day: Day,
  period: z.enum(['day', 'fair']),
  visitorsSeen: z.number().int(),
  leads: z.array(BoothLeadSchema),
});
/** A booth as its poster's public page shows it. */
export const BoothPosterSchema = z.looseObject({
  boothId: z.string(),
  exhibitor: z.string(),
  category: z.looseObject({ categoryId: z.string(), names: FullNames }),
  products: z.array(z.string()),
  zone: z.looseObject({ zoneId: z.string(), names: FullNames }),
  fair: z.looseObject({ names: FullNames, days: z.array(Day) }),
  open: z.boolean(),
});
export type BoothPoster = z.output<typeof BoothPosterSchema>;
export const InterestAnswerSchema = z.looseObject({
  boothId: z.string(),
  /** False: this phone's interest was already counted today. */
  counted: z.boolean(),
  lead: z.enum(['kept', 'withdrawn']).optional(),
});

/** All Rawaq holds about a ticket's holder, for the desk to show or hand over. */
export const PrivacyRecordSchema = z.looseObject({
  ticketId: z.string(),
  category: z.enum(CATEGORIES),
  validDays: z.array(Day),
  holderName: z.string().optional(),
  contact: z.record(z.string(), z.string()).optional(),
  share: z.array(z.string()),
  erasedAt: z.string().optional(),
  presence: z.looseObject({ inside: z.boolean(), entries: z.number().int() }),
  consents: z.array(
    z.looseObject({
      boothId: z.string(),
      exhibitor: z.string(),
      consent: z.boolean(),
      at: z.string(),
      method: z.string(),
      history: z.array(z.looseObject({})),
    }),
  ),
  boothsVisited: z.array(z.looseObject({ boothId: z.string(), day: Day, firstAt: z.string() })),
  privacyLog: z.array(
    z.looseObject({ act: z.enum(['registered', 'shown', 'withdrawn', 'erased']), at: z.string(), by: z.string() }),
  ),
  expiresAt: z.string().optional(),
});
export type PrivacyRecord = z.output<typeof PrivacyRecordSchema>;
export const PrivacyActSchema = z.looseObject({
  ticketId: z.string(),
  withdrawn: z.array(z.string()),
  erased: z.boolean().optional(),
});

/** Every booth, busiest first: by badge-verified visits, then all visits. */
export const BoothRankingSchema = z.looseObject({
  day: Day,
  booths: z.array(
    z.looseObject({
      boothId: z.string(),
      exhibitor: z.string(),
      category: z.string(),
      zoneId: z.string(),
      ...BoothVisits,
    }),
  ),
});

export const DayClosedSchema = z.looseObject({
  day: Day,
  closedAt: Instant,
  sweptOut: z.record(z.string(), z.number().int()),
});
/** A closing under way: the closing queue lets out who is still inside. */
export const DayClosingSchema = z.looseObject({ day: Day, status: z.literal('closing'), closedAt: Instant });
export const DayStatusSchema = z.looseObject({
  day: Day,
  status: z.enum(['open', 'closing', 'closed']),
  closedAt: Instant.optional(),
  completedAt: Instant.optional(),
  by: z.enum(['organiser', 'schedule']).optional(),
  /** Who was still counted in each zone when it closed. */
  sweptOut: z.record(z.string(), z.number().int()).optional(),
  /** Tickets let out so far. */
  ticketsSwept: z.number().int().optional(),
  /** Tickets counted inside when the closing began (what `ticketsSwept` heads for), for a closing begun since it was kept. */
  ticketsInside: z.number().int().optional(),
});
export type DayStatus = z.output<typeof DayStatusSchema>;
export type DayClosed = z.output<typeof DayClosedSchema>;

/** A paper tally sheet's window, entered after a cut. */
export const PaperTallyAnswerSchema = z.object({
  gateId: z.string(),
  day: Day,
  from: z.string(),
  to: z.string(),
  in: z.number().int(),
  out: z.number().int(),
  by: z.string(),
  at: Instant,
});

/** A group of exhibitors by one of the region's attributes, and its figures. */
export const RegionalGroupSchema = z.object({
  dimension: z.enum(['legalForm', 'province', 'womenLed', 'youthLed', 'category']),
  value: z.string(),
  booths: z.number().int(),
  visits: z.number().int(),
  leads: z.number().int(),
  workshopAttendance: z.number().int(),
  salesBooths: z.number().int(),
  /** Declared sales in dirhams: only a total over at least three booths. */
  salesMad: z.number().int().optional(),
});

export const DayReportSchema = z.looseObject({
  day: Day,
  fair: z.looseObject({
    fairId: z.string(),
    /** The fair's logo from its file, as a data URL, for the printed header. */
    logo: z
      .string()
      .regex(/^data:image\//, 'a data URL of an image')
      .optional(),
  }),
  regional: z.array(RegionalGroupSchema),
  /** What organisers changed on a zone that day: when, by whom, why, each field from and to. */
  decisions: z.array(
    z.object({
      zoneId: z.string(),
      at: Instant,
      by: z.string(),
      reason: z.string().optional(),
      changes: z.partialRecord(z.enum(ZONE_RULE_FIELDS), z.object({ from: z.unknown(), to: z.unknown() })),
    }),
  ),
  partial: z.boolean(),
  entries: z.looseObject({ total: z.number().int(), ticketed: z.number().int(), counted: z.number().int() }),
  ticketHolders: z.number().int(),
  /** The distinct ticket holders admitted, by category, every category listed (0 included). */
  byCategory: z.array(z.object({ category: z.enum(CATEGORIES), holders: z.number().int().nonnegative() })),
  zones: z.array(z.looseObject({ zoneId: z.string() })),
  workshops: z.array(z.looseObject({ workshopId: z.string(), attended: z.number().int() })),
  paper: z.object({
    entries: z.number().int(),
    exits: z.number().int(),
    tallies: z.array(PaperTallyAnswerSchema.omit({ day: true, at: true })),
  }),
});

export const FairReportSchema = z.looseObject({
  days: z.array(z.looseObject({ day: Day })),
  regional: z.array(RegionalGroupSchema),
});

export const OpenApiDocumentSchema = z.looseObject({ openapi: z.string(), paths: z.record(z.string(), z.unknown()) });

export const EvacuationSchema = z.looseObject({
  evacuationId: z.string(),
  /** The zone cleared: the venue when the whole site is. */
  zoneId: z.string(),
  reason: z.string(),
  startedAt: Instant,
  startedBy: z.string(),
  endedAt: Instant.optional(),
  endedBy: z.string().optional(),
});
export type Evacuation = z.output<typeof EvacuationSchema>;

export const RollCallSchema = z.object({
  evacuationId: z.string(),
  inside: z.array(
    z.object({
      ticketId: z.string(),
      category: z.enum(CATEGORIES),
      holderName: z.string().optional(),
      zoneId: z.string(),
      lastGateId: z.string().optional(),
    }),
  ),
});

const IncidentKind = z.enum(INCIDENT_KINDS);
export const IncidentSchema = z.looseObject({
  incidentId: z.string(),
  kind: IncidentKind,
  zoneId: z.string().optional(),
  text: z.string(),
  at: Instant,
  day: Day,
  by: z.string(),
  broadcast: z.enum(BROADCAST_AUDIENCES).optional(),
});
export const IncidentsSchema = z.object({
  day: Day,
  incidents: z.array(
    IncidentSchema.extend({
      readBy: z
        .array(
          z.object({
            incidentId: z.string(),
            credentialId: z.string(),
            label: z.string(),
            deviceId: z.string(),
            readAt: Instant,
          }),
        )
        .optional(),
    }),
  ),
});

/** The day's incident log as the floor page reads it. */
export type Incidents = z.output<typeof IncidentsSchema>;

export const BroadcastSchema = z.object({
  incidentId: z.string(),
  kind: IncidentKind,
  zoneId: z.string().optional(),
  text: z.string(),
  at: Instant,
  read: z.boolean(),
});
export const HeartbeatAnswerSchema = z.object({
  now: Instant,
  evacuation: EvacuationSchema.optional(),
  broadcasts: z.array(BroadcastSchema),
});
export type HeartbeatAnswer = z.output<typeof HeartbeatAnswerSchema>;

export const DeviceSchema = z.looseObject({
  deviceId: z.string(),
  credentialId: z.string(),
  label: z.string(),
  role: z.string(),
  page: z.string(),
  lastSeenAt: Instant,
  unsent: z.number().int().optional(),
  oldestUnsentAt: Instant.optional(),
  /** The device's clock minus the server's, in milliseconds. */
  clockSkewMs: z.number().optional(),
  battery: z.number().optional(),
  revocationsUpdatedAt: Instant.optional(),
});
export const DevicesSchema = z.object({ devices: z.array(DeviceSchema) });
export type Device = z.output<typeof DeviceSchema>;

export const PublicStatusSchema = z.object({
  fair: z.object({ name: z.string(), names: FullNames }),
  now: Instant,
  timezone: z.string(),
  utcOffsets: z.record(z.string(), z.string()),
  evacuation: z.object({ zoneId: z.string(), startedAt: Instant }).optional(),
  zones: z.array(
    z.object({
      zoneId: z.string(),
      names: FullNames,
      parentId: z.string().optional(),
      level: Level,
      /** How many of its doors were counted today: with none, its level says nothing (the screen says so). */
      coverage: z.enum(['full', 'partial', 'none']),
    }),
  ),
  workshops: z.array(
    z.object({
      workshopId: z.string(),
      titles: FullNames,
      kind: z.string(),
      zoneId: z.string().optional(),
      startsAt: Instant,
      endsAt: Instant,
      seatsLeft: z.number().int(),
      /** Only the registered are admitted: what a visitor can still have is a registration. */
      registrationRequired: z.boolean(),
      registrationsLeft: z.number().int(),
      status: z.string(),
    }),
  ),
});
export type PublicStatus = z.output<typeof PublicStatusSchema>;

export const OverridesSchema = z.object({
  day: Day,
  overrides: z.array(
    z.object({
      scanId: z.string(),
      ticketId: z.string().optional(),
      gateId: z.string(),
      at: Instant,
      refused: z.enum(GATE_VERDICTS).optional(),
      reason: z.string().optional(),
      by: z.string().optional(),
    }),
  ),
});
