import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SCHEMA_VERSION } from '../../indexer/schema.ts';
import { IndexError, loadIndex, SearchCore } from '../../widget/search-core.ts';
import { readIndex } from '../../widget/core/index-data.ts';
import type { IndexBundle, IndexErrorCode } from '../../widget/search-types.ts';
import { bundleOf } from '../fixtures/search/bundle.ts';
import { RECORDS } from '../fixtures/search/records.ts';

const BASE = 'https://example.test/index/';

/** A fetch serving the bundle's files (manifest.json included) with optional overrides per file name. */
function serve(bundle: IndexBundle, override: Record<string, Response | Error> = {}): typeof fetch {
  return (async (input: string | URL | Request) => {
    const name = String(input).slice(BASE.length);
    const o = override[name];
    if (o instanceof Error) throw o;
    if (o) return o;
    const body = name === 'manifest.json' ? JSON.stringify(bundle.manifest) : bundle.files[name];
    return body === undefined ? new Response('nope', { status: 404 }) : new Response(body, { status: 200 });
  }) as typeof fetch;
}

async function codeOf(promise: Promise<unknown>): Promise<IndexErrorCode | string> {
  try {
    await promise;
    return 'no error';
  } catch (err) {
    return err instanceof IndexError ? err.code : `other: ${String(err)}`;
  }
}

function codeOfSync(fn: () => unknown): IndexErrorCode | string {
  try {
    fn();
    return 'no error';
  } catch (err) {
    return err instanceof IndexError ? err.code : `other: ${String(err)}`;
  }
}

test('should refuse another schema version naming both versions and the fix', () => {
  const bundle = bundleOf();
  const old = { ...bundle, manifest: { ...bundle.manifest, schemaVersion: SCHEMA_VERSION + 1 } };
  assert.throws(() => SearchCore.fromBundle(old), (err: unknown) => {
    assert.ok(err instanceof IndexError);
    assert.equal(err.code, 'schema-mismatch');
    assert.match(err.message, new RegExp(`version ${SCHEMA_VERSION + 1}.*version ${SCHEMA_VERSION}.*Rebuild the index`));
    return true;
  });
});

test('should refuse a manifest that is not a changefind manifest', () => {
  assert.equal(codeOfSync(() => SearchCore.fromBundle({ manifest: { name: 'other' } as never, files: {} })), 'schema-mismatch');
});

test('should report a file missing from a bundle as not-found', () => {
  const bundle = bundleOf();
  assert.equal(codeOfSync(() => SearchCore.fromBundle({ ...bundle, files: { 'docs.json': bundle.files['docs.json']! } })), 'not-found');
});

test('should report cut-short JSON as truncated', () => {
  const bundle = bundleOf();
  const cut = { ...bundle, files: { ...bundle.files, 'postings.json': bundle.files['postings.json']!.slice(0, 200) } };
  assert.equal(codeOfSync(() => SearchCore.fromBundle(cut)), 'truncated');
});

test('should report files of different builds as mismatch', () => {
  const mixed = { manifest: bundleOf(RECORDS.slice(0, 3)).manifest, files: bundleOf().files };
  assert.equal(codeOfSync(() => SearchCore.fromBundle(mixed)), 'mismatch');
});

test('should load an index over fetch and search it', async () => {
  const core = await loadIndex(BASE, { fetch: serve(bundleOf()) });
  assert.equal(core.search('passkey').hits[0]?.id, 'passkeys');
});

test('should accept a base URL without a trailing slash', async () => {
  const core = await loadIndex(BASE.slice(0, -1), { fetch: serve(bundleOf()) });
  assert.equal(core.search('').total, 8);
});

test('should report a 404 manifest as not-found', async () => {
  assert.equal(await codeOf(loadIndex(BASE, { fetch: serve(bundleOf(), { 'manifest.json': new Response('', { status: 404 }) }) })), 'not-found');
});

test('should report a 404 index file as not-found', async () => {
  assert.equal(await codeOf(loadIndex(BASE, { fetch: serve(bundleOf(), { 'docs.json': new Response('', { status: 404 }) }) })), 'not-found');
});

test('should report a failing fetch as network', async () => {
  assert.equal(await codeOf(loadIndex(BASE, { fetch: serve(bundleOf(), { 'postings.json': new TypeError('fetch failed') }) })), 'network');
});

test('should report a server error as network', async () => {
  assert.equal(await codeOf(loadIndex(BASE, { fetch: serve(bundleOf(), { 'manifest.json': new Response('', { status: 503 }) }) })), 'network');
});

test('should report an HTML error page as not-json', async () => {
  const html = new Response('<!doctype html><title>Oops</title>', { status: 200 });
  assert.equal(await codeOf(loadIndex(BASE, { fetch: serve(bundleOf(), { 'manifest.json': html }) })), 'not-json');
});

test('should report a file cut short in transit as truncated', async () => {
  const bundle = bundleOf();
  const cut = new Response(bundle.files['docs.json']!.slice(0, 300), { status: 200 });
  assert.equal(await codeOf(loadIndex(BASE, { fetch: serve(bundle, { 'docs.json': cut }) })), 'truncated');
});

