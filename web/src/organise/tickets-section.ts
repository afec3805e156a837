import type { Category } from '../../../shared/domain/ticket-token';
import { CATEGORIES } from '../../../shared/domain/ticket-token';
import { request } from '../common/api';
import { h, scrollRegion } from '../common/dom';
import { explain } from '../common/explain';
import { applyLanguage, formatShortDay, t } from '../common/i18n';
import { type BadgeSize, type BadgeToPrint, badgeSize, chooseBadgeSize, openPrintJob } from '../common/print-job';
import type { PageContext } from '../common/session';
import { contactFields } from './contact-fields';
import { dryRunCard } from './dry-run';
import type { Section } from './main';
import { privacyPanel } from './privacy-panel';

/** Tickets: issue one or many, find one (id, short code or part of a name), print badges, revoke. */
interface Issued {
  ticketId: string;
  token: string;
  shortCode: string;
  category: Category;
  validDays: string[];
  consentCode?: string;
}

interface Found {
  ticketId: string;
  category: Category;
  validDays: string[];
  revoked: boolean;
  shortCode?: string;
  holderName?: string;
  boothId?: string;
}

export function ticketsSection({ fair }: PageContext): Section {
  const category = h(
    'select',
    { id: 'ticket-category', name: 'category' },
    ...CATEGORIES.map((value) => h('option', { value, t: `category_${value}` })),
  );
  const days = h(
    'fieldset',
    { class: 'scope', id: 'ticket-days' },
    h('legend', { t: 'validDays' }),
    ...fair.days.map((day) =>
      h(
        'label',
        { class: 'check' },
        h('input', { type: 'checkbox', name: 'day', value: day, checked: true }),
        h('span', { 'data-short-day': day }),
      ),
    ),
  );
  const holder = h('input', {
    id: 'ticket-holder',
    name: 'holderName',
    maxlength: 200,
    autocomplete: 'off',
    dir: 'auto',
  });
  const note = h('input', {
    id: 'ticket-note',
    name: 'attentionNote',
    maxlength: 500,
    autocomplete: 'off',
    dir: 'auto',
  });
  const booth = h(
    'select',
    { id: 'ticket-booth', name: 'boothId' },
    h('option', { value: '' }, '—'),
    ...fair.booths.map((b) => h('option', { value: b.boothId }, `${b.boothId} · ${b.exhibitor}`)),
  );
  const boothRow = h('div', { hidden: true }, h('label', { for: 'ticket-booth', t: 'booth' }), booth);
  const howMany = h('input', { id: 'ticket-count', type: 'number', min: 1, max: 500, value: 1, inputmode: 'numeric' });
  const contact = contactFields();
  const size = sizePicker('badge-size');
  const problem = h('p', { class: 'form-error', role: 'alert' });
  const issuedList = h('ul', { class: 'issued', id: 'issued' });
  const printIssued = h('button', {
    type: 'button',
    class: 'primary',
    id: 'print-issued',
    hidden: true,
    t: 'printBadges',
  });
  const newSet = h('button', { type: 'button', id: 'new-set', hidden: true, t: 'newBadgeSet' });
  let issued: BadgeToPrint[] = [];

  category.addEventListener('change', () => {
    boothRow.hidden = category.value !== 'exhibitor';
  });
  const form = h(
    'form',
    { class: 'card', id: 'issue-tickets' },
    h('h2', { t: 'issueTickets' }),
    h('label', { for: 'ticket-category', t: 'category' }),
    category,
    boothRow,
    days,
    h('label', { for: 'ticket-holder', t: 'holderName' }),
    holder,
    h('label', { for: 'ticket-note', t: 'attentionNote' }),
    note,
    contact.element,
    h('label', { for: 'ticket-count', t: 'howMany' }),
    howMany,
    problem,
    h('button', { type: 'submit', class: 'primary', t: 'issue' }),
    issuedList,
    h('div', { class: 'row' }, printIssued, size, newSet),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    problem.textContent = '';
    const validDays = [...days.querySelectorAll<HTMLInputElement>('input:checked')].map((input) => input.value);
    const count = Math.max(1, Math.min(500, Number(howMany.value) || 1));
    const one = {
      category: category.value,
      validDays,
      ...(holder.value.trim() ? { holderName: holder.value.trim() } : {}),
      ...(note.value.trim() ? { attentionNote: note.value.trim() } : {}),
      ...contact.value(holder.value.trim() !== ''),
      ...(category.value === 'exhibitor' && booth.value ? { boothId: booth.value } : {}),
    };
    try {
      const made =
        count === 1
          ? [await request<Issued>('/v1/tickets', { body: one })]
          : (await request<{ tickets: Issued[] }>('/v1/tickets/batch', { body: { tickets: Array(count).fill(one) } }))
              .tickets;
      // Each issue adds to the set on screen: "print their badges" prints them all, full sheets.
      issued = [
        ...issued,
        ...made.map((ticket) => ({
          ...ticket,
          ...(one.holderName ? { holderName: one.holderName } : {}),
          ...(one.boothId ? { boothId: one.boothId } : {}),
        })),
      ];
      issuedList.replaceChildren(
        ...issued.map((ticket) =>
          h(
            'li',
            { 'data-ticket-id': ticket.ticketId },
            h('code', {}, ticket.shortCode ?? ticket.ticketId),
            ` · ${t(`category_${ticket.category}`)}`,
            ticket.holderName ? h('span', { dir: 'auto' }, ` · ${ticket.holderName}`) : '',
          ),
        ),
      );
      printIssued.hidden = false;
      newSet.hidden = false;
      printIssued.textContent = t('printBadgesCount', { count: issued.length });
      holder.value = '';
      note.value = '';
      contact.clear();
    } catch (error) {
      problem.textContent = explain(error);
    }
  });
  const print = (badges: BadgeToPrint[]) => openPrintJob({ kind: 'badges', badges, size: badgeSize() });
  printIssued.addEventListener('click', () => print(issued));
  newSet.addEventListener('click', () => {
    issued = [];
    issuedList.replaceChildren();
    printIssued.hidden = true;
    newSet.hidden = true;
  });

  // --- finding a ticket ---
  const query = h('input', { id: 'ticket-search', type: 'search', minlength: 2, autocomplete: 'off', dir: 'auto' });
  const results = h('tbody', { id: 'ticket-results' });
  const searchProblem = h('p', { class: 'form-error', role: 'alert' });
  // Badges picked from the results print together, full sheets (not one a page).
  const selected = new Set<string>();
  const printSelected = h('button', { type: 'button', id: 'print-selected', class: 'primary', hidden: true });
  const showSelected = () => {
    printSelected.hidden = selected.size === 0;
    printSelected.textContent = t('printBadgesCount', { count: selected.size });
  };
  printSelected.addEventListener('click', async () => {
    try {
      const badges = await Promise.all(
        [...selected].map((ticketId) =>
          request<Found & { token: string }>(`/v1/tickets/${encodeURIComponent(ticketId)}`),
        ),
      );
      print(badges);
    } catch (error) {
      searchProblem.textContent = explain(error);
    }
  });
  const search = h(
    'form',
    { class: 'card', id: 'find-ticket' },
    h('h2', { t: 'findTicket' }),
    h('label', { for: 'ticket-search', t: 'findTicketHelp' }),
    h('div', { class: 'row' }, query, h('button', { type: 'submit', class: 'primary', t: 'search' })),
    searchProblem,
    scrollRegion('findTicket', h('table', {}, results)),
    printSelected,
  );
  const privacyHolder = h('div', { id: 'privacy-holder' });
  const row = (ticket: Found) => {
    const status = h('td', {}, ticket.revoked ? t('ticketRevoked') : '');
    const revoke = h('button', { type: 'button', class: 'danger', t: 'revoke', disabled: ticket.revoked });
    revoke.addEventListener('click', async () => {
      if (!window.confirm(t('revokeTicketConfirm', { who: ticket.holderName ?? ticket.shortCode ?? ticket.ticketId })))
        return;
      try {
        await request(`/v1/tickets/${encodeURIComponent(ticket.ticketId)}/revoke`, { body: {} });
        status.textContent = t('ticketRevoked');
        revoke.disabled = true;
      } catch (error) {
        status.textContent = explain(error);
      }
    });
    const reprint = h('button', { type: 'button', t: 'printBadge' });
    reprint.addEventListener('click', async () => {
      try {
        const full = await request<Found & { token: string }>(`/v1/tickets/${encodeURIComponent(ticket.ticketId)}`);
        print([full]);
      } catch (error) {
        status.textContent = explain(error);
      }
    });
    // A lost badge: the holder's new ticket printed, the lost one refused from its next scan.
    const lost = h('button', { type: 'button', class: 'lost-badge', t: 'lostBadge', disabled: ticket.revoked });
    lost.addEventListener('click', async () => {
      if (!window.confirm(t('lostBadgeConfirm', { who: ticket.holderName ?? ticket.shortCode ?? ticket.ticketId })))
        return;
      try {
        const made = await request<Issued>(`/v1/tickets/${encodeURIComponent(ticket.ticketId)}/reissue`, { body: {} });
        print([{ ...made, ...(ticket.holderName ? { holderName: ticket.holderName } : {}) }]);
      } catch (error) {
        status.textContent = explain(error);
      }
    });
    const personal = h('button', { type: 'button', t: 'privacyOpen' });
    personal.addEventListener('click', () => {
      privacyHolder.replaceChildren(privacyPanel(ticket.ticketId));
      privacyHolder.scrollIntoView({ block: 'nearest' });
    });
    const pick = h('input', {
      type: 'checkbox',
      class: 'pick-badge',
      't-label': 'pickBadge',
      checked: selected.has(ticket.ticketId),
      disabled: ticket.revoked,
    });
    pick.addEventListener('change', () => {
      if (pick.checked) selected.add(ticket.ticketId);
      else selected.delete(ticket.ticketId);
      showSelected();
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
  };
  search.addEventListener('submit', async (event) => {
    event.preventDefault();
    searchProblem.textContent = '';
    try {
      const found = await request<{ tickets: Found[] }>(`/v1/tickets?q=${encodeURIComponent(query.value.trim())}`);
      results.replaceChildren(...found.tickets.map(row));
      if (found.tickets.length === 0) searchProblem.textContent = t('nothingFound');
      applyLanguage(results);
    } catch (error) {
      searchProblem.textContent = explain(error);
    }
  });

  const element = h(
    'section',
    { class: 'organise-part' },
    form,
    badgeSetCard(fair, print),
    search,
    privacyHolder,
    dryRunCard(fair),
  );
  return {
    id: 'tickets',
    title: 'tabTickets',
    element,
    show: () => undefined,
  };
}

/** The badge size for the holders the fair bought, remembered on the device for every print. */
function sizePicker(id: string): HTMLSelectElement {
  const picker = h(
    'select',
    { id, 't-label': 'badgeSize' },
    h('option', { value: '90x55', t: 'size90x55' }),
    h('option', { value: 'a6', t: 'sizeA6' }),
  );
  picker.value = badgeSize();
  picker.addEventListener('change', () => {
    chooseBadgeSize(picker.value as BadgeSize);
    for (const other of document.querySelectorAll<HTMLSelectElement>('select.badge-size')) other.value = picker.value;
  });
  picker.classList.add('badge-size');
  return picker;
}

/**
 * A set of badges printed together: a category, a booth's staff, the tickets issued on a day, or these
 * combined (revoked ones left out), read with their tokens in one request.
 */
function badgeSetCard(fair: PageContext['fair'], print: (badges: BadgeToPrint[]) => void): HTMLElement {
  const category = h(
    'select',
    { id: 'set-category', name: 'category' },
    h('option', { value: '', t: 'anyCategory' }),
    ...CATEGORIES.map((value) => h('option', { value, t: `category_${value}` })),
  );
  const booth = h(
    'select',
    { id: 'set-booth', name: 'boothId' },
    h('option', { value: '', t: 'anyBooth' }),
    ...fair.booths.map((b) => h('option', { value: b.boothId }, `${b.boothId} · ${b.exhibitor}`)),
  );
  const issuedOn = h('input', { id: 'set-issued-on', type: 'date', name: 'issuedOn' });
  const problem = h('p', { class: 'form-error', role: 'alert' });
  const found = h('p', { class: 'muted', id: 'set-found', 'aria-live': 'polite' });
  const printSet = h('button', { type: 'button', class: 'primary', id: 'print-set', hidden: true });
  let badges: BadgeToPrint[] = [];
  printSet.addEventListener('click', () => print(badges));
  const form = h(
    'form',
    { class: 'card', id: 'badge-set' },
    h('h2', { t: 'badgeSetTitle' }),
    h('p', { class: 'muted', t: 'badgeSetHelp' }),
    h('label', { for: 'set-category', t: 'category' }),
    category,
    h('label', { for: 'set-booth', t: 'booth' }),
    booth,
    h('label', { for: 'set-issued-on', t: 'issuedOn' }),
    issuedOn,
    problem,
    h('div', { class: 'row' }, h('button', { type: 'submit', t: 'findBadgeSet' }), sizePicker('set-size')),
    found,
    printSet,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    problem.textContent = '';
    const query = new URLSearchParams({
      ...(category.value ? { category: category.value } : {}),
      ...(booth.value ? { boothId: booth.value } : {}),
      ...(issuedOn.value ? { issuedOn: issuedOn.value } : {}),
    });
    if (query.size === 0) {
      problem.textContent = t('badgeSetNeedsChoice');
      return;
    }
    query.set('badges', 'true');
    try {
      const answer = await request<{ tickets: (BadgeToPrint & { revoked: boolean })[]; more: boolean }>(
        `/v1/tickets?${query}`,
      );
      badges = answer.tickets;
      found.textContent = t(answer.more ? 'badgeSetFoundMore' : 'badgeSetFound', { count: badges.length });
      printSet.hidden = badges.length === 0;
      printSet.textContent = t('printBadgesCount', { count: badges.length });
    } catch (error) {
      problem.textContent = explain(error);
    }
  });
  return form;
}
