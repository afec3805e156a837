import '../common/style.css';
import { h } from '../common/dom';
import { language, onLanguageChange } from '../common/i18n';
import type { MessageKey } from '../common/messages';
import { type PageContext, startPage } from '../common/session';
import type { Role } from '../common/types';

/** /: the four pages, the ones this credential is for first. */
const PAGES: { href: string; title: MessageKey; text: MessageKey; role: Role }[] = [
  { href: '/gate', title: 'homeGate', text: 'homeGateText', role: 'gate' },
  { href: '/door', title: 'homeDoor', text: 'homeDoorText', role: 'host' },
  { href: '/booth', title: 'homeBooth', text: 'homeBoothText', role: 'exhibitor' },
  { href: '/dashboard', title: 'homeDashboard', text: 'homeDashboardText', role: 'organiser' },
  { href: '/organise', title: 'homeOrganise', text: 'homeOrganiseText', role: 'organiser' },
  { href: '/report', title: 'homeReport', text: 'homeReportText', role: 'organiser' },
  { href: '/devices', title: 'homeDevices', text: 'homeDevicesText', role: 'organiser' },
];

function render(context: PageContext): void {
  show(context);
  onLanguageChange(() => show(context));
}

function show({ me, fair, shell }: PageContext): void {
  const mine = me.role === 'organiser' ? PAGES : PAGES.filter((page) => page.role === me.role);
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

void startPage({ title: 'homeTitle', roles: ['organiser', 'gate', 'host', 'exhibitor'], render });
