import { isOverridable } from '../../../shared/domain/gate-verdicts';
import { h } from '../common/dom';
import { applyLanguage, t } from '../common/i18n';
import type { MessageKey } from '../common/messages';

/**
 * A supervisor's override at the gate: after a refusal a supervisor may override (never a forged,
 * foreign or revoked ticket), a short dialog asks why, from the reasons that come up on a fair's floor
 * or in their own words, and the entry is sent again with the reason. The server records who and why.
 */
const REASONS: MessageKey[] = ['overrideCompanion', 'overrideDamagedBadge', 'overrideGuest', 'overrideOrganisers'];

export function canOverride(role: string, verdict: string): boolean {
  return (role === 'supervisor' || role === 'organiser') && isOverridable(verdict as never);
}

/** Asks for the reason; resolves with it, or undefined when the supervisor thinks better of it. */
export function askOverrideReason(verdict: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const own = h('input', { id: 'override-own', maxlength: 500, dir: 'auto' });
    const choices = REASONS.map((key, index) =>
      h(
        'label',
        { class: 'override-choice' },
        h('input', { type: 'radio', name: 'override-reason', value: key, checked: index === 0 }),
        h('span', { t: key }),
      ),
    );
    const close = (reason: string | undefined) => {
      dialog.remove();
      resolve(reason);
    };
    const dialog = h(
      'form',
      { class: 'card override-dialog', id: 'override-dialog', role: 'dialog', 'aria-modal': 'true' },
      h('h2', {}, t('overrideTitle', { verdict: t(`verdict_${verdict}` as MessageKey) })),
      h('p', { class: 'muted', t: 'overrideHelp' }),
      ...choices,
      h('label', { for: own.id, t: 'overrideOwn' }),
      own,
      h(
        'div',
        { class: 'row' },
        h('button', { type: 'submit', class: 'primary', id: 'override-admit', t: 'overrideAdmit' }),
        h('button', { type: 'button', id: 'override-cancel', t: 'cancel', onclick: () => close(undefined) }),
      ),
    );
    dialog.addEventListener('submit', (event) => {
      event.preventDefault();
      const picked = dialog.querySelector<HTMLInputElement>('input[name="override-reason"]:checked')?.value;
      const reason = own.value.trim() || (picked ? t(picked as MessageKey) : '');
      if (reason) close(reason);
    });
    document.body.append(dialog);
    applyLanguage(dialog);
    own.focus();
  });
}
