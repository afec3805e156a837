import type { Device } from '../../../shared/contract/answers';
import type { HeartbeatPage } from '../../../shared/contract/floor';
import { zoneOf } from '../../../shared/domain/fair-time';
import { request } from '../common/api';
import { h, scrollRegion } from '../common/dom';
import { fairNow } from '../common/fair-clock';
import { applyLanguage, formatNumber, formatTime, t } from '../common/i18n';
import type { MessageKey } from '../common/messages';
import { nameOf } from '../common/names';
import type { Fair } from '../common/types';

/** A device not heard from this long during the day is shown as silent. */
const SILENT_AFTER_MS = 5 * 60_000;
const COLUMNS = ['deviceLabel', 'deviceLastSeen', 'deviceUnsent', 'deviceClock', 'deviceBattery'] as const;
/** The page a device sends from, by its name in the reader's language (the heartbeat's `page`). */
const PAGE_TITLES: Record<HeartbeatPage, MessageKey> = {
  gate: 'gateTitle',
  door: 'doorTitle',
  booth: 'boothTitle',
  dashboard: 'dashboardTitle',
  organise: 'organiseTitle',
  status: 'statusTitle',
};
const pageTitle = (page: string) => (page in PAGE_TITLES ? t(PAGE_TITLES[page as HeartbeatPage]) : page);

/** One device's last word: when, what it has not sent yet and since when, its clock's drift, its battery. */
function deviceRow(fair: Fair, device: Device, now: number): HTMLElement {
  const silent = now - Date.parse(device.lastSeenAt) > SILENT_AFTER_MS;
  const time = (instant: string) => formatTime(instant, zoneOf(fair));
  const unsent = device.unsent
    ? `${formatNumber(device.unsent)}${device.oldestUnsentAt ? ` · ${time(device.oldestUnsentAt)}` : ''}`
    : '0';
  const skew = device.clockSkewMs;
  return h(
    'tr',
    { class: silent ? 'silent' : '', 'data-device': device.deviceId },
    h('td', { dir: 'auto' }, `${nameOf(device.label)} · ${pageTitle(device.page)}`),
    h('td', {}, `${time(device.lastSeenAt)}${silent ? ` · ${t('deviceSilent')}` : ''}`),
    h('td', {}, unsent),
    h('td', {}, skew === undefined ? '—' : t('deviceSkew', { seconds: Math.round(skew / 1000) || 0 })),
    h('td', {}, device.battery === undefined ? '—' : `${Math.round(device.battery * 100)} %`),
  );
}

/** Every device's last word, the longest silent first: a silent gate shows before its steward walks to the desk. */
export function devicesTable(fair: Fair) {
  const table = h('table', { class: 'devices', id: 'devices' });
  return {
    // A phone is narrower than its five columns: the table scrolls inside the page, not the page.
    element: scrollRegion('devicesHeading', table),
    async show(): Promise<void> {
      const { devices } = await request<{ devices: Device[] }>('/v1/devices');
      const now = fairNow().getTime();
      const sorted = [...devices].sort((a, b) => a.lastSeenAt.localeCompare(b.lastSeenAt));
      table.replaceChildren(
        h('thead', {}, h('tr', {}, ...COLUMNS.map((key) => h('th', { t: key })))),
        h('tbody', {}, ...sorted.map((device) => deviceRow(fair, device, now))),
      );
      applyLanguage(table);
    },
  };
}
