import type { Roster } from '../../../shared/contract/answers';
import { type FairZone, wallClock, zoneOf } from '../../../shared/domain/fair-time';
import { h } from '../common/dom';
import { holderLabel } from '../common/holder';
import { timeSpan } from '../common/i18n';
import type { Fair, Workshop } from '../common/types';

/** Rows on one A4 roster: what fits under its header at a size a pen can sign in. */
const ROWS_A_PAGE = 28;

export interface RosterPage {
  workshop: Workshop;
  rows: (Roster['registered'][number] | undefined)[];
  /** The first row's number on this page. */
  from: number;
  page: number;
  pages: number;
}

/**
 * A workshop's attendance sheet for the day, printed ahead: the seats' holders in the order they
 * registered (a name when the ticket carries one, else its short code), then blank lines for people
 * let in without registering, up to the seats or the page. The host ticks "present" and each person
 * signs; if the network fails at the door it is the roster, and afterwards the fair's attendance record.
 */
export function rosterPages(workshop: Workshop, roster: Roster): RosterPage[] {
  const blank = Math.max(
    0,
    Math.min(workshop.capacity, ROWS_A_PAGE * Math.ceil(roster.registered.length / ROWS_A_PAGE || 1)) -
      roster.registered.length,
  );
  const rows = [...roster.registered, ...Array.from({ length: blank }, () => undefined)];
  const pages = Math.max(1, Math.ceil(rows.length / ROWS_A_PAGE));
  return Array.from({ length: pages }, (_, index) => ({
    workshop,
    rows: rows.slice(index * ROWS_A_PAGE, (index + 1) * ROWS_A_PAGE),
    from: index * ROWS_A_PAGE + 1,
    page: index + 1,
    pages,
  }));
}

const both = (ar: string, fr: string) =>
  h('span', {}, h('span', { lang: 'ar', dir: 'rtl' }, ar), ' / ', h('span', { lang: 'fr', dir: 'ltr' }, fr));

const clock = (instant: string, zone: FairZone) => {
  const { hour, minute } = wallClock(new Date(instant), zone);
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
};

/** One page of a roster, in Arabic and French whatever the page's language (hosts read either). */
export function rosterSheet(fair: Fair, { workshop, rows, from, page, pages }: RosterPage): HTMLElement {
  const room = fair.zones.find((zone) => zone.zoneId === workshop.zoneId);
  const title = (language: 'ar' | 'fr') => workshop.titles?.[language] ?? workshop.title;
  return h(
    'article',
    { class: 'tally-sheet roster-sheet', 'data-workshop': workshop.workshopId },
    h('p', { class: 'tally-fair' }, both(fair.localNames?.ar ?? fair.name, fair.localNames?.fr ?? fair.name)),
    // The title on a line in each language: mixed on one line, the two directions tangle.
    h(
      'h2',
      { class: 'tally-gate' },
      h('span', { class: 'roster-title', lang: 'ar', dir: 'rtl' }, title('ar')),
      h('span', { class: 'roster-title', lang: 'fr', dir: 'ltr' }, title('fr')),
    ),
    h(
      'p',
      { class: 'roster-when' },
      h(
        'span',
        { dir: 'ltr' },
        `${wallClock(new Date(workshop.startsAt), zoneOf(fair)).day} · ${timeSpan(clock(workshop.startsAt, zoneOf(fair)), clock(workshop.endsAt, zoneOf(fair)))}`,
      ),
      room ? h('span', {}, ' · ', both(room.names?.ar ?? room.name, room.names?.fr ?? room.name)) : '',
      ' · ',
      both(`المقاعد ${workshop.capacity}`, `Places ${workshop.capacity}`),
      pages > 1 ? h('span', { dir: 'ltr' }, ` · ${page}/${pages}`) : '',
    ),
    h(
      'table',
      { class: 'tally-table roster-table' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, '#'),
          h('th', {}, both('الاسم أو الرمز', 'Nom ou code')),
          h('th', {}, both('حاضر', 'Présent')),
          h('th', {}, both('التوقيع', 'Signature')),
        ),
      ),
      h(
        'tbody',
        {},
        ...rows.map((row, index) =>
          h(
            'tr',
            { class: row ? 'roster-registered' : 'roster-blank' },
            h('td', { dir: 'ltr' }, String(from + index)),
            h('td', { dir: 'auto' }, row ? holderLabel(row) : ''),
            h('td', { class: 'roster-tick' }, '☐'),
            h('td'),
          ),
        ),
      ),
    ),
    h(
      'p',
      { class: 'tally-sign' },
      both('العدد عند الباب', 'Compté à la porte'),
      ' : ______   ',
      both('المنشّط والتوقيع', 'Animateur et signature'),
      ' : ______________________',
    ),
  );
}

/**
 * An attestation that a person attended a workshop, in Arabic and French (A5, two to a sheet): the
 * fair, the person (the name on a named ticket; a line to write it on otherwise), the workshop, its day,
 * time and room, and the organiser's signature and stamp.
 */
export function attestation(fair: Fair, workshop: Workshop, person: Roster['walkIns'][number]): HTMLElement {
  const room = fair.zones.find((zone) => zone.zoneId === workshop.zoneId);
  const day = wallClock(new Date(workshop.startsAt), zoneOf(fair)).day;
  const hours = timeSpan(clock(workshop.startsAt, zoneOf(fair)), clock(workshop.endsAt, zoneOf(fair)));
  const line = (lang: 'ar' | 'fr', ...children: (string | HTMLElement)[]) =>
    h('p', { class: 'attestation-line', lang, dir: lang === 'ar' ? 'rtl' : 'ltr' }, ...children);
  const name = person.holderName ?? '……………………………………';
  const title = (lang: 'ar' | 'fr') => workshop.titles?.[lang] ?? workshop.title;
  const where = (lang: 'ar' | 'fr') => (room ? (room.names?.[lang] ?? room.name) : '');
  return h(
    'article',
    { class: 'attestation', 'data-ticket': person.ticketId },
    h('p', { class: 'poster-fair', lang: 'ar', dir: 'rtl' }, fair.localNames?.ar ?? fair.name),
    h('p', { class: 'poster-fair', lang: 'fr', dir: 'ltr' }, fair.localNames?.fr ?? fair.name),
    h(
      'h2',
      { class: 'attestation-title' },
      h('span', { lang: 'ar', dir: 'rtl' }, 'شهادة حضور'),
      ' · ',
      h('span', { lang: 'fr' }, 'Attestation de présence'),
    ),
    line(
      'ar',
      'يشهد منظمو المعرض بأن ',
      h('strong', { dir: 'auto' }, name),
      ` حضر(ت) «${title('ar')}» يوم `,
      h('span', { dir: 'ltr' }, `${day}، ${hours}`),
      where('ar') ? ` في ${where('ar')}.` : '.',
    ),
    line(
      'fr',
      'Les organisateurs du salon attestent que ',
      h('strong', { dir: 'auto' }, name),
      ` a assisté à « ${title('fr')} » le `,
      h('span', { dir: 'ltr' }, `${day}, ${hours}`),
      where('fr') ? `, ${where('fr')}.` : '.',
    ),
    h(
      'p',
      { class: 'tally-sign' },
      both('المنظم، التوقيع والختم', 'L’organisateur, signature et cachet'),
      ' : ______________________',
    ),
  );
}
