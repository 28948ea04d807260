/** Chromium side: cold loads to the first result, and per-keystroke latency / ranking inside a page. */
import puppeteer, { type Browser, type BrowserContext, type Page } from 'puppeteer-core';
import type { BenchServer, Served } from './server.ts';

import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';

export async function launch(): Promise<Browser> {
  return puppeteer.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS, protocolTimeout: 600_000 });
}

/** A blank page (cache disabled) in a fresh browser context, not yet navigated. */
export interface Blank {
  context: BrowserContext;
  page: Page;
}

/**
 * Opens a fresh context with a blank page. Starting its renderer process takes a while on this
 * machine and is no part of a cold load (the page's clock starts at navigation), so the bench opens
 * the blank pages of a round of cold loads together, before the timed loads.
 */
export async function blankPage(browser: Browser): Promise<Blank> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setCacheEnabled(false);
  return { context, page };
}

export interface OpenPage {
  page: Page;
  close: () => Promise<void>;
}

export interface ColdLoad {
  /** Navigation start to the first result in the DOM, ms (performance.now() in the page). */
  ms: number;
  /** What the server sent before the page reported its first result. */
  served: Served[];
  title: string | null;
  /** Wall time of the whole cold load as the bench sees it (context, page, load, close), ms. */
  wallMs: number;
  /** With `keep`: the loaded page, left open (cache re-enabled) for keystrokes; the caller closes it. */
  page?: OpenPage;
}

/**
 * One cold load: a fresh browser context (empty cache), a fresh page, the page URL. With `keep`, the
 * page stays open afterwards, exactly as a freshly opened page would be, so the keystroke runs need no
 * second load of the same index.
 */
export async function coldLoad(
  browser: Browser,
  server: BenchServer,
  url: string,
  { keep = false, timeoutMs = 300_000, fresh }: { keep?: boolean; timeoutMs?: number; fresh?: Blank } = {},
): Promise<ColdLoad> {
  const t0 = performance.now();
  const { context, page } = fresh ?? (await blankPage(browser));
  let kept = false;
  let load: ColdLoad | undefined;
  try {
    await page.bringToFront();
    server.reset();
    await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
    await page.waitForFunction(() => window.__bench?.first !== undefined || window.__bench?.error !== undefined, {
      timeout: timeoutMs,
      polling: 20,
    });
    const state = await page.evaluate(() => ({ first: window.__bench.first, error: window.__bench.error }));
    if (state.error || !state.first) throw new Error(`${url}: the page failed: ${state.error}`);
    for (let i = 0; i < 100 && !server.atMark; i++) await new Promise((r) => setTimeout(r, 10));
    load = { ms: state.first.t, served: server.atMark ?? server.served, title: state.first.title, wallMs: 0 };
    if (keep) {
      await page.setCacheEnabled(true);
      load.page = { page, close: () => context.close() };
      kept = true;
    }
    return load;
  } finally {
    if (!kept) await context.close();
    if (load) load.wallMs = performance.now() - t0;
  }
}
