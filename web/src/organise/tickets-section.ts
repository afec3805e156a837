import { h } from '../common/dom';
import { type BadgeToPrint, badgeSize, openPrintJob } from '../common/print-job';
import type { PageContext } from '../common/session';
import { badgeSetCard } from './badge-set';
import { dryRunCard } from './dry-run';
import { issueForm } from './issue-form';
import type { Section } from './main';
import { ticketSearch } from './ticket-search';

/** Tickets: issue one or many, print badges by set, find one (id, short code or part of a name), revoke. */
export function ticketsSection({ fair }: PageContext): Section {
  const print = (badges: BadgeToPrint[]) => openPrintJob({ kind: 'badges', badges, size: badgeSize() });
  const privacyHolder = h('div', { id: 'privacy-holder' });
  const element = h(
    'section',
    { class: 'organise-part' },
    issueForm(fair, print),
    badgeSetCard(fair, print),
    ticketSearch(print, privacyHolder),
    privacyHolder,
    dryRunCard(fair),
  );
  return { id: 'tickets', title: 'tabTickets', element, show: () => undefined };
}
