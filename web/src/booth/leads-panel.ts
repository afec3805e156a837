import type { BoothLead } from '../../../shared/contract/answers';
import { ApiError, download, NetworkError, request } from '../common/api';
import { h, scrollRegion } from '../common/dom';
import { fairNow } from '../common/fair-clock';
import { applyLanguage, formatDay, language, t } from '../common/i18n';
import type { Booth } from '../common/types';

/**
 * The booth's leads: today's or the whole fair's, each with only what the visitor agreed to share
 * (a tap calls or opens WhatsApp), and the booth's own rating, interests and note. Edits are kept on
 * the phone first and sent from there (the latest edit wins on the server, whichever phone sends
 * last), so a booth without network keeps working; exports for Excel and for the phone's contacts.
 */
const RATINGS = ['hot', 'warm', 'cold'] as const;
type Rating = (typeof RATINGS)[number];

interface LeadEdit {
  rating?: Rating | null;
  tags?: string[];
  note?: string;
  editedAt: string;
}

interface Leads {
  visitorsSeen: number;
  leads: BoothLead[];
}

const editsKey = (boothId: string) => `rawaq.leadEdits.${boothId}`;

function savedEdits(boothId: string): Record<string, LeadEdit> {
  try {
    return JSON.parse(localStorage.getItem(editsKey(boothId)) ?? '{}') as Record<string, LeadEdit>;
  } catch {
    return {};
  }
}

function saveEdit(boothId: string, ticketId: string, edit: Omit<LeadEdit, 'editedAt'>): void {
  const edits = savedEdits(boothId);
  edits[ticketId] = { ...edits[ticketId], ...edit, editedAt: fairNow().toISOString() };
  localStorage.setItem(editsKey(boothId), JSON.stringify(edits));
}

const RETRY_MS = 5000;

export interface LeadsPanel {
  element: HTMLElement;
  refresh(boothId: string, day: string): Promise<void>;
  /** Sends the edits kept on this phone. */
  sync(boothId: string): Promise<void>;
}

/** A Moroccan number as Moroccans write it (06 12 34 56 78), any other as stored. */
function displayPhone(phone: string): string {
  const moroccan = /^\+212(\d{9})$/.exec(phone);
  return moroccan ? `0${moroccan[1]}`.replace(/(\d{2})(?=\d)/g, '$1 ') : phone;
}

