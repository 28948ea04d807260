/**
 * Builds split into one Pagefind bundle per date period (indexer/build-pagefind.ts, planBundles) and
 * the engine's merging of the bundles' answers (widget/pagefind-engine.ts): every record and facet
 * value in exactly one bundle; merged results, totals and facet counts equal to those of the same
 * records in one bundle; first answers before the older bundles and the facet counts; stale answers.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { planBundles, type PagefindLayout } from '../../indexer/build-pagefind.ts';
import { facetCounts, makeManifest } from '../../indexer/manifest.ts';
import { FACETS, type ChangeRecord, type Manifest } from '../../indexer/schema.ts';
import { bundleDays, calendarDays, mergeByScore } from '../../widget/pagefind-bundles.ts';
import { loadPagefindEngine, PagefindEngine, type PagefindApi } from '../../widget/pagefind-engine.ts';
import type { SearchOptions, SearchResult } from '../../widget/search-types.ts';
import { openEngine, openPagefind, record, serveFolder, writePagefindBundle, type Served } from '../helpers/pagefind.ts';

const r = (id: string, title: string, text: string, date: string | null, fields: Partial<ChangeRecord> = {}) =>
  record({ id, title, text, date, release: date ? `${date.slice(0, 7)}.0` : null, releaseType: date ? 'monthly' : null, ...fields });

/** 15 records over 6 days and one undated; split at most 4 per bundle: bundles of days, newest first. */
const records: ChangeRecord[] = [
  r('t1', 'Token vault rotation is GA', 'The token vault rotates signing keys.', '2026-03-10', { lifecycle: 'ga-production', areas: ['Tokens'] }),
  r('t2', 'Token labels fixed', 'Empty token labels no longer fail.', '2026-03-10', { kind: 'fix' }),
  r('p1', 'Passkey prompts is Beta', 'People are asked to enroll a passkey after a password sign-in.', '2026-03-03', { lifecycle: 'beta', areas: ['Authenticators'] }),
  r('p2', 'Gateway passkey support', 'The gateway accepts passkey assertions.', '2026-03-03', { lifecycle: 'beta', product: 'Acme Gateway' }),
  r('t3', 'Token scopes for the admin API', 'Admin API tokens carry scopes; token scopes narrow what a token can do.', '2026-02-02', { lifecycle: 'ea', areas: ['Tokens'] }),
  r('w1', 'Webhook retries', 'Failed webhook deliveries are retried with backoff.', '2026-02-02', { lifecycle: 'ga-preview' }),
  r('p3', 'Passkey autofill', 'Passkey autofill in the sign-in form, a passkey per device.', '2026-02-02', { lifecycle: 'ea', areas: ['Authenticators'] }),
  r('t4', 'Legacy tokens deprecated', 'Legacy tokens are deprecated; create scoped tokens.', '2026-01-05', { lifecycle: 'deprecated', areas: ['Tokens'] }),
  r('g1', 'Region pinning', 'New workspaces stay in their region.', '2026-01-05', { lifecycle: 'ga-production', product: 'Acme Gateway' }),
  r('p4', 'Passkey recovery', 'Recovery flows accept a passkey.', '2025-12-01', { lifecycle: 'ga-production' }),
  r('t5', 'Token introspection', 'The token introspection endpoint returns the token scopes.', '2025-12-01', { kind: 'fix', product: 'Acme Gateway' }),
  r('w2', 'Webhook signatures', 'Webhook payloads are signed.', '2025-11-03', { lifecycle: 'ga-production' }),
  r('p5', 'Passkey admin report', 'A report lists passkey enrollments.', '2025-11-03', { kind: 'docs' }),
  r('t6', 'Token lifetime policy', 'Admins set the token lifetime.', '2025-11-03', { lifecycle: 'beta' }),
  r('u1', 'Undated token note', 'The token guide moved; passkey pages too.', null, { kind: 'docs' }),
];

let tmp: string;
let served: Served;
let manifest: Manifest;
let single: PagefindEngine;
let layout: PagefindLayout;
const split = () => openEngine(join(tmp, 'split'), `${served.origin}/split`, manifest);

