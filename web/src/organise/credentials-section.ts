import { fairDay, zoneOf } from '../../../shared/domain/fair-time';
import { searchKey } from '../../../shared/domain/names';
import { newestLoad, request } from '../common/api';
import { h, scrollRegion } from '../common/dom';
import { explain } from '../common/explain';
import { applyLanguage, formatShortDay, formatTime, t } from '../common/i18n';
import { nameOf } from '../common/names';
import type { PageContext } from '../common/session';
import type { Fair } from '../common/types';
import { boothCodesCard } from './booth-credentials';
import type { Section } from './main';

/**
 * The access codes of the fair's devices: every one listed (whose, what for, made when, used when,
 * good until), a lost phone's revoked in a tap, and one for each booth that has none, printed as a
 * sheet of sign-in cards (each a QR code of the booth page's link, as /devices makes for one phone).
 */
interface Listed {
  credentialId: string;
  role: string;
  scope: { gates?: string[]; workshops?: string[]; booth?: string };
  label: string;
  createdAt: string;
  lastUsedAt?: string;
  expiresAt?: string;
  revokedAt?: string;
}

const whenIn = (fair: Fair) => (instant: string | undefined) =>
  instant ? `${formatShortDay(fairDay(new Date(instant), zoneOf(fair)))} ${formatTime(instant, zoneOf(fair))}` : '—';
const scopeText = (credential: Listed) =>
  credential.scope.booth ?? credential.scope.gates?.join(', ') ?? credential.scope.workshops?.join(', ') ?? '—';

/** One access code: whose, what for, made, used, good until; a lost phone's revoked in a tap (never one's own). */
function credentialRow(fair: Fair, me: PageContext['me'], credential: Listed): HTMLElement {
  const when = whenIn(fair);
  const state = h('td', {}, credential.revokedAt ? t('credentialRevoked') : '');
  const revoke = h('button', {
    type: 'button',
    class: 'danger',
    t: 'revoke',
    disabled: Boolean(credential.revokedAt) || credential.credentialId === me.credentialId,
  });
  revoke.addEventListener('click', async () => {
    if (!window.confirm(t('revokeCredentialConfirm', { label: nameOf(credential.label) }))) return;
    try {
      await request(`/v1/credentials/${encodeURIComponent(credential.credentialId)}`, { method: 'DELETE' });
      credential.revokedAt = new Date().toISOString();
      state.textContent = t('credentialRevoked');
      revoke.disabled = true;
    } catch (error) {
      state.textContent = explain(error);
    }
  });
  return h(
    'tr',
    { 'data-credential-id': credential.credentialId, class: credential.revokedAt ? 'revoked' : '' },
    h('td', { dir: 'auto' }, nameOf(credential.label)),
    h('td', {}, t(`role_${credential.role as 'gate'}`)),
    h('td', {}, scopeText(credential)),
    h('td', {}, when(credential.createdAt)),
    h('td', {}, when(credential.lastUsedAt)),
    h('td', {}, when(credential.expiresAt)),
    state,
    h('td', {}, revoke),
  );
}

export function credentialsSection({ fair, me }: PageContext): Section {
  const rows = h('tbody', { id: 'credential-rows' });
  const filter = h('input', { id: 'credential-filter', type: 'search', autocomplete: 'off', dir: 'auto' });
  const problem = h('p', { class: 'form-error', role: 'alert' });
  let listed: Listed[] = [];

  const show = () => {
    // As the ticket search compares names: accents, case and Arabic spellings aside.
    const wanted = searchKey(filter.value);
    rows.replaceChildren(
      ...listed
        .filter(
          (credential) =>
            !wanted ||
            searchKey(`${nameOf(credential.label)} ${scopeText(credential)} ${credential.role}`).includes(wanted),
        )
        .map((credential) => credentialRow(fair, me, credential)),
    );
    applyLanguage(rows);
  };
  filter.addEventListener('input', show);
  const load = newestLoad(
    () => request<{ credentials: Listed[] }>('/v1/credentials'),
    (answer) => {
      problem.textContent = '';
      listed = answer.credentials;
      show();
    },
    (error) => {
      problem.textContent = explain(error);
    },
  );

  const element = h(
    'section',
    { class: 'organise-part' },
    boothCodesCard(
      fair,
      () =>
        new Set(
          listed.flatMap((credential) =>
            !credential.revokedAt && credential.scope.booth ? [credential.scope.booth] : [],
          ),
        ),
      load,
    ),
    h(
      'section',
      { class: 'card' },
      h('h2', { t: 'accessCodes' }),
      h('label', { for: 'credential-filter', t: 'filter' }),
      filter,
      problem,
      scrollRegion(
        'accessCodes',
        h(
          'table',
          {},
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ...(['label', 'role', 'scope', 'created', 'lastUsed', 'expires', 'state', 'actions'] as const).map(
                (key) => h('th', { t: key }),
              ),
            ),
          ),
          rows,
        ),
      ),
    ),
  );
  return { id: 'devices', title: 'tabDevices', element, show: () => void load(), relabel: show };
}