export function leadsPanel(
  booth: (boothId: string) => Booth | undefined,
  tagLabel: (tag: string) => string,
): LeadsPanel {
  let wholeFair = false;
  let current: { boothId: string; day: string } | undefined;
  let leads: Leads | undefined;
  /**
   * The note being typed, kept by the field's own events rather than read from the focus at redraw
   * time: a redraw that removes the focused field (or a blur it fires on its way out) must not lose it.
   */
  let typing: { ticket: string; caret: number } | undefined;
  const note = h('p', { class: 'muted', id: 'leads-note', role: 'status' });
  const list = h('ul', { class: 'lead-list', id: 'leads' });
  const today = h('button', {
    type: 'button',
    class: 'toggle',
    id: 'leads-today',
    'aria-pressed': 'true',
    t: 'leadsToday',
  });
  const fair = h('button', {
    type: 'button',
    class: 'toggle',
    id: 'leads-fair',
    'aria-pressed': 'false',
    t: 'leadsWholeFair',
  });
  const csv = h('button', { type: 'button', id: 'leads-csv', t: 'downloadLeadsCsv' });
  const vcf = h('button', { type: 'button', id: 'leads-vcf', t: 'downloadLeadsVcf' });
  const period = () => (wholeFair ? 'period=fair' : `day=${current?.day}`);
  const name = () => `leads-${current?.boothId}-${wholeFair ? 'fair' : current?.day}`;
  csv.addEventListener('click', () => {
    if (current)
      void download(`/v1/booths/${current.boothId}/leads.csv?${period()}&lang=${language()}`, `${name()}.csv`);
  });
  vcf.addEventListener('click', () => {
    if (current) void download(`/v1/booths/${current.boothId}/leads.vcf?${period()}`, `${name()}.vcf`);
  });
  const choose = (whole: boolean) => {
    wholeFair = whole;
    today.setAttribute('aria-pressed', String(!whole));
    fair.setAttribute('aria-pressed', String(whole));
    if (current) void refresh(current.boothId, current.day);
  };
  today.addEventListener('click', () => choose(false));
  fair.addEventListener('click', () => choose(true));

  function card(boothId: string, lead: BoothLead, pending: LeadEdit | undefined): HTMLElement {
    const shown = { rating: lead.rating, tags: lead.tags ?? [], note: lead.note ?? '', ...pending };
    const c = lead.contact;
    const phone = c.phone ?? c.whatsapp;
    const rating = h(
      'div',
      { class: 'lead-ratings', role: 'group', 'aria-label': t('leadInterests') },
      ...RATINGS.map((value) => {
        const button = h(
          'button',
          { type: 'button', class: `rating rating-${value}`, 'aria-pressed': String(shown.rating === value) },
          t(`leadRating_${value}`),
        );
        button.addEventListener('click', () => edit({ rating: shown.rating === value ? null : value }));
        return button;
      }),
    );
    const products = booth(boothId)?.products ?? [];
    const tags = h(
      'div',
      { class: 'chips' },
      ...(products.length > 0 ? products : [booth(boothId)?.category ?? '']).map((product) => {
        const on = shown.tags.includes(product);
        const chip = h(
          'button',
          { type: 'button', class: 'chip', 'aria-pressed': String(on), dir: 'auto' },
          tagLabel(product),
        );
        chip.addEventListener('click', () =>
          edit({ tags: on ? shown.tags.filter((tag) => tag !== product) : [...shown.tags, product] }),
        );
        return chip;
      }),
    );
    const text = h('textarea', {
      class: 'lead-note',
      maxlength: 500,
      rows: 2,
      dir: 'auto',
      'aria-label': t('leadNote'),
    });
    text.value = shown.note;
    // Kept on the phone at every keystroke, so a reply to another edit that redraws the list
    // (the rating just tapped) cannot take back what is being typed; sent when the field is left.
    const typingHere = () => {
      typing = { ticket: lead.ticketId, caret: text.selectionStart };
    };
    text.addEventListener('focus', typingHere);
    text.addEventListener('input', () => {
      typingHere();
      saveEdit(boothId, lead.ticketId, { note: text.value });
    });
    text.addEventListener('change', () => edit({ note: text.value.trim() }));
    text.addEventListener('blur', () => {
      // Left by the person for another field (still on the page, and no longer the page's focus), not
      // removed by a redraw nor blurred with the whole window (the phone's screen locked, a
      // notification): nothing is being typed.
      if (text.isConnected && document.activeElement !== text && typing?.ticket === lead.ticketId) typing = undefined;
      if (savedEdits(boothId)[lead.ticketId]) void sync(boothId);
    });
    const state = h('p', { class: 'muted lead-state' }, pending ? t('leadSavedHere') : '');
    function edit(change: Omit<LeadEdit, 'editedAt'>): void {
      saveEdit(boothId, lead.ticketId, change);
      show();
      void sync(boothId);
    }
    return h(
      'li',
      { class: 'lead', 'data-ticket': lead.ticketId },
      h(
        'div',
        { class: 'lead-head' },
        h('strong', { dir: 'auto' }, c.name ?? t(`category_${lead.category}`)),
        h('span', { class: 'muted' }, formatDay(lead.day)),
      ),
      h(
        'p',
        { class: 'lead-contact' },
        phone ? h('a', { href: `tel:${phone}`, dir: 'ltr' }, displayPhone(phone)) : null,
        c.whatsapp ? h('a', { href: `https://wa.me/${c.whatsapp.replace(/\D/g, '')}`, dir: 'ltr' }, 'WhatsApp') : null,
        c.email ? h('a', { href: `mailto:${c.email}`, dir: 'ltr' }, c.email) : null,
        c.city ? h('span', { dir: 'auto' }, c.city) : null,
        c.organisation ? h('span', { dir: 'auto' }, c.organisation) : null,
      ),
      rating,
      tags,
      text,
      state,
    );
  }

  function show(): void {
    if (!current || !leads) return;
    const edits = savedEdits(current.boothId);
    note.textContent = `${t('visitorsSeen', { count: leads.visitorsSeen })}${leads.leads.length ? '' : ` · ${t('leadsNone')}`}`;
    const boothId = current.boothId;
    // The note being typed keeps its focus and caret through the redraw.
    const active = document.activeElement;
    if (active instanceof HTMLTextAreaElement && list.contains(active) && typing)
      typing = { ...typing, caret: active.selectionStart };
    const keep = typing;
    list.replaceChildren(...leads.leads.map((lead) => card(boothId, lead, edits[lead.ticketId])));
    applyLanguage(element);
    if (keep) {
      const again = list.querySelector<HTMLTextAreaElement>(`li[data-ticket="${keep.ticket}"] textarea`);
      again?.focus();
      again?.setSelectionRange(keep.caret, keep.caret);
    }
  }

  async function refresh(boothId: string, day: string): Promise<void> {
    current = { boothId, day };
    const query = wholeFair ? 'period=fair' : `day=${day}`;
    leads = await request<Leads>(`/v1/booths/${encodeURIComponent(boothId)}/leads?${query}`);
    show();
  }

  let retrying = false;
  async function sync(boothId: string): Promise<void> {
    const edits = savedEdits(boothId);
    for (const [ticketId, edit] of Object.entries(edits)) {
      try {
        const stored = await request<BoothLead>(`/v1/booths/${encodeURIComponent(boothId)}/leads/${ticketId}`, {
          method: 'PUT',
          body: edit,
        });
        const left = savedEdits(boothId);
        // Forgotten only if not edited again meanwhile.
        if (left[ticketId]?.editedAt === edit.editedAt) delete left[ticketId];
        localStorage.setItem(editsKey(boothId), JSON.stringify(left));
        if (leads) leads.leads = leads.leads.map((lead) => (lead.ticketId === ticketId ? stored : lead));
      } catch (error) {
        if (error instanceof NetworkError) {
          // Kept on the phone; tried again soon rather than at the next refresh, half a minute away.
          if (!retrying) {
            retrying = true;
            setTimeout(() => {
              retrying = false;
              void sync(boothId);
            }, RETRY_MS);
          }
          return;
        }
        // Refused (the visitor withdrew, a tag no longer sold): the edit cannot be kept.
        if (error instanceof ApiError) {
          const left = savedEdits(boothId);
          delete left[ticketId];
          localStorage.setItem(editsKey(boothId), JSON.stringify(left));
        } else throw error;
      }
    }
    show();
  }

  const element = h(
    'section',
    { class: 'card', id: 'leads-card' },
    h('h2', { t: 'leads' }),
    h('div', { class: 'lead-period', role: 'group' }, today, fair),
    note,
    scrollRegion('leads', list),
    h('div', { class: 'row' }, csv, vcf),
  );
  applyLanguage(element);
  return { element, refresh, sync };
}
