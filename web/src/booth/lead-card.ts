import type { BoothLead } from '../../../shared/contract/answers';
import { h } from '../common/dom';
import { formatDay, t } from '../common/i18n';
import { type LeadEdit, RATINGS, savedEdits, saveEdit } from './lead-edits';

/** The note being typed, kept by the field's own events rather than read from the focus at redraw time. */
export interface Typing {
  current?: { ticket: string; caret: number };
}

/** What a lead's card works with: the booth's products, their names, the note being typed, an edit made. */
export interface CardContext {
  boothId: string;
  products: string[];
  tagLabel: (tag: string) => string;
  typing: Typing;
  edit: (ticketId: string, change: Omit<LeadEdit, 'editedAt'>) => void;
  sync: () => void;
}

type Shown = { rating?: LeadEdit['rating']; tags: string[]; note: string };

/** A Moroccan number as Moroccans write it (06 12 34 56 78), any other as stored. */
function displayPhone(phone: string): string {
  const moroccan = /^\+212(\d{9})$/.exec(phone);
  return moroccan ? `0${moroccan[1]}`.replace(/(\d{2})(?=\d)/g, '$1 ') : phone;
}

/** Only what the visitor agreed to share: a tap calls or opens WhatsApp. */
function contactLine({ contact: c }: BoothLead): HTMLElement {
  const phone = c.phone ?? c.whatsapp;
  return h(
    'p',
    { class: 'lead-contact' },
    phone ? h('a', { href: `tel:${phone}`, dir: 'ltr' }, displayPhone(phone)) : null,
    c.whatsapp ? h('a', { href: `https://wa.me/${c.whatsapp.replace(/\D/g, '')}`, dir: 'ltr' }, 'WhatsApp') : null,
    c.email ? h('a', { href: `mailto:${c.email}`, dir: 'ltr' }, c.email) : null,
    c.city ? h('span', { dir: 'auto' }, c.city) : null,
    c.organisation ? h('span', { dir: 'auto' }, c.organisation) : null,
  );
}

function ratingButtons(shown: Shown, edit: (change: Omit<LeadEdit, 'editedAt'>) => void): HTMLElement {
  return h(
    'div',
    { class: 'lead-ratings', role: 'group', 'aria-label': t('leadInterests') },
    ...RATINGS.map((value) => {
      const pressed = shown.rating === value;
      const attributes = { type: 'button', class: `rating rating-${value}`, 'aria-pressed': String(pressed) } as const;
      const button = h('button', attributes, t(`leadRating_${value}`));
      button.addEventListener('click', () => edit({ rating: pressed ? null : value }));
      return button;
    }),
  );
}

function tagChips(shown: Shown, context: CardContext, edit: (change: Omit<LeadEdit, 'editedAt'>) => void): HTMLElement {
  return h(
    'div',
    { class: 'chips' },
    ...context.products.map((product) => {
      const on = shown.tags.includes(product);
      const chip = h(
        'button',
        { type: 'button', class: 'chip', 'aria-pressed': String(on), dir: 'auto' },
        context.tagLabel(product),
      );
      chip.addEventListener('click', () =>
        edit({ tags: on ? shown.tags.filter((tag) => tag !== product) : [...shown.tags, product] }),
      );
      return chip;
    }),
  );
}

/**
 * The booth's note on a lead. Kept on the phone at every keystroke, so a reply to another edit that
 * redraws the list (the rating just tapped) cannot take back what is being typed; sent when left.
 */
function noteField(lead: BoothLead, shown: Shown, context: CardContext): HTMLTextAreaElement {
  const { boothId, typing } = context;
  const text = h('textarea', { class: 'lead-note', maxlength: 500, rows: 2, dir: 'auto', 'aria-label': t('leadNote') });
  text.value = shown.note;
  const typingHere = () => {
    typing.current = { ticket: lead.ticketId, caret: text.selectionStart };
  };
  text.addEventListener('focus', typingHere);
  text.addEventListener('input', () => {
    typingHere();
    saveEdit(boothId, lead.ticketId, { note: text.value });
  });
  text.addEventListener('change', () => context.edit(lead.ticketId, { note: text.value.trim() }));
  text.addEventListener('blur', () => {
    // Left by the person for another field (still on the page, and no longer the page's focus), not
    // removed by a redraw nor blurred with the whole window (the phone's screen locked, a
    // notification): nothing is being typed.
    if (text.isConnected && document.activeElement !== text && typing.current?.ticket === lead.ticketId)
      typing.current = undefined;
    if (savedEdits(boothId)[lead.ticketId]) context.sync();
  });
  return text;
}

/** One lead: who, which day, how to reach them, and the booth's rating, interests and note. */
export function leadCard(lead: BoothLead, pending: LeadEdit | undefined, context: CardContext): HTMLElement {
  const shown: Shown = { rating: lead.rating, tags: lead.tags ?? [], note: lead.note ?? '', ...pending };
  const edit = (change: Omit<LeadEdit, 'editedAt'>) => context.edit(lead.ticketId, change);
  return h(
    'li',
    { class: 'lead', 'data-ticket': lead.ticketId },
    h(
      'div',
      { class: 'lead-head' },
      h('strong', { dir: 'auto' }, lead.contact.name ?? t(`category_${lead.category}`)),
      h('span', { class: 'muted' }, formatDay(lead.day)),
    ),
    contactLine(lead),
    ratingButtons(shown, edit),
    tagChips(shown, context, edit),
    noteField(lead, shown, context),
    h('p', { class: 'muted lead-state' }, pending ? t('leadSavedHere') : ''),
  );
}
