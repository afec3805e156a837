import { fairDay, zoneOf } from '../../../shared/domain/fair-time';
import { newestLoad, request } from '../common/api';
import { h } from '../common/dom';
import { explain } from '../common/explain';
import { applyLanguage, formatNumber, formatShortDay, formatTime, localTitle, t, timeSpan } from '../common/i18n';
import { openPrintJob } from '../common/print-job';
import type { PageContext } from '../common/session';
import type { Fair, Workshop } from '../common/types';
import type { Section } from './main';
import { registrationDesk } from './registration-desk';
import { newWorkshopForm } from './workshop-form';

type ProgrammeWorkshop = Workshop & { kind?: string; cancelReason?: string };

/** Runs a change to a workshop, then reads the programme again; a refusal is said on its card. */
async function change(status: HTMLElement, send: () => Promise<unknown>, reload: () => Promise<void>, done = '') {
  try {
    await send();
    status.textContent = done;
    await reload();
  } catch (error) {
    status.textContent = explain(error);
  }
}

/** One workshop of the programme: its hours and figures, its seats changed, cancelled with a reason. */
function workshopCard(fair: Fair, workshop: ProgrammeWorkshop, reload: () => Promise<void>): HTMLElement {
  const path = `/v1/workshops/${encodeURIComponent(workshop.workshopId)}`;
  const timeOf = (instant: string) => formatTime(instant, zoneOf(fair));
  const status = h('p', { class: 'muted', role: 'status' });
  const seats = h('input', { type: 'number', min: 1, max: 100000, value: workshop.capacity, 'aria-label': t('seats') });
  const save = h('button', { type: 'button', t: 'save' });
  save.addEventListener('click', () =>
    change(
      status,
      () => request(path, { method: 'PATCH', body: { capacity: Number(seats.value) } }),
      reload,
      t('saved'),
    ),
  );
  const cancelled = workshop.status === 'cancelled';
  const cancel = h('button', { type: 'button', class: 'danger', t: 'cancelWorkshop', disabled: cancelled });
  cancel.addEventListener('click', () => {
    const reason = window.prompt(t('cancelWorkshopWhy', { title: localTitle(workshop) }))?.trim();
    if (reason === undefined) return;
    void change(status, () => request(`${path}/cancel`, { body: reason ? { reason } : {} }), reload);
  });
  const day = formatShortDay(fairDay(new Date(workshop.startsAt), zoneOf(fair)));
  const figures = [
    t(`status_${workshop.status}`),
    `${t('registered')} ${formatNumber(workshop.registered)}`,
    `${t('waitlist')} ${formatNumber(workshop.waitlisted)}`,
    `${t('attended')} ${formatNumber(workshop.attended ?? 0)}`,
  ].join(' · ');
  return h(
    'article',
    { class: `card workshop status-${workshop.status}`, 'data-workshop': workshop.workshopId },
    h(
      'h3',
      { dir: 'auto' },
      `${day} ${timeSpan(timeOf(workshop.startsAt), timeOf(workshop.endsAt))} · ${localTitle(workshop)}`,
    ),
    h('p', { class: 'muted' }, figures, workshop.cancelReason ? ` · ${workshop.cancelReason}` : ''),
    h('div', { class: 'row' }, h('span', { t: 'seats' }), seats, save, cancel),
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
}

/** Workshops and seminars: the programme with its figures; create, change, cancel; the registration desk. */
export function workshopsSection({ fair }: PageContext): Section {
  let workshops: ProgrammeWorkshop[] = [];
  const list = h('div', { class: 'workshop-list', id: 'workshop-list' });
  const desk = registrationDesk(fair, () => !element.hidden);
  const form = newWorkshopForm(fair, () => load());
  const show = () => {
    list.replaceChildren(...workshops.map((workshop) => workshopCard(fair, workshop, load)));
    desk.offer(workshops);
  };
  const load = newestLoad(
    () => request<{ workshops: ProgrammeWorkshop[] }>('/v1/workshops'),
    (answer) => {
      workshops = answer.workshops.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
      show();
      applyLanguage(list);
    },
    (error) => list.replaceChildren(h('p', { class: 'form-error' }, explain(error))),
  );
  const element = h(
    'section',
    { class: 'organise-part' },
    desk.element,
    h('section', {}, h('h2', { t: 'programme' }), list),
    form.element,
  );
  return {
    id: 'workshops',
    title: 'tabWorkshops',
    element,
    show: () => void load(),
    relabel: () => {
      form.relabel();
      show();
    },
  };
}
