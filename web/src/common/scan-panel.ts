import { CodeReader, type CodeSource } from './code-reader';
import { h } from './dom';
import { unlockSound } from './feedback';
import { applyLanguage } from './i18n';
import { STORED } from './stored';

/**
 * The part the gate and the door share: the camera view with its start button, the handheld
 * scanner, and the manual entry for a damaged code, all feeding one `onCode`.
 */
export type Source = CodeSource | 'manual';

/**
 * "Type a code", for a damaged badge: emptied once judged (a press again while the network is slow
 * still sends it), and its button says it is checking until then.
 */
function manualEntry(onCode: (code: string, source: Source) => void | Promise<void>): HTMLElement {
  const input = h('input', {
    id: 'manual-code',
    autocomplete: 'off',
    autocapitalize: 'off',
    spellcheck: 'false',
    enterkeyhint: 'go',
  });
  const check = h('button', { type: 'submit', class: 'primary', t: 'check' });
  const form = h(
    'form',
    { class: 'manual' },
    h('label', { for: 'manual-code', t: 'codeLabel' }),
    h('div', { class: 'row' }, input, check),
  );
  let inFlight = 0;
  const checking = (more: number) => {
    inFlight += more;
    check.dataset.t = inFlight > 0 ? 'checking' : 'check';
    check.setAttribute('aria-busy', String(inFlight > 0));
    applyLanguage(form);
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    unlockSound();
    const code = input.value.trim();
    if (!code) return;
    // The next damaged badge is typed into a clear field, and a press cannot check the last visitor's
    // code again; a typed code can wait seconds on a slow network, its button saying so.
    checking(1);
    void Promise.resolve(onCode(code, 'manual')).finally(() => {
      checking(-1);
      if (input.value.trim() === code) input.value = '';
    });
  });
  return h('details', { class: 'manual-entry' }, h('summary', { t: 'typeCode' }), form);
}

export function scanPanel(onCode: (code: string, source: Source) => void | Promise<void>): HTMLElement {
  const video = h('video', { class: 'camera-video', muted: true, playsinline: true, autoplay: true });
  const problem = h('p', { class: 'camera-problem', role: 'alert', hidden: true });
  const reader = new CodeReader(onCode);
  const toggle = h('button', { type: 'button', class: 'primary camera-toggle', id: 'camera-toggle', t: 'startCamera' });
  const start = async () => {
    try {
      problem.hidden = true;
      await reader.startCamera(video);
      toggle.dataset.t = 'stopCamera';
      localStorage.setItem(STORED.cameraOn, '1');
    } catch (error) {
      problem.dataset.t = (error as Error).name === 'NotAllowedError' ? 'cameraDenied' : 'cameraMissing';
      problem.hidden = false;
    }
    applyLanguage(toggle.parentElement ?? document);
  };
  toggle.addEventListener('click', async () => {
    unlockSound();
    if (!reader.cameraOn) return start();
    reader.stopCamera();
    localStorage.setItem(STORED.cameraOn, '0');
    toggle.dataset.t = 'startCamera';
    applyLanguage(toggle.parentElement ?? document);
  });
  // Once the camera has been allowed, a reloaded page scans again at once, without a tap.
  navigator.permissions
    ?.query({ name: 'camera' as PermissionName })
    .then((status) => {
      if (status.state === 'granted' && localStorage.getItem(STORED.cameraOn) === '1') void start();
    })
    .catch(() => undefined);
  // Any first tap unlocks sound, even for staff who only use a handheld scanner.
  document.addEventListener('pointerdown', unlockSound, { once: true });

  return h(
    'section',
    { class: 'scan-panel' },
    h(
      'div',
      { class: 'camera' },
      video,
      h('div', { class: 'camera-frame', 'aria-hidden': 'true' }),
      h('p', { class: 'camera-hint', t: 'pointCamera' }),
    ),
    h('div', { class: 'row' }, toggle),
    problem,
    manualEntry(onCode),
  );
}
