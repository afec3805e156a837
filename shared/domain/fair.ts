import * as z from 'zod';
import { fairIso, fairZone, UTC_OFFSET } from './fair-time';
import { type Names, namesOf } from './names';

export type { Names };

import { DEFAULT_SILENT_MINUTES } from './device-silence';
import { fairReferenceProblems } from './fair-references';
import { DEFAULT_BOOTH_VISITS_PER_MINUTE } from './footfall';
import { DEFAULT_CLOSING_GRACE_MINUTES, DEFAULT_OPENING } from './opening-hours';
import { OUTSIDE } from './outside';
import { CATEGORIES } from './ticket-token';

/**
 * One fair's static description, as its file says it (`fairs/*.json`): the venue, its zones, gates,
 * booths and programme, names in Arabic, French and English (one is enough), times as the fair's
 * wall clock. Parsing checks every reference and turns the file into the `Fair` the code uses: each
 * name in all three languages, each programme time an instant.
 */
export const IdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'letters, digits, - and _ only');

/**
 * An instant as the API takes it: ISO 8601 with its offset, at most nanoseconds (35 characters), between
 * 2000 and 2100. Unbounded, a time with 100,000 fraction digits became an index key over DynamoDB's limit.
 */
export const InstantSchema = z.iso
  .datetime({ offset: true, error: 'must be an ISO 8601 date-time with its offset (2027-03-26T10:00:00Z)' })
  .max(35, 'must be at most 35 characters (nanoseconds at most)')
  .refine((value) => {
    const at = Date.parse(value);
    // Not a date-time at all: the format's own issue says so, once.
    return Number.isNaN(at) || (at >= Date.UTC(2000, 0, 1) && at < Date.UTC(2100, 0, 1));
  }, 'must be between 2000 and 2100');

/** A head count: seats, people. */
const Headcount = z
  .number('must be a number')
  .int('must be a whole number above 0')
  .positive('must be a whole number above 0');

export const DaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day is YYYY-MM-DD');

/** Fractions of capacity; the defaults are the contract's. */
/** The rules of a zone an organiser may change on the day, each change kept from and to with its reason. */
export const ZONE_RULE_FIELDS = ['capacity', 'thresholds', 'hysteresis', 'escalationMinutes'] as const;
export type ZoneRuleField = (typeof ZONE_RULE_FIELDS)[number];

export const ThresholdsSchema = z
  .object({
    warning: z.number().gt(0).lte(1),
    critical: z.number().gt(0).lte(1),
    full: z.number().gt(0).lte(1),
  })
  .strict()
  .refine((t) => t.warning < t.critical && t.critical <= t.full, {
    message: 'thresholds must rise: warning < critical <= full',
  });
export type Thresholds = z.infer<typeof ThresholdsSchema>;

export const DEFAULT_THRESHOLDS: Thresholds = { warning: 0.8, critical: 0.95, full: 1 };
export const DEFAULT_HYSTERESIS = 0.05;
export const DEFAULT_ESCALATION_MINUTES = 5;
/**
 * People a minute a door passes a metre of its width, each way, in a steady stream (crowd-flow guidance
 * gives 66 to 82 at an exit; a counted entrance is slower), and an ordinary door is about a metre wide.
 */
export const WALK_INS_PER_METRE_MINUTE = 60;

/** What a gate can pass in a minute, each way: its own figure, else from its width, else one door's. */
export function walkInsPerMinute(gate: Pick<Gate, 'walkInsPerMinute' | 'widthM'>): number {
  return gate.walkInsPerMinute ?? Math.round((gate.widthM ?? 1) * WALK_INS_PER_METRE_MINUTE);
}

const NameText = z.string().trim().min(1, 'must not be empty').max(200);

/** A name in one language (`"Hall A"`) or in several (`{"ar": "القاعة أ", "fr": "Hall A"}`). */
export const LocalizedTextSchema = z.union([
  NameText,
  z
    .object({ ar: NameText.optional(), fr: NameText.optional(), en: NameText.optional() })
    .strict()
    .refine((text) => Boolean(text.ar ?? text.fr ?? text.en), { message: 'give the name in at least one language' }),
]);

/** `name` for the contract's one string (the English, else what there is), `names` for the pages. */
const named = <T extends { name: z.infer<typeof LocalizedTextSchema> }>(item: T) => {
  const names = namesOf(item.name);
  return { ...item, name: names.en, names };
};

