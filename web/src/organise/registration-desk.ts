import type { Roster } from '../../../shared/contract/answers';
import { fairDay, zoneOf } from '../../../shared/domain/fair-time';
import type { RegistrationVerdict } from '../../../shared/domain/workshop-rules';
import { request } from '../common/api';
import { h } from '../common/dom';
import { explain } from '../common/explain';
import { formatShortDay, formatTime, localTitle, t } from '../common/i18n';
import { peoplePanel } from '../common/people';
import { scanPanel } from '../common/scan-panel';
import type { Fair, Workshop } from '../common/types';

/** How often the registration desk reads its workshop's people again while it is on screen. */
const DESK_REFRESH_MS = 3_000;

/**
 * The registration desk: pick a workshop, scan a badge to register it (or put it on the waiting list),
 * and see who registered and who waits, by name; a no-show's seat is freed here as at the door.
 * `onScreen` says whether the desk is shown, so it reads its people again only then.
 */
export function registrationDesk(fair: Fair, onScreen: () => boolean) {
  const chooser = h('select', { id: 'desk-workshop' });
  const verdict = h('p', { class: 'desk-verdict', id: 'desk-verdict', role: 'status', 'aria-live': 'assertive' });
  const rosterPath = () => `/v1/workshops/${encodeURIComponent(chooser.value)}/registrations`;
  const people = peoplePanel(zoneOf(fair), () => void showPeople(), 'desk-');
  async function showPeople(): Promise<void> {
    if (!chooser.value) return;
    try {
      people.show(await request<Roster>(rosterPath()));
    } catch {
      // The list stays as it was; the desk's verdict says what went wrong with a registration.
    }
  }
  async function register(code: string): Promise<void> {
    if (!chooser.value) return;
    try {
      const answer = await request<{ verdict: RegistrationVerdict }>(rosterPath(), { body: { token: code } });
      verdict.dataset.verdict = answer.verdict;
      verdict.textContent = t(`registration_${answer.verdict}`);
      await showPeople();
    } catch (error) {
      verdict.dataset.verdict = 'ERROR';
      verdict.textContent = explain(error);
    }
  }
  chooser.addEventListener('change', () => void showPeople());
  // The waiting list moves up on its own (a freed seat is given by the server a moment later): while
  // the desk is on screen, its people are read again every few seconds, as the door's are.
  setInterval(() => {
    if (onScreen() && !document.hidden) void showPeople();
  }, DESK_REFRESH_MS);
  return {
    element: h(
      'section',
      { class: 'card', id: 'registration-desk' },
      h('h2', { t: 'registrationDesk' }),
      h('label', { for: 'desk-workshop', t: 'workshop' }),
      chooser,
      scanPanel(register),
      verdict,
      people.element,
    ),
    /** The workshops the desk can register for: neither cancelled nor closed; the choice is kept. */
    offer(workshops: Workshop[]): void {
      const chosen = chooser.value;
      chooser.replaceChildren(
        ...workshops
          .filter((workshop) => workshop.status !== 'cancelled' && workshop.status !== 'closed')
          .map((workshop) =>
            h(
              'option',
              { value: workshop.workshopId, selected: workshop.workshopId === chosen },
              `${formatShortDay(fairDay(new Date(workshop.startsAt), zoneOf(fair)))} ${formatTime(workshop.startsAt, zoneOf(fair))} · ${localTitle(workshop)}`,
            ),
          ),
      );
      void showPeople();
    },
  };
}
