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
  // Typed and not yet saved: the server's figure does not overwrite it (a refresh may land meanwhile).
  let typed = false;
  // What this phone saved last for the target: shown until the server's figure catches up.
  let saved: number | undefined;
  amount.addEventListener('input', () => {
    typed = true;
  });
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
      typed = false;
      saved = Number(amount.value);
      status.textContent = t('salesSaved');
    } catch (error) {
      status.textContent = explain(error);
    }
  });
  applyLanguage(form);
  return {
    element: form,
    show: (boothId, day, declared) => {
      // Another booth or day (not the first figure shown): what was typed was for the other one.
      const moved = target.boothId !== '' && (target.boothId !== boothId || target.day !== day);
      target = { boothId, day };
      if (moved) {
        typed = false;
        saved = undefined;
        status.textContent = '';
      }
      // The server's figure (or what was just saved, if an older answer lands), unless the cooperative
      // has typed one it has not saved yet.
      const figure = declared ?? saved;
      if (!typed) amount.value = figure === undefined ? '' : String(figure);
    },
  };
}
