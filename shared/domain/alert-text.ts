import { type FairZone, wallClock } from './fair-time';
import type { Level } from './levels';
import { type LanguageCode, type Names, nameIn } from './names';

/**
 * What an alert says to people, in the organisers' language: an SMS that fits one message (zone,
 * level, count and capacity, the fair's local time) and an e-mail with every detail. The JSON that
 * webhooks and machines read is elsewhere (`alertMessage`).
 */
export interface AlertFacts {
  alertId: string;
  /**
   * A zone's change of level, the one event that says a fair day was closed (no level alerts then), or
   * walk-ins counted faster than a gate can pass them (`implausible-count`: the count was left out).
   */
  kind?: AlertKind;
  level: Level;
  previousLevel: Level;
  count: number;
  capacity: number;
  raisedAt: string;
  escalation: number;
  /** A day closed: which day, and how many people were still counted in the venue. */
  day?: string;
  sweptOut?: number;
  /** An implausible count: where, from which device and credential, how many people, against what limit. */
  gateId?: string;
  deviceId?: string;
  credentialLabel?: string;
  people?: number;
  perMinute?: number;
  /** An evacuation started or ended, an incident: which, why, by whom. */
  evacuationId?: string;
  incidentId?: string;
  reason?: string;
  by?: string;
  /** A silent device: for how many minutes. */
  minutes?: number;
  /** A silent door: the workshop its page was set to (its room, when it has one, is the zone). */
  workshopId?: string;
  /** A zone rising: when it would be full at the rate it is filling. */
  fullInMinutes?: number;
}

/**
 * A zone's change of level; the rest are notices, each one thing for organisers to know: a day closed,
 * walk-ins counted faster than a gate can pass them (left out), an evacuation started or ended, an
 * incident recorded, a gate phone gone silent during opening hours.
 */
