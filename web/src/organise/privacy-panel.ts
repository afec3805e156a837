import type { PrivacyRecord } from '../../../shared/contract/answers';
import { newestLoad, request } from '../common/api';
import { h } from '../common/dom';
import { explain } from '../common/explain';
import { applyLanguage, formatDay, t } from '../common/i18n';

type Act = (path: string, payload: unknown) => Promise<void>;

/** What Rawaq holds on the visitor, handed over as a file. */
function exportButton(record: PrivacyRecord, ticketId: string): HTMLElement {
  const button = h('button', { type: 'button', id: 'privacy-export', t: 'privacyExport' });
  button.addEventListener('click', () => {
    const blob = new Blob([JSON.stringify(record, null, 2)], { type: 'application/json' });
    const link = h('a', { href: URL.createObjectURL(blob), download: `rawaq-${ticketId}.json` });
    link.click();
    URL.revokeObjectURL(link.href);
  });
  return button;
}

/** The visitor's answer at each booth that asked, a yes withdrawn in a tap. */
function consentsList(record: PrivacyRecord, act: Act): HTMLElement {
  return h(
    'ul',
    { class: 'privacy-consents', id: 'privacy-consents' },
    ...record.consents.map((consent) => {
      const withdraw = h('button', { type: 'button', t: 'privacyWithdraw', hidden: !consent.consent });
      withdraw.addEventListener('click', () => void act('/withdraw', { boothId: consent.boothId }));
      const answer = t(consent.consent ? 'privacyConsentYes' : 'privacyConsentNo');
      return h(
        'li',
        { 'data-booth': consent.boothId, 'data-consent': String(consent.consent) },
        h('bdi', {}, `${consent.boothId} · ${consent.exhibitor}`),
        ` · ${answer} · ${formatDay(consent.at.slice(0, 10))} `,
        withdraw,
      );
    }),
  );
}

/**
 * A visitor's personal data at the desk, on their request: what Rawaq holds (to show, or hand over as
 * a file), their consent withdrawn at one booth or all, or their erasure. Each act is logged on the
 * ticket with the organiser's name.
 */
export function privacyPanel(ticketId: string): HTMLElement {
  const body = h('div', { class: 'privacy-body' });
  const problem = h('p', { class: 'form-error', role: 'alert' });
  const panel = h(
    'section',
    { class: 'card privacy-panel', id: 'privacy-panel', 'data-ticket-id': ticketId, 'aria-live': 'polite' },
    h('h3', { t: 'privacyTitle' }),
    body,
    problem,
  );
  const base = `/v1/tickets/${encodeURIComponent(ticketId)}/privacy`;
  const act: Act = async (path, payload) => {
    problem.textContent = '';
    try {
      await request(`${base}${path}`, { body: payload });
      await load();
    } catch (error) {
      problem.textContent = explain(error);
    }
  };
  const show = (record: PrivacyRecord) => {
    const contact = Object.entries(record.contact ?? {});
    const exportFile = exportButton(record, ticketId);
    const withdrawAll = h('button', { type: 'button', id: 'privacy-withdraw-all', t: 'privacyWithdrawAll' });
    withdrawAll.addEventListener('click', () => void act('/withdraw', {}));
    const erase = h('button', { type: 'button', class: 'danger', id: 'privacy-erase', t: 'privacyErase' });
    erase.addEventListener('click', () => {
      if (window.confirm(t('privacyEraseConfirm'))) void act('/erase', { confirm: true });
    });
    body.replaceChildren(
      record.erasedAt ? h('p', { class: 'notice', id: 'privacy-erased' }, t('privacyErased')) : '',
      h('p', { dir: 'auto' }, record.holderName ?? '—'),
      contact.length > 0
        ? h(
            'ul',
            { class: 'privacy-contact' },
            ...contact.map(([field, value]) =>
              h('li', {}, `${t(`contact_${field}` as 'contact_phone')}: `, h('bdi', {}, value)),
            ),
          )
        : '',
      h('h4', { t: 'privacyConsents' }),
      consentsList(record, act),
      h('p', { class: 'muted' }, t('privacyVisited', { count: record.boothsVisited.length })),
      record.expiresAt
        ? h('p', { class: 'muted' }, t('privacyKeptUntil', { day: formatDay(record.expiresAt.slice(0, 10)) }))
        : '',
      h('div', { class: 'row' }, exportFile, withdrawAll, record.erasedAt ? '' : erase),
    );
    applyLanguage(panel);
  };
  const load = newestLoad(
    () => request<PrivacyRecord>(base),
    (record) => {
      problem.textContent = '';
      show(record);
    },
    (error) => {
      problem.textContent = explain(error);
    },
  );
  void load();
  applyLanguage(panel);
  return panel;
}
