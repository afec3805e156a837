import { zoneOf } from '../../../shared/domain/fair-time';
import '../common/style.css';
import type { Roster } from '../../../shared/contract/answers';
import { NetworkError, request } from '../common/api';
import { h } from '../common/dom';
import { fairNow } from '../common/fair-clock';
import { watchFloor } from '../common/floor-watch';
import { applyLanguage, formatTime, localTitle, onLanguageChange } from '../common/i18n';
import { peoplePanel } from '../common/people';
import { ScanIds } from '../common/scan-ids';
import { scanPanel } from '../common/scan-panel';
import { keepFresh } from '../common/seen-again';
import { type PageContext, startPage } from '../common/session';
import { STORED } from '../common/stored';
import type { Fair, Workshop } from '../common/types';
import { VerdictView } from '../common/verdict-view';
import { type Door, scanAtDoor } from './door-scan';
import { ExitQueue } from './exit-queue';
import { doorDayLabel, seatsCard, workshopDay } from './seats-card';

/**
 * /door: a workshop host admits people up to the number of seats and lets them out. Seats are counted
 * by the API in conditional transactions, so several hosts may scan at once; without a network the
 * door cannot admit anyone (it says so) rather than risk more people than seats.
 */
const REFRESH_MS = 2000;

function defaultWorkshop(workshops: Workshop[]): Workshop | undefined {
  const saved = workshops.find((w) => w.workshopId === localStorage.getItem(STORED.workshop));
  if (saved) return saved;
  const now = fairNow().getTime();
  return workshops.find((w) => Date.parse(w.doorsCloseAt) > now) ?? workshops.at(-1);
}

/**
 * Which workshop this door serves (remembered on the phone), listed under its day, and whether it admits
 * or lets out.
 */
function doorControls(fair: Fair, workshops: Workshop[], door: Pick<Door, 'current' | 'mode'>, chosen: () => void) {
  const zone = zoneOf(fair);
  const optionText = (w: Workshop) => `${formatTime(w.startsAt, zone)} · ${localTitle(w)}`;
  const days = new Map<string, Workshop[]>();
  for (const w of workshops) {
    const day = workshopDay(w, zone);
    days.set(day, [...(days.get(day) ?? []), w]);
  }
  const select = h(
    'select',
    { id: 'workshop', dir: 'auto' },
    ...[...days].map(([day, list]) =>
      h(
        'optgroup',
        { 'data-day': day, label: doorDayLabel(day, zone) },
        ...list.map((w) =>
          h('option', { value: w.workshopId, selected: w.workshopId === door.current.workshopId }, optionText(w)),
        ),
      ),
    ),
  );
  select.addEventListener('change', () => {
    door.current = workshops.find((w) => w.workshopId === select.value) ?? door.current;
    localStorage.setItem(STORED.workshop, select.value);
    chosen();
  });
  const modeButtons = (['admit', 'exit'] as const).map((value) =>
    h('button', {
      type: 'button',
      'data-mode': value,
      'aria-pressed': String(value === door.mode),
      t: value === 'admit' ? 'admit' : 'letOut',
      onclick: () => {
        door.mode = value;
        for (const button of modeButtons) button.setAttribute('aria-pressed', String(button.dataset.mode === value));
      },
    }),
  );
  return {
    element: h(
      'section',
      { class: 'card controls' },
      h('label', { for: 'workshop', t: 'workshop' }),
      select,
      h('div', { class: 'segmented', role: 'group' }, ...modeButtons),
    ),
    relabel(): void {
      for (const group of select.querySelectorAll('optgroup'))
        group.label = doorDayLabel(group.dataset.day ?? '', zone);
      for (const option of select.options) {
        const workshop = workshops.find((w) => w.workshopId === option.value);
        if (workshop) option.textContent = optionText(workshop);
      }
    },
  };
}

function render({ me, fair, shell }: PageContext): void {
  const mine =
    me.role === 'organiser' ? fair.workshops : fair.workshops.filter((w) => me.scope.workshops?.includes(w.workshopId));
  const workshops = mine.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const first = defaultWorkshop(workshops);
  if (!first) return void shell.main.replaceChildren(h('p', { class: 'card notice', t: 'noWorkshops' }));
  const seats = seatsCard(fair);
  const door: Door = {
    current: first,
    mode: 'admit',
    scanIds: new ScanIds(),
    verdicts: new VerdictView(document.body),
    // The door admits online only; exits scanned offline wait on the phone until sent.
    exits: new ExitQueue(),
    problem: h('p', { class: 'form-error', role: 'alert', id: 'door-problem', hidden: true }),
    seatsLeft: (workshop) => {
      seats.show(workshop);
      void refresh();
    },
    offline: () => shell.setConnection('offline'),
  };
  watchFloor({
    fair,
    page: 'door',
    at: () => door.current.workshopId,
    unsent: async () => ({ count: door.exits.waiting.length }),
  });
  const controls = doorControls(fair, workshops, door, () => void refresh());
  const people = peoplePanel(zoneOf(fair), () => void refresh());
  shell.main.replaceChildren(
    controls.element,
    seats.element,
    door.problem,
    scanPanel((code, source) => scanAtDoor(door, code, source)),
    people.element,
  );

  async function refresh(): Promise<void> {
    const { workshopId } = door.current;
    const path = `/v1/workshops/${encodeURIComponent(workshopId)}`;
    try {
      const [workshop, roster] = await Promise.all([request<Workshop>(path), request<Roster>(`${path}/registrations`)]);
      if (workshop.workshopId !== door.current.workshopId) return;
      door.current = workshop;
      seats.show(workshop);
      people.show(roster);
      shell.setConnection('online');
      if (door.exits.waiting.length > 0 && (await door.exits.send()) > 0) void refresh();
    } catch (error) {
      if (error instanceof NetworkError) shell.setConnection('offline');
    }
  }

  seats.show(door.current);
  void refresh();
  keepFresh(() => void refresh(), REFRESH_MS);
  onLanguageChange(() => {
    controls.relabel();
    seats.show(door.current);
  });
  applyLanguage();
}

void startPage({ title: 'doorTitle', roles: ['host'], render });
