/**
 * How the Pagefind engine starts (widget/load-engine.ts, widget/pagefind-engine.ts): what is requested
 * before the manifest is read when the page asks for Pagefind, and that only the opening view waits
 * for the latest records.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pagefindLatestFile } from '../../indexer/build-pagefind.ts';
import { makeManifest } from '../../indexer/manifest.ts';
import type { Manifest } from '../../indexer/schema.ts';
import { loadEngine } from '../../widget/load-engine.ts';
import { openPagefind as startPagefind, PagefindEngine, type PagefindApi } from '../../widget/pagefind-engine.ts';
import { openPagefind, record, serveFolder, writePagefindBundle, type Served } from '../helpers/pagefind.ts';

const records = [
  record({ id: 'vault-ga', title: 'Token vault rotation is GA in Production', text: 'The token vault rotates signing keys every thirty days.', date: '2026-02-11' }),
  record({ id: 'passkey-beta', title: 'Passkey prompts is Beta', text: 'After a password sign-in, people are asked to enroll a passkey.', date: '2026-02-04', lifecycle: 'beta' }),
  record({ id: 'region-pinning', title: 'Region pinning is GA in Production', text: 'New workspaces stay in the region chosen at creation.', date: '2025-12-03' }),
];

let tmp: string;
let served: Served;
let manifest: Manifest;
let api: PagefindApi;

before(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'changefind-pagefind-load-'));
  manifest = makeManifest({ records, sources: [], files: [await writePagefindBundle(records, tmp)], engines: ['pagefind'] });
  served = await serveFolder(tmp);
  api = await openPagefind(join(tmp, 'pagefind'), `${served.origin}/pagefind/`);
});

after(async () => {
  await served?.close();
  await rm(tmp, { recursive: true, force: true });
});

/** A fetch that records the URLs asked for and never answers (the test looks only at what was asked). */
function recording(): { fetch: typeof fetch; urls: string[] } {
  const urls: string[] = [];
  const fetch = ((input: URL | RequestInfo) => {
    urls.push(input instanceof Request ? input.url : String(input));
    return new Promise<Response>(() => undefined);
  }) as typeof globalThis.fetch;
  return { fetch, urls };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
}

test('should request the bundle list and the latest records before the manifest is read', () => {
  const { fetch, urls } = recording();
  startPagefind(new URL('https://docs.example/idx/'), { fetch });
  assert.deepEqual(urls, ['https://docs.example/idx/pagefind/changefind-bundles.json', 'https://docs.example/idx/pagefind/changefind-latest.json']);
});

test('should request the bundle list while the manifest is still coming when the page asks for Pagefind', async () => {
  const { fetch, urls } = recording();
  void loadEngine('https://docs.example/idx/', { fetch, engine: 'pagefind' }).catch(() => undefined);
  await until(() => urls.length >= 3);
  assert.deepEqual(urls.sort(), [
    'https://docs.example/idx/manifest.json',
    'https://docs.example/idx/pagefind/changefind-bundles.json',
    'https://docs.example/idx/pagefind/changefind-latest.json',
  ]);
});

test('should not request the search core files when the page asks for Pagefind', async () => {
  const { fetch, urls } = recording();
  void loadEngine('https://docs.example/idx/', { fetch, engine: 'pagefind' }).catch(() => undefined);
  await until(() => urls.length >= 3);
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.deepEqual(urls.filter((url) => !url.includes('/pagefind/')), ['https://docs.example/idx/manifest.json']);
});

test('should answer a typed query while the latest records are still coming', async () => {
  const engine = PagefindEngine.create(manifest, async () => api, new Promise(() => undefined));
  const first = await engine.search('passkey');
  await first.pending?.complete; // the facet counts load in the background; let them finish before the server stops
  assert.deepEqual(first.hits.map((h) => h.id), ['passkey-beta']);
});

test('should answer the opening view from the latest records once they arrive, without Pagefind', async () => {
  let arrive!: (rows: unknown[]) => void;
  const rows = (JSON.parse(new TextDecoder().decode(pagefindLatestFile(records).content)) as { rows: unknown[] }).rows;
  const engine = PagefindEngine.create(manifest, () => Promise.reject(new Error('Pagefind must not load for the opening view')), new Promise((resolve) => (arrive = resolve)));
  const opening = engine.search('');
  arrive(rows);
  assert.deepEqual((await opening).hits.map((h) => h.id), ['vault-ga', 'passkey-beta', 'region-pinning']);
});
