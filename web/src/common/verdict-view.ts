import type { GateVerdict, VerdictReason } from '../../../shared/domain/gate-verdicts';
import type { Category } from '../../../shared/domain/ticket-token';
import type { AdmissionVerdict, ExitVerdict } from '../../../shared/domain/workshop-rules';
import { fill, h } from './dom';
import { signal, type Tone } from './feedback';
import { applyLanguage, labelled, t } from './i18n';
import type { MessageKey } from './messages';

/**
 * The full-screen verdict: colour, a shape (for colour-blind staff), the verdict in large words and
 * the reason in a sentence. A ticket's attention note gets its own black-on-yellow band and stays on
 * screen until tapped. Scanning goes on underneath: the next code replaces this one at once.
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
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(parent: HTMLElement) {
    parent.append(this.element);
    this.element.addEventListener('click', () => this.hide());
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
