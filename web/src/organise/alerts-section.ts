import type { ScanConflict as Conflict } from '../../../shared/contract/answers';
import { fairDay, zoneOf } from '../../../shared/domain/fair-time';
import { newestLoad, request } from '../common/api';
import { h, scrollRegion } from '../common/dom';
import { explain } from '../common/explain';
import { holderLabel } from '../common/holder';
import { applyLanguage, formatShortDay, formatTime, t } from '../common/i18n';
import { gateNameIn } from '../common/names';
import type { PageContext } from '../common/session';
import type { Fair } from '../common/types';
import { alertPeopleCard } from './alert-people';
import type { Section } from './main';
import { type Subscription, webhooksCard } from './webhooks-card';

/**
 * Where alerts go besides the dashboard (the people who get SMS and e-mail, on the SNS topic; webhooks:
 * listed, added, tested, deleted), and the scans two offline devices disagreed on: what each device
 * said, what the server decided.
 */
const COLUMNS = ['time', 'gate', 'ticket', 'device', 'deviceSaid', 'serverDecided'] as const;

/** A scan two offline devices disagreed on; whose ticket and which phone as people know them, ids a hover away. */
function conflictRow(fair: Fair, conflict: Conflict, when: (instant: string) => string): HTMLElement {
  const device = conflict.deviceLabel ?? (conflict.deviceId ? `…${conflict.deviceId.slice(-6)}` : '—');
  return h(
    'tr',
    { 'data-scan': conflict.scanId },
    h('td', {}, when(conflict.scannedAt)),
    h('td', {}, gateNameIn(fair, conflict.gateId) ?? conflict.gateId),
    h(
      'td',
      { dir: 'auto', title: conflict.ticketId ?? '' },
      conflict.ticketId ? holderLabel({ ...conflict, ticketId: conflict.ticketId }) : '—',
    ),
    h('td', { dir: 'auto', title: conflict.deviceId ?? '' }, device),
    h('td', {}, conflict.deviceSaid ? t(`verdict_${conflict.deviceSaid}`) : '—'),
    h('td', {}, t(`verdict_${conflict.verdict}`)),
  );
}

export function alertsSection({ fair }: PageContext): Section {
  const conflicts = h('tbody', { id: 'conflicts' });
  // No conflict: the words alone, not a table's six headings scrolling sideways above them on a phone.
  const table = scrollRegion(
    'offlineConflicts',
    h('table', {}, h('thead', {}, h('tr', {}, ...COLUMNS.map((key) => h('th', { t: key })))), conflicts),
  );
  const none = h('p', { class: 'muted', id: 'no-conflicts', t: 'noConflicts', hidden: true });
  const when = (instant: string) =>
    `${formatShortDay(fairDay(new Date(instant), zoneOf(fair)))} ${formatTime(instant, zoneOf(fair))}`;
  const webhooks = webhooksCard(when, () => load());

  const load = newestLoad(
    () =>
      Promise.all([
        request<{ subscriptions: Subscription[] }>('/v1/alert-subscriptions'),
        request<{ conflicts: Conflict[] }>('/v1/scans/conflicts'),
      ]),
    ([listed, found]) => {
      webhooks.problem.textContent = '';
      webhooks.show(listed.subscriptions);
      conflicts.replaceChildren(...found.conflicts.map((conflict) => conflictRow(fair, conflict, when)));
      table.hidden = found.conflicts.length === 0;
      none.hidden = !table.hidden;
      applyLanguage(conflicts);
    },
    (error) => {
      webhooks.problem.textContent = explain(error);
    },
  );

  const people = alertPeopleCard();
  const element = h(
    'section',
    { class: 'organise-part' },
    people.element,
    webhooks.element,
    h(
      'section',
      { class: 'card' },
      h('h2', { t: 'offlineConflicts' }),
      h('p', { class: 'muted', t: 'offlineConflictsHelp' }),
      table,
      none,
    ),
  );
  const both = () => void Promise.all([load(), people.load()]);
  return { id: 'alerts', title: 'tabAlerts', element, show: both, relabel: both };
}