before(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'changefind-pagefind-split-'));
  await writePagefindBundle(records, join(tmp, 'single'));
  const entry = await writePagefindBundle(records, join(tmp, 'split'), { bundleRecords: 4 });
  manifest = makeManifest({ records, sources: [], files: [entry], engines: ['pagefind'] });
  layout = JSON.parse(await readFile(join(tmp, 'split', 'pagefind', 'changefind-bundles.json'), 'utf8')) as PagefindLayout;
  served = await serveFolder(tmp);
  single = await PagefindEngine.open(manifest, await openPagefind(join(tmp, 'single', 'pagefind'), `${served.origin}/single/pagefind/`));
});

after(async () => {
  await served?.close();
  await rm(tmp, { recursive: true, force: true });
});

/** The complete answer of a search (after its first answer, when it came in steps). */
async function whole(engine: PagefindEngine, q: string, options: SearchOptions = {}): Promise<SearchResult> {
  const first = await engine.search(q, { limit: 50, ...options });
  return first.pending ? first.pending.complete : first;
}

const view = (x: SearchResult) => ({ total: x.total, ids: x.hits.map((h) => h.id), facets: x.facets });

test('should split the records into contiguous date periods, newest first, without splitting a day', () => {
  const parts = planBundles(records, 4).map((part) => part.map((i) => records[i]!.date ?? 'undated'));
  assert.deepEqual(parts, [
    ['2026-03-10', '2026-03-10', '2026-03-03', '2026-03-03'],
    ['2026-02-02', '2026-02-02', '2026-02-02'],
    ['2026-01-05', '2026-01-05', '2025-12-01', '2025-12-01'],
    ['2025-11-03', '2025-11-03', '2025-11-03', 'undated'],
  ]);
});

test('should keep one bundle up to the records-per-bundle size', () => {
  assert.deepEqual(planBundles(records, 15).map((part) => part.length), [15]);
});

test('should list each bundle with its folder, record count, date span and undated count', () => {
  assert.deepEqual(
    layout.bundles.map(({ dir, records: n, from, to, undated }) => ({ dir, n, from, to, undated })),
    [
      { dir: 'b0/', n: 4, from: '2026-03-03', to: '2026-03-10', undated: 0 },
      { dir: 'b1/', n: 3, from: '2026-02-02', to: '2026-02-02', undated: 0 },
      { dir: 'b2/', n: 4, from: '2025-12-01', to: '2026-01-05', undated: 0 },
      { dir: 'b3/', n: 4, from: '2025-11-03', to: '2025-11-03', undated: 1 },
    ],
  );
});

test('should write each bundle as a complete Pagefind bundle of its own', async () => {
  const names = await Promise.all(layout.bundles.map(async (b) => (await readdir(join(tmp, 'split', 'pagefind', b.dir))).filter((n) => /^(pagefind\.js|pagefind-entry\.json|wasm\.en\.pagefind)$/.test(n)).sort()));
  assert.deepEqual(names, layout.bundles.map(() => ['pagefind-entry.json', 'pagefind.js', 'wasm.en.pagefind']));
});

/** Each bundle read with its own pagefind.js (module API): its pages' ids and its filter counts. */
async function perBundle(): Promise<{ ids: string[]; filters: Record<string, Record<string, number>> }[]> {
  return Promise.all(
    layout.bundles.map(async (b) => {
      const api = await openPagefind(join(tmp, 'split', 'pagefind', b.dir), `${served.origin}/split/pagefind/${b.dir}`);
      const found = await api.search(null);
      const ids = await Promise.all(found!.results.map(async (hit) => (await hit.data()).meta.id!));
      return { ids, filters: await api.filters() };
    }),
  );
}

test('should write Pagefind\'s runtime beside the bundle list, the same file as in the bundles', async () => {
  const [top, newest] = await Promise.all([readFile(join(tmp, 'split', 'pagefind', 'pagefind.js')), readFile(join(tmp, 'split', 'pagefind', 'b0', 'pagefind.js'))]);
  assert.ok(top.equals(newest));
});

