import type { GateVerdict, VerdictReason } from '../../../shared/domain/gate-verdicts';
import type { Category } from '../../../shared/domain/ticket-token';
import type { AdmissionVerdict, ExitVerdict } from '../../../shared/domain/workshop-rules';
import { fill, h } from './dom';
import { signal, type Tone } from './feedback';
import { applyLanguage, labelled, t } from './i18n';
import type { MessageKey } from './messages';
import type { Source } from './scan-panel';

/**
 * The full-screen verdict: colour, a shape (for colour-blind staff), the verdict in large words and
 * the reason in a sentence. A ticket's attention note gets its own black-on-yellow band and stays on
 * screen until tapped. Scanning goes on underneath: the next code taken clears this one at once, and
 * until its own answer comes the screen says it is checking (a slow network must never leave the last
 * visitor's green on screen while the next one walks up).
 */
const PASS = new Set(['ADMITTED', 'EXITED']);
const WARN = new Set(['ALREADY_INSIDE', 'NOT_INSIDE', 'ALREADY_ADMITTED', 'NOT_ADMITTED', 'UNCHECKED']);
const ICON: Record<Tone, string> = { pass: '✓', warn: '!', refuse: '✕' };

export function toneOf(verdict: string): Tone {
  if (PASS.has(verdict)) return 'pass';
  return WARN.has(verdict) ? 'warn' : 'refuse';
}

/** Every verdict a page shows: a gate's, a workshop door's, and a booth's reading of a code it has not checked. */
export type AnyVerdict = GateVerdict | AdmissionVerdict | ExitVerdict | 'UNCHECKED';

export interface ShownVerdict {
  verdict: AnyVerdict;
  category?: Category;
  attention?: string;
  /** A named ticket's holder: the steward checks the name against an ID when asked to. */
  holderName?: string;
  offline?: boolean;
  replayed?: boolean;
  extra?: string;
  /** An exit that passed a ticket that would not be let in again (revoked, not valid today), or a retired key. */
  reason?: VerdictReason | undefined;
  /** A sentence of its own instead of the verdict's usual one. */
  reasonKey?: MessageKey;
  /** Something the person at the gate may do about it (a supervisor's override): it stays on screen. */
  action?: { label: MessageKey; run: () => void };
}

export class VerdictView {
  private readonly element = h('div', { class: 'verdict', hidden: true, role: 'alert', 'aria-live': 'assertive' });
  private readonly checkingElement = h(
    'div',
    { class: 'verdict-checking', hidden: true, role: 'status' },
    h('div', { class: 'checking-ring', 'aria-hidden': 'true' }),
    h('div', { class: 'verdict-word', t: 'checking' }),
  );
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Codes taken and not yet answered. */
  private out = 0;

  constructor(parent: HTMLElement) {
    parent.append(this.checkingElement, this.element);
    this.element.addEventListener('click', () => this.hide());
  }

  /**
   * A code taken and sent: the last verdict leaves the screen now, and the screen says it is checking.
   * A code typed in keeps the page in view: its Check button already says it is checking, and a second
   * press while the network is slow must reach it (it sends the same scan again). A supervisor's
   * override, sent from its dialog, is checked full screen as a scanned code is.
   */
  checking(source: Source | 'override'): void {
    this.out += 1;
    this.hide();
    if (source === 'manual') return;
    applyLanguage(this.checkingElement);
    this.checkingElement.hidden = false;
  }

  /** A code's answer came (shown) or its request failed: the checking screen goes once no code is out. */
  settled(): void {
    this.out = Math.max(0, this.out - 1);
    if (this.out === 0) this.checkingElement.hidden = true;
  }

  show(shown: ShownVerdict): void {
    const tone = toneOf(shown.verdict);
    clearTimeout(this.timer);
    this.element.className = `verdict verdict-${tone}${shown.attention ? ' with-attention' : ''}`;
    this.element.dataset.verdict = shown.verdict;
    const meta = [
      shown.category ? t(`category_${shown.category}`) : undefined,
      shown.offline ? t('judgedOffline') : undefined,
      shown.replayed ? t('replayed') : undefined,
      shown.extra,
    ].filter(Boolean);
    fill(
      this.element,
      h('div', { class: 'verdict-icon', 'aria-hidden': 'true' }, ICON[tone]),
      h('div', { class: 'verdict-word' }, t(`verdict_${shown.verdict}`)),
      shown.holderName ? h('div', { class: 'verdict-holder', dir: 'auto' }, shown.holderName) : null,
      h(
        'div',
        { class: 'verdict-reason' },
        shown.reasonKey
          ? t(shown.reasonKey)
          : t(shown.reason ? `verdictReason_${shown.reason}` : `reason_${shown.verdict}`),
      ),
      meta.length ? h('div', { class: 'verdict-meta' }, meta.join(' · ')) : null,
      shown.attention
        ? h(
            'div',
            { class: 'verdict-attention' },
            h('strong', {}, `⚠ ${labelled(t('attention'), '')}`),
            h('span', { class: 'attention-text', dir: 'auto' }, shown.attention),
          )
        : null,
      shown.action
        ? h('button', {
            type: 'button',
            class: 'verdict-action',
            t: shown.action.label,
            onclick: (event: Event) => {
              event.stopPropagation();
              this.hide();
              shown.action?.run();
            },
          })
        : null,
      h('div', { class: 'verdict-hint' }, t('tapToContinue')),
    );
    this.element.hidden = false;
    applyLanguage(this.element);
    signal(tone, Boolean(shown.attention));
    if (!shown.attention && !shown.action) this.timer = setTimeout(() => this.hide(), tone === 'pass' ? 1200 : 2500);
  }

  hide(): void {
    clearTimeout(this.timer);
    this.element.hidden = true;
  }
}