export const ALERT_KINDS = [
  'level',
  'dayClosed',
  'implausible-count',
  'evacuation',
  'evacuation-ended',
  'incident',
  'device-silent',
  'short-code-guesses',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
type NoticeKind = Exclude<AlertKind, 'level' | 'dayClosed'>;

export interface Place {
  zoneId: string;
  name: string;
  names?: Partial<Names> | undefined;
}

interface Words {
  app: string;
  level: Record<Level, string>;
  /** `{n}`: the reminder's number. */
  reminder: string;
  /** `{day}`, `{n}`. */
  dayClosed: string;
  /**
   * Each notice's text and e-mail subject: `{place}` (the gate or zone), `{n}` people, `{limit}` a minute,
   * `{by}` who (a credential's label), `{reason}`, `{minutes}`.
   */
  notices: Record<NoticeKind, { text: string; subject: string }>;
  /** An incident's kind (`lost-person`, `medical`...), as the notice says it. */
  incidentKinds: Record<string, string>;
  /** `{n}` minutes. Minutes are abbreviated after a figure (min, د), as an SMS has little room. */
  fullIn: string;
  subject: string;
  subjectDayClosed: string;
  labels: {
    zone: string;
    level: string;
    was: string;
    count: string;
    raisedAt: string;
    alert: string;
    fairTime: string;
  };
  acknowledge: string;
}

const WORDS: Record<LanguageCode, Words> = {
  ar: {
    app: 'رواق',
    level: { normal: 'عادي', warning: 'إنذار', critical: 'حرج', full: 'ممتلئ' },
    reminder: 'تذكير {n}',
    dayClosed: 'أُغلق يوم {day}، أُخرج {n} من العدّ',
    notices: {
      'implausible-count': {
        text: 'عدّ غير معقول، {place}: {n} في دقيقة، {by}',
        subject: 'رواق: عدّ غير معقول عند {place}',
      },
      evacuation: { text: 'إخلاء {place}: {reason}', subject: 'رواق: إخلاء {place}' },
      'evacuation-ended': { text: 'انتهى إخلاء {place}', subject: 'رواق: انتهى إخلاء {place}' },
      incident: { text: 'حادث في {place}: {reason}', subject: 'رواق: حادث في {place}' },
      'device-silent': {
        text: 'جهاز صامت عند {place} منذ {minutes} د: {by}',
        subject: 'رواق: جهاز صامت عند {place}',
      },
      'short-code-guesses': {
        text: 'رموز قصيرة لا تطابق أي تذكرة: {n} في {minutes} د، {by}',
        subject: 'رواق: رموز قصيرة خاطئة من {by}',
      },
    },
    incidentKinds: {
      'lost-person': 'شخص تائه',
      medical: 'إسعاف',
      security: 'أمن',
      crowding: 'اكتظاظ',
      technical: 'عطل تقني',
    },
    fullIn: 'ممتلئ بعد ~{n} د',
    subject: 'رواق: {zone} - {level}',
    subjectDayClosed: 'رواق: أُغلق يوم {day}',
    labels: {
      zone: 'المنطقة',
      level: 'المستوى',
      was: 'كان',
      count: 'العدد',
      raisedAt: 'الوقت',
      alert: 'التنبيه',
      fairTime: 'بتوقيت المعرض',
    },
    acknowledge: 'للإقرار بالتنبيه: لوحة القيادة، قائمة التنبيهات.',
  },
  fr: {
    app: 'Rawaq',
    level: { normal: 'normal', warning: 'alerte', critical: 'critique', full: 'plein' },
    reminder: 'rappel {n}',
    dayClosed: 'journée du {day} close, {n} sortis du comptage',
    notices: {
      'implausible-count': {
        text: 'comptage invraisemblable a {place} : {n} en 1 min (max {limit}), {by}',
        subject: 'Rawaq : comptage invraisemblable à {place}',
      },
      evacuation: { text: 'EVACUATION de {place} : {reason}', subject: 'Rawaq : évacuation de {place}' },
      'evacuation-ended': { text: 'fin de l evacuation de {place}', subject: 'Rawaq : fin de l’évacuation de {place}' },
      incident: { text: 'incident a {place} : {reason}', subject: 'Rawaq : incident à {place}' },
      'device-silent': {
        text: 'appareil muet a {place} depuis {minutes} min : {by}',
        subject: 'Rawaq : appareil muet à {place}',
      },
      'short-code-guesses': {
        text: '{n} codes courts sans billet en {minutes} min : {by}',
        subject: 'Rawaq : codes courts essayés par {by}',
      },
    },
    incidentKinds: {
      'lost-person': 'personne perdue',
      medical: 'secours',
      security: 'sécurité',
      crowding: 'affluence',
      technical: 'panne technique',
    },
    fullIn: 'plein dans ~{n} min',
    subject: 'Rawaq : {zone} - {level}',
    subjectDayClosed: 'Rawaq : journée du {day} close',

    labels: {
      zone: 'Zone',
      level: 'Niveau',
      was: 'avant',
      count: 'Présents',
      raisedAt: 'Heure',
      alert: 'Alerte',
      fairTime: 'heure du salon',
    },
    acknowledge: 'Pour en accuser réception : tableau de bord, liste des alertes.',
  },
  en: {
    app: 'Rawaq',
    level: { normal: 'normal', warning: 'warning', critical: 'critical', full: 'full' },
    reminder: 'reminder {n}',
    dayClosed: '{day} closed, {n} swept out',
    notices: {
      'implausible-count': {
        text: 'implausible count at {place}: {n} in 1 min (max {limit}), {by}',
        subject: 'Rawaq: implausible count at {place}',
      },
      evacuation: { text: 'EVACUATION of {place}: {reason}', subject: 'Rawaq: evacuation of {place}' },
      'evacuation-ended': { text: 'evacuation of {place} ended', subject: 'Rawaq: evacuation of {place} ended' },
      incident: { text: 'incident at {place}: {reason}', subject: 'Rawaq: incident at {place}' },
      'device-silent': {
        text: 'device silent at {place} for {minutes} min: {by}',
        subject: 'Rawaq: device silent at {place}',
      },
      'short-code-guesses': {
        text: '{n} short codes naming no ticket in {minutes} min: {by}',
        subject: 'Rawaq: short codes tried by {by}',
      },
    },
    incidentKinds: {
      'lost-person': 'lost person',
      medical: 'medical',
      security: 'security',
      crowding: 'crowding',
      technical: 'technical',
    },
    fullIn: 'full in ~{n} min',
    subject: 'Rawaq: {zone} is {level}',
    subjectDayClosed: 'Rawaq: {day} closed',

    labels: {
      zone: 'Zone',
      level: 'Level',
      was: 'was',
      count: 'Count',
      raisedAt: 'Time',
      alert: 'Alert',
      fairTime: 'fair time',
    },
    acknowledge: 'To acknowledge it: the dashboard, alert list.',
  },
};

const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));

