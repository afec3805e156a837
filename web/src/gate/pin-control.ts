import { latinDigits } from '../../../shared/domain/digits';
import { h } from '../common/dom';
import { applyLanguage } from '../common/i18n';
import { isLocked, lockWith, unlock } from '../common/pin-lock';

/** The gate page's lock: a PIN set before the phone is handed over, asked before its gate or sign-out change. */
export function pinControl(changed: () => void): HTMLElement {
  const box = h('div', { class: 'pin-lock', id: 'pin-lock' });
  const render = () => {
    if (isLocked()) {
      box.replaceChildren(
        h('p', { class: 'muted', id: 'pin-state', t: 'pinLocked' }),
        h('button', {
          type: 'button',
          id: 'pin-unlock',
          t: 'pinUnlock',
          onclick: async () => {
            if (await unlock()) render();
          },
        }),
      );
    } else {
      const pin = h('input', {
        id: 'pin-new',
        type: 'password',
        inputmode: 'numeric',
        // Digits from any keyboard: an Arabic one types ٠ to ٩.
        pattern: '[0-9\u0660-\u0669\u06F0-\u06F9]{4,8}',
        minlength: 4,
        maxlength: 8,
        autocomplete: 'off',
        required: true,
      });
      const form = h(
        'form',
        {},
        h('label', { for: pin.id, t: 'pinNew' }),
        pin,
        h('button', { type: 'submit', id: 'pin-set', t: 'pinSet' }),
      );
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        const digits = latinDigits(pin.value);
        if (!/^\d{4,8}$/.test(digits)) return;
        await lockWith(digits);
        render();
      });
      box.replaceChildren(
        h('details', {}, h('summary', { t: 'pinLock' }), h('p', { class: 'muted', t: 'pinLockHelp' }), form),
      );
    }
    applyLanguage(box);
    changed();
  };
  render();
  return box;
}
