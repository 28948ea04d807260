/**
 * The Pagefind engine (widget/pagefind-engine.ts) over a Pagefind bundle of inline records, with the
 * bundle's own pagefind.js running in Node: facets (OR/AND/self-exclusion), sort, date range, paging,
 * highlights, stale searches, load errors.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pagefindLatestFile } from '../../indexer/build-pagefind.ts';
import { makeManifest } from '../../indexer/manifest.ts';
import { SCHEMA_VERSION, type Manifest } from '../../indexer/schema.ts';
import { daysInRange, loadPagefindEngine, PagefindEngine, type PagefindApi } from '../../widget/pagefind-engine.ts';
import { openPagefind, record, serveFolder, writePagefindBundle, type Served } from '../helpers/pagefind.ts';

const records = [
  record({ id: 'vault-ga', title: 'Token vault rotation is GA in Production', text: 'The token vault rotates signing keys every thirty days.', date: '2026-02-11', release: '2026.02.1', releaseType: 'weekly', lifecycle: 'ga-production', areas: ['Tokens'] }),
  record({ id: 'vault-bug', title: 'The token vault returned an error for empty labels. (ACME-102)', text: 'The token vault returned an error for empty labels. (ACME-102)', date: '2026-02-11', release: '2026.02.1', releaseType: 'weekly', kind: 'fix', tickets: ['ACME-102'] }),
  record({ id: 'passkey-beta', title: 'Passkey prompts is Beta', text: 'After a password sign-in, people are asked to enroll a passkey.', date: '2026-02-04', release: '2026.02.0', lifecycle: 'beta', areas: ['Authenticators'] }),
  record({ id: 'gateway-passkey', title: 'Gateway passkey support is Beta', text: 'The gateway accepts passkey assertions <b>from</b> the hosted page.', date: '2026-02-04', release: '2026.02.0', lifecycle: 'beta', product: 'Acme Gateway', areas: ['Authenticators'] }),
  record({ id: 'legacy-deprecated', title: 'Legacy tokens deprecated', text: 'Legacy tokens are deprecated; create scoped credentials instead.', date: '2026-02-04', release: '2026.02.0', lifecycle: 'deprecated', areas: ['Tokens'] }),
  record({ id: 'webhook-retries', title: 'Webhook retries is GA in Preview', text: 'Failed webhook deliveries are retried with backoff for six hours.', date: '2026-01-07', lifecycle: 'ga-preview', flags: ['WEBHOOKRETRY'] }),
  record({ id: 'region-pinning', title: 'Region pinning is GA in Production', text: 'New workspaces stay in the region chosen at creation.', date: '2025-12-03', release: '2025.12.0', lifecycle: 'ga-production' }),
  record({ id: 'undated-note', title: 'Undated docs note about regions', text: 'The region guide moved.', date: null, release: null, releaseType: null, kind: 'docs' }),
];

let tmp: string;
let served: Served;
let engine: PagefindEngine;
let manifest: Manifest;

before(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'changefind-pagefind-engine-'));
  const entry = await writePagefindBundle(records, tmp);
  manifest = makeManifest({ records, sources: [], files: [entry], engines: ['pagefind'] });
  served = await serveFolder(tmp);
  engine = await PagefindEngine.open(manifest, await openPagefind(join(tmp, 'pagefind'), `${served.origin}/pagefind/`));
});

after(async () => {
  await served?.close();
  await rm(tmp, { recursive: true, force: true });
});

const ids = async (query: string, options = {}) => (await engine.search(query, options)).hits.map((h) => h.id);

test('should list every record newest first for an empty query, ties in record order, undated last', async () => {
  assert.deepEqual(await ids(''), ['vault-ga', 'vault-bug', 'passkey-beta', 'gateway-passkey', 'legacy-deprecated', 'webhook-retries', 'region-pinning', 'undated-note']);
});

test('should list oldest first with undated records last', async () => {
  assert.deepEqual(await ids('', { sort: 'oldest' }), ['region-pinning', 'webhook-retries', 'legacy-deprecated', 'gateway-passkey', 'passkey-beta', 'vault-bug', 'vault-ga', 'undated-note']);
});

test('should count every facet value of the browse view', async () => {
  const { facets } = await engine.search('');
  assert.deepEqual(facets.lifecycle, [
    { value: 'beta', count: 2 },
    { value: 'ga-production', count: 2 },
    { value: 'deprecated', count: 1 },
    { value: 'ga-preview', count: 1 },
  ]);
});

test('should match any selected value within a facet', async () => {
  assert.equal((await engine.search('', { filters: { lifecycle: ['beta', 'deprecated'] } })).total, 3);
});

test('should match every facet across facets', async () => {
  assert.deepEqual(await ids('', { filters: { lifecycle: ['beta'], product: ['Acme Gateway'] } }), ['gateway-passkey']);
});

test('should count a facet as if its own selection were cleared', async () => {
  const { facets } = await engine.search('', { filters: { lifecycle: ['beta'] } });
  assert.deepEqual([facets.lifecycle.map((c) => `${c.value}:${c.count}`), facets.product.map((c) => `${c.value}:${c.count}`)], [
    ['beta:2', 'ga-production:2', 'deprecated:1', 'ga-preview:1'],
    ['Acme Gateway:1', 'Acme Widgets:1'],
  ]);
});

test('should keep a selected value with no matches in its facet with a zero count', async () => {
  const { facets } = await engine.search('webhook', { filters: { lifecycle: ['beta'] } });
  assert.deepEqual(facets.lifecycle, [{ value: 'ga-preview', count: 1 }, { value: 'beta', count: 0 }]);
});

test('should keep only records inside a date range', async () => {
  assert.deepEqual(await ids('', { dateRange: { from: '2026-01-01', to: '2026-01' } }), ['webhook-retries']);
});

test('should return nothing for a date range without records', async () => {
  assert.equal((await engine.search('', { dateRange: { from: '2030-01-01' } })).total, 0);
});

test('should page through results with offset and limit', async () => {
  assert.deepEqual(await ids('', { offset: 2, limit: 3 }), ['passkey-beta', 'gateway-passkey', 'legacy-deprecated']);
});

test('should find records by a word of their body', async () => {
  assert.deepEqual((await ids('passkey')).sort(), ['gateway-passkey', 'passkey-beta']);
});

test('should find a record by a flag its text does not mention', async () => {
  assert.deepEqual(await ids('webhookretry'), ['webhook-retries']);
});

test('should give title match ranges as offsets into the title', async () => {
  const hit = (await engine.search('webhook retries')).hits[0]!;
  assert.deepEqual(hit.titleRanges.map(([a, b]) => hit.title.slice(a, b)), ['Webhook', 'retries']);
});

test('should give the snippet as plain body text with match ranges', async () => {
  const hit = (await engine.search('hosted')).hits[0]!;
  assert.deepEqual([hit.snippet.text, hit.snippet.ranges.map(([a, b]) => hit.snippet.text.slice(a, b))], ['The gateway accepts passkey assertions <b>from</b> the hosted page.', ['hosted']]);
});

test('should turn empty meta back into nulls and areas into a list', async () => {
  const [undated] = (await engine.search('', { sort: 'newest', offset: 7, limit: 1 })).hits;
  const [passkey] = (await engine.search('', { offset: 2, limit: 1 })).hits;
  assert.deepEqual([undated!.date, undated!.release, undated!.releaseType, undated!.lifecycle, passkey!.areas], [null, null, null, null, ['Authenticators']]);
});

test('should reject a search overtaken by a newer one and answer the newer one', async () => {
  const older = engine.search('pass');
  const newer = engine.search('passkey');
  await assert.rejects(older, { name: 'AbortError' });
  assert.equal((await newer).total, 2);
});

test('should pick the days inside a range with partial upper bounds', () => {
  assert.deepEqual(daysInRange(['2025-12-03', '2026-01-07', '2026-01-31', '2026-02-04'], { from: '2026-01-07', to: '2026-01' }), ['2026-01-07', '2026-01-31']);
});

test('should refuse a manifest of another schema version', async () => {
  await assert.rejects(loadPagefindEngine(new URL(`${served.origin}/`), { ...manifest, schemaVersion: SCHEMA_VERSION + 1 }), { code: 'schema-mismatch' });
});

test('should refuse a build without a Pagefind bundle', async () => {
  await assert.rejects(loadPagefindEngine(new URL(`${served.origin}/`), { ...manifest, engines: ['minisearch'], files: { docs: 'docs.json' } }), { code: 'mismatch' });
});

test('should refuse a bundle from another build', async () => {
  const other = createHash('sha256').update('another build').digest('hex');
  await assert.rejects(loadPagefindEngine(new URL(`${served.origin}/`), { ...manifest, hashes: { ...manifest.hashes, 'pagefind/': other } }), { code: 'mismatch' });
});

test('should report a missing bundle as not found', async () => {
  await assert.rejects(loadPagefindEngine(new URL(`${served.origin}/elsewhere/`), manifest), { code: 'not-found' });
});

const latestRows = () => (JSON.parse(new TextDecoder().decode(pagefindLatestFile(records).content)) as { rows: unknown[] }).rows;
const offline = () => Promise.reject(new Error('Pagefind must not load for the opening view'));

test('should answer the opening view from the latest records without loading Pagefind', async () => {
  const opening = PagefindEngine.create(manifest, offline, latestRows());
  const [fromLatest, fromPagefind] = [await opening.search(''), await engine.search('')];
  assert.deepEqual(
    [fromLatest.total, fromLatest.hits.map((h) => h.id), fromLatest.facets],
    [fromPagefind.total, fromPagefind.hits.map((h) => h.id), fromPagefind.facets],
  );
});

test('should give the opening view the same snippets as Pagefind', async () => {
  const opening = PagefindEngine.create(manifest, offline, latestRows());
  assert.deepEqual((await opening.search('')).hits.map((h) => h.snippet), (await engine.search('')).hits.map((h) => h.snippet));
});

test('should ask Pagefind for views beyond the latest records', async () => {
  const opening = PagefindEngine.create(manifest, offline, latestRows().slice(0, 2));
  await assert.rejects(opening.search('', { limit: 5 }), /must not load/);
});

/** A Pagefind module of its own (a copy of the bundle imported from another path), on its own server. */
async function freshPagefind(name: string): Promise<{ api: PagefindApi; served: Served }> {
  const dir = join(tmp, name);
  await cp(join(tmp, 'pagefind'), join(dir, 'pagefind'), { recursive: true });
  const own = await serveFolder(dir);
  return { api: await openPagefind(join(dir, 'pagefind'), `${own.origin}/pagefind/`), served: own };
}

