import '../common/style.css';
import './print.css';
import QRCode from 'qrcode';
import type { Roster } from '../../../shared/contract/answers';
import { formatShortCode, normalizeShortCode } from '../../../shared/domain/short-code';
import { request } from '../common/api';
import { h } from '../common/dom';
import { applyLanguage, formatDayRanges, LANGUAGES, type Language, language, t, tIn, timeSpan } from '../common/i18n';
import { BADGE_SIZES, type BadgeToPrint, type PrintJob, type SignInCard, takePrintJob } from '../common/print-job';
import { type PageContext, startPage } from '../common/session';
import type { Fair, Workshop } from '../common/types';
import { venueMachine } from '../common/venue-machine';
import { attestation, type RosterPage, rosterPages, rosterSheet } from './roster';

/**
 * /print: A4 sheets for an ordinary printer, from what the organisers' page handed over: badges (10
 * or 8 to a page: the fair's name in the reader's language, the holder, the category, the days, the QR
 * code and its short code, an exhibitor's booth) or sign-in cards for exhibitors' phones. The browser
 * prints them or saves them as PDF.
 */
const QR = { type: 'svg' as const, errorCorrectionLevel: 'M' as const, margin: 1 };

async function qr(text: string, alt: string): Promise<HTMLImageElement> {
  const svg = await QRCode.toString(text, QR);
  return h('img', { class: 'qr', alt, src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` });
}

function sheets<T>(
  items: T[],
  perPage: number,
  draw: (item: T) => Promise<HTMLElement>,
  layout = `per-${perPage}`,
): Promise<HTMLElement[]> {
  const pages: T[][] = [];
  for (let start = 0; start < items.length; start += perPage) pages.push(items.slice(start, start + perPage));
  return Promise.all(
    pages.map(async (page) => h('div', { class: `sheet ${layout}` }, ...(await Promise.all(page.map(draw))))),
  );
}

const dirOf = (lang: Language) => LANGUAGES.find((entry) => entry.code === lang)?.dir ?? 'ltr';

/** The quarter hours a gate is used on a day: from the earliest any category may come in to closing. */
function quarters(fair: Fair, day: string, gateId: string): string[] {
  const hours = [
    fair.hours.find((each) => each.day === day),
    ...(fair.access ?? [])
      .filter((rule) => !rule.gates || rule.gates.includes(gateId))
      .map((rule) => rule.hours.find((each) => each.day === day)),
  ].filter((each) => each !== undefined);
  const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
  const from = Math.min(...hours.map((each) => minutes(each.opens)));
  const to = Math.max(...hours.map((each) => minutes(each.closes)));
  const clock = (total: number) =>
    `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
  const rows: string[] = [];
  for (let at = Math.floor(from / 15) * 15; at < to; at += 15) rows.push(timeSpan(clock(at), clock(at + 15)));
  return rows;
}

/**
 * A gate's paper tally for a day: Arabic and French (the stewards read either), a row a quarter hour,
 * strokes for in and out, totals, and who kept it. Entered afterwards from /organise.
 */
function tallySheet(fair: Fair, day: string, gateId: string): HTMLElement {
  const gate = fair.gates.find((each) => each.gateId === gateId);
  const both = (ar: string, fr: string) =>
    h('span', {}, h('span', { lang: 'ar', dir: 'rtl' }, ar), ' / ', h('span', { lang: 'fr', dir: 'ltr' }, fr));
  return h(
    'article',
    { class: 'tally-sheet', 'data-gate': gateId },
    h('p', { class: 'tally-fair' }, both(fair.localNames?.ar ?? fair.name, fair.localNames?.fr ?? fair.name)),
    h(
      'h2',
      { class: 'tally-gate' },
      both(gate?.names?.ar ?? gate?.name ?? gateId, gate?.names?.fr ?? gate?.name ?? gateId),
      ` · ${day}`,
    ),
    h(
      'table',
      { class: 'tally-table' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, both('الوقت', 'Heure')),
          h('th', {}, both('دخول', 'Entrées')),
          h('th', {}, both('خروج', 'Sorties')),
        ),
      ),
      h(
        'tbody',
        {},
        ...quarters(fair, day, gateId).map((row) => h('tr', {}, h('td', { dir: 'ltr' }, row), h('td'), h('td'))),
        h('tr', { class: 'tally-total' }, h('td', {}, both('المجموع', 'Total')), h('td'), h('td')),
      ),
    ),
    h('p', { class: 'tally-sign' }, both('المكلّف والتوقيع', 'Agent et signature'), ' : ______________________'),
  );
}

