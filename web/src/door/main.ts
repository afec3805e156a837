import { zoneOf } from '../../../shared/domain/fair-time';
import type { AdmissionVerdict, ExitVerdict } from '../../../shared/domain/workshop-rules';
import '../common/style.css';
import type { Roster } from '../../../shared/contract/answers';
import { NetworkError, request } from '../common/api';
import { fill, h } from '../common/dom';
import { explain } from '../common/explain';
import { fairNow } from '../common/fair-clock';
import { watchFloor } from '../common/floor-watch';
import { applyLanguage, formatNumber, formatTime, labelled, localTitle, onLanguageChange, t } from '../common/i18n';
import { peoplePanel } from '../common/people';
import { ScanIds } from '../common/scan-ids';
import { type Source, scanPanel } from '../common/scan-panel';
import { type PageContext, startPage } from '../common/session';
import type { Workshop } from '../common/types';
import { VerdictView } from '../common/verdict-view';
import { ExitQueue } from './exit-queue';

/**
 * /door: a workshop host admits people up to the number of seats and lets them out. Seats are counted
 * by the API in conditional transactions, so several hosts may scan at once; without a network the
 * door cannot admit anyone (it says so) rather than risk more people than seats.
 */
const REFRESH_MS = 2000;

interface DoorAnswer {
  verdict: AdmissionVerdict | ExitVerdict;
  seatsLeft: number;
  waitlistPosition?: number;
  reason?: string;
  replayed?: boolean;
}

function defaultWorkshop(workshops: Workshop[]): Workshop | undefined {
  const saved = workshops.find((w) => w.workshopId === localStorage.getItem('rawaq.workshop'));
  if (saved) return saved;
  const now = fairNow().getTime();
  return workshops.find((w) => Date.parse(w.doorsCloseAt) > now) ?? workshops.at(-1);
}

