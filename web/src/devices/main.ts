import '../common/style.css';
import QRCode from 'qrcode';
import { request } from '../common/api';
import { h } from '../common/dom';
import { explain } from '../common/explain';
import { applyLanguage, formatShortDay, ltr, onLanguageChange, t } from '../common/i18n';
import { type PageContext, startPage } from '../common/session';
import type { Role } from '../common/types';
import { venueMachine } from '../common/venue-machine';
import { type DeviceRole, scopeFields } from './scope-fields';

/**
 * /devices, for organisers: a credential for each gate phone, door phone or booth tablet, handed over
 * as a QR code of a link to its page (`/gate#credential=...`). The phone's camera opens the link and
 * the page keeps the credential; nothing is typed. The fragment never reaches a server or its logs.
 */
const PAGE_FOR: Record<Exclude<Role, 'organiser'>, string> = {
  gate: '/gate',
  supervisor: '/gate',
  host: '/door',
  exhibitor: '/booth',
  desk: '/organise',
  viewer: '/dashboard',
};

interface Created {
  credentialId: string;
  credential: string;
}

function render({ fair, shell }: PageContext): void {
  let role: DeviceRole = 'gate';
  const roleSelect = h(
    'select',
    { id: 'role' },
    ...(['gate', 'supervisor', 'host', 'exhibitor', 'desk', 'viewer'] as const).map((value) =>
      h('option', { value, t: `role_${value}` }),
    ),
  );
  const label = h('input', { id: 'label', required: true, maxlength: 120, autocomplete: 'off' });
  const scope = scopeFields(fair, () => role);
  const problem = h('p', { class: 'form-error', role: 'alert', id: 'devices-problem' });
  const created = h('section', { id: 'created', class: 'created' });
  roleSelect.addEventListener('change', () => {
    role = roleSelect.value as DeviceRole;
    scope.show();
  });

  const form = h(
    'form',
    { class: 'card', id: 'new-device' },
    h('h2', { t: 'newDevice' }),
    h('label', { for: 'role', t: 'role' }),
    roleSelect,
    h('label', { for: 'label', t: 'label' }),
    label,
    scope.element,
    problem,
    h('button', { type: 'submit', class: 'primary', t: 'create' }),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = scope.chosen();
    problem.textContent = chosen ? '' : t('chooseScope');
    if (!chosen) return;
    try {
      const answer = await request<Created>('/v1/credentials', {
        body: { role, scope: chosen, label: label.value.trim() },
      });
      created.prepend(await deviceCard(label.value.trim(), role, answer));
      label.value = '';
    } catch (error) {
      problem.textContent = explain(error);
    }
  });

  shell.main.replaceChildren(form, created);
  void venueWifiCard().then((card) => {
    if (card) shell.main.prepend(card);
  });
  scope.show();
  onLanguageChange(scope.show);
  applyLanguage();
}

/**
 * On the venue machine (npm start), the card that readies a phone for HTTPS: a QR code of the local
 * authority's install page (its fingerprint in the link, so the camera's preview shows it too) and
 * the fingerprint the phone's own certificate viewer must show. This screen is the trusted one: the
 * install page is plain HTTP, which anyone on the Wi-Fi could forge. On AWS there is no /local.json.
 */
async function venueWifiCard(): Promise<HTMLElement | undefined> {
  const info = await venueMachine();
  if (!info) return undefined;
  const link = info.installLink;
  const svg = await QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  const card = h(
    'section',
    { class: 'card venue-wifi', id: 'venue-wifi' },
    h('h2', { t: 'venueWifi' }),
    h('img', {
      class: 'device-qr',
      alt: info.installUrl,
      src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`,
    }),
    h('p', { t: 'venueWifiSteps' }),
    h('p', { class: 'muted', dir: 'ltr' }, info.installUrl),
    h('p', { class: 'muted', t: 'venueFingerprint' }),
    h('p', { class: 'fingerprint', dir: 'ltr', id: 'venue-fingerprint' }, info.fingerprint),
    h(
      'p',
      { class: 'muted' },
      h('span', { t: 'venueValidUntil' }),
      ' ',
      h('bdi', {}, formatShortDay(info.validUntil.slice(0, 10))),
    ),
  );
  applyLanguage(card);
  return card;
}

async function deviceCard(name: string, role: Exclude<Role, 'organiser'>, created: Created): Promise<HTMLElement> {
  const link = `${location.origin}${PAGE_FOR[role]}#credential=${encodeURIComponent(created.credential)}`;
  const svg = await QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  const image = h('img', {
    class: 'device-qr',
    alt: name,
    src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`,
  });
  const status = h('p', { class: 'muted', role: 'status' });
  const revoke = h('button', { type: 'button', t: 'revoke' });
  revoke.addEventListener('click', async () => {
    try {
      await request(`/v1/credentials/${encodeURIComponent(created.credentialId)}`, { method: 'DELETE' });
    } catch (error) {
      status.textContent = explain(error);
      return;
    }
    card.classList.add('revoked');
    image.remove();
    revoke.remove();
    status.textContent = t('revoked');
  });
  const copy = h('button', { type: 'button', t: 'copyLink' });
  copy.addEventListener('click', () => void navigator.clipboard?.writeText(link));
  const card = h(
    'article',
    { class: 'card device', 'data-credential-id': created.credentialId, 'data-link': link },
    h('h3', { dir: 'auto' }, name),
    h('p', { class: 'muted' }, `${t(`role_${role}`)} · ${ltr(PAGE_FOR[role])}`),
    image,
    h('p', { t: 'scanToSignIn' }),
    h('p', { class: 'notice-text', t: 'keepSecret' }),
    h(
      'div',
      { class: 'row no-print' },
      h('button', { type: 'button', t: 'print', onclick: () => print() }),
      copy,
      revoke,
    ),
    status,
  );
  applyLanguage(card);
  return card;
}

void startPage({ title: 'devicesTitle', roles: ['organiser'], render });