test('should carry every record in exactly one bundle', async () => {
  const ids = (await perBundle()).flatMap((b) => b.ids);
  assert.deepEqual(ids.sort(), records.map((x) => x.id).sort());
});

test('should carry every facet value across the bundles with the build\'s record counts', async () => {
  const summed: Record<string, Record<string, number>> = {};
  for (const { filters } of await perBundle()) {
    for (const facet of FACETS) for (const [value, n] of Object.entries(filters[facet] ?? {})) (summed[facet] ??= {})[value] = (summed[facet][value] ?? 0) + n;
  }
  const sorted = (counts: Record<string, Record<string, number>>) => Object.fromEntries(FACETS.map((f) => [f, Object.fromEntries(Object.entries(counts[f] ?? {}).sort())]));
  assert.deepEqual(sorted(summed), sorted(facetCounts(records)));
});

for (const [name, q, options] of [
  ['browse, newest first', '', {}],
  ['browse, oldest first (undated last)', '', { sort: 'oldest' }],
  ['browse with a facet selected', '', { filters: { lifecycle: ['beta', 'ga-production'] } }],
  ['browse with two facets selected', '', { filters: { lifecycle: ['ga-production'], product: ['Acme Gateway'] } }],
  ['browse inside a date range across bundles', '', { dateRange: { from: '2025-12-01', to: '2026-02' } }],
  ['a typed query, newest first', 'token', { sort: 'newest' }],
  ['a typed query, oldest first', 'passkey', { sort: 'oldest' }],
  ['a typed query with a facet and a date range, newest first', 'token', { sort: 'newest', filters: { lifecycle: ['ea', 'deprecated', 'beta'] }, dateRange: { from: '2025-11-03', to: '2026-01-31' } }],
] as [string, string, SearchOptions][]) {
  test(`should give the same results, totals and facet counts as one bundle: ${name}`, async () => {
    assert.deepEqual(view(await whole(await split(), q, options)), view(await whole(single, q, options)));
  });
}

test('should give the same result set, total and facet counts as one bundle for relevance, ranked by score', async () => {
  const [a, b] = [await whole(await split(), 'token'), await whole(single, 'token')];
  assert.deepEqual([a.total, [...a.hits.map((h) => h.id)].sort(), a.facets], [b.total, [...b.hits.map((h) => h.id)].sort(), b.facets]);
  assert.deepEqual(a.hits.map((h) => h.score), [...a.hits.map((h) => h.score)].sort((x, y) => y - x));
});

test('should page across bundles', async () => {
  const engine = await split();
  await whole(engine, 'passkey', { sort: 'newest' });
  const pages = [await engine.search('passkey', { sort: 'newest', limit: 2 }), await engine.search('passkey', { sort: 'newest', offset: 2, limit: 2 }), await engine.search('passkey', { sort: 'newest', offset: 4, limit: 2 })];
  assert.deepEqual(pages.map((p) => p.hits.map((h) => h.id)), [['p1', 'p2'], ['p3', 'p4'], ['p5', 'u1']]);
});

test('should answer first with the newest bundle\'s hits, then with every bundle', async () => {
  const first = await (await split()).search('passkey', { sort: 'newest' });
  const complete = await first.pending!.complete;
  assert.deepEqual(
    [first.hits.map((h) => h.id), first.total, first.pending!.hits, complete.hits.map((h) => h.id), complete.total, complete.pending],
    [['p1', 'p2'], 2, true, ['p1', 'p2', 'p3', 'p4', 'p5', 'u1'], 6, undefined],
  );
});

test('should answer first from the oldest bundle when sorted oldest first', async () => {
  const first = await (await split()).search('token', { sort: 'oldest' });
  assert.deepEqual([first.hits.map((h) => h.id), first.pending?.hits], [['t6'], true]);
});

test('should search older bundles for the first answer until the page shown has a hit', async () => {
  const first = await (await split()).search('webhook', { sort: 'newest' });
  assert.deepEqual([first.hits.map((h) => h.id), first.pending?.hits], [['w1'], true]);
});

