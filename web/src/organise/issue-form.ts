import { CATEGORIES, type Category } from '../../../shared/domain/ticket-token';
import { request } from '../common/api';
import { h, labelledField } from '../common/dom';
import { explain } from '../common/explain';
import { t } from '../common/i18n';
import type { BadgeToPrint } from '../common/print-job';
import type { Fair } from '../common/types';
import { sizePicker } from './badge-set';
import { contactFields } from './contact-fields';

/** A ticket as issued: what its badge prints. */
export interface Issued {
  ticketId: string;
  token: string;
  shortCode: string;
  category: Category;
  validDays: string[];
  consentCode?: string;
}

/** The form's inputs: category (and booth for exhibitors), days, holder, note, contact, how many. */
function issueFields(fair: Fair) {
  const category = h(
    'select',
    { id: 'ticket-category', name: 'category' },
    ...CATEGORIES.map((value) => h('option', { value, t: `category_${value}` })),
  );
  const booth = h(
    'select',
    { id: 'ticket-booth', name: 'boothId' },
    h('option', { value: '' }, '—'),
    ...fair.booths.map((b) => h('option', { value: b.boothId }, `${b.boothId} · ${b.exhibitor}`)),
  );
  const boothRow = h('div', { hidden: true }, ...labelledField('booth', booth));
  category.addEventListener('change', () => {
    boothRow.hidden = category.value !== 'exhibitor';
  });
  const dayBox = (day: string) =>
    h(
      'label',
      { class: 'check' },
      h('input', { type: 'checkbox', name: 'day', value: day, checked: true }),
      h('span', { 'data-short-day': day }),
    );
  const text = (id: string, name: string, maxlength: number) =>
    h('input', { id, name, maxlength, autocomplete: 'off', dir: 'auto' });
  return {
    category,
    booth,
    boothRow,
    days: h(
      'fieldset',
      { class: 'scope', id: 'ticket-days' },
      h('legend', { t: 'validDays' }),
      ...fair.days.map(dayBox),
    ),
    holder: text('ticket-holder', 'holderName', 200),
    note: text('ticket-note', 'attentionNote', 500),
    howMany: h('input', { id: 'ticket-count', type: 'number', min: 1, max: 500, value: 1, inputmode: 'numeric' }),
    contact: contactFields(),
  };
}

type IssueFields = ReturnType<typeof issueFields>;

/** One ticket as the fields describe it, as the API takes it. */
function ticketBody({ category, days, holder, note, contact, booth }: IssueFields) {
  const holderName = holder.value.trim();
  const attentionNote = note.value.trim();
  return {
    category: category.value,
    validDays: [...days.querySelectorAll<HTMLInputElement>('input:checked')].map((input) => input.value),
    ...(holderName ? { holderName } : {}),
    ...(attentionNote ? { attentionNote } : {}),
    ...contact.value(holderName !== ''),
    ...(category.value === 'exhibitor' && booth.value ? { boothId: booth.value } : {}),
  };
}

/** Issues one ticket, or up to 500 alike in one request. */
async function issue(body: ReturnType<typeof ticketBody>, count: number): Promise<Issued[]> {
  if (count === 1) return [await request<Issued>('/v1/tickets', { body })];
  const answer = await request<{ tickets: Issued[] }>('/v1/tickets/batch', {
    body: { tickets: Array(count).fill(body) },
  });
  return answer.tickets;
}

/** The tickets issued since the set was started: listed, and their badges printed together, full sheets. */
function issuedSet(print: (badges: BadgeToPrint[]) => void) {
  const list = h('ul', { class: 'issued', id: 'issued' });
  const printAll = h('button', {
    type: 'button',
    class: 'primary',
    id: 'print-issued',
    hidden: true,
    t: 'printBadges',
  });
  const newSet = h('button', { type: 'button', id: 'new-set', hidden: true, t: 'newBadgeSet' });
  let issued: BadgeToPrint[] = [];
  const show = () => {
    list.replaceChildren(
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
    printAll.hidden = newSet.hidden = issued.length === 0;
    printAll.textContent = t('printBadgesCount', { count: issued.length });
  };
  printAll.addEventListener('click', () => print(issued));
  newSet.addEventListener('click', () => {
    issued = [];
    show();
  });
  return {
    elements: [list, h('div', { class: 'row' }, printAll, sizePicker('badge-size'), newSet)],
    add(badges: BadgeToPrint[]): void {
      issued = [...issued, ...badges];
      show();
    },
  };
}

/** Issuing tickets: one or many alike, each issue added to the set whose badges print together. */
export function issueForm(fair: Fair, print: (badges: BadgeToPrint[]) => void): HTMLElement {
  const fields = issueFields(fair);
  const set = issuedSet(print);
  const problem = h('p', { class: 'form-error', role: 'alert' });
  const form = h(
    'form',
    { class: 'card', id: 'issue-tickets' },
    h('h2', { t: 'issueTickets' }),
    ...labelledField('category', fields.category),
    fields.boothRow,
    fields.days,
    ...labelledField('holderName', fields.holder),
    ...labelledField('attentionNote', fields.note),
    fields.contact.element,
    ...labelledField('howMany', fields.howMany),
    problem,
    h('button', { type: 'submit', class: 'primary', t: 'issue' }),
    ...set.elements,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    problem.textContent = '';
    const one = ticketBody(fields);
    const { holderName, boothId } = one as { holderName?: string; boothId?: string };
    try {
      const made = await issue(one, Math.max(1, Math.min(500, Number(fields.howMany.value) || 1)));
      set.add(
        made.map((ticket) => ({ ...ticket, ...(holderName ? { holderName } : {}), ...(boothId ? { boothId } : {}) })),
      );
      fields.holder.value = '';
      fields.note.value = '';
      fields.contact.clear();
    } catch (error) {
      problem.textContent = explain(error);
    }
  });
  return form;
}
