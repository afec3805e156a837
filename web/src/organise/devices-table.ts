import type { Device } from '../../../shared/contract/answers';
import type { HeartbeatPage } from '../../../shared/contract/floor';
import { DEFAULT_SILENT_MINUTES, type Silence, silenceOf } from '../../../shared/domain/device-silence';
import { zoneOf } from '../../../shared/domain/fair-time';
import { request } from '../common/api';
import { h, scrollRegion } from '../common/dom';
import { fairNow } from '../common/fair-clock';
import { applyLanguage, formatNumber, formatTime, t } from '../common/i18n';
import type { MessageKey } from '../common/messages';
import { nameOf } from '../common/names';
import type { Fair } from '../common/types';

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

/**
 * How far the phone's fair clock (what its offline scans are stamped with) is from the server's: a
 * second or two is the report's own trip; beyond, ahead or behind, never a bare minus sign.
 */
function clockSaid(skewMs: number): string {
  const seconds = Math.round(Math.abs(skewMs) / 1000);
  if (seconds <= 2) return t('deviceOnTime');
  return t(skewMs > 0 ? 'deviceAhead' : 'deviceBehind', { seconds });
}

/** One device's last word: when, what it has not sent yet and since when, its clock's drift, its battery. */
function deviceRow(fair: Fair, device: Device, silent: Silence | undefined): HTMLElement {
  const time = (instant: string) => formatTime(instant, zoneOf(fair));
  const unsent = device.unsent
    ? `${formatNumber(device.unsent)}${device.oldestUnsentAt ? ` · ${time(device.oldestUnsentAt)}` : ''}`
    : '0';
  const skew = device.clockSkewMs;
  return h(
    'tr',
    { class: silent ? 'silent' : '', 'data-device': device.deviceId },
    h('td', { dir: 'auto' }, `${nameOf(device.label)} · ${pageTitle(device.page)}`),
    h('td', {}, `${time(device.lastSeenAt)}${silent?.what === 'silent' ? ` · ${t('deviceSilent')}` : ''}`),
    h('td', {}, unsent),
    h('td', {}, skew === undefined ? '—' : clockSaid(skew)),
    h('td', {}, device.battery === undefined ? '—' : `${Math.round(device.battery * 100)} %`),
  );
}

/**
 * Every device's last word. The gates and doors silent as the alert watch judges them (during opening
 * hours, the fair's `deviceSilentMinutes`) come first, the longest silent first, in red: a silent gate
 * shows before its steward walks to the desk, above the booths' tablets. Then the others, latest first.
 */
export function devicesTable(fair: Fair) {
  const table = h('table', { class: 'devices', id: 'devices' });
  return {
    // A phone is narrower than its five columns: the table scrolls inside the page, not the page.
    element: scrollRegion('devicesHeading', table),
    async show(): Promise<void> {
      const { devices } = await request<{ devices: Device[] }>('/v1/devices');
      const now = fairNow();
      const limitMs = (fair.deviceSilentMinutes ?? DEFAULT_SILENT_MINUTES) * 60_000;
      const rows = devices.map((device) => ({ device, silent: silenceOf(device, fair.hours, now, limitMs) }));
      // The silent by how long, then the rest latest first (instants as numbers: no collation).
      const key = ({ device, silent }: (typeof rows)[number]) =>
        silent ? Date.parse(silent.since) - Number.MAX_SAFE_INTEGER : -Date.parse(device.lastSeenAt);
      rows.sort((a, b) => key(a) - key(b));
      table.replaceChildren(
        h('thead', {}, h('tr', {}, ...COLUMNS.map((key) => h('th', { t: key })))),
        h('tbody', {}, ...rows.map(({ device, silent }) => deviceRow(fair, device, silent))),
      );
      applyLanguage(table);
    },
  };
}