test('should answer a repeated view from its cache without a new Pagefind search', async () => {
  const e = await PagefindEngine.open(manifest, await openPagefind(join(tmp, 'pagefind'), `${served.origin}/pagefind/`));
  await e.search('token', { limit: 1 });
  const first = e.work.searches;
  await e.search('token', { offset: 1, limit: 1 });
  assert.deepEqual([first, e.work.searches], [1, 1]);
});

test('should count one selected facet with a single Pagefind search and two with three', async () => {
  const e = await PagefindEngine.open(manifest, await openPagefind(join(tmp, 'pagefind'), `${served.origin}/pagefind/`));
  await e.search('token', { filters: { lifecycle: ['ga-production'] } });
  const one = e.work.searches;
  await e.search('vault', { filters: { lifecycle: ['ga-production'], kind: ['feature'] } });
  assert.deepEqual([one, e.work.searches - one], [1, 3]);
});

test('should count a typed query\'s only selected facet as without its selection', async () => {
  const { facets } = await engine.search('token', { filters: { kind: ['fix'] } });
  assert.deepEqual(facets.kind, [{ value: 'feature', count: 2 }, { value: 'fix', count: 1 }]);
});

test('should not send Pagefind a search overtaken while another one ran', async () => {
  const api = await openPagefind(join(tmp, 'pagefind'), `${served.origin}/pagefind/`);
  const sent: (string | null)[] = [];
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const slow: PagefindApi = { ...api, search: async (term, options) => (sent.push(term), await held, api.search(term, options)) };
  const e = await PagefindEngine.open(manifest, slow);
  const running = e.search('token');
  await new Promise((resolve) => setTimeout(resolve, 10));
  const waiting = e.search('vault');
  const newest = e.search('region');
  release();
  const outcomes = await Promise.allSettled([running, waiting, newest]);
  assert.deepEqual([sent, outcomes.map((o) => o.status)], [['token', 'region'], ['rejected', 'rejected', 'fulfilled']]);
});

