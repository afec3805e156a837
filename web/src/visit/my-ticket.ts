import QRCode from 'qrcode';
import { formatShortCode, normalizeShortCode } from '../../../shared/domain/short-code';
import { ApiError, request } from '../common/api';
import { h } from '../common/dom';
import { applyLanguage, language, t } from '../common/i18n';
import { STORED } from '../common/stored';

/**
 * A visitor without a ticket registers on their own phone, from any booth's poster: name, number and
 * their yes; the ticket's QR code then lives on this phone (gates, doors and booths take it like a
 * printed badge). With the second box ticked, a consent code beside it gives a booth the visitor shows
 * it their name and number; without, no booth ever sees them. Once registered, every poster's page shows
 * the ticket first.
 */
const WORDING = 'register-1';

interface MyTicket {
  token: string;
  shortCode: string;
  holderName: string;
  consentCode?: string;
}

const stored = (): MyTicket | undefined => {
  try {
    return JSON.parse(localStorage.getItem(STORED.myTicket) ?? 'null') ?? undefined;
  } catch {
    return undefined;
  }
};

export const hasMyTicket = (): boolean => stored() !== undefined;

async function qr(text: string, alt: string, id: string): Promise<HTMLImageElement> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return h('img', {
    class: 'qr my-ticket-qr',
    id,
    alt,
    src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`,
  });
}

async function ticketCard(ticket: MyTicket): Promise<HTMLElement> {
  const code = normalizeShortCode(ticket.shortCode);
  return h(
    'section',
    { class: 'card my-ticket', id: 'my-ticket' },
    h('h2', { t: 'myTicketTitle' }),
    h('p', { class: 'my-ticket-holder', dir: 'auto' }, ticket.holderName),
    await qr(ticket.token, t('myTicketTitle'), 'my-ticket-qr'),
    h('p', { class: 'badge-code', dir: 'ltr' }, code ? formatShortCode(code) : ticket.shortCode),
    h('p', { t: 'myTicketHelp' }),
    ticket.consentCode
      ? h(
          'details',
          { class: 'my-consent' },
          h('summary', { t: 'myConsentCodeTitle' }),
          await qr(ticket.consentCode, t('myConsentCodeTitle'), 'my-consent-qr'),
          h('p', { class: 'muted', t: 'myConsentCodeHelp' }),
        )
      : '',
  );
}

/** The ticket when this phone has one, else the form to get one; `phoneId` is the phone's own id. */
export async function myTicketSection(phoneId: () => string, open: boolean): Promise<HTMLElement> {
  const holder = h('div', { id: 'my-ticket-area' });
  const known = stored();
  if (known) {
    holder.replaceChildren(await ticketCard(known));
    return holder;
  }
  if (!open) return holder;
  const name = h('input', { id: 'register-name', autocomplete: 'name', maxlength: 100, required: true, dir: 'auto' });
  const phone = h('input', {
    id: 'register-phone',
    type: 'tel',
    inputmode: 'tel',
    autocomplete: 'tel',
    required: true,
    dir: 'ltr',
  });
  const agree = h('input', { id: 'register-consent', type: 'checkbox', required: true });
  const share = h('input', { id: 'register-share', type: 'checkbox' });
  const problem = h('p', { class: 'form-error', role: 'alert', id: 'register-problem' });
  const form = h(
    'form',
    { class: 'card', id: 'register-form' },
    h('h2', { t: 'selfRegisterTitle' }),
    h('p', { class: 'muted', t: 'selfRegisterHelp' }),
    h('label', { for: 'register-name', t: 'visitName' }),
    name,
    h('label', { for: 'register-phone', t: 'contact_phone' }),
    phone,
    h('label', { class: 'check' }, agree, h('span', { t: 'selfRegisterConsent' })),
    h('label', { class: 'check' }, share, h('span', { t: 'selfRegisterShare' })),
    problem,
    h('button', { type: 'submit', class: 'primary', t: 'selfRegisterSend' }),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    problem.textContent = '';
    try {
      const issued = await request<Omit<MyTicket, 'holderName'>>('/v1/self-registrations', {
        body: {
          phoneId: phoneId(),
          holderName: name.value.trim(),
          phone: phone.value.trim(),
          consent: true,
          ...(share.checked ? { share: ['name', 'phone'] } : {}),
          wording: `${WORDING}-${language()}`,
        },
      });
      const ticket: MyTicket = {
        token: issued.token,
        shortCode: issued.shortCode,
        holderName: name.value.trim(),
        ...(issued.consentCode ? { consentCode: issued.consentCode } : {}),
      };
      localStorage.setItem(STORED.myTicket, JSON.stringify(ticket));
      holder.replaceChildren(await ticketCard(ticket));
      applyLanguage(holder);
    } catch (error) {
      problem.textContent =
        error instanceof ApiError
          ? error.status === 400
            ? t('visitBadPhone')
            : error.status === 429
              ? t('selfRegisterFull')
              : error.status === 409
                ? t('selfRegisterClosed')
                : t('visitNetwork')
          : t('visitNetwork');
    }
  });
  holder.replaceChildren(form);
  return holder;
}
