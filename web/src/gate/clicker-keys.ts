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
    if (IN_KEYS.has(event.key) || loneEnter) {
      event.preventDefault();
      tap('in');
    } else if (OUT_KEYS.has(event.key)) {
      event.preventDefault();
      tap('out');
    }
  });
}