test('should report a whole file whose hash differs from the manifest as mismatch', async () => {
  const bundle = bundleOf();
  const other = new Response(bundle.files['docs.json']!.replace('Passkey rebrand', 'Passkey rebrant'), { status: 200 });
  assert.equal(await codeOf(loadIndex(BASE, { fetch: serve(bundle, { 'docs.json': other }) })), 'mismatch');
});

test('should report another schema version over fetch as schema-mismatch', async () => {
  const bundle = bundleOf();
  assert.equal(await codeOf(loadIndex(BASE, { fetch: serve({ ...bundle, manifest: { ...bundle.manifest, schemaVersion: 0 } }) })), 'schema-mismatch');
});

test('should pass an abort through as the abort error', async () => {
  const controller = new AbortController();
  controller.abort();
  const aborting = (async (_: unknown, init?: RequestInit) => {
    init?.signal?.throwIfAborted();
    return new Response('{}');
  }) as typeof fetch;
  assert.equal(await codeOf(loadIndex(BASE, { fetch: aborting, signal: controller.signal })), 'other: AbortError: This operation was aborted');
});

/** A fetch like serve() that holds bodies.json until `release()` is called. */
function holdBodies(bundle: IndexBundle): { fetch: typeof fetch; release: () => void } {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const inner = serve(bundle);
  const fetch = (async (input: string | URL | Request) => {
    if (String(input).endsWith('/bodies.json')) await held;
    return inner(input as string);
  }) as typeof globalThis.fetch;
  return { fetch, release };
}

test('should write the record texts to bodies.json, in index order, and none to docs.json', () => {
  const bundle = bundleOf();
  assert.deepEqual(JSON.parse(bundle.files['bodies.json']!).bodies, RECORDS.map((r) => r.text));
  assert.doesNotMatch(bundle.files['docs.json']!, /Passkeys replace the FIDO2/);
  assert.equal(bundle.manifest.files.bodies, 'bodies.json');
});

test('should resolve with ranked results before the record texts arrive', async () => {
  const { fetch, release } = holdBodies(bundleOf());
  try {
    const core = await loadIndex(BASE, { fetch });
    const hit = core.search('passkey').hits[0];
    assert.deepEqual([hit?.id, hit?.snippet.text], ['passkeys', '']);
  } finally {
    release();
  }
});

test('should fill in snippets once the record texts arrive, then call onComplete', async () => {
  const { fetch, release } = holdBodies(bundleOf());
  let done!: (error?: unknown) => void;
  const completed = new Promise<unknown>((resolve) => (done = resolve));
  const core = await loadIndex(BASE, { fetch, onComplete: (error) => done(error ?? 'complete') });
  release();
  assert.equal(await completed, 'complete');
  assert.match(core.search('passkey').hits[0]!.snippet.text, /Passkeys replace the FIDO2/);
});

test('should report a missing bodies.json through onComplete while the results stay searchable', async () => {
  let done!: (error?: unknown) => void;
  const completed = new Promise<unknown>((resolve) => (done = resolve));
  const core = await loadIndex(BASE, { fetch: serve(bundleOf(), { 'bodies.json': new Response('', { status: 404 }) }), onComplete: done });
  assert.equal(await codeOf(Promise.reject(await completed)), 'not-found');
  assert.equal(core.search('passkey').hits[0]?.id, 'passkeys');
});

test('should wait for the record texts with whole, snippets included', async () => {
  const core = await loadIndex(BASE, { fetch: serve(bundleOf()), whole: true });
  assert.match(core.search('passkey').hits[0]!.snippet.text, /Passkeys replace the FIDO2/);
});

test('should reject a bodies.json from another build with whole as mismatch', async () => {
  const bundle = bundleOf();
  const other = new Response(bundle.files['bodies.json']!.replace('Passkeys replace', 'Passkeys replaced'), { status: 200 });
  assert.equal(await codeOf(loadIndex(BASE, { fetch: serve(bundle, { 'bodies.json': other }), whole: true })), 'mismatch');
});

test('should refuse a bodies.json holding another number of texts as mismatch', () => {
  const bundle = bundleOf();
  const fewer = { ...bundle, files: { ...bundle.files, 'bodies.json': JSON.stringify({ bodies: ['only one'] }) } };
  assert.equal(codeOfSync(() => SearchCore.fromBundle(fewer)), 'mismatch');
});

test("should store each title's words as term ids in docs.json, with the count of meaningful words", () => {
  const data = readIndex(bundleOf());
  const { offsets, items } = data.titleWords;
  const words = Array.from(items.subarray(offsets[0], offsets[1]), (t) => data.terms[t]);
  assert.deepEqual([words, data.titleWeight[0]], [['passkey', 'rebrand', 'is', 'ga', 'in', 'preview'], 2]);
});

test('should refuse title term lists that do not add up as truncated', () => {
  const bundle = bundleOf();
  const docs = JSON.parse(bundle.files['docs.json']!);
  docs.titles.words = docs.titles.words.slice(0, -1);
  assert.equal(codeOfSync(() => SearchCore.fromBundle({ ...bundle, files: { ...bundle.files, 'docs.json': JSON.stringify(docs) } })), 'truncated');
});

test('should group the vocabulary by stem (passkey with passkeys)', () => {
  const data = readIndex(bundleOf());
  assert.deepEqual(data.stems.get('passkey')?.map((t) => data.terms[t]).sort(), ['passkey', 'passkeys']);
});
