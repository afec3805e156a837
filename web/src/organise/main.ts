import '../common/style.css';
import { h } from '../common/dom';
import { applyLanguage, onLanguageChange } from '../common/i18n';
import type { MessageKey } from '../common/messages';
import { type PageContext, startPage } from '../common/session';
import { alertsSection } from './alerts-section';
import { credentialsSection } from './credentials-section';
import { floorSection } from './floor-section';
import { ticketsSection } from './tickets-section';
import { workshopsSection } from './workshops-section';
import { zonesSection } from './zones-section';

/**
 * /organise: what organisers do without a terminal, on a phone or a laptop. Tickets (issue, find,
 * print, revoke), workshops (create, change, cancel, a registration desk), zones (capacity on the
 * day, with the reason), the devices' access codes (list, revoke, one per booth at once), alert
 * subscriptions and the offline conflicts. One part at a time, chosen in the tabs; the address keeps
 * the part (`/organise#zones`), so the back button and a bookmark work.
 */
export interface Section {
  id: string;
  title: MessageKey;
  element: HTMLElement;
  /** Called when the part is shown (again): it reads what it lists afresh. */
  show: () => void;
  /** The reader changed language: texts built from data are written again. */
  relabel?: () => void;
}

function render(context: PageContext): void {
  // The information desk: tickets, badges and a visitor's privacy requests only.
  const sections: Section[] =
    context.me.role === 'desk'
      ? [ticketsSection(context)]
      : [
          ticketsSection(context),
          workshopsSection(context),
          zonesSection(context),
          credentialsSection(context),
          alertsSection(context),
          floorSection(context),
        ];
  const tabs = h(
    'nav',
    { class: 'tabs', role: 'tablist', 'aria-label': 'Rawaq' },
    ...sections.map((section) =>
      h('a', {
        href: `#${section.id}`,
        role: 'tab',
        id: `tab-${section.id}`,
        'aria-controls': `section-${section.id}`,
        t: section.title,
      }),
    ),
  );
  for (const section of sections) {
    section.element.id = `section-${section.id}`;
    section.element.setAttribute('role', 'tabpanel');
    section.element.setAttribute('aria-labelledby', `tab-${section.id}`);
  }
  const choose = () => {
    const wanted = location.hash.slice(1);
    const current = sections.find((section) => section.id === wanted) ?? (sections[0] as Section);
    for (const section of sections) {
      const shown = section === current;
      section.element.hidden = !shown;
      tabs.querySelector(`#tab-${section.id}`)?.setAttribute('aria-selected', String(shown));
    }
    current.show();
  };
  context.shell.main.className = 'organise';
  context.shell.main.replaceChildren(tabs, ...sections.map((section) => section.element));
  window.addEventListener('hashchange', choose);
  onLanguageChange(() => {
    for (const section of sections) section.relabel?.();
  });
  choose();
  applyLanguage();
}

void startPage({ title: 'organiseTitle', roles: ['organiser', 'desk'], render });
