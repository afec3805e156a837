import { h } from './dom';
import { applyLanguage, LANGUAGES, language, onLanguageChange, setLanguage, t } from './i18n';
import type { MessageKey } from './messages';
import { nameOf } from './names';
import type { Me } from './types';

export type Connection = 'online' | 'offline' | 'stale';

export interface Shell {
  main: HTMLElement;
  setUser(me: Me): void;
  /** The dot in the header: green online, red offline, amber when figures may be old. */
  setConnection(state: Connection, detail?: string): void;
  /**
   * Whether the API answered the page's last request: the dot follows it until the page sets its
   * connection itself (the gate, door, booth and dashboard judge theirs).
   */
  followRequests(answered: boolean): void;
  /** Whether the page judges its connection itself (it has set it). */
  ownsConnection(): boolean;
  /** What the page is showing, when one page shows more than one thing (a day's report, the fair's). */
  setTitle(title: MessageKey): void;
}

/** The header every page shares: home, the page's name, the connection, the language, sign out. */
export function renderShell(title: MessageKey, signOut: () => void): Shell {
  const connection = h('span', { class: 'connection online', role: 'status', 'aria-live': 'polite' });
  const user = h('span', { class: 'user' });
  const signOutButton = h('button', { class: 'link', type: 'button', hidden: true, t: 'signOut', onclick: signOut });
  const languages = h(
    'div',
    { class: 'languages', role: 'group' },
    ...LANGUAGES.map((entry) =>
      h(
        'button',
        {
          type: 'button',
          lang: entry.code,
          'data-language': entry.code,
          'aria-pressed': String(entry.code === language()),
          onclick: () => {
            setLanguage(entry.code);
            for (const button of languages.querySelectorAll('button'))
              button.setAttribute('aria-pressed', String(button.dataset.language === entry.code));
          },
        },
        entry.label,
      ),
    ),
  );
  const pageTitle = h('h1', { class: 'page-title', t: title });
  const header = h(
    'header',
    { class: 'top' },
    h('a', { class: 'brand', href: '/' }, h('span', { lang: 'ar' }, 'رواق'), ' Rawaq'),
    pageTitle,
    connection,
    languages,
    h('div', { class: 'account' }, user, signOutButton),
  );
  const main = h('main', { id: 'main' });
  document.body.replaceChildren(header, main);
  applyLanguage();
  let connectionState: { state: Connection; detail?: string } = { state: 'online' };
  let signedIn: Me | undefined;
  const showUser = () => {
    if (signedIn) user.textContent = nameOf(signedIn.label);
  };
  let owned = false;
  const showConnection = () => {
    connection.className = `connection ${connectionState.state}`;
    connection.textContent = connectionState.detail ?? t(connectionState.state === 'offline' ? 'offline' : 'online');
  };
  showConnection();
  // "Online" in the language just chosen, not the one the page opened in.
  onLanguageChange(() => {
    showConnection();
    showUser();
  });
  return {
    main,
    setUser(me) {
      signedIn = me;
      showUser();
      signOutButton.hidden = false;
    },
    setConnection(state, detail) {
      owned = true;
      connectionState = { state, ...(detail ? { detail } : {}) };
      showConnection();
    },
    followRequests(answered) {
      if (owned) return;
      connectionState = { state: answered ? 'online' : 'offline' };
      showConnection();
    },
    ownsConnection: () => owned,
    setTitle(key) {
      pageTitle.dataset.t = key;
      pageTitle.textContent = t(key);
    },
  };
}
