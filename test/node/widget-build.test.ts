/**
 * The library build (vite.config.ts): the main bundles leave the Pagefind adapter out, the adapter is a
 * self-contained ES module, and in Chromium the classic script, loaded from another folder than the page,
 * fetches the adapter next to itself only for a Pagefind index.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';
import { build } from 'vite';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';
import { serve } from '../../demo/static-server.ts';
import { REPO_ROOT } from '../helpers/notes.ts';

const ADAPTER = 'changefind-pagefind.js';
const MAIN = ['changefind-search.js', 'changefind-search.iife.js'];
let out: string;

before(async () => {
  out = await mkdtemp(join(tmpdir(), 'changefind-build-'));
  await build({ configFile: join(REPO_ROOT, 'vite.config.ts'), root: REPO_ROOT, logLevel: 'silent', build: { outDir: out } });
});
after(() => rm(out, { recursive: true, force: true }));

test('should leave the Pagefind adapter out of both main bundles', async () => {
  const adapter = await readFile(join(out, ADAPTER), 'utf8');
  assert.match(adapter, /pagefind-entry\.json/);
  for (const name of MAIN) assert.doesNotMatch(await readFile(join(out, name), 'utf8'), /pagefind-entry\.json/, name);
});

test('should build the Pagefind adapter as a module without static imports that exports loadPagefindEngine', async () => {
  const adapter = await readFile(join(out, ADAPTER), 'utf8');
  assert.doesNotMatch(adapter, /\bimport\s*(?:[\w{*]|["'`])/);
  const mod = (await import(pathToFileURL(join(out, ADAPTER)).href)) as Record<string, unknown>;
  assert.equal(typeof mod.loadPagefindEngine, 'function');
});

/** Serves the built files under /lib/ and the fixture indexes under /idx/, and opens `page` in Chromium. */
async function openPage(index: string): Promise<{ title: string; requests: string[] }> {
  const fixtures = join(REPO_ROOT, 'test/fixtures/widget/out');
  if (!existsSync(join(fixtures, 'index-pagefind', 'manifest.json'))) {
    execFileSync(process.execPath, ['--import', 'tsx', 'test/fixtures/widget/build.ts'], { cwd: REPO_ROOT, stdio: 'ignore' });
  }
  const site = await mkdtemp(join(tmpdir(), 'changefind-site-'));
  await writeFile(
    join(site, 'index.html'),
    `<!doctype html><meta charset="utf-8"><script src="/lib/changefind-search.iife.js"></script>` +
      `<changefind-search src="/idx/${index}/" loading="eager" no-url></changefind-search>`,
  );
  const { server, port } = await serve({ '/lib/': out, '/idx/': fixtures, '/site/': site }, 0);
  const browser = await puppeteer.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
  try {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    await page.goto(`http://127.0.0.1:${port}/site/index.html`);
    const handle = await page.waitForFunction(
      () => document.querySelector('changefind-search')?.shadowRoot?.querySelector('[role=option] .title')?.textContent,
      { timeout: 30_000 },
    );
    return { title: String(await handle.jsonValue()).trim(), requests };
  } finally {
    await browser.close();
    server.close();
    await rm(site, { recursive: true, force: true });
  }
}

test('should load the adapter next to the classic script and show Pagefind results', async () => {
  const { title, requests } = await openPage('index-pagefind');
  assert.notEqual(title, '');
  assert.deepEqual(requests.filter((p) => p.endsWith(ADAPTER)), [`/lib/${ADAPTER}`]);
});

test('should not fetch the adapter for a MiniSearch index', async () => {
  const { title, requests } = await openPage('index');
  assert.notEqual(title, '');
  assert.deepEqual(requests.filter((p) => p.endsWith(ADAPTER)), []);
});
