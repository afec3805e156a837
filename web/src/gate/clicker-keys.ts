/** Keys a handheld tally clicker or a presentation page-turner sends. */
const IN_KEYS = new Set(['PageDown', 'ArrowRight', 'ArrowDown', ' ']);
const OUT_KEYS = new Set(['PageUp', 'ArrowLeft', 'ArrowUp']);
/** A keyboard-wedge scanner types a code and Enter within this; a lone Enter is a clicker's. */
const WEDGE_GAP_MS = 300;

/**
 * Counts with a tally clicker or a page-turner paired to the phone: Page Down, →, ↓, Space or a lone
 * Enter are one in; Page Up, ← or ↑ one out. A handheld scanner's code followed by Enter stays a scan,
 * and keys typed into a field are the field's. Only while `active()` (the gate is in Count mode).
 */
export function listenToClicker(active: () => boolean, tap: (direction: 'in' | 'out') => void): void {
  let lastPrintable = 0;
  document.addEventListener('keydown', (event) => {
    if (event.key.length === 1 && event.key !== ' ') lastPrintable = performance.now();
    if (!active() || event.repeat || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target as HTMLElement | null;
    if (target && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return;
    const loneEnter = event.key === 'Enter' && performance.now() - lastPrintable > WEDGE_GAP_MS;
    if (IN_KEYS.has(event.key) || loneEnter) {
      event.preventDefault();
      tap('in');
    } else if (OUT_KEYS.has(event.key)) {
      event.preventDefault();
      tap('out');
    }
  });
}
