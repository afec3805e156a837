import '../common/style.css';
import { h } from '../common/dom';
import { language, onLanguageChange } from '../common/i18n';
import type { MessageKey } from '../common/messages';
import { type PageContext, startPage } from '../common/session';
import type { Role } from '../common/types';

/** /: the pages this credential is for (an organiser's: all of them). */
const PAGES: { href: string; title: MessageKey; text: MessageKey; roles: Role[] }[] = [
  { href: '/gate', title: 'homeGate', text: 'homeGateText', roles: ['gate', 'supervisor'] },
  { href: '/door', title: 'homeDoor', text: 'homeDoorText', roles: ['host'] },
  { href: '/booth', title: 'homeBooth', text: 'homeBoothText', roles: ['exhibitor'] },
  { href: '/dashboard', title: 'homeDashboard', text: 'homeDashboardText', roles: ['viewer'] },
  { href: '/organise', title: 'homeOrganise', text: 'homeOrganiseText', roles: ['desk'] },
  { href: '/report', title: 'homeReport', text: 'homeReportText', roles: ['viewer'] },
  { href: '/devices', title: 'homeDevices', text: 'homeDevicesText', roles: [] },
];

function render(context: PageContext): void {
  show(context);
  onLanguageChange(() => show(context));
}

function show({ me, fair, shell }: PageContext): void {
  const mine = me.role === 'organiser' ? PAGES : PAGES.filter((page) => page.roles.includes(me.role));
  shell.main.replaceChildren(
    h('p', { class: 'muted', dir: 'auto' }, fair.localNames?.[language()] ?? fair.name),
    h(
      'nav',
      { class: 'tiles' },
      ...mine.map((page) =>
        h('a', { class: 'tile', href: page.href }, h('strong', { t: page.title }), h('span', { t: page.text })),
      ),
    ),
  );
}

void startPage({
  title: 'homeTitle',
  roles: ['organiser', 'gate', 'supervisor', 'host', 'exhibitor', 'desk', 'viewer'],
  render,
});
