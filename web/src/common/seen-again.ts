/**
 * Runs `work` each time the page is seen again: the phone's screen back on, the tab brought back. A
 * phone in a pocket hides the page, and a hidden page's timers are slowed (in Chrome to once a minute
 * after five minutes hidden), so what they keep fresh (the floor's news, the queue sent, the offline
 * kit) is stale by then: it is done at once rather than at the next tick.
 */
export function whenSeenAgain(work: () => void): void {
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') work();
  });
}

/** Runs `work` every `ms` and each time the page is seen again. */
export function keepFresh(work: () => void, ms: number): void {
  setInterval(work, ms);
  whenSeenAgain(work);
}
