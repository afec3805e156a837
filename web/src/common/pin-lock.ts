import { latinDigits } from '../../../shared/domain/digits';
import { t } from './i18n';
import { STORED } from './stored';

/**
 * A PIN on a working phone: once set (by the supervisor who hands the phone to a volunteer), the
 * phone's settings (its gate) and its sign-out ask for it. Kept as a hash on the device; a forgotten
 * PIN is cleared by signing the phone in again with a new credential link.
 */

async function hashOf(pin: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`rawaq-pin:${pin}`));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function isLocked(): boolean {
  return localStorage.getItem(STORED.pinHash) !== null;
}

export async function lockWith(pin: string): Promise<void> {
  localStorage.setItem(STORED.pinHash, await hashOf(pin));
}

/** Asks for the PIN when the phone is locked: true when it was given (and the lock is lifted). */
export async function unlock(): Promise<boolean> {
  const stored = localStorage.getItem(STORED.pinHash);
  if (!stored) return true;
  const given = window.prompt(t('pinAsk'));
  // The PIN as set, whichever keyboard types it now (an Arabic one gives ٢٤٦٨ for 2468).
  if (given !== null && (await hashOf(latinDigits(given.trim()))) === stored) {
    localStorage.removeItem(STORED.pinHash);
    return true;
  }
  if (given !== null) window.alert(t('pinWrong'));
  return false;
}

/** Forgets the lock: a fresh sign-in by a credential link hands the phone over anew. */
export function clearLock(): void {
  localStorage.removeItem(STORED.pinHash);
}
