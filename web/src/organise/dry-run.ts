import { fairDay, wallClock, zonedIso, zoneOf } from '../../../shared/domain/fair-time';
import { request } from '../common/api';
import { fieldPair, h } from '../common/dom';
import { explain } from '../common/explain';
import { fairNow } from '../common/fair-clock';
import { applyLanguage, localName, t } from '../common/i18n';
import type { DryRun, Fair } from '../common/types';

/**
 * The help desk's question, "would this badge get in at that gate at that time?": a code (the QR's
 * text or the short code), a gate, a day and a time; the verdict in words and the rule that decided,
 * judged on the server by the gates' own rules, and nothing recorded.
 */
export function dryRunCard(fair: Fair): HTMLElement {
  const code = h('input', { id: 'dry-code', required: true, maxlength: 4096, autocomplete: 'off', dir: 'ltr' });
  const gate = h(
    'select',
    { id: 'dry-gate' },
    ...fair.gates.map((each) => h('option', { value: each.gateId, dir: 'auto' }, localName(each))),
  );
  const now = fairNow();
  const today = fairDay(now, zoneOf(fair));
  const day = h(
    'select',
    { id: 'dry-day' },
    ...fair.days.map((each) => h('option', { value: each, 'data-short-day': each, selected: each === today })),
  );
  const clock = wallClock(now, zoneOf(fair));
  const time = h('input', {
    id: 'dry-time',
    type: 'time',
    required: true,
    value: `${String(clock.hour).padStart(2, '0')}:${String(clock.minute).padStart(2, '0')}`,
  });
  const answer = h('p', { id: 'dry-answer', role: 'status', class: 'dry-answer' });
  const form = h(
    'form',
    { class: 'card', id: 'dry-run' },
    h('h2', { t: 'dryRunTitle' }),
    h('p', { class: 'muted', t: 'dryRunHelp' }),
    h('label', { for: code.id, t: 'dryRunCode' }),
    code,
    h('label', { for: gate.id, t: 'gate' }),
    gate,
    fieldPair(['day', day], ['time', time]),
    h('button', { type: 'submit', class: 'primary', t: 'dryRunCheck' }),
    answer,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    answer.textContent = '';
    try {
      const judged = await request<DryRun>('/v1/scans/dry-run', {
        body: {
          token: code.value.trim(),
          gateId: gate.value,
          direction: 'in',
          at: zonedIso(day.value, time.value, zoneOf(fair)),
        },
      });
      answer.dataset.verdict = judged.verdict;
      const rule = judged.rule;
      answer.textContent = [
        t(`verdict_${judged.verdict}`),
        judged.category ? t(`category_${judged.category}`) : '',
        rule ? t(rule.open ? 'dryRunInHours' : 'dryRunOutOfHours') : '',
        rule ? t(rule.gateAllowed ? 'dryRunGateYes' : 'dryRunGateNo') : '',
        rule?.oncePerDay ? t('dryRunOncePerDay') : '',
      ]
        .filter(Boolean)
        .join(' · ');
    } catch (error) {
      answer.textContent = explain(error);
    }
  });
  applyLanguage(form);
  return form;
}
