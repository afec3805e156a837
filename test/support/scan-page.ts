import type { Page } from 'playwright-core';
import { heldRequests } from './browser';

/** Types a code into a scanning page's "Type a code" field (opening it if closed) and submits it. */
export async function typeCode(page: Page, code: string): Promise<void> {
  const entry = page.locator('.manual-entry');
  if (!(await entry.evaluate((details) => (details as HTMLDetailsElement).open))) {
    await entry.locator('summary').click();
  }
  await page.locator('#manual-code').fill(code);
  await page.locator('.manual button[type=submit]').click();
}

/**
 * A handheld scanner (a keyboard wedge) types `code` and Enter into whatever has the focus, every key
 * within milliseconds of the last, as scanners do. Typed key by key from the test, on a loaded machine
 * two keys came further apart than the page's 300 ms between a scanner's keys: a test of the page, not
 * of how fast the test process is scheduled.
 */
export async function scannerTypes(page: Page, code: string): Promise<void> {
  await page.evaluate((text) => {
    const target = document.activeElement ?? document.body;
    for (const key of [...text, 'Enter'])
      target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  }, code);
}

/**
 * A handheld scanner's code on a slow network: its request to `url` held, returned once it has left the
 * page, with what lets it go on. A page that judged the code without asking (it had gone offline) fails
 * here, saying what it showed, rather than waiting for a request that never comes.
 */
export async function scannedAndHeld(page: Page, url: string, code: string): Promise<() => void> {
  const network = await heldRequests(page, url);
  await scannerTypes(page, code);
  try {
    await network.sent;
  } catch (error) {
    const shown = await page.evaluate(() => ({
      connection: document.querySelector('.connection')?.className,
      verdict: document.querySelector<HTMLElement>('.verdict:not([hidden])')?.dataset.verdict,
      lastScans: [...document.querySelectorAll('#last-scans li')].map((item) => item.textContent),
    }));
    throw new Error(`${(error as Error).message}; the page: ${JSON.stringify(shown)}`);
  }
  return network.release;
}

/** Where a US keyboard has a character of a code: the key's place (`KeyboardEvent.code`), and Shift. */
function usPlace(char: string): { code: string; shift: boolean } {
  if (/^[a-z]$/.test(char)) return { code: `Key${char.toUpperCase()}`, shift: false };
  if (/^[A-Z]$/.test(char)) return { code: `Key${char}`, shift: true };
  if (/^\d$/.test(char)) return { code: `Digit${char}`, shift: false };
  const other: Record<string, { code: string; shift: boolean }> = {
    '.': { code: 'Period', shift: false },
    '-': { code: 'Minus', shift: false },
    _: { code: 'Minus', shift: true },
  };
  const place = other[char];
  if (!place) throw new Error(`no key for ${char} in a code`);
  return place;
}

/** What a French (AZERTY) keyboard types at a US key's place: A and Q, Z and W, M swapped; digits shifted. */
function azerty({ code, shift }: { code: string; shift: boolean }): string {
  const swapped: Record<string, [string, string]> = {
    KeyA: ['q', 'Q'],
    KeyQ: ['a', 'A'],
    KeyW: ['z', 'Z'],
    KeyZ: ['w', 'W'],
    KeyM: [',', '?'],
    Period: [':', '/'],
    Minus: [')', '°'],
  };
  const pair = swapped[code];
  if (pair) return pair[shift ? 1 : 0];
  if (code.startsWith('Key')) return shift ? code.slice(3) : code.slice(3).toLowerCase();
  const digit = Number(code.slice('Digit'.length));
  return shift ? String(digit) : ('&é"\'(-è_çà'[(digit + 9) % 10] ?? '');
}

/**
 * A scanner set up for a US keyboard, on a phone whose keyboard is French (AZERTY): each press says
 * its key's place (`code`) and what the French keyboard types there (`key`): `R1.` arrives as `R&:`.
 */
export async function scannerTypesOnAzerty(page: Page, code: string): Promise<void> {
  const presses = [...code].map((char) => {
    const place = usPlace(char);
    return { key: azerty(place), code: place.code, shiftKey: place.shift };
  });
  await page.evaluate((keys) => {
    const target = document.activeElement ?? document.body;
    for (const init of [...keys, { key: 'Enter', code: 'Enter', shiftKey: false }])
      target.dispatchEvent(new KeyboardEvent('keydown', { ...init, bubbles: true, cancelable: true }));
  }, presses);
}

/** The verdict the page shows full screen, then dismissed with a tap as staff do. */
export async function shownVerdict(page: Page, timeout = 30_000): Promise<string | null> {
  const verdict = page.locator('.verdict');
  await verdict.waitFor({ state: 'visible', timeout });
  const shown = await verdict.getAttribute('data-verdict');
  await verdict.click();
  return shown;
}

/** A code typed in, and the verdict it got. */
export async function checkCode(page: Page, code: string): Promise<string | null> {
  await typeCode(page, code);
  return shownVerdict(page);
}
