import type { BoothLead } from '../../../shared/contract/answers';
import { NetworkError, request } from '../common/api';
import { h, scrollRegion } from '../common/dom';
import { downloadButton } from '../common/download-button';
import { applyLanguage, language, t } from '../common/i18n';
import type { Booth } from '../common/types';
import { type CardContext, leadCard, type Typing } from './lead-card';
import { type LeadEdit, savedEdits, saveEdit, sendEdits } from './lead-edits';

/**
 * The booth's leads: today's or the whole fair's, each with only what the visitor agreed to share
 * (a tap calls or opens WhatsApp), and the booth's own rating, interests and note. Edits are kept on
 * the phone first and sent from there (the latest edit wins on the server, whichever phone sends
 * last), so a booth without network keeps working; exports for Excel and for the phone's contacts.
 */
interface Leads {
  visitorsSeen: number;
  leads: BoothLead[];
}

const RETRY_MS = 5000;

export interface LeadsPanel {
  element: HTMLElement;
  refresh(boothId: string, day: string): Promise<void>;
  /** Sends the edits kept on this phone. */
  sync(boothId: string): Promise<void>;
}

/** Today's leads or the whole fair's, and their downloads for Excel and the phone's contacts. */
function leadsPeriod(current: () => { boothId: string; day: string } | undefined, chosen: () => void) {
  let wholeFair = false;
  const toggle = (id: string, pressed: boolean, label: 'leadsToday' | 'leadsWholeFair') =>
    h('button', { type: 'button', class: 'toggle', id, 'aria-pressed': String(pressed), t: label });
  const today = toggle('leads-today', true, 'leadsToday');
  const fair = toggle('leads-fair', false, 'leadsWholeFair');
  const query = () => (wholeFair ? 'period=fair' : `day=${current()?.day}`);
  // The CSV's headers in the page's language at the press; contacts have none.
  const file = (extension: 'csv' | 'vcf') => () => {
    const shown = current();
    if (!shown) return undefined;
    return {
      path: `/v1/booths/${shown.boothId}/leads.${extension}?${query()}${extension === 'csv' ? `&lang=${language()}` : ''}`,
      name: `leads-${shown.boothId}-${wholeFair ? 'fair' : shown.day}.${extension}`,
    };
  };
  const csv = downloadButton('leads-csv', 'downloadLeadsCsv', file('csv'));
  const vcf = downloadButton('leads-vcf', 'downloadLeadsVcf', file('vcf'));
  const choose = (whole: boolean) => {
    wholeFair = whole;
    today.setAttribute('aria-pressed', String(!whole));
    fair.setAttribute('aria-pressed', String(whole));
    chosen();
  };
  today.addEventListener('click', () => choose(false));
  fair.addEventListener('click', () => choose(true));
  return {
    toggles: h('div', { class: 'lead-period', role: 'group' }, today, fair),
    buttons: [csv.button, vcf.button],
    // The two buttons in a row, and under it why a download could not come.
    downloads: [h('div', { class: 'row' }, csv.button, vcf.button), csv.problem, vcf.problem],
    query,
  };
}

/** What a lead's interests are chosen from: the booth's products, else its category. */
const productsOf = (booth: Booth | undefined) => (booth?.products?.length ? booth.products : [booth?.category ?? '']);

/** Runs a retry in a few seconds, one at a time however often it is asked for. */
function soonAgain() {
  let waiting = false;
  return (again: () => void) => {
    if (waiting) return;
    waiting = true;
    setTimeout(() => {
      waiting = false;
      again();
    }, RETRY_MS);
  };
}

export function leadsPanel(
  booth: (boothId: string) => Booth | undefined,
  tagLabel: (tag: string) => string,
): LeadsPanel {
  let current: { boothId: string; day: string } | undefined;
  let leads: Leads | undefined;
  // A redraw that removes the focused note (or a blur it fires on its way out) must not lose it.
  const typing: Typing = {};
  const note = h('p', { class: 'muted', id: 'leads-note', role: 'status' });
  const list = h('ul', { class: 'lead-list', id: 'leads' });
  const period = leadsPeriod(
    () => current,
    () => current && void refresh(current.boothId, current.day),
  );
  const context = (boothId: string): CardContext => ({
    boothId,
    products: productsOf(booth(boothId)),
    tagLabel,
    typing,
    edit(ticketId: string, change: Omit<LeadEdit, 'editedAt'>) {
      saveEdit(boothId, ticketId, change);
      show();
      void sync(boothId);
    },
    sync: () => void sync(boothId),
  });

  function show(): void {
    if (!current || !leads) return;
    const edits = savedEdits(current.boothId);
    note.textContent = `${t('visitorsSeen', { count: leads.visitorsSeen })}${leads.leads.length ? '' : ` · ${t('leadsNone')}`}`;
    // Nothing to download until a visitor has said yes: an empty file would look like a lost list.
    for (const button of period.buttons) button.disabled = leads.leads.length === 0;
    // The note being typed keeps its focus and caret through the redraw.
    const active = document.activeElement;
    if (active instanceof HTMLTextAreaElement && list.contains(active) && typing.current)
      typing.current = { ...typing.current, caret: active.selectionStart };
    const keep = typing.current;
    const cards = context(current.boothId);
    list.replaceChildren(...leads.leads.map((lead) => leadCard(lead, edits[lead.ticketId], cards)));
    applyLanguage(element);
    if (keep) {
      const again = list.querySelector<HTMLTextAreaElement>(`li[data-ticket="${keep.ticket}"] textarea`);
      again?.focus();
      again?.setSelectionRange(keep.caret, keep.caret);
    }
  }

  async function refresh(boothId: string, day: string): Promise<void> {
    current = { boothId, day };
    leads = await request<Leads>(`/v1/booths/${encodeURIComponent(boothId)}/leads?${period.query()}`);
    show();
  }

  const retry = soonAgain();
  async function sync(boothId: string): Promise<void> {
    try {
      await sendEdits(boothId, (stored) => {
        if (leads) leads.leads = leads.leads.map((lead) => (lead.ticketId === stored.ticketId ? stored : lead));
      });
    } catch (error) {
      if (!(error instanceof NetworkError)) throw error;
      // Kept on the phone; tried again soon rather than at the next refresh, half a minute away.
      return retry(() => void sync(boothId));
    }
    show();
  }

  const element = h(
    'section',
    { class: 'card', id: 'leads-card' },
    h('h2', { t: 'leads' }),
    period.toggles,
    note,
    scrollRegion('leads', list),
    ...period.downloads,
  );
  applyLanguage(element);
  return { element, refresh, sync };
}
