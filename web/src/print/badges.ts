import { formatShortCode, normalizeShortCode } from '../../../shared/domain/short-code';
import { h } from '../common/dom';
import { formatDayRanges, type Language, t, tIn } from '../common/i18n';
import { BADGE_SIZES, type BadgeSize, type BadgeToPrint } from '../common/print-job';
import type { Fair } from '../common/types';
import { dirOf, qr, sheets } from './sheets';

/** How a badge speaks: the fair's chosen languages (Arabic and French by default), the first larger. */
function badgeWords(fair: Fair) {
  const languages: Language[] = fair.badgeLanguages?.length ? fair.badgeLanguages : ['ar', 'fr'];
  return {
    first: languages[0] as Language,
    inEach: (className: string, text: (lang: Language) => string) =>
      languages.map((lang, index) =>
        h('span', { class: `${className} ${index === 0 ? 'first' : 'second'}`, lang, dir: dirOf(lang) }, text(lang)),
      ),
    // Dates in the badge's first Latin-script language (digits a steward reads at a glance), else its first.
    days: languages.find((lang) => lang !== 'ar') ?? (languages[0] as Language),
  };
}

/** A badge: the fair, the holder, a colour band and word per category, an exhibitor's booth, the days, the QR code and its short code. */
async function badge(fair: Fair, ticket: BadgeToPrint): Promise<HTMLElement> {
  const words = badgeWords(fair);
  const booth = ticket.boothId ? fair.booths.find((each) => each.boothId === ticket.boothId) : undefined;
  const code = ticket.shortCode ? normalizeShortCode(ticket.shortCode) : undefined;
  return h(
    'article',
    { class: `badge category-${ticket.category}`, 'data-ticket-id': ticket.ticketId },
    h('p', { class: 'badge-fair' }, ...words.inEach('badge-fair-name', (lang) => fair.localNames?.[lang] ?? fair.name)),
    h('p', { class: 'badge-holder', dir: 'auto' }, ticket.holderName ?? ''),
    h(
      'p',
      { class: 'badge-category' },
      ...words.inEach('badge-category-word', (lang) => tIn(lang, `category_${ticket.category}`, ticket.category)),
    ),
    booth
      ? h(
          'p',
          { class: 'badge-booth' },
          h('span', { lang: words.first }, tIn(words.first, 'booth', 'Booth')),
          ' ',
          // Isolated: a Latin name inside an Arabic line keeps its own order.
          h('bdi', {}, `${booth.boothId} · ${booth.exhibitor}`),
        )
      : '',
    h(
      'p',
      { class: 'badge-days', lang: words.days, dir: dirOf(words.days) },
      formatDayRanges(ticket.validDays, words.days),
    ),
    await qr(ticket.token, ticket.holderName ?? ticket.ticketId),
    code ? h('p', { class: 'badge-code', dir: 'ltr' }, formatShortCode(code)) : '',
  );
}

/**
 * The consent code goes on a panel beside its badge, folded behind it along the dashed line: a
 * photograph of the badge does not carry it.
 */
async function consentPanel(ticket: BadgeToPrint): Promise<HTMLElement> {
  if (!ticket.consentCode) return h('article', { class: 'badge blank-panel', 'aria-hidden': 'true' });
  return h(
    'article',
    { class: 'badge consent-panel', 'data-consent-for': ticket.ticketId },
    h('p', { class: 'badge-fair' }, t('consentPanelTitle')),
    await qr(ticket.consentCode, t('consentPanelTitle')),
    h('p', { class: 'card-help' }, t('consentPanelText')),
  );
}

type Slot = { ticket: BadgeToPrint; side: 'badge' | 'panel' };

/** Badges 10 or 8 to a page; with any consent panel, each row is one person (badge, then panel). */
export function badgePages(fair: Fair, badges: BadgeToPrint[], size: BadgeSize): Promise<HTMLElement[]> {
  const slots: Slot[] = badges.some((ticket) => ticket.consentCode)
    ? badges.flatMap((ticket): Slot[] => [
        { ticket, side: 'badge' },
        { ticket, side: 'panel' },
      ])
    : badges.map((ticket) => ({ ticket, side: 'badge' }));
  const known = size in BADGE_SIZES ? size : '90x55';
  return sheets(
    slots,
    BADGE_SIZES[known],
    (slot) => (slot.side === 'badge' ? badge(fair, slot.ticket) : consentPanel(slot.ticket)),
    `size-${known}`,
  );
}
