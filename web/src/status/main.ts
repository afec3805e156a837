import '../common/style.css';
import type { PublicStatus } from '../../../shared/contract/answers';
import { type FairZone, fairDay, zoneOf } from '../../../shared/domain/fair-time';
import { configureApi, request } from '../common/api';
import { h } from '../common/dom';
import {
  applyLanguage,
  formatShortDay,
  formatTime,
  LANGUAGES,
  type Language,
  language,
  setLanguage,
  t,
} from '../common/i18n';
import { registerServiceWorker } from '../common/offline-pages';
import { STORED } from '../common/stored';

/**
 * /status: the screen at each entrance. No credential, no personal data, no count of people: each zone
 * in its level's colour with a plain word, and today's workshops and seminars with their seats left.
 * It shows each of the fair's three languages in turn, large enough to read from three metres, and
 * keeps the last figures on screen (saying since when) when the network drops, also across a restart:
 * the page is cached by the service worker and its last answer kept in the browser.
 */
const REFRESH_MS = 10_000;
const LANGUAGE_EVERY_MS = 12_000;

type Zone = PublicStatus['zones'][number];
type Session = PublicStatus['workshops'][number];

const root = h('main', { class: 'status', id: 'status' }, h('p', { class: 'status-loading', t: 'loading' }));
document.body.replaceChildren(root);

/** The last answer, and when it came (this screen's own clock: only its age is read). */
let { last, lastAt } = restored();

/** What the browser keeps of it, for a restart with no network. */
interface Kept {
  status: PublicStatus;
  at: number;
}

function restored(): { last?: PublicStatus; lastAt: number } {
  try {
    const kept = JSON.parse(localStorage.getItem(STORED.statusScreen) ?? 'null') as Kept | null;
    return kept ? { last: kept.status, lastAt: kept.at } : { lastAt: 0 };
  } catch {
    return { lastAt: 0 };
  }
}

const named = (names: { ar: string; fr: string; en: string }) => names[language()];

/** The venue first, then each zone after the one it sits in: the order a visitor reads the site in. */
function byTree(zones: Zone[]): Zone[] {
  const ordered: Zone[] = [];
  const add = (parentId: string | undefined) => {
    for (const zone of zones.filter((candidate) => candidate.parentId === parentId)) {
      ordered.push(zone);
      add(zone.zoneId);
    }
  };
  add(undefined);
  return ordered;
}

/**
 * A zone in its level's colour and word; one no door counted today in neither: its level would say
 * "room to walk" however full it is.
 */
function zoneTile(zone: Zone) {
  const level = zone.coverage === 'none' ? 'uncounted' : zone.level;
  return h(
    'li',
    { class: `status-zone level-${level}`, 'data-zone': zone.zoneId, 'data-level': level },
    h('span', { class: 'status-zone-name' }, named(zone.names)),
    h('span', { class: 'status-zone-level', t: `screen_${level}` }),
  );
}

/**
 * No seat to be had: full, over or cancelled, or (where only the registered get in) no registration
 * left. One later today with seats left is not (its seats are shown).
 */
const noRoom = (session: Session) =>
  session.seatsLeft === 0 ||
  (session.registrationRequired && session.registrationsLeft === 0) ||
  session.status === 'full' ||
  session.status === 'closed' ||
  session.status === 'cancelled';

/** What a visitor can still have of a session: a seat, a registration at the desk, or nothing. */
function seatsWord(session: Session): string {
  if (session.status === 'cancelled') return t('screen_cancelled');
  if (session.status === 'closed') return t('screen_sessionOver');
  if (session.seatsLeft === 0) return t('screen_sessionFull');
  if (!session.registrationRequired) return t('screen_seatsLeft', { count: session.seatsLeft });
  return session.registrationsLeft === 0
    ? t('screen_registrationsFull')
    : t('screen_registerAtDesk', { count: session.registrationsLeft });
}

function sessionRow(session: Session, zone: FairZone) {
  return h(
    'li',
    {
      class: `status-session ${noRoom(session) ? 'no-room' : ''}`,
      'data-workshop': session.workshopId,
    },
    h('span', { class: 'status-time' }, formatTime(session.startsAt, zone)),
    h('span', { class: 'status-title' }, named(session.titles)),
    h('span', { class: 'status-seats' }, seatsWord(session)),
  );
}

/** Half a day: figures this old name their day (a screen left off overnight, started with no network). */
const DAY_NAMED_AFTER_MS = 12 * 60 * 60_000;

