import '../common/style.css';
import type { BoothPoster } from '../../../shared/contract/answers';
import { ApiError, configureApi, request } from '../common/api';
import { h } from '../common/dom';
import { applyLanguage, language, onLanguageChange, t } from '../common/i18n';
import { renderShell } from '../common/shell';
import { STORED, STORED_PER } from '../common/stored';
import { hasMyTicket, myTicketSection } from './my-ticket';

/**
 * /visit#<boothId>: what a visitor's own phone opens from a booth's poster (any camera app, nothing to
 * install, no credential). The cooperative's name, products and hall; opening it counts one anonymous
 * interest visit for the booth (once per phone and day); the visitor may leave their name and number,
 * ticking the line that lets this cooperative call them back, and take it back later from the same
 * phone. Nothing else about the phone is kept. A visitor without a ticket may register here and keep
 * its QR code on the phone (my-ticket.ts).
 */
const WORDING = 'poster-1';

function phoneId(): string {
  const known = localStorage.getItem(STORED.phoneId);
  if (known) return known;
  const made = crypto.randomUUID();
  localStorage.setItem(STORED.phoneId, made);
  return made;
}

const sharedKey = STORED_PER.sharedWith;

type Send = (body: Record<string, unknown>) => Promise<{ counted: boolean; lead?: string }>;

/**
 * The visitor's name and number, left with the line that lets this cooperative call them back, and
 * taken back later from the same phone.
 */
function contactForm(booth: BoothPoster, send: Send) {
  const name = h('input', { id: 'visit-name', autocomplete: 'name', maxlength: 100, dir: 'auto' });
  const phone = h('input', {
    id: 'visit-phone',
    type: 'tel',
    inputmode: 'tel',
    autocomplete: 'tel',
    required: true,
    dir: 'ltr',
  });
  const agree = h('input', { id: 'visit-consent', type: 'checkbox', required: true });
  const agreeText = h('span', { id: 'visit-consent-text' });
  const problem = h('p', { class: 'form-error', role: 'alert' });
  const done = h('div', { class: 'notice', id: 'visit-done', hidden: true, role: 'status' });
  // After a "No": the number is gone, and the form is empty again (its box unticked).
  const erased = h('p', { class: 'notice', id: 'visit-erased', hidden: true, role: 'status', t: 'visitErased' });
  const takeBack = h('button', { type: 'button', id: 'visit-take-back', t: 'visitTakeBack' });
  // The form (and its error line) is hidden while the number is shared: a failed "No" says so here.
  const takeBackProblem = h('p', { class: 'form-error', role: 'alert' });
  const form = h(
    'form',
    { class: 'card', id: 'visit-form' },
    erased,
    h('h2', { t: 'visitLeaveNumber' }),
    h('label', { for: 'visit-name', t: 'visitName' }),
    name,
    h('label', { for: 'visit-phone', t: 'contact_phone' }),
    phone,
    h('label', { class: 'check' }, agree, agreeText),
    problem,
    h('button', { type: 'submit', class: 'primary', t: 'visitSend' }),
  );
  const showShared = (shared: boolean) => {
    form.hidden = shared || !booth.open;
    erased.hidden = true;
    done.hidden = !shared;
    takeBackProblem.textContent = '';
    done.replaceChildren(h('p', { t: 'visitThanks' }), takeBack, takeBackProblem);
    applyLanguage(done);
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    problem.textContent = '';
    erased.hidden = true;
    try {
      await send({
        contact: { phone: phone.value.trim(), ...(name.value.trim() ? { name: name.value.trim() } : {}) },
        consent: true,
        wording: `${WORDING}-${language()}`,
      });
      localStorage.setItem(sharedKey(boothId), '1');
      form.reset();
      showShared(true);
    } catch (error) {
      problem.textContent = error instanceof ApiError && error.status === 400 ? t('visitBadPhone') : t('visitNetwork');
    }
  });
  takeBack.addEventListener('click', async () => {
    try {
      await send({ consent: false, wording: `${WORDING}-${language()}` });
      localStorage.removeItem(sharedKey(boothId));
      form.reset();
      showShared(false);
      erased.hidden = false;
    } catch {
      takeBackProblem.textContent = t('visitNetwork');
    }
  });

  return {
    elements: [form, done],
    showShared,
    relabel(): void {
      agreeText.textContent = t('visitConsent', { exhibitor: booth.exhibitor });
    },
  };
}

const shell = renderShell('visitTitle', () => undefined);
const boothId = decodeURIComponent(location.hash.slice(1));

function fail(key: 'visitNoPoster' | 'visitNoBooth' | 'visitNetwork'): void {
  shell.main.replaceChildren(h('p', { class: 'card notice', t: key }));
  applyLanguage();
}

async function main(): Promise<void> {
  await configureApi(() => undefined);
  applyLanguage();
  // No booth named (the address typed, or its end cut off): the page is reached from a poster's code.
  if (boothId === '') return fail('visitNoPoster');
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(boothId)) return fail('visitNoBooth');
  let booth: BoothPoster;
  try {
    booth = await request<BoothPoster>(`/v1/booths/${encodeURIComponent(boothId)}/poster`);
  } catch (error) {
    return fail(error instanceof ApiError && error.status === 404 ? 'visitNoBooth' : 'visitNetwork');
  }
  const send = (body: Record<string, unknown>) =>
    request<{ counted: boolean; lead?: string }>(`/v1/booths/${encodeURIComponent(boothId)}/interest`, {
      body: { phoneId: phoneId(), ...body },
    });
  if (booth.open) void send({}).catch(() => undefined);

  const contact = contactForm(booth, send);
  const products = h('ul', { class: 'chips visit-products' });
  const title = h('h2', { class: 'visit-exhibitor', dir: 'auto' }, booth.exhibitor);
  const place = h('p', { class: 'muted', id: 'visit-place' });
  const fairName = h('p', { class: 'muted' });
  const label = () => {
    const lang = language();
    fairName.textContent = booth.fair.names[lang];
    place.textContent = `${booth.category.names[lang]} · ${t('booth')} ${booth.boothId} · ${booth.zone.names[lang]}`;
    contact.relabel();
    products.replaceChildren(...booth.products.map((product) => h('li', { class: 'chip', dir: 'auto' }, product)));
  };
  label();
  onLanguageChange(label);
  // A visitor who registered sees their ticket first; one who has none, the way to get one last.
  const mine = await myTicketSection(phoneId, booth.open);
  shell.main.replaceChildren(
    h('section', { class: 'card visit-booth' }, fairName, title, place, products),
    booth.open ? '' : h('p', { class: 'card notice', t: 'visitClosed' }),
    hasMyTicket() ? mine : '',
    ...contact.elements,
    hasMyTicket() ? '' : mine,
    h('p', { class: 'muted visit-privacy', t: 'visitPrivacy' }),
  );
  contact.showShared(localStorage.getItem(sharedKey(boothId)) === '1');
  applyLanguage();
}

void main();
