import type { Device, Evacuation } from '../../../shared/contract/answers';
import { zoneOf } from '../../../shared/domain/fair-time';
import type { Category } from '../../../shared/domain/ticket-token';
import { ApiError, request } from '../common/api';
import { h } from '../common/dom';
import { explain } from '../common/explain';
import { fairNow } from '../common/fair-clock';
import { applyLanguage, formatNumber, formatTime, localName, t } from '../common/i18n';
import type { PageContext } from '../common/session';
import { closeDayCard } from './close-day';
import type { Section } from './main';
import { paperKitCard } from './paper-kit';

/**
 * The floor, for organisers: an evacuation (started with a second confirmation, its roll call, ended
 * once), the incident log with its broadcasts and who read them, and every device's last word (a
 * silent gate shows before its steward walks to the desk).
 */
interface RollCall {
  inside: { ticketId: string; category: Category; holderName?: string; zoneId: string; lastGateId?: string }[];
}
interface Incident {
  incidentId: string;
  kind: string;
  zoneId?: string;
  text: string;
  at: string;
  by: string;
  broadcast?: string;
  readBy?: { label: string; readAt: string }[];
}

const KINDS = ['lost-person', 'medical', 'security', 'crowding', 'technical'] as const;
/** A device not heard from this long during the day is shown as silent. */
const SILENT_AFTER_MS = 5 * 60_000;

