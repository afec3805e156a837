import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoClock, fairMorningOffset } from '../../local/demo-clock';
import type { LocalRuntime } from '../../local/runtime';
import { zonedIso, zoneOf } from '../../shared/domain/fair-time';
import { demoFair } from '../../shared/fair/demo-fair';
import { launchChromium, phoneContext, screenshotPath } from '../support/browser';
import { eventually } from '../support/eventually';
import { stretched } from '../support/machine-factor';
import { startOwnRuntime } from '../support/own-runtime';

/**
 * The dashboard foresees today's peak from the earlier days, on a runtime of its own whose clock the
 * test moves: a first day counted hour by hour, then the second day's morning twice as busy at the
 * same hour. In Chromium, in Arabic: "about 400 around 16:00", and the expected line named in the chart.
 */
let runtime: LocalRuntime;
let credential = '';
const clock = DemoClock.offset(fairMorningOffset('11:00'));
const at = (day: string, time: string) => clock.set(Date.parse(zonedIso(day, time, zoneOf(demoFair))), 1);

async function call<T>(route: string, body?: unknown): Promise<T> {
  const response = await fetch(`${runtime.apiUrl}${route}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${route} answered ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

/** Walk-ins counted at the main entrance at a time of a day (within what its 4 m door passes a minute). */
async function countAt(day: string, time: string, walkIns: number, out = 0): Promise<void> {
  at(day, time);
  // At most 50 each way a request, as a steward's taps are sent.
  for (let sent = 0; sent < Math.max(walkIns, out); sent += 50)
    await call(`/v1/gates/main/counts`, {
      countId: crypto.randomUUID(),
      in: Math.min(50, Math.max(0, walkIns - sent)),
      out: Math.min(50, Math.max(0, out - sent)),
      countedAt: new Date(clock.now()).toISOString(),
      deviceId: 'steward',
    });
}

beforeAll(async () => {
  ({ runtime, credential } = await startOwnRuntime({ startEventSources: true, clock }));
});

afterAll(() => runtime?.stop());

describe("the dashboard's forecast of today's peak", () => {
  it('foresees the peak from the earlier day, scaled by today so far, in Arabic', async () => {
    const { days } = await call<{ days: string[] }>('/v1/fair');
    const [first, second] = days as [string, string];
    // The first day: 40 by 12:00, 100 by 14:00, 200 at the 16:00 hour's end, then leaving.
    await countAt(first, '11:30', 40);
    await countAt(first, '13:30', 60);
    await countAt(first, '16:30', 100);
    await countAt(first, '18:30', 0, 150);
    await eventually('the first day in its report', async () => {
      const report = await call<{ insideByHour: { hour: number; inside: number }[] }>(`/v1/reports/days/${first}`);
      return report.insideByHour.find((point) => point.hour === 16)?.inside === 200 ? true : undefined;
    });
    // The second day: twice the first's crowd at the end of the 11:00 hour.
    await countAt(second, '11:20', 80);
    at(second, '12:30');
    await eventually('the second day counted', async () =>
      (await call<{ venue: { count: number } }>('/v1/occupancy')).venue.count === 80 ? true : undefined,
    );
    const browser = await launchChromium();
    try {
      const context = await phoneContext(browser, runtime.apiUrl, credential, 'ar', { width: 1280, height: 900 });
      const page = await context.newPage();
      await page.goto('/dashboard');
      const line = page.locator('#peak-forecast');
      await line.waitFor({ state: 'visible', timeout: stretched(30_000) });
      expect(await line.getAttribute('data-count')).toBe('400');
      expect(await line.textContent()).toContain('16:00');
      expect(await line.textContent()).toContain('الذروة المتوقعة');
      expect(await page.locator('#occupancy-chart .u-legend').textContent()).toContain('المتوقع');
      await page.screenshot({ path: screenshotPath('dashboard-peak-forecast-ar'), fullPage: true });
      // On a desk's screen the gates' table is across the page: its seven columns without scrolling.
      const gates = page.locator('.table-scroll:has(#gates)');
      expect(await gates.evaluate((region) => region.scrollWidth - region.clientWidth)).toBeLessThanOrEqual(0);
      expect(await page.locator('#venue-count').textContent()).toBe('80');
      // The third day's morning, before any door has counted: no figure for the venue (a 0 would read
      // "empty"), and why, as on its zone's card.
      at(days[2] as string, '10:00');
      await page.reload();
      await expect.poll(() => page.locator('#venue-capacity').textContent()).toContain('غير محسوب اليوم');
      expect(await page.locator('#venue-count').textContent()).toBe('—');
      await context.close();
    } finally {
      await browser.close();
    }
  });
});
