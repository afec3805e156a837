import type { Roster } from '../../../shared/contract/answers';
import { fairDay, fairIso, zoneOf } from '../../../shared/domain/fair-time';
import type { RegistrationVerdict } from '../../../shared/domain/workshop-rules';
import { request } from '../common/api';
import { h } from '../common/dom';
import { explain } from '../common/explain';
import {
  applyLanguage,
  formatNumber,
  formatShortDay,
  formatTime,
  localName,
  localTitle,
  t,
  timeSpan,
} from '../common/i18n';
import { peoplePanel } from '../common/people';
import { openPrintJob } from '../common/print-job';
import { scanPanel } from '../common/scan-panel';
import type { PageContext } from '../common/session';
import type { Workshop } from '../common/types';
import type { Section } from './main';

/** How often the registration desk reads its workshop's people again while it is on screen. */
const DESK_REFRESH_MS = 3_000;

/** Workshops and seminars: the programme with its figures; create, change, cancel; the registration desk. */
export function workshopsSection({ fair }: PageContext): Section {
  let workshops: (Workshop & { kind?: string; cancelReason?: string })[] = [];
  const list = h('div', { class: 'workshop-list', id: 'workshop-list' });
  const problem = h('p', { class: 'form-error', role: 'alert' });
  const at = (day: string, time: string) => fairIso(day, time, zoneOf(fair));
  const timeOf = (instant: string) => formatTime(instant, zoneOf(fair));

  // --- create ---
  const titles = (['ar', 'fr', 'en'] as const).map((language) =>
    h('input', { id: `workshop-title-${language}`, name: language, maxlength: 300, lang: language, dir: 'auto' }),
  );
  const kind = h(
    'select',
    { id: 'workshop-kind' },
    h('option', { value: 'workshop', t: 'kind_workshop' }),
    h('option', { value: 'seminar', t: 'kind_seminar' }),
  );
  const zone = h(
    'select',
    { id: 'workshop-zone' },
    ...fair.zones.map((z) => h('option', { value: z.zoneId, 'data-zone': z.zoneId }, localName(z))),
  );
  const day = h(
    'select',
    { id: 'workshop-day' },
    ...fair.days.map((d) => h('option', { value: d, 'data-short-day': d })),
  );
  const starts = h('input', { id: 'workshop-starts', type: 'time', value: '10:00', required: true });
  const ends = h('input', { id: 'workshop-ends', type: 'time', value: '11:00', required: true });
  const capacity = h('input', {
    id: 'workshop-capacity',
    type: 'number',
    min: 1,
    max: 100000,
    value: 40,
    required: true,
  });
  const registration = h('input', { id: 'workshop-registration', type: 'checkbox' });
  const create = h(
    'form',
    { class: 'card', id: 'new-workshop' },
    h('h2', { t: 'newWorkshop' }),
    h('label', { for: 'workshop-title-ar', t: 'titleAr' }),
    titles[0] as HTMLInputElement,
    h('label', { for: 'workshop-title-fr', t: 'titleFr' }),
    titles[1] as HTMLInputElement,
    h('label', { for: 'workshop-title-en', t: 'titleEn' }),
    titles[2] as HTMLInputElement,
    h('label', { for: 'workshop-kind', t: 'kind' }),
    kind,
    h('label', { for: 'workshop-zone', t: 'room' }),
    zone,
    h('label', { for: 'workshop-day', t: 'day' }),
    day,
    h(
      'div',
      { class: 'row' },
      h('label', { for: 'workshop-starts', t: 'starts' }),
      starts,
      h('label', { for: 'workshop-ends', t: 'ends' }),
      ends,
    ),
    h('label', { for: 'workshop-capacity', t: 'seats' }),
    capacity,
    h('label', { class: 'check' }, registration, h('span', { t: 'registrationRequired' })),
    problem,
    h('button', { type: 'submit', class: 'primary', t: 'create' }),
  );
  create.addEventListener('submit', async (event) => {
    event.preventDefault();
    problem.textContent = '';
    const [ar, fr, en] = titles.map((input) => input.value.trim());
    const title = en || fr || ar;
    if (!title) {
      problem.textContent = t('titleNeeded');
      return;
    }
    try {
      await request('/v1/workshops', {
        body: {
          title,
          titles: { ...(ar ? { ar } : {}), ...(fr ? { fr } : {}), ...(en ? { en } : {}) },
          kind: kind.value,
          zoneId: zone.value,
          startsAt: at(day.value, starts.value),
          endsAt: at(day.value, ends.value),
          capacity: Number(capacity.value),
          registrationRequired: registration.checked,
        },
      });
      for (const input of titles) input.value = '';
      await load();
    } catch (error) {
      problem.textContent = explain(error);
    }
  });

  // --- the programme ---
  const card = (workshop: (typeof workshops)[number]) => {
    const status = h('p', { class: 'muted', role: 'status' });
    const capacityInput = h('input', {
      type: 'number',
      min: 1,
      max: 100000,
      value: workshop.capacity,
      'aria-label': t('seats'),
    });
    const save = h('button', { type: 'button', t: 'save' });
    save.addEventListener('click', async () => {
      try {
        await request(`/v1/workshops/${encodeURIComponent(workshop.workshopId)}`, {
          method: 'PATCH',
          body: { capacity: Number(capacityInput.value) },
        });
        status.textContent = t('saved');
        await load();
      } catch (error) {
        status.textContent = explain(error);
      }
    });
    const cancel = h('button', {
      type: 'button',
      class: 'danger',
      t: 'cancelWorkshop',
      disabled: workshop.status === 'cancelled',
    });
    cancel.addEventListener('click', async () => {
      const reason = window.prompt(t('cancelWorkshopWhy', { title: localTitle(workshop) }));
      if (reason === null) return;
      try {
        await request(`/v1/workshops/${encodeURIComponent(workshop.workshopId)}/cancel`, {
          body: reason.trim() ? { reason: reason.trim() } : {},
        });
        await load();
      } catch (error) {
        status.textContent = explain(error);
      }
    });
    return h(
      'article',
      { class: `card workshop status-${workshop.status}`, 'data-workshop': workshop.workshopId },
      h(
        'h3',
        { dir: 'auto' },
        `${formatShortDay(fairDay(new Date(workshop.startsAt), zoneOf(fair)))} ${timeSpan(timeOf(workshop.startsAt), timeOf(workshop.endsAt))} · ${localTitle(workshop)}`,
      ),
      h(
        'p',
        { class: 'muted' },
        `${t(`status_${workshop.status}`)} · ${t('registered')} ${formatNumber(workshop.registered)} · ${t('waitlist')} ${formatNumber(workshop.waitlisted)} · ${t('attended')} ${formatNumber(workshop.attended ?? 0)}`,
        workshop.cancelReason ? ` · ${workshop.cancelReason}` : '',
      ),
      h('div', { class: 'row' }, h('span', { t: 'seats' }), capacityInput, save, cancel),
      (workshop.attended ?? 0) > 0
        ? h('button', {
            type: 'button',
            class: 'print-attestations',
            t: 'printAttestations',
            onclick: () => openPrintJob({ kind: 'attestations', workshopId: workshop.workshopId }),
          })
        : '',
      status,
    );
  };
  async function load(): Promise<void> {
    try {
      workshops = (await request<{ workshops: typeof workshops }>('/v1/workshops')).workshops.sort((a, b) =>
        a.startsAt.localeCompare(b.startsAt),
      );
      list.replaceChildren(...workshops.map(card));
      fillDesk();
      applyLanguage(list);
    } catch (error) {
      list.replaceChildren(h('p', { class: 'form-error' }, explain(error)));
    }
  }

  // --- the registration desk ---
  const deskWorkshop = h('select', { id: 'desk-workshop' });
  const deskVerdict = h('p', { class: 'desk-verdict', id: 'desk-verdict', role: 'status', 'aria-live': 'assertive' });
  // Who registered and who waits, by name; a no-show's seat freed here as at the door.
  const people = peoplePanel(zoneOf(fair), () => void showPeople(), 'desk-');
  const fillDesk = () => {
    const chosen = deskWorkshop.value;
    deskWorkshop.replaceChildren(
      ...workshops
        .filter((workshop) => workshop.status !== 'cancelled' && workshop.status !== 'closed')
        .map((workshop) =>
          h(
            'option',
            { value: workshop.workshopId, selected: workshop.workshopId === chosen },
            `${formatShortDay(fairDay(new Date(workshop.startsAt), zoneOf(fair)))} ${timeOf(workshop.startsAt)} · ${localTitle(workshop)}`,
          ),
        ),
    );
    void showPeople();
  };
  async function showPeople(): Promise<void> {
    if (!deskWorkshop.value) return;
    try {
      people.show(await request<Roster>(`/v1/workshops/${encodeURIComponent(deskWorkshop.value)}/registrations`));
    } catch {
      // The list stays as it was; the desk's verdict says what went wrong with a registration.
    }
  }
  deskWorkshop.addEventListener('change', () => void showPeople());
  // The waiting list moves up on its own (a freed seat is given by the server a moment later): while
  // the desk is on screen, its people are read again every few seconds, as the door's are.
  setInterval(() => {
    if (!element.hidden && !document.hidden) void showPeople();
  }, DESK_REFRESH_MS);
  const desk = h(
    'section',
    { class: 'card', id: 'registration-desk' },
    h('h2', { t: 'registrationDesk' }),
    h('label', { for: 'desk-workshop', t: 'workshop' }),
    deskWorkshop,
    scanPanel(async (code) => {
      if (!deskWorkshop.value) return;
      try {
        const answer = await request<{ verdict: RegistrationVerdict }>(
          `/v1/workshops/${encodeURIComponent(deskWorkshop.value)}/registrations`,
          { body: { token: code } },
        );
        deskVerdict.dataset.verdict = answer.verdict;
        deskVerdict.textContent = t(`registration_${answer.verdict}`);
        await showPeople();
      } catch (error) {
        deskVerdict.dataset.verdict = 'ERROR';
        deskVerdict.textContent = explain(error);
      }
    }),
    deskVerdict,
    people.element,
  );

  const element = h(
    'section',
    { class: 'organise-part' },
    desk,
    h('section', {}, h('h2', { t: 'programme' }), list),
    create,
  );
  return {
    id: 'workshops',
    title: 'tabWorkshops',
    element,
    show: () => void load(),
    relabel: () => {
      for (const option of zone.options) {
        const found = fair.zones.find((z) => z.zoneId === option.value);
        if (found) option.textContent = localName(found);
      }
      list.replaceChildren(...workshops.map(card));
      fillDesk();
    },
  };
}