export function floorSection({ fair }: PageContext): Section {
  const zoneName = (zoneId: string) => {
    const zone = fair.zones.find((candidate) => candidate.zoneId === zoneId);
    return zone ? localName(zone) : zoneId;
  };
  const gateName = (gateId: string | undefined) => {
    const gate = fair.gates.find((candidate) => candidate.gateId === gateId);
    return gate ? localName(gate) : (gateId ?? '—');
  };
  const zoneOptions = () => fair.zones.map((zone) => h('option', { value: zone.zoneId }, localName(zone)));

  // --- evacuation ---
  const evacuationBox = h('div', { class: 'card evacuation-control', id: 'evacuation-control' });
  const showEvacuation = async () => {
    let current: Evacuation | undefined;
    try {
      current = await request<Evacuation>('/v1/evacuations/current');
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) {
        evacuationBox.replaceChildren(h('p', { class: 'form-error' }, explain(error)));
        return;
      }
    }
    if (!current) {
      const zone = h('select', { id: 'evacuate-zone' }, ...zoneOptions());
      const reason = h('input', { id: 'evacuate-reason', required: true, maxlength: 500, dir: 'auto' });
      const confirm = h('button', {
        type: 'button',
        class: 'danger',
        id: 'evacuate-confirm',
        hidden: true,
        t: 'evacuateConfirm',
      });
      const status = h('p', { class: 'form-error', role: 'alert' });
      const start = h('button', {
        type: 'button',
        class: 'danger',
        id: 'evacuate',
        t: 'evacuateStart',
        onclick: () => {
          if (!reason.value.trim()) {
            status.textContent = t('evacuateReasonNeeded');
            return;
          }
          // A second, separate press: a single slip of the finger must not clear a hall.
          confirm.hidden = false;
          start.hidden = true;
        },
      });
      confirm.addEventListener('click', async () => {
        try {
          await request('/v1/evacuations', { body: { zoneId: zone.value, reason: reason.value.trim() } });
          await showEvacuation();
        } catch (error) {
          status.textContent = explain(error);
        }
      });
      evacuationBox.classList.remove('active');
      evacuationBox.replaceChildren(
        h('h3', { t: 'evacuationHeading' }),
        h('label', { for: zone.id, t: 'evacuateZone' }),
        zone,
        h('label', { for: reason.id, t: 'evacuateReason' }),
        reason,
        start,
        confirm,
        status,
      );
      applyLanguage(evacuationBox);
      return;
    }
    const evacuation = current;
    const roll = await request<RollCall>(`/v1/evacuations/${evacuation.evacuationId}/roll-call`).catch(() => undefined);
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
      await request(`/v1/evacuations/${evacuation.evacuationId}/end`, { method: 'POST' });
      await showEvacuation();
    });
    evacuationBox.classList.add('active');
    evacuationBox.replaceChildren(
      h('h3', { t: 'evacuationUnderWay' }),
      h(
        'p',
        { class: 'evacuation-zone-line' },
        t('evacuationSince', {
          zone: zoneName(evacuation.zoneId),
          time: formatTime(evacuation.startedAt, zoneOf(fair)),
          who: evacuation.startedBy,
        }),
      ),
      h('p', { dir: 'auto' }, evacuation.reason),
      h('h4', {}, t('rollCall', { count: roll?.inside.length ?? 0 })),
      h(
        'table',
        { class: 'roll-call', id: 'roll-call' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { t: 'holder' }),
            h('th', { t: 'category' }),
            h('th', { t: 'zone' }),
            h('th', { t: 'lastGate' }),
          ),
        ),
        h(
          'tbody',
          {},
          ...(roll?.inside ?? []).map((entry) =>
            h(
              'tr',
              { 'data-ticket': entry.ticketId },
              h('td', { dir: 'auto' }, entry.holderName ?? entry.ticketId),
              h('td', {}, t(`category_${entry.category}`)),
              h('td', {}, zoneName(entry.zoneId)),
              h('td', {}, gateName(entry.lastGateId)),
            ),
          ),
        ),
      ),
      end,
      endConfirm,
    );
    applyLanguage(evacuationBox);
  };

  // --- incidents ---
  const kind = h(
    'select',
    { id: 'incident-kind' },
    ...KINDS.map((value) => h('option', { value, t: `incidentKind_${value}` })),
  );
  const incidentZone = h('select', { id: 'incident-zone' }, ...zoneOptions());
  const text = h('input', { id: 'incident-text', required: true, maxlength: 280, dir: 'auto' });
  const broadcast = h(
    'select',
    { id: 'incident-broadcast' },
    h('option', { value: '', t: 'broadcastNone' }),
    h('option', { value: 'gates', t: 'broadcastGates' }),
    h('option', { value: 'zone', t: 'broadcastZone' }),
    h('option', { value: 'all', t: 'broadcastAll' }),
  );
  const incidentStatus = h('p', { class: 'muted', role: 'status' });
  const incidentForm = h(
    'form',
    { class: 'card', id: 'incident-form' },
    h('h3', { t: 'incidentsHeading' }),
    h('label', { for: kind.id, t: 'incidentKind' }),
    kind,
    h('label', { for: incidentZone.id, t: 'zone' }),
    incidentZone,
    h('label', { for: text.id, t: 'incidentText' }),
    text,
    h('label', { for: broadcast.id, t: 'incidentBroadcast' }),
    broadcast,
    h('button', { type: 'submit', class: 'primary', t: 'incidentRecord' }),
    incidentStatus,
  );
  const incidentList = h('ol', { class: 'incidents', id: 'incidents' });
  incidentForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await request('/v1/incidents', {
        body: {
          kind: kind.value,
          zoneId: incidentZone.value,
          text: text.value.trim(),
          ...(broadcast.value ? { broadcast: broadcast.value } : {}),
        },
      });
      text.value = '';
      incidentStatus.textContent = t('saved');
      await showIncidents();
    } catch (error) {
      incidentStatus.textContent = explain(error);
    }
  });
  const showIncidents = async () => {
    const { incidents } = await request<{ incidents: Incident[] }>('/v1/incidents');
    incidentList.replaceChildren(
      ...[...incidents]
        .reverse()
        .map((incident) =>
          h(
            'li',
            { class: 'card incident', 'data-incident': incident.incidentId },
            h(
              'strong',
              {},
              `${formatTime(incident.at, zoneOf(fair))} · ${t(`incidentKind_${incident.kind as (typeof KINDS)[number]}`)} · ${zoneName(incident.zoneId ?? '')}`,
            ),
            h('p', { dir: 'auto' }, incident.text),
            h(
              'p',
              { class: 'muted' },
              incident.broadcast
                ? t('incidentReadBy', { count: incident.readBy?.length ?? 0, who: incident.by })
                : t('incidentBy', { who: incident.by }),
            ),
          ),
        ),
    );
    applyLanguage(incidentList);
  };

  // --- devices ---
  const deviceList = h('table', { class: 'devices', id: 'devices' });
  const showDevices = async () => {
    const { devices } = await request<{ devices: Device[] }>('/v1/devices');
    const now = fairNow().getTime();
    deviceList.replaceChildren(
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...(['deviceLabel', 'deviceLastSeen', 'deviceUnsent', 'deviceClock', 'deviceBattery'] as const).map((key) =>
            h('th', { t: key }),
          ),
        ),
      ),
      h(
        'tbody',
        {},
        ...[...devices]
          .sort((a, b) => a.lastSeenAt.localeCompare(b.lastSeenAt))
          .map((device) => {
            const silent = now - Date.parse(device.lastSeenAt) > SILENT_AFTER_MS;
            return h(
              'tr',
              { class: silent ? 'silent' : '', 'data-device': device.deviceId },
              h('td', { dir: 'auto' }, `${device.label} · ${device.page}`),
              h('td', {}, `${formatTime(device.lastSeenAt, zoneOf(fair))}${silent ? ` · ${t('deviceSilent')}` : ''}`),
              h(
                'td',
                {},
                device.unsent
                  ? `${formatNumber(device.unsent)}${device.oldestUnsentAt ? ` · ${formatTime(device.oldestUnsentAt, zoneOf(fair))}` : ''}`
                  : '0',
              ),
              h(
                'td',
                {},
                device.clockSkewMs === undefined
                  ? '—'
                  : t('deviceSkew', { seconds: Math.round(device.clockSkewMs / 1000) || 0 }),
              ),
              h('td', {}, device.battery === undefined ? '—' : `${Math.round(device.battery * 100)} %`),
            );
          }),
      ),
    );
    applyLanguage(deviceList);
  };

  const element = h(
    'section',
    { class: 'floor' },
    evacuationBox,
    incidentForm,
    incidentList,
    h('h3', { t: 'devicesHeading' }),
    deviceList,
    closeDayCard(fair),
    paperKitCard(fair),
  );
  const show = () => {
    void showEvacuation();
    void showIncidents().catch(() => undefined);
    void showDevices().catch(() => undefined);
  };
  return { id: 'floor', title: 'floorTab', element, show, relabel: show };
}