/** The GSM 03.38 alphabet: a text written only with it fits 160 characters an SMS, else 70. */
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€';

/** How many characters one SMS holds for this text, and how many it uses. */
export function smsMeasure(text: string): { used: number; limit: number } {
  let gsm = 0;
  for (const char of text) {
    if (GSM_BASIC.includes(char)) gsm += 1;
    else if (GSM_EXTENDED.includes(char)) gsm += 2;
    else return { used: text.length, limit: 70 }; // UCS-2: UTF-16 code units
  }
  return { used: gsm, limit: 160 };
}

function hhmm(instant: string, fairZone: FairZone, language: LanguageCode): string {
  const clock = wallClock(new Date(instant), fairZone);
  const [h, m] = [String(clock.hour).padStart(2, '0'), String(clock.minute).padStart(2, '0')];
  return language === 'fr' ? `${h}h${m}` : `${h}:${m}`;
}

const dayMonth = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}`;

/**
 * One SMS: `Rawaq - Salle des conférences : plein 160/160 - 14h05`. A zone name too long for one
 * message is shortened, never the figures.
 */
export function alertSms(alert: AlertFacts, place: Place, language: LanguageCode, fairZone: FairZone): string {
  const words = WORDS[language];
  const time = hhmm(alert.raisedAt, fairZone, language);
  // The SMS alphabet has no middle dot: French and English texts separate with a dash.
  const sep = language === 'ar' ? ' · ' : ' - ';
  const reminder = alert.escalation > 0 ? `${fill(words.reminder, { n: alert.escalation })}${sep}` : '';
  if (alert.kind === 'dayClosed')
    return `${words.app}${sep}${fill(words.dayClosed, { day: dayMonth(alert.day ?? ''), n: alert.sweptOut ?? 0 })}${sep}${time}`;
  if (isNotice(alert.kind)) {
    const text = fill(words.notices[alert.kind].text, noticeValues(alert, nameIn(place, language), words));
    return `${words.app}${sep}${shortenForSms(plainForSms(text, language), `${words.app}${sep}`, `${sep}${time}`, language)}${sep}${time}`;
  }
  const coming = alert.fullInMinutes !== undefined ? `${sep}${fill(words.fullIn, { n: alert.fullInMinutes })}` : '';
  const rest = `${language === 'fr' ? ' : ' : ': '}${words.level[alert.level]} ${alert.count}/${alert.capacity}${coming}${sep}${time}`;
  const head = `${words.app}${sep}${reminder}`;
  const zone = shortenForSms(plainForSms(nameIn(place, language), language), head, rest, language);
  return `${head}${zone}${rest}`;
}

function isNotice(kind: AlertKind | undefined): kind is NoticeKind {
  return kind !== undefined && kind !== 'level' && kind !== 'dayClosed';
}

function noticeValues(alert: AlertFacts, place: string, words: Words) {
  return {
    place,
    n: alert.people ?? 0,
    limit: alert.perMinute ?? 0,
    by: alert.credentialLabel ?? alert.by ?? alert.deviceId ?? '',
    reason:
      alert.kind === 'incident'
        ? incidentReason(alert.reason ?? '', (kind) => words.incidentKinds[kind], words === WORDS.fr ? ' : ' : ': ')
        : (alert.reason ?? ''),
    minutes: alert.minutes ?? 0,
  };
}

/**
 * An incident's reason is `<kind>: <text>` as recorded: its kind said in the reader's language
 * (`panne technique : l'écran...`), the text as written.
 */
