import type { Page } from 'playwright-core';

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
