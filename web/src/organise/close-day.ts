import type { Alert, DayClosed, DayStatus, Device, Workshop } from '../../../shared/contract/answers';
import { zoneOf } from '../../../shared/domain/fair-time';
import { request } from '../common/api';
import { h } from '../common/dom';
import { explain } from '../common/explain';
import { fairToday } from '../common/fair-clock';
import { applyLanguage, formatDay, t } from '../common/i18n';
import { nameOf } from '../common/names';
import type { Fair } from '../common/types';

/**
 * The organiser's end of the day: what is still open is checked first (phones with work not sent,
 * alerts not acknowledged, rooms still counted), then the day is closed with one button (every zone
 * to 0; who is still inside let out, by the closing queue for a large crowd). The schedule closes it by
 * itself after closing time anyway: this is for closing early, or making sure. A closing the queue
 * carries on (a large crowd) is followed to its end, with how many were let out so far; so is one found
 * under way when the page opens.
 */
const FOLLOW_EVERY_MS = 3000;

/** The most any zone still counted (the venue's, walk-ins included), never fewer than the tickets let out. */
const closedText = (sweptOut: DayClosed['sweptOut'] | undefined, ticketsSwept = 0) =>
  t('closeDayClosed', { count: Object.values(sweptOut ?? {}).reduce((a, b) => Math.max(a, b), ticketsSwept) });

/** What is still open today, as the checklist's lines: phones with work not sent, alerts, rooms counted. */
async function stillOpen(today: string): Promise<HTMLElement[]> {
  const [devices, alerts, workshops] = await Promise.all([
    request<{ devices: Device[] }>('/v1/devices'),
    request<{ alerts: Alert[] }>('/v1/alerts'),
    request<{ workshops: Workshop[] }>('/v1/workshops'),
  ]);
  const unsent = devices.devices.filter((device) => (device.unsent ?? 0) > 0);
  const open = alerts.alerts.filter((alert) => !alert.acknowledgedAt && !alert.kind && alert.level !== 'normal');
  const counted = workshops.workshops.filter(
    (workshop) => workshop.startsAt.slice(0, 10) === today && (workshop.admitted ?? 0) > 0,
  );
  const item = (ok: boolean, text: string, id: string) =>
    h('li', { class: ok ? 'check-ok' : 'check-open', 'data-check': id }, `${ok ? '✓' : '!'} ${text}`);
  return [
    item(unsent.length === 0, t('closeDayUnsent', { count: unsent.length }), 'unsent'),
    ...unsent.map((device) => h('li', { class: 'muted', dir: 'auto' }, `${nameOf(device.label)} (${device.unsent})`)),
    item(open.length === 0, t('closeDayAlerts', { count: open.length }), 'alerts'),
    item(counted.length === 0, t('closeDayRooms', { count: counted.length }), 'rooms'),
  ];
}

/**
 * Follows the day's closing: reads it again every few seconds while it is under way, saying how many
 * were let out so far, until it is closed (`closed` is then called). An open day ends it at once.
 */
function closingFollower(today: () => string, say: (text: string) => void, closed: () => void) {
  let following = false;
  return async (): Promise<void> => {
    if (following) return;
    following = true;
    try {
      for (;;) {
        const day = await request<DayStatus>(`/v1/days/${today()}`).catch(() => undefined);
        if (day?.status === 'closed') {
          say(closedText(day.sweptOut, day.ticketsSwept));
          closed();
          return;
        }
        if (day?.status === 'open') return;
        // A closing begun before its record kept how many were inside says only that it is under way.
        if (day?.ticketsInside)
          say(t('closeDayProgressOf', { count: day.ticketsSwept ?? 0, total: day.ticketsInside }));
        else if (day) say(t('closeDayClosing'));
        await new Promise((resolve) => setTimeout(resolve, FOLLOW_EVERY_MS));
      }
    } finally {
      following = false;
    }
  };
}

export function closeDayCard(fair: Fair): HTMLElement {
  const list = h('ul', { class: 'checklist', id: 'close-day-checks' });
  const status = h('p', { role: 'status', id: 'close-day-status' });
  const check = h('button', { type: 'button', id: 'close-day-check', t: 'closeDayCheck' });
  const close = h('button', { type: 'button', class: 'danger', id: 'close-day-now', t: 'closeDayNow', hidden: true });
  const today = () => fairToday(zoneOf(fair));
  const follow = closingFollower(
    today,
    (text) => {
      status.textContent = text;
    },
    () => {
      check.hidden = true;
      close.hidden = true;
    },
  );

  check.addEventListener('click', async () => {
    status.textContent = '';
    try {
      list.replaceChildren(...(await stillOpen(today())));
      close.hidden = false;
      close.textContent = t('closeDayNowOn', { day: formatDay(today()) });
    } catch (error) {
      status.textContent = explain(error);
    }
  });

  close.addEventListener('click', async () => {
    if (!window.confirm(t('closeDayConfirm', { day: formatDay(today()) }))) return;
    try {
      const answer = await request<Partial<DayClosed> & { status?: string }>(`/v1/days/${today()}/close`, {
        body: {},
        timeoutMs: 30_000,
      });
      close.hidden = true;
      if (answer.status === 'closing') {
        status.textContent = t('closeDayClosing');
        void follow();
      } else status.textContent = closedText(answer.sweptOut);
    } catch (error) {
      status.textContent = explain(error);
    }
  });

  const card = h(
    'section',
    { class: 'card', id: 'close-day' },
    h('h3', { t: 'closeDayTitle' }),
    h('p', { class: 'muted', t: 'closeDayHelp' }),
    check,
    list,
    close,
    status,
  );
  applyLanguage(card);
  void follow();
  return card;
}
