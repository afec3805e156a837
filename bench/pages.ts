import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { chromiumAvailable, launchChromium, phoneContext } from '../test/support/browser';
import { percentile, round } from './measure';

/**
 * The pages as a phone meets them: how many compressed bytes each page loads before it works, how
 * long the gate takes from a code to its verdict online and offline (in Chromium, the same build as
 * deploys), and how soon the dashboard shows a scan.
 */
export interface PagesDeps {
  siteDir: string;
  baseUrl: string;
  organiser: string;
  gateCredential: string;
  issue: (count: number) => Promise<{ ticketId: string; token: string }[]>;
  scanIn: (token: string) => Promise<void>;
  scans: number;
}

function gzipKb(file: string): number {
  return gzipSync(readFileSync(file)).length / 1024;
}

/** HTML plus the scripts and styles it references (and their static imports, listed as modulepreload). */
function pageWeights(siteDir: string): { pages: Record<string, number>; decoderWasmKb: number } {
  const pages: Record<string, number> = {};
  for (const html of readdirSync(siteDir).filter((name) => name.endsWith('.html'))) {
    const text = readFileSync(path.join(siteDir, html), 'utf8');
    const assets = [...text.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map(
      (match) => match[1] as string,
    );
    pages[html.replace('.html', '')] = round(
      gzipKb(path.join(siteDir, html)) + assets.reduce((sum, asset) => sum + gzipKb(path.join(siteDir, asset)), 0),
    );
  }
  const wasm = readdirSync(path.join(siteDir, 'assets')).find((name) => name.endsWith('.wasm'));
  return { pages, decoderWasmKb: wasm ? round(gzipKb(path.join(siteDir, 'assets', wasm))) : 0 };
}

/** Milliseconds from submitting a code to its verdict on screen, measured inside the page. */
async function timeVerdict(page: Page, token: string): Promise<number> {
  return page.evaluate(async (code) => {
    const input = document.getElementById('manual-code') as HTMLInputElement;
    const verdict = document.querySelector('.verdict') as HTMLElement;
    verdict.hidden = true;
    verdict.removeAttribute('data-verdict');
    input.value = code;
    const started = performance.now();
    const shown = new Promise<void>((resolve) => {
      const observer = new MutationObserver(() => {
        if (!verdict.hidden && verdict.dataset.verdict) {
          observer.disconnect();
          resolve();
        }
      });
      observer.observe(verdict, { attributes: true, childList: true });
    });
    input.form?.requestSubmit();
    await shown;
    return performance.now() - started;
  }, token);
}

async function gateLatency(page: Page, tokens: string[]): Promise<{ p50Ms: number; p99Ms: number }> {
  const times: number[] = [];
  for (const token of tokens) times.push(await timeVerdict(page, token));
  return { p50Ms: round(percentile(times, 50)), p99Ms: round(percentile(times, 99)) };
}

export async function measurePages(deps: PagesDeps): Promise<Record<string, unknown>> {
  const weights = pageWeights(deps.siteDir);
  if (!chromiumAvailable()) return { ...weights, note: 'Chromium not found: browser timings skipped' };
  const browser = await launchChromium();
  try {
    const context = await phoneContext(browser, deps.baseUrl, deps.gateCredential, 'fr');
    const gate = await context.newPage();
    await gate.goto('/gate');
    await gate.locator('#readiness[data-ready="true"]').waitFor();
    await gate.locator('.manual-entry summary').click();
    const tickets = await deps.issue(deps.scans * 2 + 5);
    await gateLatency(
      gate,
      tickets.slice(0, 5).map((t) => t.token),
    ); // warm-up
    const online = await gateLatency(
      gate,
      tickets.slice(5, 5 + deps.scans).map((t) => t.token),
    );
    await context.setOffline(true);
    const offline = await gateLatency(
      gate,
      tickets.slice(5 + deps.scans).map((t) => t.token),
    );
    await context.setOffline(false);
    await gate.locator('#pending[data-count="0"]').waitFor({ timeout: 60_000 });
    await context.close();

    const office = await phoneContext(browser, deps.baseUrl, deps.organiser, 'fr', { width: 1280, height: 900 });
    const dashboard = await office.newPage();
    await dashboard.goto('/dashboard');
    await dashboard.locator('#venue-count[data-value]').waitFor();
    const freshness: number[] = [];
    for (const ticket of await deps.issue(5)) {
      const before = await dashboard.locator('#venue-count').getAttribute('data-value');
      const started = Date.now();
      await deps.scanIn(ticket.token);
      await dashboard.waitForFunction(
        (previous) => document.getElementById('venue-count')?.dataset.value !== previous,
        before,
        { timeout: 10_000, polling: 20 },
      );
      freshness.push(Date.now() - started);
    }
    await office.close();
    return {
      ...weights,
      gateOnline: online,
      gateOffline: offline,
      offlineToOnlineP50: round(offline.p50Ms / online.p50Ms),
      dashboardShowsScanMs: { p50: round(percentile(freshness, 50)), max: round(Math.max(...freshness)) },
      scans: deps.scans,
    };
  } finally {
    await browser.close();
  }
}
