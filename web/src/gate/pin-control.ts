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
        pattern: '[0-9]{4,8}',
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
        if (!/^\d{4,8}$/.test(pin.value)) return;
        await lockWith(pin.value);
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