export function incidentReason(reason: string, kindWord: (kind: string) => string | undefined, colon = ': '): string {
  const cut = reason.indexOf(': ');
  const word = cut > 0 ? kindWord(reason.slice(0, cut)) : undefined;
  return word ? `${word}${colon}${reason.slice(cut + 2)}` : reason;
}

/** A notice's words shortened to what one SMS holds beside its head and tail (a long reason is cut). */
function shortenForSms(text: string, head: string, tail: string, language: LanguageCode): string {
  const ellipsis = language === 'ar' ? '…' : '...';
  let shown = text;
  const fits = (candidate: string) => {
    const { used, limit } = smsMeasure(`${head}${candidate}${tail}`);
    return used <= limit;
  };
  while (!fits(shown) && shown.length > 1)
    shown = `${[...shown]
      .slice(0, -(ellipsis.length + 1))
      .join('')
      .trimEnd()}${ellipsis}`;
  return shown;
}

/**
 * French and English texts kept within the SMS alphabet, so that one message holds 160 characters:
 * letters it lacks (ç is there, ê is not) lose their accent, French's narrow spaces become spaces.
 */
function plainForSms(text: string, language: LanguageCode): string {
  if (language === 'ar') return text;
  return [...text.replace(/[\u00a0\u202f]/g, ' ')]
    .map((char) => (smsMeasure(char).limit === 160 ? char : char.normalize('NFD').replace(/\p{M}/gu, '')))
    .join('');
}

/** The e-mail: a subject a phone shows whole, and every detail, in the organisers' language and in the zone's other names. */
export function alertEmail(
  alert: AlertFacts,
  place: Place,
  language: LanguageCode,
  fairZone: FairZone,
  json: unknown,
): { subject: string; body: string } {
  const words = WORDS[language];
  const clock = wallClock(new Date(alert.raisedAt), fairZone);
  const when = `${clock.day} ${hhmm(alert.raisedAt, fairZone, language)} (${words.labels.fairTime}, UTC${clock.offset})`;
  if (alert.kind === 'dayClosed') {
    const subject = fill(words.subjectDayClosed, { day: alert.day ?? '' });
    const body = [
      fill(words.dayClosed, { day: alert.day ?? '', n: alert.sweptOut ?? 0 }),
      `${words.labels.raisedAt}: ${when}`,
      '',
      JSON.stringify(json, null, 2),
    ].join('\n');
    return { subject: subject.slice(0, 99), body };
  }
  if (isNotice(alert.kind)) {
    const values = noticeValues(alert, nameIn(place, language), words);
    const body = [
      fill(words.notices[alert.kind].text, values),
      `${words.labels.raisedAt}: ${when}`,
      `${words.labels.alert}: ${alert.alertId}`,
      '',
      JSON.stringify(json, null, 2),
    ].join('\n');
    return { subject: fill(words.notices[alert.kind].subject, values).slice(0, 99), body };
  }
  const zone = nameIn(place, language);
  const reminder = alert.escalation > 0 ? ` (${fill(words.reminder, { n: alert.escalation })})` : '';
  const subject = `${fill(words.subject, { zone, level: words.level[alert.level] })}${reminder}`;
  const otherNames = (['ar', 'fr', 'en'] as const)
    .filter((other) => other !== language)
    .map((other) => nameIn(place, other))
    .filter((name, index, all) => name !== zone && all.indexOf(name) === index);
  const body = [
    `${words.labels.zone}: ${zone}${otherNames.length > 0 ? ` / ${otherNames.join(' / ')}` : ''} (${place.zoneId})`,
    `${words.labels.level}: ${words.level[alert.level]} (${words.labels.was}: ${words.level[alert.previousLevel]})${reminder}`,
    `${words.labels.count}: ${alert.count} / ${alert.capacity}${alert.fullInMinutes !== undefined ? ` (${fill(words.fullIn, { n: alert.fullInMinutes })})` : ''}`,
    `${words.labels.raisedAt}: ${when}`,
    `${words.labels.alert}: ${alert.alertId}`,
    words.acknowledge,
    '',
    JSON.stringify(json, null, 2),
  ].join('\n');
  return { subject: subject.length > 99 ? `${subject.slice(0, 96)}...` : subject, body };
}
