/** Chromium side: cold loads to the first result, and per-keystroke latency / ranking inside a page. */
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { BenchServer, Served } from './server.ts';

import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';

export async function launch(): Promise<Browser> {
  return puppeteer.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS, protocolTimeout: 600_000 });
}

export interface ColdLoad {
  /** Navigation start to the first result in the DOM, ms (performance.now() in the page). */
  ms: number;
  /** What the server sent before the page reported its first result. */
  served: Served[];
  title: string | null;
}

/** One cold load: a fresh browser context (empty cache), a fresh page, the page URL. */
export async function coldLoad(browser: Browser, server: BenchServer, url: string, timeoutMs = 300_000): Promise<ColdLoad> {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    await page.setCacheEnabled(false);
    server.reset();
    await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
    await page.waitForFunction(() => window.__bench?.first !== undefined || window.__bench?.error !== undefined, {
      timeout: timeoutMs,
      polling: 20,
    });
    const state = await page.evaluate(() => ({ first: window.__bench.first, error: window.__bench.error }));
    if (state.error || !state.first) throw new Error(`${url}: the page failed: ${state.error}`);
    for (let i = 0; i < 100 && !server.atMark; i++) await new Promise((r) => setTimeout(r, 10));
    return { ms: state.first.t, served: server.atMark ?? server.served, title: state.first.title };
  } finally {
    await context.close();
  }
}

/** Opens an engine page in its own context and waits until it has shown its first result. */
export async function openPage(browser: Browser, url: string): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load', timeout: 300_000 });
  await page.waitForFunction(() => window.__bench?.first !== undefined || window.__bench?.error !== undefined, {
    timeout: 300_000,
    polling: 50,
  });
  const error = await page.evaluate(() => window.__bench.error);
  if (error) {
    await context.close();
    throw new Error(`${url}: the page failed: ${error}`);
  }
  return { page, close: () => context.close() };
}
