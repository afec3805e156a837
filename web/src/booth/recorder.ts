import type { FootfallEvent } from '../../../shared/contract/booths';
import { CONSENT_CODE_PREFIX } from '../../../shared/domain/consent-code';
import { ApiError, NetworkError } from '../common/api';
import { h } from '../common/dom';
import { fairNow } from '../common/fair-clock';
import { signal, unlockSound } from '../common/feedback';
import { applyLanguage, language, t } from '../common/i18n';
import { icon } from '../common/icons';
import { scanPanel } from '../common/scan-panel';
import { keepFresh } from '../common/seen-again';
import type { BadgeCheck } from './badge-check';
import { consentCodeWait, consentDialog } from './consent-dialog';
import { enqueueVisit, waitingVisits } from './visit-queue';
import { type FootfallAnswer, sendQueuedVisits, unconfirmedVisits } from './visit-sync';

/**
 * The booth's recorder: +1 for a visitor without a badge, or a badge read by the camera or a handheld
 * scanner, after which the visitor is asked, on the screen and aloud, whether this exhibitor may keep
 * the contact they chose to share. A no is recorded as it is; a yes asks for the consent code folded
 * behind the badge, which only the visitor can show (the server makes a lead only with it). Every visit
 * goes to IndexedDB first and is sent from there, so nothing is lost offline; the day's count on the
 * page moves at once.
 */
/** The consent question's version: kept with each answer as evidence of what the visitor was asked. */
const WORDING = 'consent-2';

export interface RecorderOptions {
  boothId: () => string | undefined;
  exhibitor: () => string;
  onChange: () => void;
  setOnline: (online: boolean) => void;
  /** Says at once whether a code is one of the fair's tickets, before the visitor is asked anything. */
  badges: BadgeCheck;
}

export interface Recorder {
  element: HTMLElement;
  /** Visits recorded here that the server's figure does not show yet (given that figure). */
  unconfirmed(serverVisits: number): number;
  /** Another booth or day on screen: the figures start afresh. */
  reset(): void;
  sync(): Promise<void>;
}

/** A badge's visit, with the visitor's answer if they were asked. */
const badgeVisit = (token: string, answer: Partial<FootfallEvent> = {}): FootfallEvent =>
  ({ eventId: crypto.randomUUID(), at: fairNow().toISOString(), kind: 'badge', token, ...answer }) as FootfallEvent;
const worded = () => `${WORDING}-${language()}`;

/** What the recorder's steps share: the page's options, its status line, and where the consent flow stands. */
interface Recording {
  options: RecorderOptions;
  status: HTMLElement;
  unconfirmed: ReturnType<typeof unconfirmedVisits>;
  consent: ReturnType<typeof consentDialog>;
  codeWait: ReturnType<typeof consentCodeWait>;
  sync: () => Promise<void>;
  /** The badge whose holder is being asked; a badge read meanwhile waits (one visitor at a time). */
  asking?: string;
  /** The badge whose holder said yes, until their consent code is scanned. */
  awaitingCode?: string;
}

/** Queues a visit on the phone first (nothing is lost offline), moves the count, and sends. */
async function record(recording: Recording, event: FootfallEvent, said = t('visitRecorded')): Promise<void> {
  const boothId = recording.options.boothId();
  if (!boothId) return;
  await enqueueVisit(boothId, event);
  recording.unconfirmed.add(event.eventId, 1);
  recording.status.textContent = said;
  signal('pass');
  navigator.vibrate?.(60);
  recording.options.onChange();
  void recording.sync();
}

/** A forged or damaged code is said to be no ticket at once: the visitor is not asked for consent. */
async function askAbout(recording: Recording, token: string): Promise<void> {
  const { options, status, consent, codeWait } = recording;
  if ((await options.badges.judge(token)) === 'not-a-ticket') {
    recording.asking = undefined;
    status.textContent = t('badgeNotATicket');
    signal('refuse');
    navigator.vibrate?.([80, 60, 80]);
    return;
  }
  consent.ask(options.exhibitor(), (agreed) => {
    recording.asking = undefined;
    if (!agreed) return void record(recording, badgeVisit(token, { consent: false, wording: worded() }));
    // A yes is the visitor's only with the code they alone hold: ask for it.
    recording.awaitingCode = token;
    codeWait.show();
    signal('pass');
  });
}

