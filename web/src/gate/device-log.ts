import type { FairZone } from '../../../shared/domain/fair-time';
import type { Category } from '../../../shared/domain/ticket-token';
import { h } from '../common/dom';
import { fairNow, fairToday } from '../common/fair-clock';
import { formatNumber, formatTime, t } from '../common/i18n';
import { STORED_PER } from '../common/stored';
import type { AnyVerdict } from '../common/verdict-view';
import { toneOf } from '../common/verdict-view';

interface Counts {
  in: number;
  out: number;
  refused: number;
}

/**
 * What this phone did today, for the steward at a glance: entries, exits and refusals (kept in
 * localStorage per fair day, so a reload keeps them) and its last five verdicts.
 */
export function deviceLog(zone: FairZone) {
  // The scans' own key, apart from the walk-in panel's (common/stored.ts says why).
  const countsKey = () => STORED_PER.scans(fairToday(zone));
  const counts = (): Counts => JSON.parse(localStorage.getItem(countsKey()) ?? '{"in":0,"out":0,"refused":0}');
  const tally = h('p', { class: 'tally', id: 'tally' });
  const lastScans = h('ol', { class: 'last-scans', id: 'last-scans' });
  const history: { at: Date; verdict: AnyVerdict; category?: Category; offline: boolean }[] = [];

  const showHistory = () =>
    lastScans.replaceChildren(
      ...history.map((entry) =>
        h(
          'li',
          { class: `tone-${toneOf(entry.verdict)}` },
          h('span', { class: 'muted' }, formatTime(entry.at, zone, true)),
          ' ',
          h('strong', {}, t(`verdict_${entry.verdict}`)),
          entry.category ? ` · ${t(`category_${entry.category}`)}` : '',
          entry.offline ? ` · ${t('offline')}` : '',
        ),
      ),
    );

  return {
    element: h('section', { class: 'card' }, h('h2', { t: 'onThisDevice' }), tally, lastScans),
    /** Counts a verdict once (a replayed scan is not counted again by the caller). */
    count(verdict: string): void {
      const next = counts();
      if (verdict === 'ADMITTED') next.in += 1;
      else if (verdict === 'EXITED') next.out += 1;
      else next.refused += 1;
      localStorage.setItem(countsKey(), JSON.stringify(next));
    },
    /** A verdict shown on screen joins the short list of this phone's last scans. */
    remember(shown: { verdict: AnyVerdict; category?: Category; offline?: boolean }): void {
      history.unshift({
        at: fairNow(),
        verdict: shown.verdict,
        offline: Boolean(shown.offline),
        ...(shown.category ? { category: shown.category } : {}),
      });
      history.length = Math.min(history.length, 5);
      showHistory();
    },
    render(): void {
      const c = counts();
      tally.replaceChildren(
        h('span', {}, `${t('entries')} `, h('strong', {}, formatNumber(c.in))),
        h('span', {}, `${t('exits')} `, h('strong', {}, formatNumber(c.out))),
        h('span', {}, `${t('refused')} `, h('strong', {}, formatNumber(c.refused))),
      );
      showHistory();
    },
  };
}
