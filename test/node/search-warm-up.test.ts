/**
 * SearchCore.warmUp: idle-time searches built from the index's own data. Results must not change
 * (checked on the real corpus with every prefix of every bench query), a real search ends it for good,
 * and it stops at its search count.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { buildRecords } from '../../indexer/pipeline.ts';
import type { ChangeRecord } from '../../indexer/schema.ts';
import { warmQueries } from '../../widget/core/warm.ts';
import { readIndex } from '../../widget/core/index-data.ts';
import { loadIndex, SearchCore } from '../../widget/search-core.ts';
import type { Filters, SearchOptions, SearchResult } from '../../widget/search-types.ts';
import { bundleOf } from '../fixtures/search/bundle.ts';
import { RECORDS } from '../fixtures/search/records.ts';
import { CORPUS, REPO_ROOT } from '../helpers/notes.ts';

let corpus: ChangeRecord[] = [];
before(async () => {
  corpus = (await buildRecords([CORPUS])).records;
});

/** Counts the searches a core answers (warm-up ones included). */
function counting(core: SearchCore): { calls: [string, SearchOptions | undefined][] } {
  const calls: [string, SearchOptions | undefined][] = [];
  // Every search, the reader's and the warm-up's, is answered by the core's private `answer`.
  const inner = core as unknown as { answer: (q: string, o: SearchOptions) => SearchResult };
  const answer = inner.answer.bind(core);
  inner.answer = (q, o) => (calls.push([q, o]), answer(q, o));
  return { calls };
}

test('should leave every result of every bench query prefix as a core that never warmed gives', async () => {
  const bundle = bundleOf(corpus);
  const strokes: { q: string; filters?: Filters }[] = [];
  for (const file of ['bench/queries.json', 'bench/dev-queries.json']) {
    const { queries } = JSON.parse(await readFile(join(REPO_ROOT, file), 'utf8')) as { queries: { q: string; filters?: Filters }[] };
    for (const { q, filters } of queries) for (let i = 1; i <= q.length; i++) strokes.push({ q: q.slice(0, i), ...(filters ? { filters } : {}) });
  }
  const variants: SearchOptions[] = [{ limit: 10 }, { sort: 'newest', limit: 10 }, { offset: 10, limit: 10 }];
  const all = (core: SearchCore) => strokes.flatMap((s) => variants.map((v) => JSON.stringify(core.search(s.q, { ...v, ...(s.filters ? { filters: s.filters } : {}) }))));
  const cold = all(SearchCore.fromBundle(bundle));
  const warmed = SearchCore.fromBundle(bundle);
  warmed.search('okta');
  const runs = await warmed.warmUp(Infinity);
  assert.ok(runs > 1000, `the warm-up ran only ${runs} searches`);
  assert.deepEqual(all(warmed), cold);
});

test('should build warm-up searches that take every query path from the index data', () => {
  const list = [...warmQueries(readIndex(bundleOf(corpus)))];
  const has = (what: string, p: (q: string, o: SearchOptions) => boolean) => assert.ok(list.some(([q, o]) => p(q, o)), `no warm-up search with ${what}`);
  has('a ticket id', (q) => /^okta-\d+$/.test(q));
  has('a feature flag', (q) => /^[a-z0-9]+_[a-z0-9_]+$/.test(q));
  has('an API path', (q) => /^\/[a-z][\w/-]+$/.test(q));
  has('a quoted phrase', (q) => /^"\S+ \S+"$/.test(q));
  has('a filter', (_, o) => o.filters !== undefined);
  has('a date range', (_, o) => o.dateRange !== undefined);
  has('an offset', (_, o) => (o.offset ?? 0) > 0);
  has('the oldest sort', (_, o) => o.sort === 'oldest');
  has('the empty query', (q) => q === '');
});

