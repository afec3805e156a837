import type { Incidents } from '../../../shared/contract/answers';
import { zoneOf } from '../../../shared/domain/fair-time';
import { INCIDENT_KINDS } from '../../../shared/domain/incidents';
import { request } from '../common/api';
import { h, labelledField } from '../common/dom';
import { explain } from '../common/explain';
import { applyLanguage, formatTime, t } from '../common/i18n';
import { nameOf, zoneNameIn, zoneOptions } from '../common/names';
import type { Fair } from '../common/types';

type Incident = Incidents['incidents'][number];

/** One incident of the log: when, what, where, and who read its broadcast. */
function incidentItem(fair: Fair, incident: Incident): HTMLElement {
  const kind = t(`incidentKind_${incident.kind}`);
  const where = zoneNameIn(fair, incident.zoneId) ?? incident.zoneId ?? '';
  return h(
    'li',
    { class: 'card incident', 'data-incident': incident.incidentId },
    h('strong', {}, `${formatTime(incident.at, zoneOf(fair))} · ${kind} · ${where}`),
    h('p', { dir: 'auto' }, incident.text),
    h(
      'p',
      { class: 'muted' },
      incident.broadcast
        ? t('incidentReadBy', { count: incident.readBy?.length ?? 0, who: nameOf(incident.by) })
        : t('incidentBy', { who: nameOf(incident.by) }),
    ),
  );
}

/** The incident log: an incident recorded (and broadcast to the gates, a zone or everyone), newest first. */
export function incidentsCard(fair: Fair) {
  const kind = h(
    'select',
    { id: 'incident-kind' },
    ...INCIDENT_KINDS.map((value) => h('option', { value, t: `incidentKind_${value}` })),
  );
  const zone = h('select', { id: 'incident-zone' }, ...zoneOptions(fair));
  const text = h('input', { id: 'incident-text', required: true, maxlength: 280, dir: 'auto' });
  const broadcast = h(
    'select',
    { id: 'incident-broadcast' },
    ...(
      [
        ['', 'broadcastNone'],
        ['gates', 'broadcastGates'],
        ['zone', 'broadcastZone'],
        ['all', 'broadcastAll'],
      ] as const
    ).map(([value, key]) => h('option', { value, t: key })),
  );
  const status = h('p', { class: 'muted', role: 'status' });
  const list = h('ol', { class: 'incidents', id: 'incidents' });
  const form = h(
    'form',
    { class: 'card', id: 'incident-form' },
    h('h3', { t: 'incidentsHeading' }),
    ...labelledField('incidentKind', kind),
    ...labelledField('zone', zone),
    ...labelledField('incidentText', text),
    ...labelledField('incidentBroadcast', broadcast),
    h('button', { type: 'submit', class: 'primary', t: 'incidentRecord' }),
    status,
  );
  async function show(): Promise<void> {
    const { incidents } = await request<{ incidents: Incident[] }>('/v1/incidents');
    list.replaceChildren(...[...incidents].reverse().map((incident) => incidentItem(fair, incident)));
    applyLanguage(list);
  }
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const body = { kind: kind.value, zoneId: zone.value, text: text.value.trim() };
      await request('/v1/incidents', { body: { ...body, ...(broadcast.value ? { broadcast: broadcast.value } : {}) } });
      text.value = '';
      status.textContent = t('saved');
      await show();
    } catch (error) {
      status.textContent = explain(error);
    }
  });
  return { elements: [form, list], show };
}