test('should fetch the hidden date filter only once a date range is used', async () => {
  const { api, served: own } = await freshPagefind('fresh-date');
  try {
    const e = await PagefindEngine.open(manifest, api);
    const filterFiles = () => own.requests.filter((path) => path.includes('/filter/')).length;
    await e.search('token', { filters: { lifecycle: ['ga-production'] } });
    const typed = filterFiles();
    await e.search('token', { dateRange: { from: '2026-01-01' } });
    assert.deepEqual([typed, filterFiles()], [6, 7]);
  } finally {
    await own.close();
  }
});

test('should fetch the facet filter files in the background after the opening view', async () => {
  const { api, served: own } = await freshPagefind('fresh-preload');
  try {
    const opening = PagefindEngine.create(manifest, async () => api, latestRows());
    await opening.search('');
    const filterFiles = () => own.requests.filter((path) => path.includes('/filter/')).length;
    for (let i = 0; i < 200 && filterFiles() < 6; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    assert.equal(filterFiles(), 6);
  } finally {
    await own.close();
  }
});

test('should answer a second page of a view asked while the view\'s first answer is still coming', async () => {
  const e = await PagefindEngine.open(manifest, await openPagefind(join(tmp, 'pagefind'), `${served.origin}/pagefind/`));
  const first = e.search('token', { limit: 1 });
  const more = e.search('token', { limit: 3 });
  await first.catch(() => undefined);
  assert.deepEqual((await more).hits.length, 3);
});