/** A code read: the consent code after a yes, else a badge whose holder is asked. */
function readCode(recording: Recording, read: string): void {
  const code = read.trim();
  const token = recording.awaitingCode;
  if (token) {
    if (!code.startsWith(CONSENT_CODE_PREFIX)) {
      recording.status.textContent = t('consentCodeIsBadge');
      signal('refuse');
      return;
    }
    recording.awaitingCode = undefined;
    recording.codeWait.hide();
    const visit = badgeVisit(token, { consent: true, consentCode: code, wording: worded() });
    void record(recording, visit, t('leadRecorded'));
    return;
  }
  // A badge read while the question is on screen waits: one visitor at a time. A consent code needs
  // its badge first.
  if (recording.asking || code.startsWith(CONSENT_CODE_PREFIX)) return;
  recording.asking = read;
  void askAbout(recording, read);
}

/** What the API said of a batch: refused badges leave the count, yeses without a code are said. */
function hear(recording: Recording, answer: FootfallAnswer): void {
  const { status, unconfirmed, options } = recording;
  const rejected = answer.rejected ?? [];
  if (rejected.length > 0) {
    unconfirmed.drop(new Set(rejected.map((entry) => entry.eventId)));
    status.textContent = t('badgesRefused', { count: rejected.length });
    signal('refuse');
    options.onChange();
  }
  const notShown = answer.consentNotShown ?? [];
  if (notShown.length > 0) {
    status.textContent = t('consentNotShown', { count: notShown.length });
    signal('refuse');
  }
}

/** The line under the recorder while visits wait to be sent, and "sent" once they have gone. */
async function showWaiting({ options, status }: Recording): Promise<void> {
  const boothId = options.boothId();
  const waiting = boothId ? await waitingVisits(boothId) : 0;
  const before = Number(status.dataset.waiting ?? 0);
  status.dataset.waiting = String(waiting);
  if (waiting > 0) status.textContent = t('visitsWaiting', { count: waiting });
  // What was waiting has gone: the line says so rather than keep the old count on screen (a refusal
  // said meanwhile stays).
  else if (before > 0 && status.textContent === t('visitsWaiting', { count: before }))
    status.textContent = t('visitsSent');
}

export function visitRecorder(options: RecorderOptions): Recorder {
  let syncing = false;
  async function sync(): Promise<void> {
    const boothId = options.boothId();
    if (syncing || !boothId) return;
    syncing = true;
    try {
      await sendQueuedVisits(boothId, (answer) => hear(recording, answer));
      options.setOnline(true);
    } catch (error) {
      if (error instanceof NetworkError) options.setOnline(false);
      else if (error instanceof ApiError) recording.status.textContent = t('errorOther', { status: error.status });
      else throw error;
    } finally {
      syncing = false;
      await showWaiting(recording);
    }
  }
  const recording: Recording = {
    options,
    status: h('p', { class: 'record-status', id: 'record-status', role: 'status', 'aria-live': 'polite' }),
    unconfirmed: unconfirmedVisits(),
    consent: consentDialog(),
    codeWait: consentCodeWait(() => {
      const token = recording.awaitingCode;
      recording.awaitingCode = undefined;
      recording.codeWait.hide();
      if (token) void record(recording, badgeVisit(token));
    }),
    sync,
  };
  const plusOne = h(
    'button',
    { type: 'button', class: 'big-action plus-one', id: 'plus-one' },
    icon('personPlus', 40),
    h('span', { t: 'plusOneVisitor' }),
  );
  plusOne.addEventListener('click', () => {
    unlockSound();
    void record(recording, { eventId: crypto.randomUUID(), at: fairNow().toISOString(), kind: 'count', in: 1, out: 0 });
  });
  recording.consent.labels(options.exhibitor());
  applyLanguage(plusOne);
  const element = h(
    'section',
    { class: 'card recorder', id: 'recorder' },
    h('h2', { t: 'recordVisit' }),
    plusOne,
    recording.codeWait.element,
    h('h3', { t: 'scanBadge' }),
    scanPanel((code) => readCode(recording, code)),
    recording.status,
    recording.consent.element,
  );
  void showWaiting(recording);
  window.addEventListener('online', () => void sync());
  keepFresh(() => void sync(), 5000);
  return {
    element,
    unconfirmed: (serverVisits) => recording.unconfirmed.count(serverVisits),
    reset: () => recording.unconfirmed.reset(),
    sync,
  };
}
