/**
 * Short codes typed that name no ticket, counted per credential in windows of ten minutes. A steward
 * mistypes one now and then; a run of them is someone trying codes (a lost gate sheet, a curious
 * exhibitor). Past `MISS_BUDGET` misses in a window, that credential's short codes are refused until
 * the window ends (QR codes still work), and from `ALERT_AFTER` organisers are told once, by name.
 * 50 random bits a code make a hit by guessing hopeless anyway; the budget keeps the attempt visible.
 */
export const GUESS_WINDOW_MINUTES = 10;
export const MISS_BUDGET = 20;
export const ALERT_AFTER = 10;

const WINDOW_MS = GUESS_WINDOW_MINUTES * 60_000;

/** The window an instant falls in, named by its start (`2027-03-26T11:10`, UTC). */
export function guessWindow(at: Date): string {
  return new Date(Math.floor(at.getTime() / WINDOW_MS) * WINDOW_MS).toISOString().slice(0, 16);
}

export function previousGuessWindow(at: Date): string {
  return guessWindow(new Date(at.getTime() - WINDOW_MS));
}

/** Seconds until the window ends: when a refused credential may type codes again. */
export function secondsLeftInWindow(at: Date): number {
  return Math.max(1, Math.ceil((WINDOW_MS - (at.getTime() % WINDOW_MS)) / 1000));
}

/** Kept a day: long enough for the alert, not for a history of who typed what. */
export function guessesExpireAt(at: Date): number {
  return Math.floor(at.getTime() / 1000) + 24 * 3600;
}
