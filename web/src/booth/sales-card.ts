import { request } from '../common/api';
import { h } from '../common/dom';
import { explain } from '../common/explain';
import { applyLanguage, t } from '../common/i18n';

/**
 * The day's sales, as the cooperative declares them at the end of the day (in dirhams): its own figure
 * here; the region's reports publish only totals over several booths.
 */
export function salesCard(): { element: HTMLElement; show: (boothId: string, day: string, declared?: number) => void } {
  const amount = h('input', {
    id: 'sales-amount',
    type: 'number',
    inputmode: 'numeric',
    min: 0,
    max: 10_000_000,
    step: 1,
    required: true,
    dir: 'ltr',
  });
  const status = h('p', { role: 'status', id: 'sales-status' });
  let target = { boothId: '', day: '' };
  const form = h(
    'form',
    { class: 'card', id: 'sales-form' },
    h('h2', { t: 'salesTitle' }),
    h('p', { class: 'muted', t: 'salesHelp' }),
    h('label', { for: amount.id, t: 'salesAmount' }),
    amount,
    h('button', { type: 'submit', class: 'primary', t: 'save' }),
    status,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    status.textContent = '';
    try {
      await request(`/v1/booths/${encodeURIComponent(target.boothId)}/sales/${target.day}`, {
        method: 'PUT',
        body: { amountMad: Number(amount.value) },
      });
      status.textContent = t('salesSaved');
    } catch (error) {
      status.textContent = explain(error);
    }
  });
  applyLanguage(form);
  return {
    element: form,
    show: (boothId, day, declared) => {
      const changed = target.boothId !== boothId || target.day !== day;
      target = { boothId, day };
      // The server's figure, unless the cooperative is typing one.
      if (changed || document.activeElement !== amount) amount.value = declared === undefined ? '' : String(declared);
      if (changed) status.textContent = '';
    },
  };
}
