import '../common/style.css';
import './print.css';
import type { Roster } from '../../../shared/contract/answers';
import { request } from '../common/api';
import { h } from '../common/dom';
import { applyLanguage, t } from '../common/i18n';
import { type PrintJob, takePrintJob } from '../common/print-job';
import { type PageContext, startPage } from '../common/session';
import type { Fair, Workshop } from '../common/types';
import { badgePages } from './badges';
import { posterPages, signInPages } from './cards';
import { attestation, type RosterPage, rosterPages, rosterSheet } from './roster';
import { sheets } from './sheets';
import { tallySheet } from './tally';

/**
 * /print: A4 sheets for an ordinary printer, from what the organisers' page handed over: badges (10
 * or 8 to a page: the fair's name in the reader's language, the holder, the category, the days, the QR
 * code and its short code, an exhibitor's booth) or sign-in cards for exhibitors' phones. The browser
 * prints them or saves them as PDF.
 */
/** Each workshop's roster pages, read now: who registered up to the moment of printing. */
async function rosters(workshopIds: string[]): Promise<RosterPage[]> {
  const each = await Promise.all(
    workshopIds.map(async (workshopId) => {
      const path = `/v1/workshops/${encodeURIComponent(workshopId)}`;
      const [workshop, roster] = await Promise.all([request<Workshop>(path), request<Roster>(`${path}/registrations`)]);
      return rosterPages(workshop, roster);
    }),
  );
  return each.flat();
}

/** An attestation for everyone the workshop's door admitted (registered or not), two to a sheet. */
async function attestations(fair: Fair, workshopId: string): Promise<HTMLElement[]> {
  const path = `/v1/workshops/${encodeURIComponent(workshopId)}`;
  const [workshop, roster] = await Promise.all([request<Workshop>(path), request<Roster>(`${path}/registrations`)]);
  const people = [...roster.registered.filter((person) => person.admitted), ...roster.walkIns];
  return sheets(people, 2, async (person) => attestation(fair, workshop, person));
}

/** The sheets a print job asks for. */
function pagesOf(fair: Fair, job: PrintJob): Promise<HTMLElement[]> {
  switch (job.kind) {
    case 'tallies':
      return sheets(job.gateIds, 1, async (gateId) => tallySheet(fair, job.day, gateId));
    case 'rosters':
      return rosters(job.workshopIds).then((pages) => sheets(pages, 1, async (page) => rosterSheet(fair, page)));
    case 'attestations':
      return attestations(fair, job.workshopId);
    case 'posters':
      return posterPages(fair, job.boothIds, job.origin);
    case 'badges':
      return badgePages(fair, job.badges, job.size);
    default:
      return signInPages(fair, job.cards);
  }
}

async function render({ fair, shell }: PageContext): Promise<void> {
  const job: PrintJob | undefined = takePrintJob();
  document.body.classList.add('printing');
  if (!job) {
    shell.main.replaceChildren(h('p', { class: 'card notice', t: 'nothingToPrint' }));
    applyLanguage();
    return;
  }
  const pages = await pagesOf(fair, job);
  const toolbar = h(
    'div',
    { class: 'print-toolbar no-print' },
    h('button', { type: 'button', class: 'primary', id: 'print-now', t: 'print', onclick: () => print() }),
    h('button', { type: 'button', t: 'back', onclick: () => history.back() }),
    h('span', { class: 'muted' }, t('sheetsReady', { count: pages.length })),
  );
  shell.main.className = 'print-main';
  shell.main.replaceChildren(toolbar, ...pages);
  applyLanguage();
  document.body.dataset.ready = 'true';
}

void startPage({ title: 'printTitle', roles: ['organiser', 'desk'], render });
