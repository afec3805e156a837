import { ApiError, NetworkError, request } from '../common/api';
import { h } from '../common/dom';
import { fairNow } from '../common/fair-clock';
import { signal, unlockSound } from '../common/feedback';
import { applyLanguage, language, t } from '../common/i18n';
import { icon } from '../common/icons';
import { scanPanel } from '../common/scan-panel';
import type { BadgeCheck } from './badge-check';
import { type BoothEvent, enqueueVisit, forgetVisits, queuedVisits, waitingVisits } from './visit-queue';

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
// A batch answered in a few seconds, far inside the API's 29 s: a long queue goes as several.
const BATCH = 100;
/** A visit sent but not yet in the server's figures is shown for at most this long. */
const SHOWN_UNCONFIRMED_MS = 120_000;

interface Unconfirmed {
  eventId: string;
  visits: number;
  recordedAt: number;
}

export interface Recorder {
  element: HTMLElement;
  /** Visits recorded here that the server's figure does not show yet (given that figure). */
  unconfirmed(serverVisits: number): number;
  /** Another booth or day on screen: the figures start afresh. */
  reset(): void;
  sync(): Promise<void>;
}

export function visitRecorder(options: {
  boothId: () => string | undefined;
  exhibitor: () => string;
  onChange: () => void;
  setOnline: (online: boolean) => void;
  /** Says at once whether a code is one of the fair's tickets, before the visitor is asked anything. */
  badges: BadgeCheck;
}): Recorder {
  let pending: Unconfirmed[] = [];
  let lastServer: number | undefined;
  let syncing = false;
  let asking: string | undefined;
  /** The badge whose holder said yes, until their consent code is scanned. */
  let awaitingCode: string | undefined;

  const status = h('p', { class: 'record-status', id: 'record-status', role: 'status', 'aria-live': 'polite' });
  const question = h('p', { class: 'consent-question', id: 'consent-question', dir: 'auto' });
  const yes = h('button', { type: 'button', class: 'big-action consent-yes', id: 'consent-yes' });
  const no = h('button', { type: 'button', class: 'big-action consent-no', id: 'consent-no' });
  const speak = h('button', { type: 'button', class: 'link', id: 'consent-speak' });
  const consent = h(
    'div',
    {
      class: 'consent',
      id: 'consent',
      hidden: true,
      role: 'dialog',
      'aria-modal': 'true',
      'aria-labelledby': 'consent-question',
    },
    h(
      'div',
      { class: 'consent-card' },
      h('div', { class: 'consent-icon', 'aria-hidden': 'true' }, '🤝'),
      question,
      h('div', { class: 'consent-answers' }, yes, no),
      speak,
    ),
  );
  const noCode = h('button', { type: 'button', class: 'secondary', id: 'consent-no-code', t: 'consentNoCode' });
  const codeWait = h(
    'div',
    { class: 'notice consent-code-wait', id: 'consent-code-wait', hidden: true, role: 'status' },
    h('p', { t: 'consentShowCode', dir: 'auto' }),
    noCode,
  );
  const plusOne = h(
    'button',
    { type: 'button', class: 'big-action plus-one', id: 'plus-one' },
    icon('personPlus', 40),
    h('span', { t: 'plusOneVisitor' }),
  );

  const labels = () => {
    question.textContent = t('consentQuestion', { exhibitor: options.exhibitor() });
    yes.textContent = `✓ ${t('consentYes')}`;
    no.textContent = `✕ ${t('consentNo')}`;
    speak.replaceChildren(icon('speaker', 20), ` ${t('consentSpeak')}`);
  };

  async function showWaiting(): Promise<void> {
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

  async function record(event: BoothEvent, visits: number, said = t('visitRecorded')): Promise<void> {
    const boothId = options.boothId();
    if (!boothId) return;
    await enqueueVisit(boothId, event);
    pending.push({ eventId: event.eventId, visits, recordedAt: Date.now() });
    status.textContent = said;
    signal('pass');
    navigator.vibrate?.(60);
    options.onChange();
    void sync();
  }

  plusOne.addEventListener('click', () => {
    unlockSound();
    void record({ eventId: crypto.randomUUID(), at: fairNow().toISOString(), kind: 'count', in: 1, out: 0 }, 1);
  });

  const badge = (token: string, answer: Partial<BoothEvent>): BoothEvent =>
    ({
      eventId: crypto.randomUUID(),
      at: fairNow().toISOString(),
      kind: 'badge',
      token,
      ...answer,
    }) as BoothEvent;
  const answer = (agreed: boolean) => {
    const token = asking;
    asking = undefined;
    consent.hidden = true;
    speechSynthesis?.cancel?.();
    if (!token) return;
    if (!agreed) {
      void record(badge(token, { consent: false, wording: `${WORDING}-${language()}` }), 1);
      return;
    }
    // A yes is the visitor's only with the code they alone hold: ask for it.
    awaitingCode = token;
    codeWait.hidden = false;
    applyLanguage(codeWait);
    signal('pass');
  };
  noCode.addEventListener('click', () => {
    const token = awaitingCode;
    awaitingCode = undefined;
    codeWait.hidden = true;
    if (token) void record(badge(token, {}), 1);
  });
  yes.addEventListener('click', () => answer(true));
  no.addEventListener('click', () => answer(false));
  const say = () => {
    if (!('speechSynthesis' in window)) return;
    const utterance = new SpeechSynthesisUtterance(question.textContent ?? '');
    utterance.lang = { ar: 'ar-MA', fr: 'fr-FR', en: 'en-GB' }[language()];
    speechSynthesis.cancel();
    speechSynthesis.speak(utterance);
  };
  speak.addEventListener('click', say);

  const scanner = scanPanel((code) => {
    if (awaitingCode) {
      if (!code.trim().startsWith('rwqc.')) {
        status.textContent = t('consentCodeIsBadge');
        signal('refuse');
        return;
      }
      const token = awaitingCode;
      awaitingCode = undefined;
      codeWait.hidden = true;
      void record(
        badge(token, { consent: true, consentCode: code.trim(), wording: `${WORDING}-${language()}` }),
        1,
        t('leadRecorded'),
      );
      return;
    }
    // A badge read while the question is on screen waits: one visitor at a time. A consent code needs
    // its badge first.
    if (asking || code.trim().startsWith('rwqc.')) return;
    asking = code;
    void askAbout(code);
  });

  /** A forged or damaged code is said to be no ticket at once: the visitor is not asked for consent. */
  async function askAbout(code: string): Promise<void> {
    if ((await options.badges.judge(code)) === 'not-a-ticket') {
      asking = undefined;
      status.textContent = t('badgeNotATicket');
      signal('refuse');
      navigator.vibrate?.([80, 60, 80]);
      return;
    }
    labels();
    consent.hidden = false;
    signal('pass');
    yes.focus();
    say();
  }

  async function sync(): Promise<void> {
    const boothId = options.boothId();
    if (syncing || !boothId) return;
    syncing = true;
    try {
      for (;;) {
        const batch = await queuedVisits(boothId, BATCH);
        if (batch.length === 0) break;
        const answer = await request<{
          accepted: number;
          rejected?: { eventId: string; reason: string }[];
          consentNotShown?: string[];
        }>(
          `/v1/booths/${encodeURIComponent(boothId)}/footfall`,
          // Visits wait in the phone's queue until sent: they may be of an earlier day when it was offline.
          { body: { events: batch.map((visit) => visit.event), offline: true }, timeoutMs: 15_000 },
        );
        await forgetVisits(batch.map((visit) => visit.event.eventId));
        const rejected = answer.rejected ?? [];
        if (rejected.length > 0) {
          const refused = new Set(rejected.map((entry) => entry.eventId));
          pending = pending.filter((entry) => !refused.has(entry.eventId));
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
      options.setOnline(true);
    } catch (error) {
      if (error instanceof NetworkError) options.setOnline(false);
      else if (error instanceof ApiError) status.textContent = t('errorOther', { status: error.status });
      else throw error;
    } finally {
      syncing = false;
      await showWaiting();
    }
  }

  labels();
  applyLanguage(plusOne);
  const element = h(
    'section',
    { class: 'card recorder', id: 'recorder' },
    h('h2', { t: 'recordVisit' }),
    plusOne,
    codeWait,
    h('h3', { t: 'scanBadge' }),
    scanner,
    status,
    consent,
  );
  void showWaiting();
  window.addEventListener('online', () => void sync());
  setInterval(() => void sync(), 5000);

  return {
    element,
    unconfirmed(serverVisits: number): number {
      // What the server added since it was last read is taken as our visits first, oldest first.
      let added = lastServer === undefined ? 0 : Math.max(0, serverVisits - lastServer);
      lastServer = serverVisits;
      pending = pending.filter((entry) => {
        if (added >= entry.visits) {
          added -= entry.visits;
          return false;
        }
        return Date.now() - entry.recordedAt < SHOWN_UNCONFIRMED_MS;
      });
      return pending.reduce((sum, entry) => sum + entry.visits, 0);
    },
    reset(): void {
      lastServer = undefined;
      pending = [];
    },
    sync,
  };
}