/** Each workshop's roster pages, read now: who registered up to the moment of printing. */
async function rosters(workshopIds: string[]): Promise<RosterPage[]> {
  const each = await Promise.all(
    workshopIds.map(async (workshopId) => {
      const path = `/v1/workshops/${encodeURIComponent(workshopId)}`;
      const [workshop, roster] = await Promise.all([request<Workshop>(path), request<Roster>(`${path}/registrations`)]);
      return rosterPages(workshop, roster);
    }),
  );
  return each.flat();
}

/** An attestation for everyone the workshop's door admitted (registered or not), two to a sheet. */
async function attestations(fair: Fair, workshopId: string): Promise<HTMLElement[]> {
  const path = `/v1/workshops/${encodeURIComponent(workshopId)}`;
  const [workshop, roster] = await Promise.all([request<Workshop>(path), request<Roster>(`${path}/registrations`)]);
  const people = [...roster.registered.filter((person) => person.admitted), ...roster.walkIns];
  return sheets(people, 2, async (person) => attestation(fair, workshop, person));
}

async function render({ fair, shell }: PageContext): Promise<void> {
  const job: PrintJob | undefined = takePrintJob();
  document.body.classList.add('printing');
  if (!job) {
    shell.main.replaceChildren(h('p', { class: 'card notice', t: 'nothingToPrint' }));
    applyLanguage();
    return;
  }
  const fairName = fair.localNames?.[language()] ?? fair.name;
  const booths = new Map(fair.booths.map((booth) => [booth.boothId, booth]));
  // A badge in the languages the fair's file chooses (Arabic and French by default), the first larger.
  const badgeLanguages: Language[] = fair.badgeLanguages?.length ? fair.badgeLanguages : ['ar', 'fr'];
  const inEach = (className: string, text: (lang: Language) => string) =>
    badgeLanguages.map((lang, index) =>
      h('span', { class: `${className} ${index === 0 ? 'first' : 'second'}`, lang, dir: dirOf(lang) }, text(lang)),
    );
  // Dates in the badge's first Latin-script language (digits a steward reads at a glance), else its first.
  const daysLanguage = badgeLanguages.find((lang) => lang !== 'ar') ?? (badgeLanguages[0] as Language);
  const badge = async (ticket: BadgeToPrint) => {
    const booth = ticket.boothId ? booths.get(ticket.boothId) : undefined;
    const code = ticket.shortCode ? normalizeShortCode(ticket.shortCode) : undefined;
    return h(
      'article',
      { class: `badge category-${ticket.category}`, 'data-ticket-id': ticket.ticketId },
      h('p', { class: 'badge-fair' }, ...inEach('badge-fair-name', (lang) => fair.localNames?.[lang] ?? fair.name)),
      h('p', { class: 'badge-holder', dir: 'auto' }, ticket.holderName ?? ''),
      // A colour band and a large word per category, in each of the badge's languages.
      h(
        'p',
        { class: 'badge-category' },
        ...inEach('badge-category-word', (lang) => tIn(lang, `category_${ticket.category}`, ticket.category)),
      ),
      booth
        ? h(
            'p',
            { class: 'badge-booth' },
            h('span', { lang: badgeLanguages[0] }, tIn(badgeLanguages[0] as Language, 'booth', 'Booth')),
            ' ',
            // Isolated: a Latin name inside an Arabic line keeps its own order.
            h('bdi', {}, `${booth.boothId} · ${booth.exhibitor}`),
          )
        : '',
      h(
        'p',
        { class: 'badge-days', lang: daysLanguage, dir: dirOf(daysLanguage) },
        formatDayRanges(ticket.validDays, daysLanguage),
      ),
      await qr(ticket.token, ticket.holderName ?? ticket.ticketId),
      code ? h('p', { class: 'badge-code', dir: 'ltr' }, formatShortCode(code)) : '',
    );
  };
  // The consent code goes on a panel beside its badge, folded behind it along the dashed line: a
  // photograph of the badge does not carry it. With any such panel, each row is one person.
  const panel = async (ticket: BadgeToPrint) =>
    ticket.consentCode
      ? h(
          'article',
          { class: 'badge consent-panel', 'data-consent-for': ticket.ticketId },
          h('p', { class: 'badge-fair' }, t('consentPanelTitle')),
          await qr(ticket.consentCode, t('consentPanelTitle')),
          h('p', { class: 'card-help' }, t('consentPanelText')),
        )
      : h('article', { class: 'badge blank-panel', 'aria-hidden': 'true' });
  type Slot = { ticket: BadgeToPrint; side: 'badge' | 'panel' };
  const slots = (badges: BadgeToPrint[]): Slot[] =>
    badges.some((ticket) => ticket.consentCode)
      ? badges.flatMap((ticket): Slot[] => [
          { ticket, side: 'badge' },
          { ticket, side: 'panel' },
        ])
      : badges.map((ticket) => ({ ticket, side: 'badge' }));
  // What a phone needs before its sign-in works at the venue: the Wi-Fi to join and, on the venue
  // machine (npm start), the local certificate to install once (its page's QR code).
  const venue = job.kind === 'signIn' ? await venueMachine() : undefined;
  const installQr = venue ? await qr(venue.installLink, venue.installUrl) : undefined;
  const card = async (signIn: SignInCard) =>
    h(
      'article',
      { class: 'sign-in-card' },
      h('p', { class: 'badge-fair', dir: 'auto' }, fairName),
      h('p', { class: 'badge-holder', dir: 'auto' }, signIn.label),
      await qr(signIn.link, signIn.label),
      h('p', { class: 'card-help', t: 'signInCardHelp' }),
      fair.venueWifiName
        ? h(
            'p',
            { class: 'card-wifi' },
            h('span', { t: 'signInWifi' }),
            ' ',
            h('bdi', { dir: 'ltr' }, fair.venueWifiName),
          )
        : '',
      installQr
        ? h('div', { class: 'card-install' }, installQr.cloneNode() as HTMLElement, h('p', { t: 'signInInstall' }))
        : '',
      h('p', { class: 'card-secret', t: 'keepSecret' }),
    );
  // A booth's poster, in Arabic and French whatever the page's language: the hall reads both.
  const poster = async (boothId: string) => {
    const booth = booths.get(boothId);
    const category = fair.categories?.find((candidate) => candidate.categoryId === booth?.category);
    return h(
      'article',
      { class: 'poster', 'data-booth': boothId },
      h('p', { class: 'poster-fair', lang: 'ar', dir: 'rtl' }, fair.localNames?.ar ?? fair.name),
      h('p', { class: 'poster-fair', lang: 'fr', dir: 'ltr' }, fair.localNames?.fr ?? fair.name),
      h('p', { class: 'poster-booth' }, boothId),
      h('p', { class: 'poster-exhibitor', dir: 'auto' }, booth?.exhibitor ?? boothId),
      h(
        'p',
        { class: 'poster-products', dir: 'auto' },
        (booth?.products ?? []).join(' · ') || (category?.names?.fr ?? ''),
      ),
      await qr(
        `${job.kind === 'posters' ? job.origin : location.origin}/visit#${encodeURIComponent(boothId)}`,
        boothId,
      ),
      h('p', { class: 'poster-call', lang: 'ar', dir: 'rtl' }, 'امسحوا الرمز بهاتفكم: منتجاتنا، واتركوا رقمكم إن شئتم'),
      h(
        'p',
        { class: 'poster-call', lang: 'fr', dir: 'ltr' },
        'Scannez avec votre téléphone : nos produits, et votre numéro si vous le voulez',
      ),
    );
  };
  const pages =
    job.kind === 'tallies'
      ? await sheets(job.gateIds, 1, async (gateId) => tallySheet(fair, job.day, gateId))
      : job.kind === 'rosters'
        ? await sheets(await rosters(job.workshopIds), 1, async (page) => rosterSheet(fair, page))
        : job.kind === 'attestations'
          ? await attestations(fair, job.workshopId)
          : job.kind === 'posters'
            ? await sheets(job.boothIds, 2, poster)
            : job.kind === 'badges'
              ? await sheets(
                  slots(job.badges),
                  BADGE_SIZES[job.size] ?? BADGE_SIZES['90x55'],
                  (slot) => (slot.side === 'badge' ? badge(slot.ticket) : panel(slot.ticket)),
                  `size-${job.size in BADGE_SIZES ? job.size : '90x55'}`,
                )
              : await sheets(job.cards, 8, card);
  const toolbar = h(
    'div',
    { class: 'print-toolbar no-print' },
    h('button', { type: 'button', class: 'primary', id: 'print-now', t: 'print', onclick: () => print() }),
    h('button', { type: 'button', t: 'back', onclick: () => history.back() }),
    h('span', { class: 'muted' }, t('sheetsReady', { count: pages.length })),
  );
  shell.main.className = 'print-main';
  shell.main.replaceChildren(toolbar, ...pages);
  applyLanguage();
  document.body.dataset.ready = 'true';
}

void startPage({ title: 'printTitle', roles: ['organiser', 'desk'], render });
