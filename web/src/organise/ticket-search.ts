import type { Category } from '../../../shared/domain/ticket-token';
import { request } from '../common/api';
import { h, scrollRegion } from '../common/dom';
import { explain } from '../common/explain';
import { applyLanguage, formatShortDay, t } from '../common/i18n';
import type { BadgeToPrint } from '../common/print-job';
import type { Issued } from './issue-form';
import { privacyPanel } from './privacy-panel';

/** A ticket as the search finds it. */
interface Found {
  ticketId: string;
  category: Category;
  validDays: string[];
  revoked: boolean;
  shortCode?: string;
  holderName?: string;
  boothId?: string;
}

/** What a found ticket's row works with: printing, the badges picked, the privacy panel's place. */
interface Desk {
  print: (badges: BadgeToPrint[]) => void;
  selected: Set<string>;
  showSelected: () => void;
  privacyHolder: HTMLElement;
}

const ticketPath = (ticketId: string) => `/v1/tickets/${encodeURIComponent(ticketId)}`;

/** A button whose action, once confirmed if asked, reports its failure in the row's status cell. */
function action(
  status: HTMLElement,
  attributes: Parameters<typeof h<'button'>>[1],
  run: () => Promise<void>,
  confirmText?: () => string,
) {
  const button = h('button', { type: 'button', ...attributes });
  button.addEventListener('click', async () => {
    if (confirmText && !window.confirm(confirmText())) return;
    try {
      await run();
    } catch (error) {
      status.textContent = explain(error);
    }
  });
  return button;
}

/** One found ticket: pick its badge, reprint it, replace a lost one, open its personal data, revoke it. */
function ticketRow(ticket: Found, desk: Desk): HTMLElement {
  const who = ticket.holderName ?? ticket.shortCode ?? ticket.ticketId;
  const status = h('td', {}, ticket.revoked ? t('ticketRevoked') : '');
  const revoke = action(
    status,
    { class: 'danger', t: 'revoke', disabled: ticket.revoked },
    async () => {
      await request(`${ticketPath(ticket.ticketId)}/revoke`, { body: {} });
      status.textContent = t('ticketRevoked');
      revoke.disabled = true;
    },
    () => t('revokeTicketConfirm', { who }),
  );
  const reprint = action(status, { t: 'printBadge' }, async () =>
    desk.print([await request<Found & { token: string }>(ticketPath(ticket.ticketId))]),
  );
  // A lost badge: the holder's new ticket printed, the lost one refused from its next scan.
  const lost = action(
    status,
    { class: 'lost-badge', t: 'lostBadge', disabled: ticket.revoked },
    async () => {
      const made = await request<Issued>(`${ticketPath(ticket.ticketId)}/reissue`, { body: {} });
      desk.print([{ ...made, ...(ticket.holderName ? { holderName: ticket.holderName } : {}) }]);
    },
    () => t('lostBadgeConfirm', { who }),
  );
  const personal = action(status, { t: 'privacyOpen' }, async () => {
    desk.privacyHolder.replaceChildren(privacyPanel(ticket.ticketId));
    desk.privacyHolder.scrollIntoView({ block: 'nearest' });
  });
  const pick = h('input', {
    type: 'checkbox',
    class: 'pick-badge',
    't-label': 'pickBadge',
    checked: desk.selected.has(ticket.ticketId),
    disabled: ticket.revoked,
  });
  pick.addEventListener('change', () => {
    if (pick.checked) desk.selected.add(ticket.ticketId);
    else desk.selected.delete(ticket.ticketId);
    desk.showSelected();
  });
  return h(
    'tr',
    { 'data-ticket-id': ticket.ticketId },
    h('td', {}, pick),
    h('td', { dir: 'auto' }, ticket.holderName ?? '—'),
    h('td', {}, t(`category_${ticket.category}`)),
    h('td', {}, h('code', {}, ticket.shortCode ?? ticket.ticketId)),
    h('td', {}, ticket.validDays.map(formatShortDay).join(', ')),
    status,
    h('td', {}, h('div', { class: 'row' }, reprint, lost, personal, revoke)),
  );
}

/** Finding a ticket by id, short code or part of a name; badges picked from the results print together. */
export function ticketSearch(print: (badges: BadgeToPrint[]) => void, privacyHolder: HTMLElement): HTMLElement {
  const query = h('input', { id: 'ticket-search', type: 'search', minlength: 2, autocomplete: 'off', dir: 'auto' });
  const results = h('tbody', { id: 'ticket-results' });
  const problem = h('p', { class: 'form-error', role: 'alert' });
  const printSelected = h('button', { type: 'button', id: 'print-selected', class: 'primary', hidden: true });
  const desk: Desk = {
    print,
    privacyHolder,
    selected: new Set<string>(),
    showSelected() {
      printSelected.hidden = desk.selected.size === 0;
      printSelected.textContent = t('printBadgesCount', { count: desk.selected.size });
    },
  };
  printSelected.addEventListener('click', async () => {
    try {
      print(await Promise.all([...desk.selected].map((id) => request<Found & { token: string }>(ticketPath(id)))));
    } catch (error) {
      problem.textContent = explain(error);
    }
  });
  const search = h(
    'form',
    { class: 'card', id: 'find-ticket' },
    h('h2', { t: 'findTicket' }),
    h('label', { for: 'ticket-search', t: 'findTicketHelp' }),
    h('div', { class: 'row' }, query, h('button', { type: 'submit', class: 'primary', t: 'search' })),
    problem,
    scrollRegion('findTicket', h('table', {}, results)),
    printSelected,
  );
  search.addEventListener('submit', async (event) => {
    event.preventDefault();
    problem.textContent = '';
    try {
      const found = await request<{ tickets: Found[] }>(`/v1/tickets?q=${encodeURIComponent(query.value.trim())}`);
      results.replaceChildren(...found.tickets.map((ticket) => ticketRow(ticket, desk)));
      if (found.tickets.length === 0) problem.textContent = t('nothingFound');
      applyLanguage(results);
    } catch (error) {
      problem.textContent = explain(error);
    }
  });
  return search;
}