test('should fetch no facet filter file before the first answer, and give the counts with the complete one', async () => {
  const own = await serveFolder(tmp);
  const engine = await openEngine(join(tmp, 'split'), `${own.origin}/split`, manifest);
  const first = await engine.search('passkey');
  const filtersBefore = own.requests.filter((p) => p.includes('/filter/')).length;
  const complete = await first.pending!.complete;
  await own.close();
  assert.deepEqual(
    [filtersBefore, first.pending!.facets, complete.facets.lifecycle.map((c) => `${c.value}:${c.count}`)],
    [0, true, ['beta:2', 'ea:1', 'ga-production:1']],
  );
});

test('should answer a view whose complete answer is in without a pending part', async () => {
  const engine = await split();
  await whole(engine, 'token');
  assert.equal((await engine.search('token', { limit: 3 })).pending, undefined);
});

test('should drop an older view\'s complete answer when an older bundle answers after a newer query', async () => {
  const engine0 = await split();
  // Hold bundle 3's Pagefind searches until the newer query is asked.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const connect = (engine0 as unknown as { connect: (i: number) => Promise<PagefindApi> }).connect;
  const engine = PagefindEngine.create(manifest, async (i) => {
    const api = await connect(i);
    return i === 3 ? { ...api, search: async (term, options) => (await held, api.search(term, options)) } : api;
  }, [], layout.bundles);
  const older = await engine.search('passkey', { sort: 'newest' });
  const newer = engine.search('token', { sort: 'newest' });
  release();
  const [oldComplete, newFirst] = await Promise.allSettled([older.pending!.complete, newer]);
  const newest = newFirst.status === 'fulfilled' ? await (newFirst.value.pending?.complete ?? newFirst.value) : undefined;
  assert.deepEqual([oldComplete.status, (oldComplete as PromiseRejectedResult).reason?.name, newest?.hits.map((h) => h.id)], ['rejected', 'AbortError', ['t1', 't2', 't3', 't4', 't5', 't6', 'u1']]);
});

test('should refuse a split build whose bundle list comes from another build', async () => {
  await assert.rejects(loadPagefindEngine(new URL(`${served.origin}/split/`), { ...manifest, hashes: { 'pagefind/': '0'.repeat(64) } }), { code: 'mismatch' });
});

test('should refuse a bundle list of another layout format', async () => {
  const fake = (async (url: URL | RequestInfo) => new Response(String(url).endsWith('changefind-bundles.json') ? '{"format":1,"bundles":[{"dir":""}]}' : '{}')) as typeof fetch;
  await assert.rejects(loadPagefindEngine(new URL(`${served.origin}/split/`), { ...manifest, hashes: {} }, { fetch: fake }), { code: 'schema-mismatch' });
});

test('should need from a bundle all of it, some days or nothing for a date range', () => {
  const b = { dir: '', records: 3, from: '2026-01-30', to: '2026-02-02', undated: 0 };
  assert.deepEqual(
    [bundleDays(b, { from: '2026-01-01' }), bundleDays(b, { from: '2026-03-01' }), bundleDays(b, { to: '2026-01' }), bundleDays({ ...b, undated: 1 }, { from: '2026-01-01' })],
    ['all', 'skip', { days: ['2026-01-30', '2026-01-31'] }, { days: ['2026-01-30', '2026-01-31', '2026-02-01', '2026-02-02'] }],
  );
});

test('should list the calendar days of a span across a month end', () => {
  assert.deepEqual(calendarDays('2024-02-28', '2024-03-01'), ['2024-02-28', '2024-02-29', '2024-03-01']);
});

test('should merge ranked lists by score, equal scores from the newer bundle first, each list\'s order kept', () => {
  const merged = mergeByScore([[{ id: 'a', score: 3 }, { id: 'b', score: 1 }], [{ id: 'c', score: 3 }, { id: 'd', score: 2 }]]);
  assert.deepEqual(merged.map((x) => x.id), ['a', 'c', 'd', 'b']);
});