export const ZoneSchema = z
  .object({
    zoneId: IdSchema,
    name: LocalizedTextSchema,
    /** The zone this one sits inside; the venue, the whole site, has none. */
    parentId: IdSchema.optional(),
    capacity: Headcount,
    areaM2: z.number('must be a number').positive('must be above 0'),
    /** Where the capacity figure comes from, in words a fire officer can check. */
    capacityBasis: z.string().trim().min(1, 'say where the figure comes from'),
    /**
     * Every exit's clear width in metres, emergency exits included: with the floor, what the safe
     * capacity is derived from (shared/domain/safe-capacity.ts). Default: the gates into the zone.
     */
    exitWidthsM: z.array(z.number('must be a number').positive('must be above 0').max(50)).min(1).max(50).optional(),
    thresholds: ThresholdsSchema.default(DEFAULT_THRESHOLDS),
    hysteresis: z.number().gte(0).lt(1).default(DEFAULT_HYSTERESIS),
    escalationMinutes: z.number().positive().default(DEFAULT_ESCALATION_MINUTES),
  })
  .strict()
  .transform(named);
/** `names` is optional for code that builds zones by hand (tests, the bench); the file always gives them. */
export type Zone = Omit<z.output<typeof ZoneSchema>, 'names'> & {
  names?: Names;
  /** Derived from the floor plan when the fair is applied (shared/domain/safe-capacity.ts). */
  safeCapacity?: number;
};

export { OUTSIDE };

export const GateSchema = z
  .object({
    gateId: IdSchema,
    name: LocalizedTextSchema,
    /** The zone an entry through this gate leads into. */
    zoneId: IdSchema,
    /** Where an entry comes from: another zone, or `outside` the venue. An exit goes back there. */
    fromZoneId: z.string().min(1),
    /** The door's clear width in metres: what it can pass a minute (and, for an exit, evacuate). */
    widthM: z.number('must be a number').positive('must be above 0').max(100).optional(),
    /**
     * The most people the door can pass in a minute, each way: a walk-in count beyond it is recorded,
     * left out of the counts and raised as implausible. Default: 60 a metre of `widthM`, else 60.
     */
    walkInsPerMinute: z.number().int().positive().max(10_000).optional(),
  })
  .strict()
  .transform(named);
export type Gate = Omit<z.output<typeof GateSchema>, 'names'> & { names?: Names };

/** A kind of booth (olive oil, weaving...), named in the readers' languages. */
export const CategorySchema = z.object({ categoryId: IdSchema, name: LocalizedTextSchema }).strict().transform(named);
export type Category = z.infer<typeof CategorySchema>;

/**
 * A province exhibitors come from, named in the readers' languages: `provinceId` is what a booth's
 * `attributes.province` says ("Oujda-Angad"), so a file written before provinces were listed still reads.
 */
export const ProvinceSchema = z
  .object({ provinceId: z.string().trim().min(1).max(60), name: LocalizedTextSchema })
  .strict()
  .transform(named);
export type Province = z.infer<typeof ProvinceSchema>;

/** The legal forms of the social and solidarity economy the region's reports use. */
export const LEGAL_FORMS = ['cooperative', 'association', 'mutual', 'company', 'self-employed', 'other'] as const;

/**
 * An exhibitor as the region's SSE reports count it: its legal form, its province, whether women or
 * young people lead it (the product category is the booth's `category`). Each optional.
 */
export const ExhibitorAttributesSchema = z
  .object({
    legalForm: z.enum(LEGAL_FORMS).optional(),
    /** One of the fair's `provinces` (its id), or free text where the fair lists none. */
    province: z.string().trim().min(1).max(60).optional(),
    womenLed: z.boolean().optional(),
    youthLed: z.boolean().optional(),
  })
  .strict();
export type ExhibitorAttributes = z.infer<typeof ExhibitorAttributesSchema>;

export const BoothSchema = z
  .object({
    boothId: IdSchema,
    /** As the exhibitor writes its name, in Arabic or Latin script: never translated. */
    exhibitor: z.string().trim().min(1).max(200),
    /** One of the fair's `categories` (its id), or free text where the fair lists none. */
    category: z.string().trim().min(1).max(100),
    zoneId: IdSchema,
    /** What the booth offers (argan oil, couscous...): the interest tags its leads may carry. */
    products: z.array(z.string().trim().min(1).max(40)).max(12).optional(),
    /** What the region's reports on the social and solidarity economy count exhibitors by. */
    attributes: ExhibitorAttributesSchema.optional(),
  })
  .strict();