/** The wall's layout (style.css): the areas beside the sessions, and nothing below the screen's edge. */
const wall = matchMedia('(orientation: landscape) and (min-width: 1000px)');

/**
 * A screen on a wall does not scroll: the sessions that fit, the soonest first, then how many more come
 * later today (a national fair's day holds twenty; six pushed the last below a 1080 px screen). A phone
 * scrolls: it shows them all.
 */
function fitSessions(): void {
  const list = root.querySelector<HTMLElement>('.status-sessions');
  if (!list || !wall.matches) return;
  const rows = [...list.querySelectorAll<HTMLElement>('.status-session')];
  const more = h('li', { class: 'status-more' });
  let hidden = 0;
  while (rows.length > 1 && list.getBoundingClientRect().bottom > window.innerHeight) {
    rows.pop()?.remove();
    hidden += 1;
    more.textContent = t('screen_moreLater', { count: hidden });
    if (!more.isConnected) list.append(more);
  }
}

function show(): void {
  if (!last) return;
  const status = last;
  const fairZone = zoneOf(status);
  // When the figures on screen were read, on the fair's clock; their age on this screen's own.
  const clock = formatTime(status.now, fairZone);
  const age = Date.now() - lastAt;
  const since =
    age < DAY_NAMED_AFTER_MS ? clock : `${formatShortDay(fairDay(new Date(status.now), fairZone))} ${clock}`;
  if (status.evacuation) {
    const zone = status.zones.find((candidate) => candidate.zoneId === status.evacuation?.zoneId);
    root.replaceChildren(
      h(
        'section',
        { class: 'status-evacuation', role: 'alert' },
        h('p', { class: 'evacuation-title', t: 'evacuationTitle' }),
        h('p', { class: 'evacuation-zone' }, zone ? named(zone.names) : ''),
        h('p', { class: 'evacuation-do', t: 'screen_evacuationDo' }),
      ),
    );
  } else {
    const upcoming = status.workshops.filter((session) => session.status !== 'closed');
    root.replaceChildren(
      h(
        'header',
        { class: 'status-head' },
        h('h1', { class: 'status-fair' }, named(status.fair.names)),
        h('p', { class: 'status-clock' }, clock),
      ),
      // Under the clock it explains, not below the sessions: a screen on a wall does not scroll.
      age > 3 * REFRESH_MS ? h('p', { class: 'status-stale' }, t('screen_stale', { time: since })) : '',
      // Side by side on a wall's landscape screen (style.css), one under the other on a phone.
      h(
        'div',
        { class: 'status-body' },
        h(
          'section',
          { class: 'status-areas' },
          h('h2', { t: 'screen_halls' }),
          h('ul', { class: 'status-zones' }, ...byTree(status.zones).map(zoneTile)),
        ),
        h(
          'section',
          { class: 'status-agenda' },
          h('h2', { t: 'screen_sessions' }),
          upcoming.length > 0
            ? h('ul', { class: 'status-sessions' }, ...upcoming.map((session) => sessionRow(session, fairZone)))
            : h('p', { class: 'status-none', t: 'screen_noSessions' }),
        ),
      ),
    );
  }
  applyLanguage(root);
  fitSessions();
}

async function refresh(): Promise<void> {
  try {
    last = await request<PublicStatus>('/v1/status', { timeoutMs: 5000 });
    lastAt = Date.now();
    localStorage.setItem(STORED.statusScreen, JSON.stringify({ status: last, at: lastAt } satisfies Kept));
  } catch {
    // Kept on screen as it was, marked old after a while.
  }
  show();
}

const codes = LANGUAGES.map((entry) => entry.code) as Language[];
/** `?lang=ar` keeps one language (a screen beside another in French); else they take turns. */
const fixed = codes.find((code) => code === new URLSearchParams(location.search).get('lang'));

function nextLanguage(): void {
  setLanguage(codes[(codes.indexOf(language()) + 1) % codes.length] as Language);
  show();
}

registerServiceWorker();
// Turned, or a wall's window resized: laid out again, as many sessions as then fit (a phone's resizes,
// its address bar coming and going as it scrolls, change nothing).
wall.addEventListener('change', show);
addEventListener('resize', () => {
  if (wall.matches) show();
});
if (fixed) setLanguage(fixed);
else applyLanguage();
// The last figures at once (a screen restarted while the network is down), then the API's.
show();
await configureApi(() => undefined);
await refresh();
setInterval(() => void refresh(), REFRESH_MS);
if (!fixed) setInterval(nextLanguage, LANGUAGE_EVERY_MS);
