import { CATEGORIES } from '../../../shared/domain/ticket-token';
import { request } from '../common/api';
import { h, labelledField } from '../common/dom';
import { explain } from '../common/explain';
import { t } from '../common/i18n';
import { type BadgeSize, type BadgeToPrint, badgeSize, chooseBadgeSize } from '../common/print-job';
import type { Fair } from '../common/types';

/**
 * The badge size for the holders the fair bought, remembered on the device for every print: a select
 * with its words beside it (alone under a button, a phone showed "90 × 55 mm" with nothing saying what).
 */
export function sizePicker(id: string): HTMLElement {
  const picker = h(
    'select',
    { id },
    h('option', { value: '90x55', t: 'size90x55' }),
    h('option', { value: 'a6', t: 'sizeA6' }),
  );
  picker.value = badgeSize();
  picker.addEventListener('change', () => {
    chooseBadgeSize(picker.value as BadgeSize);
    for (const other of document.querySelectorAll<HTMLSelectElement>('select.badge-size')) other.value = picker.value;
  });
  picker.classList.add('badge-size');
  return h('label', { class: 'size-field' }, h('span', { t: 'badgeSize' }), picker);
}

/**
 * A set of badges printed together: a category, a booth's staff, the tickets issued on a day, or these
 * combined (revoked ones left out), read with their tokens in one request.
 */
export function badgeSetCard(fair: Fair, print: (badges: BadgeToPrint[]) => void): HTMLElement {
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
    ...labelledField('category', category),
    ...labelledField('booth', booth),
    ...labelledField('issuedOn', issuedOn),
    problem,
    h('div', { class: 'row' }, h('button', { type: 'submit', t: 'findBadgeSet' }), sizePicker('set-size')),
    found,
    printSet,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const query = new URLSearchParams({
      ...(category.value ? { category: category.value } : {}),
      ...(booth.value ? { boothId: booth.value } : {}),
      ...(issuedOn.value ? { issuedOn: issuedOn.value } : {}),
    });
    problem.textContent = query.size === 0 ? t('badgeSetNeedsChoice') : '';
    if (query.size === 0) return;
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