export type Booth = z.infer<typeof BoothSchema>;

const TimeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time is HH:MM, 00:00 to 23:59');

export const OpeningSchema = z
  .object({ opens: TimeOfDaySchema, closes: TimeOfDaySchema })
  .strict()
  .refine((hours) => hours.opens < hours.closes, { message: 'a day closes after it opens' });

/**
 * A workshop or seminar: its times either as the fair's wall clock (`day`, `starts`, `ends`: what an
 * organiser writes) or as instants with their offset (`startsAt`, `endsAt`).
 */
export const ProgrammeEntrySchema = z
  .object({
    workshopId: IdSchema,
    kind: z.enum(['workshop', 'seminar']),
    title: LocalizedTextSchema,
    zoneId: IdSchema,
    day: DaySchema.optional(),
    starts: TimeOfDaySchema.optional(),
    ends: TimeOfDaySchema.optional(),
    startsAt: InstantSchema.optional(),
    endsAt: InstantSchema.optional(),
    capacity: Headcount,
    registrationRequired: z.boolean().default(false),
  })
  .strict()
  .superRefine((item, context) => {
    const wallClock = item.day !== undefined || item.starts !== undefined || item.ends !== undefined;
    const instants = item.startsAt !== undefined || item.endsAt !== undefined;
    if (
      wallClock === instants ||
      (wallClock && !(item.day && item.starts && item.ends)) ||
      (instants && !(item.startsAt && item.endsAt))
    )
      context.addIssue({
        code: 'custom',
        path: [],
        message: "give either day, starts and ends (the fair's clock) or startsAt and endsAt",
      });
    else if (wallClock && (item.starts as string) >= (item.ends as string))
      context.addIssue({ code: 'custom', path: ['ends'], message: 'ends after it starts' });
    else if (instants && Date.parse(item.startsAt as string) >= Date.parse(item.endsAt as string))
      context.addIssue({ code: 'custom', path: ['endsAt'], message: 'ends after it starts' });
  });

/** A programme item as the code uses it: its times as instants, its title in every language. */
export interface ProgrammeItem {
  workshopId: string;
  kind: 'workshop' | 'seminar';
  title: string;
  titles?: Names;
  zoneId: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
  registrationRequired: boolean;
}

/** The offsets the file pins: one for every day, or one per day. */
const UtcOffsetsSchema = z.union([
  z.string().regex(UTC_OFFSET, 'an offset is +HH:MM or -HH:MM'),
  z.record(DaySchema, z.string().regex(UTC_OFFSET, 'an offset is +HH:MM or -HH:MM')),
]);

export const ALERT_LANGUAGES = ['ar', 'fr', 'en'] as const;