function render({ me, fair, shell }: PageContext): void {
  const workshops = (
    me.role === 'organiser' ? fair.workshops : fair.workshops.filter((w) => me.scope.workshops?.includes(w.workshopId))
  ).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  let current = defaultWorkshop(workshops);
  if (!current) {
    shell.main.replaceChildren(h('p', { class: 'card notice', t: 'noWorkshops' }));
    return;
  }
  let mode: 'admit' | 'exit' = 'admit';
  const scanIds = new ScanIds();
  const verdicts = new VerdictView(document.body);
  // The door admits online only; exits scanned offline wait on the phone until sent.
  const exits = new ExitQueue();
  watchFloor({
    fair,
    page: 'door',
    at: () => current?.workshopId,
    unsent: async () => ({ count: exits.waiting.length }),
  });

  const optionText = (w: Workshop) => `${formatTime(w.startsAt, zoneOf(fair))} · ${localTitle(w)}`;
  const select = h(
    'select',
    { id: 'workshop', dir: 'auto' },
    ...workshops.map((w) =>
      h('option', { value: w.workshopId, selected: w.workshopId === current?.workshopId }, optionText(w)),
    ),
  );
  select.addEventListener('change', () => {
    current = workshops.find((w) => w.workshopId === select.value) ?? current;
    localStorage.setItem('rawaq.workshop', select.value);
    void refresh();
  });
  const modeButtons = (['admit', 'exit'] as const).map((value) =>
    h('button', {
      type: 'button',
      'data-mode': value,
      'aria-pressed': String(value === mode),
      t: value === 'admit' ? 'admit' : 'letOut',
      onclick: () => {
        mode = value;
        for (const button of modeButtons) button.setAttribute('aria-pressed', String(button.dataset.mode === value));
      },
    }),
  );
  const seats = h('div', { class: 'big-number', id: 'seats-left' });
  const facts = h('div', { class: 'door-facts', id: 'door-facts' });
  const seatsCard = h(
    'section',
    { class: 'card seats' },
    seats,
    h('div', { class: 'seats-label' }, h('span', { t: 'seatsLeft' }), ' ', h('span', { id: 'of-seats' })),
    facts,
  );
  const problem = h('p', { class: 'form-error', role: 'alert', id: 'door-problem', hidden: true });
  const people = peoplePanel(zoneOf(fair), () => void refresh());

  shell.main.replaceChildren(
    h(
      'section',
      { class: 'card controls' },
      h('label', { for: 'workshop', t: 'workshop' }),
      select,
      h('div', { class: 'segmented', role: 'group' }, ...modeButtons),
    ),
    seatsCard,
    problem,
    scanPanel((code, source) => void onCode(code, source)),
    people.element,
  );

  function showWorkshop(workshop: Workshop): void {
    seats.textContent = formatNumber(workshop.seatsLeft);
    seats.dataset.value = String(workshop.seatsLeft);
    seatsCard.classList.toggle('full', workshop.seatsLeft === 0);
    const of = document.getElementById('of-seats');
    if (of) of.textContent = t('ofSeats', { capacity: workshop.capacity });
    fill(
      facts,
      h('span', {}, t(`status_${workshop.status}`)),
      h(
        'span',
        {},
        t('doors', {
          open: formatTime(workshop.doorsOpenAt, zoneOf(fair)),
          close: formatTime(workshop.doorsCloseAt, zoneOf(fair)),
        }),
      ),
      h('span', {}, labelled(t('admitted'), workshop.admitted)),
      h('span', { id: 'attended' }, labelled(t('attended'), workshop.attended ?? 0)),
      workshop.registrationRequired ? h('span', {}, labelled(t('registered'), workshop.registered)) : null,
    );
  }

  async function refresh(): Promise<void> {
    if (!current) return;
    const id = encodeURIComponent(current.workshopId);
    try {
      const [workshop, roster] = await Promise.all([
        request<Workshop>(`/v1/workshops/${id}`),
        request<Roster>(`/v1/workshops/${id}/registrations`),
      ]);
      if (workshop.workshopId !== current.workshopId) return;
      current = workshop;
      showWorkshop(workshop);
      people.show(roster);
      shell.setConnection('online');
      if (exits.waiting.length > 0 && (await exits.send()) > 0) void refresh();
    } catch (error) {
      if (error instanceof NetworkError) shell.setConnection('offline');
    }
  }

  async function onCode(token: string, source: Source): Promise<void> {
    if (!current) return;
    // A code let in and then let out is two scans, however soon: the id is the code's within one mode.
    const seen = `${mode}:${token}`;
    const scanId = scanIds.take(seen, source);
    if (!scanId) return;
    problem.hidden = true;
    const path = `/v1/workshops/${encodeURIComponent(current.workshopId)}/${mode === 'admit' ? 'admissions' : 'exits'}`;
    try {
      const answer = await request<DoorAnswer>(path, { body: { scanId, token }, timeoutMs: 5000 });
      verdicts.show({
        verdict: answer.verdict,
        replayed: answer.replayed,
        reason: answer.reason,
        extra: answer.waitlistPosition
          ? `${t('onWaitlist', { position: answer.waitlistPosition })} · ${t('seatsLeftCount', { count: answer.seatsLeft })}`
          : t('seatsLeftCount', { count: answer.seatsLeft }),
      });
      showWorkshop({ ...current, seatsLeft: answer.seatsLeft, admitted: current.capacity - answer.seatsLeft });
      void refresh();
    } catch (error) {
      if (error instanceof NetworkError && mode === 'exit') {
        // Letting out only frees a seat: kept on the phone, sent when the network is back.
        const count = exits.add({ workshopId: current.workshopId, scanId, token });
        verdicts.show({ verdict: 'EXITED', offline: true, extra: t('doorExitQueued', { count }) });
      } else {
        problem.textContent = error instanceof NetworkError ? t('doorOffline') : explain(error);
        problem.hidden = false;
      }
      if (error instanceof NetworkError) shell.setConnection('offline');
    } finally {
      scanIds.settled(seen);
    }
  }

  showWorkshop(current);
  void refresh();
  setInterval(() => void refresh(), REFRESH_MS);
  onLanguageChange(() => {
    for (const option of select.options) {
      const workshop = workshops.find((w) => w.workshopId === option.value);
      if (workshop) option.textContent = optionText(workshop);
    }
    if (current) showWorkshop(current);
  });
  applyLanguage();
}

void startPage({ title: 'doorTitle', roles: ['host'], render });