/** True when `a` is `b` with two neighbouring letters swapped once. */
function transposedOnce(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  let i = 0;
  while (a[i] === b[i]) i++;
  return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

test('should type tickets and flags in upper case and paths after a method, as readers paste them', () => {
  const queries = [...warmQueries(readIndex(bundleOf(corpus)))].map(([q]) => q);
  assert.ok(queries.some((q) => /^OKTA-\d{4,}$/.test(q)), 'no upper-case ticket id');
  assert.ok(queries.some((q) => /^[A-Z0-9]+_[A-Z0-9_]+$/.test(q)), 'no upper-case feature flag');
  assert.ok(queries.some((q) => /^GET \/[a-z][\w/-]+$/.test(q)), 'no path after an HTTP method');
  assert.ok(queries.some((q) => q.startsWith('OKT') && !q.includes('-')), 'identifiers are not typed a letter at a time');
});

test('should type an identifier with a word of a title, before it and after it', () => {
  const data = readIndex(bundleOf(corpus));
  const words = new Set(data.docs.flatMap((d) => d.title.split(' ')).filter((w) => w.length >= 6));
  const queries = [...warmQueries(data)].map(([q]) => q);
  const idThenWord = queries.some((q) => /^(?:OKTA-\d{4,}|[A-Z0-9]+_[A-Z0-9_]+) (\S+)$/.exec(q)?.[1] !== undefined && words.has(q.split(' ')[1]!));
  const wordThenId = queries.some((q) => words.has(q.split(' ')[0]!) && /^\S+ (?:OKTA-\d{4,}|[A-Z0-9]+_[A-Z0-9_]+|GET \/\S+)$/.test(q));
  assert.ok(idThenWord, 'no identifier followed by a title word');
  assert.ok(wordThenId, 'no title word followed by an identifier');
});

test('should type a camelCase name from a title as the title writes it', () => {
  const data = readIndex(bundleOf(corpus));
  const names = new Set(data.docs.flatMap((d) => d.title.match(/\b[a-z]+(?:[A-Z][a-z0-9]+)+\b/g) ?? []));
  assert.ok(names.size > 0, 'the corpus has no camelCase name in a title');
  const queries = new Set([...warmQueries(data)].map(([q]) => q));
  assert.ok([...names].some((n) => queries.has(n)), 'no camelCase name typed in full');
});

test('should type a title with a misspelt word, so the typo path is warm', () => {
  const data = readIndex(bundleOf(corpus));
  const titles = data.docs.map((d) => d.title);
  const queries = [...warmQueries(data)].map(([q]) => q);
  assert.ok(queries.some((q) => q.length >= 10 && titles.some((t) => transposedOnce(q, t.slice(0, q.length)))));
});

test('should type a description in lower-case words taken from a record body', () => {
  const data = readIndex(bundleOf(corpus));
  const bodies = data.docs.map((d) => ` ${d.text.toLowerCase().split(/[^\p{L}\p{N}]+/u).join(' ')} `);
  const queries = [...warmQueries(data)].map(([q]) => q);
  assert.ok(queries.some((q) => /^[a-z0-9]+( [a-z0-9]+){3,}$/.test(q) && bodies.some((b) => b.includes(` ${q} `))));
});

test('should keep every warm-up search to a few words', () => {
  const longest = Math.max(...[...warmQueries(readIndex(bundleOf(corpus)))].map(([q]) => q.length));
  assert.ok(longest <= 48, `a warm-up search of ${longest} characters`);
});

test('should not start before the first search', async () => {
  const core = SearchCore.fromBundle(bundleOf(RECORDS));
  const { calls } = counting(core);
  const warming = core.warmUp(Infinity);
  await new Promise((resolve) => setTimeout(resolve, 30));
  assert.equal(calls.length, 0);
  core.search('sign');
  assert.ok((await warming) > 0);
});

test('should run no more searches than its count', async () => {
  const core = SearchCore.fromBundle(bundleOf(RECORDS));
  core.search('sign');
  const { calls } = counting(core);
  const runs = await core.warmUp(Infinity, 7);
  assert.equal(runs, 7);
  assert.equal(calls.length, 7);
});

test('should stop for good at the next real search', async () => {
  const core = SearchCore.fromBundle(bundleOf(corpus));
  core.search('okta');
  const { calls } = counting(core);
  const warming = core.warmUp(Infinity, Infinity);
  await new Promise((resolve) => setTimeout(resolve, 2));
  const before = calls.length;
  core.search('mfa');
  const runs = await warming;
  assert.ok(runs < [...warmQueries(readIndex(bundleOf(corpus)))].length, 'the warm-up ran to its end');
  assert.equal(calls.length, before + 1);
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(calls.length, before + 1);
});

test('should not run after stopWarmUp', async () => {
  const core = SearchCore.fromBundle(bundleOf(RECORDS));
  core.search('sign');
  const { calls } = counting(core);
  const warming = core.warmUp(Infinity);
  core.stopWarmUp();
  assert.equal(await warming, 0);
  assert.equal(calls.length, 0);
});

test('should warm only once', async () => {
  const core = SearchCore.fromBundle(bundleOf(RECORDS));
  core.search('sign');
  await core.warmUp(Infinity);
  assert.equal(await core.warmUp(Infinity), 0);
});

const BASE = 'https://example.test/index/';
/** A fetch serving the fixture index's files. */
const serve = (async (input: string | URL | Request) => {
  const bundle = bundleOf(RECORDS);
  const name = String(input).slice(BASE.length);
  const body = name === 'manifest.json' ? JSON.stringify(bundle.manifest) : bundle.files[name];
  return body === undefined ? new Response('nope', { status: 404 }) : new Response(body, { status: 200 });
}) as typeof fetch;

/** Loads with `warmUp`, searches once, waits for the record texts and a few idle slices; the searches the core answered. */
async function loadAndWait(warmUp: boolean | undefined): Promise<number> {
  let done!: () => void;
  const complete = new Promise<void>((resolve) => (done = resolve));
  const core = await loadIndex(BASE, { fetch: serve, onComplete: () => done(), ...(warmUp === undefined ? {} : { warmUp }) });
  const { calls } = counting(core);
  core.search('sign');
  await complete;
  await new Promise((resolve) => setTimeout(resolve, 100));
  return calls.length;
}

test('should warm a core from loadIndex with warmUp: true once its texts are in', async () => {
  assert.ok((await loadAndWait(true)) > 1);
});

test('should not warm a core from loadIndex in Node by default', async () => {
  assert.equal(await loadAndWait(undefined), 1);
});