export const FairSchema = z
  .object({
    $schema: z.string().optional(),
    fairId: IdSchema,
    name: LocalizedTextSchema,
    timezone: z.string().min(1),
    /**
     * The UTC offset of each day, as the organisers confirm it: conversions then use it and never a
     * zone database (which may predate the zone's last change), and the health check compares.
     */
    utcOffsets: UtcOffsetsSchema.optional(),
    days: z.array(DaySchema).min(1),
    /** The language of the alerts' SMS text (e-mails carry every detail). */
    alertLanguage: z.enum(ALERT_LANGUAGES).default('ar'),
    /**
     * The languages badges print in, the first the larger: the fair's name and each category's word in
     * each. Arabic and French by default, as the region reads them.
     */
    badgeLanguages: z
      .array(z.enum(ALERT_LANGUAGES))
      .min(1)
      .max(2)
      .refine((languages) => new Set(languages).size === languages.length, 'each language once')
      .default(['ar', 'fr']),
    /**
     * The venue Wi-Fi network's name the booth and gate phones join, printed on their sign-in cards (its
     * password is not kept here: the stack's template carries the fair, and a template holds no secret).
     */
    venueWifiName: z.string().trim().min(1).max(32, 'a Wi-Fi network name is at most 32 characters').optional(),
    /**
     * The fair's logo on its reports' header: an image as a data URL (SVG, PNG or JPEG, base64), at
     * most 96 KB of text.
     */
    logo: z
      .string()
      .max(98_304, 'a logo of at most 96 KB as a data URL: a smaller image, or an SVG')
      .regex(
        /^data:image\/(svg\+xml|png|jpeg);base64,[A-Za-z0-9+/]+={0,2}$/,
        'a data URL: data:image/svg+xml;base64,... (or image/png, image/jpeg)',
      )
      .optional(),
    zones: z.array(ZoneSchema).min(1),
    gates: z.array(GateSchema).default([]),
    categories: z.array(CategorySchema).default([]),
    /** The provinces booths' `attributes.province` name, in the readers' languages (the reports' tables). */
    provinces: z.array(ProvinceSchema).max(200).default([]),
    booths: z.array(BoothSchema).default([]),
    programme: z.array(ProgrammeEntrySchema).default([]),
    /** The hours people are let in, every day unless `dayHours` says otherwise (fair time). */
    openingHours: OpeningSchema.default(DEFAULT_OPENING),
    dayHours: z.record(DaySchema, OpeningSchema).optional(),
    /** After closing time, how long until the day closes by itself and everyone still counted is swept out. */
    closingGraceMinutes: z.number().int().min(0).max(600).default(DEFAULT_CLOSING_GRACE_MINUTES),
    /**
     * Who may come in where and when, by ticket category: its gates, its hours each day, once a day or
     * not (categoryAccessOf). A category not named follows the fair's hours, by every gate.
     */
    access: z
      .partialRecord(
        z.enum(CATEGORIES),
        z
          .object({
            gates: z.array(IdSchema).min(1).optional(),
            opens: TimeOfDaySchema.optional(),
            closes: TimeOfDaySchema.optional(),
            oncePerDay: z.boolean().optional(),
          })
          .strict()
          .refine((rule) => !rule.opens || !rule.closes || rule.opens < rule.closes, {
            message: 'a category is let in before it must leave: opens before closes',
          }),
      )
      .optional(),
    /** A gate or door page not heard from this long during opening hours raises an alert. */
    deviceSilentMinutes: z.number().int().min(1).max(120).default(DEFAULT_SILENT_MINUTES),
    /** Visitors a booth may count itself in a minute; beyond, they are kept apart and flagged. */
    boothVisitsPerMinute: z.number().int().positive().max(1000).default(DEFAULT_BOOTH_VISITS_PER_MINUTE),
  })
  .superRefine((fair, context) => {
    for (const problem of fairReferenceProblems(fair)) context.addIssue({ code: 'custom', ...problem });
  })
  .transform((file) => {
    const utcOffsets =
      typeof file.utcOffsets === 'string'
        ? Object.fromEntries(file.days.map((day) => [day, file.utcOffsets as string]))
        : file.utcOffsets;
    const zone = fairZone(file.timezone, utcOffsets);
    const at = (day: string, time: string) => fairIso(day, time, zone);
    const names = namesOf(file.name);
    return {
      fairId: file.fairId,
      name: names.en,
      localNames: names,
      timezone: file.timezone,
      ...(utcOffsets ? { utcOffsets } : {}),
      days: file.days,
      alertLanguage: file.alertLanguage,
      badgeLanguages: file.badgeLanguages,
      ...(file.venueWifiName ? { venueWifiName: file.venueWifiName } : {}),
      ...(file.logo ? { logo: file.logo } : {}),
      zones: file.zones,
      gates: file.gates,
      categories: file.categories,
      provinces: file.provinces,
      booths: file.booths,
      workshops: file.programme.map(
        (item): ProgrammeItem => ({
          workshopId: item.workshopId,
          kind: item.kind,
          title: namesOf(item.title).en,
          titles: namesOf(item.title),
          zoneId: item.zoneId,
          startsAt: item.startsAt ?? at(item.day as string, item.starts as string),
          endsAt: item.endsAt ?? at(item.day as string, item.ends as string),
          capacity: item.capacity,
          registrationRequired: item.registrationRequired,
        }),
      ),
      openingHours: file.openingHours,
      ...(file.dayHours ? { dayHours: file.dayHours } : {}),
      closingGraceMinutes: file.closingGraceMinutes,
      boothVisitsPerMinute: file.boothVisitsPerMinute,
      deviceSilentMinutes: file.deviceSilentMinutes,
      ...(file.access ? { access: file.access } : {}),
    };
  });
export type Fair = z.output<typeof FairSchema>;
export type FairFile = z.input<typeof FairSchema>;
