import { ApiError, configureApi, NetworkError, onReachability, request } from './api';
import { h } from './dom';
import { syncFairClock } from './fair-clock';
import { applyLanguage, onLanguageChange, t } from './i18n';
import type { MessageKey } from './messages';
import { nameOf } from './names';
import { registerServiceWorker } from './offline-pages';
import { clearLock, isLocked, unlock } from './pin-lock';
import { keepFresh } from './seen-again';
import { renderShell, type Shell } from './shell';
import { STORED } from './stored';
import type { Fair, Me, Role } from './types';

/**
 * What every page does first: the credential (asked once, kept on the device), who it is, the fair
 * (kept for offline use), then the page itself inside the common header.
 */

export interface PageContext {
  me: Me;
  fair: Fair;
  shell: Shell;
}

export interface PageSpec {
  title: MessageKey;
  /** Roles this page serves; organisers may use every page. */
  roles: Role[];
  render: (context: PageContext) => void | Promise<void>;
}

export function credential(): string | undefined {
  return localStorage.getItem(STORED.credential) ?? undefined;
}

export async function signOut(): Promise<void> {
  // A phone locked with a PIN signs out only with it: a volunteer cannot hand it to someone else.
  if (isLocked() && !(await unlock())) return;
  // One tap must not take a working gate phone away from its steward.
  if (!window.confirm(t('signOutConfirm'))) return;
  for (const key of [STORED.credential, STORED.me]) localStorage.removeItem(key);
  location.reload();
}

function cached<T>(key: string): T | undefined {
  const text = localStorage.getItem(key);
  return text ? (JSON.parse(text) as T) : undefined;
}

/**
 * A credential can come in a link (`/gate#credential=...`, from a QR code on a provisioning sheet). A
 * phone already signed in with another one asks first: a QR code scanned by mistake must not take a
 * working gate phone away from its steward.
 */
function takeCredentialFromLink(): void {
  const match = /credential=([^&]+)/.exec(location.hash);
  if (!match?.[1]) return;
  // The credential leaves the address at once (a fragment never reaches a server, nor should a screenshot).
  history.replaceState(null, '', location.pathname + location.search);
  const offered = decodeURIComponent(match[1]);
  const current = localStorage.getItem(STORED.credential);
  if (current && current !== offered) {
    const me = cached<Me>(STORED.me);
    const label = me ? nameOf(me.label) : '';
    if (!window.confirm(t('replaceCredential', { label }))) return;
  }
  localStorage.setItem(STORED.credential, offered);
  localStorage.removeItem(STORED.me);
  // Handed over anew by the organisers' link: the old lock goes with the old credential.
  clearLock();
}

async function loadMe(): Promise<Me | undefined> {
  try {
    const me = await request<Me>('/v1/me');
    localStorage.setItem(STORED.me, JSON.stringify(me));
    return me;
  } catch (error) {
    if (error instanceof NetworkError) return cached<Me>(STORED.me);
    if (error instanceof ApiError && error.status === 401) {
      localStorage.removeItem(STORED.credential);
      localStorage.removeItem(STORED.me);
      return undefined;
    }
    throw error;
  }
}

async function loadFair(): Promise<Fair | undefined> {
  const started = Date.now();
  try {
    const fair = await request<Fair>('/v1/fair');
    syncFairClock(fair.now, started);
    localStorage.setItem(STORED.fair, JSON.stringify(fair));
    return fair;
  } catch (error) {
    if (error instanceof NetworkError) {
      return cached<Fair>(STORED.fair);
    }
    throw error;
  }
}

function signInForm(root: HTMLElement, problem?: MessageKey): void {
  const input = h('input', {
    id: 'credential',
    name: 'credential',
    autocomplete: 'off',
    autocapitalize: 'off',
    spellcheck: 'false',
    required: true,
  });
  const message = h('p', { class: 'form-error', role: 'alert', ...(problem ? { t: problem } : {}) });
  const form = h(
    'form',
    { class: 'card sign-in' },
    h('h1', { t: 'signInTitle' }),
    h('p', { t: 'signInHelp' }),
    h('label', { for: 'credential', t: 'credential' }),
    input,
    message,
    h('button', { class: 'primary', type: 'submit', t: 'signIn' }),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = input.value.trim();
    try {
      const me = await request<Me>('/v1/me', { credential: value });
      localStorage.setItem(STORED.credential, value);
      localStorage.setItem(STORED.me, JSON.stringify(me));
      location.reload();
    } catch (error) {
      message.dataset.t = error instanceof NetworkError ? 'networkDown' : 'credentialRefused';
      applyLanguage(form);
    }
  });
  root.replaceChildren(form);
  applyLanguage();
}

/**
 * The header's dot on a page that does not judge its connection itself (organise, reports, devices):
 * it follows the page's requests, and while none answers the API is asked again every 10 s, when the
 * page is seen again and when the phone says it is online, so "Offline" turns back to "Online" (and
 * what the network failed to load comes: `againWhenAnswered`) without anyone pressing anything.
 */
function followTheApi(shell: Shell): void {
  let answered = true;
  onReachability((now) => {
    answered = now;
    shell.followRequests(now);
  });
  const askAgain = () => {
    if (!answered && !shell.ownsConnection()) request('/v1/health', { timeoutMs: 3000 }).catch(() => undefined);
  };
  keepFresh(askAgain, 10_000);
  window.addEventListener('online', askAgain);
}

export async function startPage(spec: PageSpec): Promise<void> {
  applyLanguage();
  registerServiceWorker();
  takeCredentialFromLink();
  const shell = renderShell(spec.title, () => void signOut());
  followTheApi(shell);
  onLanguageChange(() => applyLanguage());
  await configureApi(credential);
  if (!credential()) return signInForm(shell.main);
  const me = await loadMe();
  if (!me) return signInForm(shell.main, 'credentialRefused');
  shell.setUser(me);
  if (me.role !== 'organiser' && !spec.roles.includes(me.role)) {
    shell.main.replaceChildren(
      h(
        'p',
        { class: 'card notice' },
        t('wrongRole', { role: t(`role_${spec.roles[0] ?? 'organiser'}`), actual: t(`role_${me.role}`) }),
      ),
    );
    return;
  }
  const fair = await loadFair();
  if (!fair) {
    shell.main.replaceChildren(h('p', { class: 'card notice', t: 'networkDown' }));
    applyLanguage();
    return;
  }
  await spec.render({ me, fair, shell });
  applyLanguage();
}
