/**
 * `build --engine pagefind|both|auto`: the Pagefind bundle carries every record and every facet value,
 * read back by running the bundle's own pagefind.js in Node.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, test } from 'node:test';
import { buildPagefindFiles, pagefindLatestFile, pagefindUrls } from '../../indexer/build-pagefind.ts';
import { engineAdvice, enginesToBuild, pickEngine } from '../../indexer/engine-choice.ts';
import { build } from '../../indexer/pipeline.ts';
import type { ChangeRecord, Manifest } from '../../indexer/schema.ts';
import type { PagefindApi } from '../../widget/pagefind-engine.ts';
import { openPagefind, record, serveFolder, type Served } from '../helpers/pagefind.ts';

const notes = join(import.meta.dirname, '..', 'fixtures', 'widget', 'notes');
let tmp: string;
let out: string;
let served: Served;
let api: PagefindApi;
let records: ChangeRecord[];
let manifest: Manifest;

before(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'changefind-pagefind-'));
  out = join(tmp, 'index');
  await build([notes], { out, engine: 'both', baseUrl: 'https://docs.acme.example/notes/' });
  records = (await readFile(join(out, 'records.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as ChangeRecord);
  manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as Manifest;
  served = await serveFolder(out);
  api = await openPagefind(join(out, 'pagefind'), `${served.origin}/pagefind/`);
});

after(async () => {
  await served?.close();
  await rm(tmp, { recursive: true, force: true });
});

async function allPages(): Promise<{ meta: Record<string, string | undefined>; filters: Record<string, string[]> }[]> {
  const response = await api.search(null);
  const pages = await Promise.all(response!.results.map((r) => r.data()));
  return pages as unknown as { meta: Record<string, string | undefined>; filters: Record<string, string[]> }[];
}

test('should carry every record of the build as one Pagefind page', async () => {
  const ids = (await allPages()).map((page) => page.meta.id).sort();
  assert.deepEqual(ids, records.map((r) => r.id).sort());
});

test('should carry every facet value with its record count as a Pagefind filter', async () => {
  const expected: Record<string, Record<string, number>> = {};
  const add = (facet: string, value: string | null) => {
    if (value === null) return;
    expected[facet] ??= {};
    expected[facet][value] = (expected[facet][value] ?? 0) + 1;
  };
  for (const r of records) {
    add('lifecycle', r.lifecycle);
    add('kind', r.kind);
    add('product', r.product);
    add('releaseType', r.releaseType);
    add('year', r.date?.slice(0, 4) ?? null);
    for (const area of r.areas) add('area', area);
  }
  const filters = await api.filters();
  for (const facet of Object.keys(expected)) assert.deepEqual(filters[facet], expected[facet], facet);
});

test('should store the fields a hit renders as Pagefind meta', async () => {
  const page = (await allPages()).find((p) => p.meta.id === records[0]!.id)!;
  const r = records[0]!;
  assert.deepEqual(
    { title: page.meta.title, release: page.meta.release, date: page.meta.date, url: page.meta.url, product: page.meta.product, kind: page.meta.kind, lifecycle: page.meta.lifecycle },
    { title: r.title, release: r.release, date: r.date, url: r.url, product: r.product, kind: r.kind, lifecycle: r.lifecycle ?? '' },
  );
});

test('should list both engines in the manifest and name the bundle folder', () => {
  assert.deepEqual(manifest.engines, ['minisearch', 'pagefind']);
  assert.equal(manifest.files.pagefind, 'pagefind/');
});

test('should record the hash of the bundle list in the manifest and the hash of each bundle entry file in the list', async () => {
  const { createHash } = await import('node:crypto');
  const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
  const layout = await readFile(join(out, 'pagefind', 'changefind-bundles.json'));
  const entry = await readFile(join(out, 'pagefind', 'pagefind-entry.json'));
  assert.deepEqual([manifest.hashes['pagefind/'], (JSON.parse(layout.toString()) as { bundles: { entry: string }[] }).bundles.map((b) => b.entry)], [sha(layout), [sha(entry)]]);
});

test('should write the bundle without Pagefind UI files', async () => {
  const names = await readdir(join(out, 'pagefind'));
  assert.deepEqual(names.filter((n) => /^pagefind-(ui|modular-ui|component-ui|highlight)\./.test(n)), []);
  assert.ok(names.includes('pagefind.js'));
});

test('should build byte-identical bundles from identical records', async () => {
  const [a, b] = [await buildPagefindFiles(records), await buildPagefindFiles(records)];
  assert.deepEqual(a.map((f) => f.name), b.map((f) => f.name));
  a.forEach((file, i) => assert.ok(Buffer.from(file.content).equals(Buffer.from(b[i]!.content)), file.name));
});

test('should write no Pagefind bundle without --engine', async () => {
  const plain = join(tmp, 'plain');
  const result = await build([notes], { out: plain });
  const names = await readdir(plain);
  assert.deepEqual([result.manifest.engines, names.includes('pagefind')], [['minisearch'], false]);
});

test('should write only the Pagefind bundle with --engine pagefind', async () => {
  const only = join(tmp, 'only');
  await build([notes], { out: only, engine: 'pagefind' });
  const files = (await readdir(only, { recursive: true })).map((f) => relative(only, join(only, f)));
  assert.deepEqual([files.includes('records.jsonl'), files.includes('docs.json'), files.includes(join('pagefind', 'pagefind.js'))], [true, false, true]);
});

test('should give records that share a url distinct Pagefind urls', () => {
  const urls = pagefindUrls([
    record({ id: 'a', title: 'A', url: 'https://x.example/p/#bugs' }),
    record({ id: 'b', title: 'B', url: 'https://x.example/p/#bugs' }),
    record({ id: 'c', title: 'C', url: 'https://x.example/p/#other' }),
  ]);
  assert.deepEqual(urls, ['https://x.example/p/#bugs&cf=a', 'https://x.example/p/#bugs&cf=b', 'https://x.example/p/#other']);
});

test('should choose MiniSearch for a small build and Pagefind for a large one with --engine auto', () => {
  assert.deepEqual([enginesToBuild('auto', 500), enginesToBuild('auto', 1_000_000)], [['minisearch'], ['pagefind']]);
});

test('should build both engines with --engine both whatever the size', () => {
  assert.deepEqual(enginesToBuild('both', 3), ['minisearch', 'pagefind']);
});

test('should advise Pagefind only for a large build that lacks it', () => {
  assert.deepEqual(
    [typeof engineAdvice(1_000_000, ['minisearch']), engineAdvice(1_000_000, ['pagefind']), engineAdvice(500, ['minisearch'])],
    ['string', undefined, undefined],
  );
});

test('should load the engine the page prefers when the build holds it', () => {
  assert.deepEqual(
    [pickEngine(['minisearch', 'pagefind'], 10, 'pagefind'), pickEngine(['minisearch'], 10, 'pagefind'), pickEngine(['pagefind'], 10, null)],
    ['pagefind', 'minisearch', 'pagefind'],
  );
});

test('should load by record count when the build holds both engines and the page has no preference', () => {
  assert.deepEqual([pickEngine(['minisearch', 'pagefind'], 500), pickEngine(['minisearch', 'pagefind'], 1_000_000)], ['minisearch', 'pagefind']);
});

test('should list the newest records first in the opening view file, undated last', () => {
  const file = pagefindLatestFile([
    record({ id: 'old', title: 'Old', date: '2025-01-01' }),
    record({ id: 'undated', title: 'Undated', date: null }),
    record({ id: 'new-a', title: 'New A', date: '2026-03-01' }),
    record({ id: 'new-b', title: 'New B', date: '2026-03-01' }),
  ]);
  const rows = (JSON.parse(new TextDecoder().decode(file.content)) as { rows: unknown[][] }).rows;
  assert.deepEqual([file.name, rows.map((row) => row[0])], ['pagefind/changefind-latest.json', ['new-a', 'new-b', 'old', 'undated']]);
});

test('should add pages newest first, so a query-less Pagefind search lists them newest first', async () => {
  const newest = records
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (a.r.date === b.r.date ? a.i - b.i : a.r.date === null ? 1 : b.r.date === null ? -1 : a.r.date < b.r.date ? 1 : -1))
    .map(({ r }) => r.id);
  const found = await api.search(null);
  const ids = await Promise.all(found!.results.map(async (hit) => (await hit.data()).meta.id));
  assert.deepEqual(ids, newest);
});
