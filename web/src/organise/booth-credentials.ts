import { request } from '../common/api';
import { h } from '../common/dom';
import { explain } from '../common/explain';
import { t } from '../common/i18n';
import { openPrintJob } from '../common/print-job';
import type { Fair } from '../common/types';

const BATCH = 200;

type Made = { credential: string; scope: { booth: string }; label: string };

/** Makes an access code for each booth in `missing`, in batches, saying how far it has got. */
async function makeBoothCodes(missing: Fair['booths'], status: HTMLElement): Promise<Made[]> {
  const made: Made[] = [];
  for (let start = 0; start < missing.length; start += BATCH) {
    status.textContent = t('making', { done: start, total: missing.length });
    const credentials = missing.slice(start, start + BATCH).map((booth) => ({
      role: 'exhibitor',
      scope: { booth: booth.boothId },
      label: `${booth.boothId} · ${booth.exhibitor}`.slice(0, 120),
    }));
    const answer = await request<{ credentials: Made[] }>('/v1/credentials/batch', {
      body: { credentials },
      timeoutMs: 30_000,
    });
    made.push(...answer.credentials);
  }
  return made;
}

/**
 * One access code for each booth that has none, printed as a sheet of sign-in cards (each a QR code of
 * the booth page's link, as /devices makes for one phone); and every booth's A5 poster in one run.
 * `covered` names the booths that already hold a live code; `made` hears when new ones exist.
 */
export function boothCodesCard(fair: Fair, covered: () => Set<string>, made: () => Promise<void>): HTMLElement {
  const status = h('p', { class: 'muted', role: 'status', id: 'bulk-status' });
  const bulk = h('button', { type: 'button', class: 'primary', id: 'booth-credentials', t: 'boothCredentials' });
  bulk.addEventListener('click', async () => {
    const has = covered();
    const missing = fair.booths.filter((booth) => !has.has(booth.boothId));
    if (missing.length === 0) {
      status.textContent = t('everyBoothHasOne');
      return;
    }
    if (!window.confirm(t('boothCredentialsConfirm', { count: missing.length }))) return;
    try {
      const codes = await makeBoothCodes(missing, status);
      await made();
      const link = (code: string) => `${location.origin}/booth#credential=${encodeURIComponent(code)}`;
      openPrintJob({
        kind: 'signIn',
        cards: codes.map((code) => ({ label: code.label, boothId: code.scope.booth, link: link(code.credential) })),
      });
    } catch (error) {
      status.textContent = explain(error);
    }
  });
  // Every booth's A5 poster in one sheet run: its QR code opens /visit on a visitor's own phone.
  const posters = h('button', { type: 'button', id: 'booth-posters', t: 'boothPosters' });
  posters.addEventListener('click', () =>
    openPrintJob({ kind: 'posters', boothIds: fair.booths.map((booth) => booth.boothId), origin: location.origin }),
  );
  return h(
    'section',
    { class: 'card' },
    h('h2', { t: 'boothCredentialsTitle' }),
    h('p', { t: 'boothCredentialsHelp' }),
    bulk,
    status,
    h('p', { t: 'boothPostersHelp' }),
    posters,
  );
}
