import type { Evacuation } from '../../../shared/contract/answers';
import { zoneOf } from '../../../shared/domain/fair-time';
import type { Category } from '../../../shared/domain/ticket-token';
import { ApiError, againWhenAnswered, request } from '../common/api';
import { h } from '../common/dom';
import { explain } from '../common/explain';
import { applyLanguage, formatTime, t } from '../common/i18n';
import { gateNameIn, zoneNameIn, zoneOptions } from '../common/names';
import type { Fair } from '../common/types';

interface RollCall {
  inside: { ticketId: string; category: Category; holderName?: string; zoneId: string; lastGateId?: string }[];
}

/** Starting an evacuation: the zone, a reason, and a second, separate press. */
function startForm(fair: Fair, started: () => Promise<void>): HTMLElement[] {
  const zone = h('select', { id: 'evacuate-zone' }, ...zoneOptions(fair));
  const reason = h('input', { id: 'evacuate-reason', required: true, maxlength: 500, dir: 'auto' });
  const confirm = h('button', {
    type: 'button',
    class: 'danger',
    id: 'evacuate-confirm',
    hidden: true,
    t: 'evacuateConfirm',
  });
  const status = h('p', { class: 'form-error', role: 'alert' });
  const start = h('button', { type: 'button', class: 'danger', id: 'evacuate', t: 'evacuateStart' });
  start.addEventListener('click', () => {
    if (!reason.value.trim()) {
      status.textContent = t('evacuateReasonNeeded');
      return;
    }
    // A second, separate press: a single slip of the finger must not clear a hall.
    confirm.hidden = false;
    start.hidden = true;
  });
  confirm.addEventListener('click', async () => {
    try {
      await request('/v1/evacuations', { body: { zoneId: zone.value, reason: reason.value.trim() } });
      await started();
    } catch (error) {
      status.textContent = explain(error);
    }
  });
  return [
    h('h3', { t: 'evacuationHeading' }),
    h('label', { for: zone.id, t: 'evacuateZone' }),
    zone,
    h('label', { for: reason.id, t: 'evacuateReason' }),
    reason,
    start,
    confirm,
    status,
  ];
}

/** Who is still inside, by name (or ticket), category, zone and the gate they last used. */
function rollCallTable(fair: Fair, roll: RollCall | undefined): HTMLElement {
  const head = (['holder', 'category', 'zone', 'lastGate'] as const).map((key) => h('th', { t: key }));
  return h(
    'table',
    { class: 'roll-call', id: 'roll-call' },
    h('thead', {}, h('tr', {}, ...head)),
    h(
      'tbody',
      {},
      ...(roll?.inside ?? []).map((entry) =>
        h(
          'tr',
          { 'data-ticket': entry.ticketId },
          h('td', { dir: 'auto' }, entry.holderName ?? entry.ticketId),
          h('td', {}, t(`category_${entry.category}`)),
          h('td', {}, zoneNameIn(fair, entry.zoneId) ?? entry.zoneId),
          h('td', {}, gateNameIn(fair, entry.lastGateId) ?? entry.lastGateId ?? '—'),
        ),
      ),
    ),
  );
}

/** An evacuation under way: where, since when, why, its roll call, and its end (pressed twice). */
async function underWay(fair: Fair, evacuation: Evacuation, ended: () => Promise<void>): Promise<HTMLElement[]> {
  const path = `/v1/evacuations/${evacuation.evacuationId}`;
  const roll = await request<RollCall>(`${path}/roll-call`).catch(() => undefined);
  const end = h('button', { type: 'button', class: 'primary', id: 'evacuation-end', t: 'evacuationEnd' });
  const endConfirm = h('button', {
    type: 'button',
    class: 'primary',
    hidden: true,
    id: 'evacuation-end-confirm',
    t: 'evacuationEndConfirm',
  });
  end.addEventListener('click', () => {
    end.hidden = true;
    endConfirm.hidden = false;
  });
  endConfirm.addEventListener('click', async () => {
    await request(`${path}/end`, { method: 'POST' });
    await ended();
  });
  const since = t('evacuationSince', {
    zone: zoneNameIn(fair, evacuation.zoneId) ?? evacuation.zoneId,
    time: formatTime(evacuation.startedAt, zoneOf(fair)),
    who: evacuation.startedBy,
  });
  return [
    h('h3', { t: 'evacuationUnderWay' }),
    h('p', { class: 'evacuation-zone-line' }, since),
    h('p', { dir: 'auto' }, evacuation.reason),
    h('h4', {}, t('rollCall', { count: roll?.inside.length ?? 0 })),
    rollCallTable(fair, roll),
    end,
    endConfirm,
  ];
}

/**
 * The evacuation card: started with a second confirmation, its roll call while under way, ended once.
 */
export function evacuationCard(fair: Fair) {
  const element = h('div', { class: 'card evacuation-control', id: 'evacuation-control' });
  async function show(): Promise<void> {
    let current: Evacuation | undefined;
    try {
      current = await request<Evacuation>('/v1/evacuations/current');
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) {
        element.replaceChildren(h('p', { class: 'form-error' }, explain(error)));
        againWhenAnswered(error, show);
        return;
      }
    }
    element.classList.toggle('active', current !== undefined);
    element.replaceChildren(...(current ? await underWay(fair, current, show) : startForm(fair, show)));
    applyLanguage(element);
  }
  return { element, show };
}
