import '../common/style.css';
import { h } from '../common/dom';
import { applyLanguage, language, onLanguageChange } from '../common/i18n';
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

/**
 * An address that is no page (a typed `/gates`) comes here from the edge as `/?nopage=/gates`: said at
 * the top, above the sign-in or the pages.
 */
function noSuchPage(): HTMLElement | undefined {
  const address = new URLSearchParams(location.search).get('nopage');
  if (!address) return undefined;
  return h(
    'div',
    { class: 'card notice', id: 'no-such-page', role: 'alert' },
    h('p', {}, h('span', { t: 'noSuchPage' }), ' ', h('bdi', { dir: 'ltr' }, address.slice(0, 80))),
    h('p', { class: 'muted', t: 'noSuchPageHere' }),
  );
}

const missing = noSuchPage();

function render(context: PageContext): void {
  show(context);
  onLanguageChange(() => show(context));
}

function show({ me, fair, shell }: PageContext): void {
  const mine = me.role === 'organiser' ? PAGES : PAGES.filter((page) => page.roles.includes(me.role));
  shell.main.replaceChildren(
    ...(missing ? [missing] : []),
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
}).then(() => {
  // Signed out (or refused): the sign-in form is what the page shows, the notice above it.
  if (!missing || missing.isConnected) return;
  document.querySelector('main')?.prepend(missing);
  applyLanguage(missing);
});
