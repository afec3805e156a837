import { typedInField, WEDGE_KEY_GAP_MS } from '../common/code-reader';

/** Keys a handheld tally clicker or a presentation page-turner sends. */
const IN_KEYS = new Set(['PageDown', 'ArrowRight', 'ArrowDown', ' ']);
const OUT_KEYS = new Set(['PageUp', 'ArrowLeft', 'ArrowUp']);

/**
 * Counts with a tally clicker or a page-turner paired to the phone: Page Down, →, ↓, Space or a lone
 * Enter are one in; Page Up, ← or ↑ one out. A handheld scanner's code followed by Enter stays a scan,
 * and keys typed into a field are the field's. Only while `active()` (the gate is in Count mode).
 */
export function listenToClicker(active: () => boolean, tap: (direction: 'in' | 'out') => void): void {
  let lastPrintable = 0;
  document.addEventListener('keydown', (event) => {
    if (event.key.length === 1 && event.key !== ' ') lastPrintable = event.timeStamp;
    if (!active() || event.repeat || event.ctrlKey || event.metaKey || event.altKey) return;
    if (typedInField(event)) return;
    // A scanner's Enter within the gap of its code's last key is a scan; one the code reader took
    // (it prevents the default) is too, whatever the clock says.
    const loneEnter =
      event.key === 'Enter' && !event.defaultPrevented && event.timeStamp - lastPrintable > WEDGE_KEY_GAP_MS;
    const direction = IN_KEYS.has(event.key) || loneEnter ? 'in' : OUT_KEYS.has(event.key) ? 'out' : undefined;
    if (!direction) return;
    event.preventDefault();
    // Which keys became taps, and when: what a tally that looks one too high is checked against.
    document.body.dataset.clickerTaps =
      `${document.body.dataset.clickerTaps ?? ''} ${direction}:${event.key === ' ' ? 'Space' : event.key}@${Math.round(event.timeStamp)}`.trim();
    tap(direction);
  });
}
