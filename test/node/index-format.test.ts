/**
 * The index format of schema 4 (packed numbers, per-field term frequencies instead of weights, titles as
 * positions in each record's terms) and the loader's request order (early files with the manifest, record
 * texts after the first result).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { buildMiniSearchFiles } from '../../indexer/build-minisearch.ts';
import { SCHEMA_VERSION, type ChangeRecord } from '../../indexer/schema.ts';
import { packInts, readIndex, stemCodes, unpackInts } from '../../widget/core/index-data.ts';
import { FIELDS, fieldText } from '../../widget/core/options.ts';
import { stem } from '../../widget/core/stem.ts';
import { indexTerms, isCompound, parts, tokens } from '../../widget/core/tokenize.ts';
import { IndexError, loadIndex, SearchCore } from '../../widget/search-core.ts';
import type { IndexBundle } from '../../widget/search-types.ts';
import { bundleOf } from '../fixtures/search/bundle.ts';
import { RECORDS } from '../fixtures/search/records.ts';

const BASE = 'https://example.test/index/';

function codeOf(fn: () => unknown): string {
  try {
    fn();
    return 'no error';
  } catch (err) {
    return err instanceof IndexError ? err.code : `other: ${String(err)}`;
  }
}

/** The bundle with one key of postings.json or docs.json replaced. */
function withField(bundle: IndexBundle, file: 'postings.json' | 'docs.json', key: string, value: (old: never) => unknown): IndexBundle {
  const json = JSON.parse(bundle.files[file]!) as Record<string, never>;
  json[key] = value(json[key]!) as never;
  return { ...bundle, files: { ...bundle.files, [file]: JSON.stringify(json) } };
}

test('should pack small numbers into one character and larger ones into five bits per character', () => {
  assert.deepEqual([packInts([0]), packInts([31]), packInts([32]), packInts([1023]), packInts([1024])], ['A', 'f', 'gB', '_f', 'ggB']);
});

test('should read back any list of packed integers below 2^31', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 31 - 1 }), { maxLength: 200 }), (values) => {
      assert.deepEqual(Array.from(unpackInts(packInts(values), values.length, 'x', 'y')), values);
      assert.deepEqual(Array.from(unpackInts(packInts(values), -1, 'x', 'y')), values);
    }),
  );
});

test('should refuse to pack a negative or fractional number', () => {
  assert.throws(() => packInts([-1]), RangeError);
  assert.throws(() => packInts([1.5]), RangeError);
});

test('should refuse a packed list with a character outside the alphabet as truncated', () => {
  assert.equal(codeOf(() => unpackInts('AB"C', 4, 'postings.json', 'docs')), 'truncated');
});

test('should refuse a packed list holding fewer or more numbers than expected as truncated', () => {
  assert.deepEqual([codeOf(() => unpackInts('ABC', 4, 'p', 'd')), codeOf(() => unpackInts('ABCDE', 4, 'p', 'd'))], ['truncated', 'truncated']);
});

test('should refuse a packed number cut off in the middle as truncated', () => {
  assert.equal(codeOf(() => unpackInts('Ag', 2, 'p', 'd')), 'truncated');
});

test('should name the file and the damaged list in the error', () => {
  assert.throws(() => unpackInts('A!', 2, 'postings.json', 'docs'), /postings\.json: docs .*Rebuild the index/);
});

test("should spell every term's stem by the stored cut and added letter", () => {
  fc.assert(
    fc.property(fc.array(fc.stringMatching(/^[a-z]{1,12}$/), { minLength: 1, maxLength: 40 }), (words) => {
      const terms = [...new Set(words)].sort();
      const { stems, stemOther } = stemCodes(terms);
      const codes = unpackInts(stems, terms.length, 'x', 'stems');
      const other = new Map(stemOther);
      const spelled = terms.map((t, i) => other.get(i) ?? t.slice(0, t.length - (codes[i]! >> 1)) + (codes[i]! & 1 ? 'i' : ''));
      assert.deepEqual(spelled, terms.map(stem));
    }),
  );
});

/** BM25F as DESIGN.md states it, written out independently of the reader: weight of `term` in `doc`. */
function expectedWeight(records: readonly ChangeRecord[], term: string, doc: number): number {
  const boost = { title: 5, text: 1, tickets: 3.5, flags: 3.5, areas: 2 } as Record<string, number>;
  const terms = records.map((r) => FIELDS.map((f) => indexTerms(fieldText(r, f))));
  const df = terms.filter((fields) => fields.some((t) => t.includes(term))).length;
  const idf = Math.log(1 + (records.length - df + 0.5) / (df + 0.5));
  let s = 0;
  FIELDS.forEach((f, i) => {
    const tf = terms[doc]![i]!.filter((t) => t === term).length;
    if (tf === 0) return;
    const present = terms.filter((fields) => fields[i]!.length > 0);
    const avg = present.reduce((sum, fields) => sum + fields[i]!.length, 0) / present.length;
    s += (boost[f]! * tf) / (1 - 0.75 + (0.75 * terms[doc]![i]!.length) / avg);
  });
  return Math.max(1, Math.round((1000 * idf * s * 2.2) / (s + 1.2))) / 1000;
}

test('should derive every posting weight as BM25F from the stored term frequencies', () => {
  const data = readIndex(bundleOf());
  const found: [string, number, number][] = [];
  for (const term of ['passkey', 'groups', 'okta-1012303', 'authenticators']) {
    const t = data.terms.indexOf(term);
    for (let i = data.postings.offsets[t]!; i < data.postings.offsets[t + 1]!; i++) found.push([term, data.postings.items[i]!, data.postings.weights[i]!]);
  }
  assert.ok(found.length >= 4);
  for (const [term, doc, weight] of found) assert.ok(Math.abs(weight - expectedWeight(RECORDS, term, doc)) < 1e-6, `${term} in doc ${doc}: ${weight}`);
});

test('should put a posting in the head subset exactly when the term is in a head field', () => {
  const data = readIndex(bundleOf());
  const t = data.terms.indexOf('webauthn'); // body text only
  const u = data.terms.indexOf('rebrand'); // title
  assert.deepEqual([data.head.offsets[t + 1]! - data.head.offsets[t]!, data.head.offsets[u + 1]! - data.head.offsets[u]! > 0], [0, true]);
});

const arbRecord = fc.record({
  title: fc.array(fc.constantFrom('passkey', 'Groups', 'API', 'okta-42', 'is', 'GA', '/api/v1/users', 'sign-in', 'réglé', 'x'), { minLength: 1, maxLength: 6 }).map((w) => w.join(' ')),
  text: fc.array(fc.constantFrom('users', 'groups', 'passkeys', 'the', 'FIDO2', 'EVENT_HOOK', 'okta-42', 'zone'), { maxLength: 12 }).map((w) => w.join(' ')),
  tickets: fc.uniqueArray(fc.constantFrom('OKTA-1', 'OKTA-22'), { maxLength: 2 }),
  flags: fc.uniqueArray(fc.constantFrom('FLAG_A', 'FLAG_B'), { maxLength: 2 }),
  areas: fc.uniqueArray(fc.constantFrom('Users', 'Policies'), { maxLength: 2 }),
});

test('should read back each record terms, weights and title words from files built of random records', () => {
  fc.assert(
    fc.property(fc.array(arbRecord, { minLength: 1, maxLength: 12 }), (specs) => {
      const records = specs.map((p, i): ChangeRecord => ({ ...RECORDS[0]!, ...p, id: `r${i}`, anchor: `r${i}`, url: `https://example.test/#r${i}` }));
      const files = buildMiniSearchFiles(records);
      const bundle = { ...bundleOf(), files: Object.fromEntries(files.map((f) => [f.name, f.content])) };
      bundle.manifest = { ...bundle.manifest, recordCount: records.length };
      const data = readIndex(bundle);
      records.forEach((r, d) => {
        const own = [...new Set(FIELDS.flatMap((f) => indexTerms(fieldText(r, f))))].sort();
        const row = Array.from(data.forward.items.subarray(data.forward.offsets[d], data.forward.offsets[d + 1]), (t) => data.terms[t]);
        assert.deepEqual(row, own.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
        const w = data.forward.weights[data.forward.offsets[d]!]!;
        assert.ok(Math.abs(w - expectedWeight(records, row[0]!, d)) < 1e-6);
        const words = Array.from(data.titleWords.items.subarray(data.titleWords.offsets[d], data.titleWords.offsets[d + 1]), (t) => (t < 0 ? null : data.terms[t]));
        const expected = tokens(r.title).flatMap((t) => (isCompound(t.term) ? parts(t.term) : [t.term])).map((w) => (data.terms.includes(w) ? w : null));
        assert.deepEqual(words, expected, r.title);
      });
    }),
    { numRuns: 60 },
  );
});

test('should refuse a posting whose shape is not in the table as truncated', () => {
  const bad = withField(bundleOf(), 'postings.json', 'tf', (tf: string) => `${tf.slice(0, -1)}f`);
  assert.equal(codeOf(() => SearchCore.fromBundle(bad)), 'truncated');
});

test('should refuse postings that name a document past the last as truncated', () => {
  const bad = withField(bundleOf(), 'postings.json', 'docs', (docs: string) => `${docs.slice(0, -1)}f`);
  assert.equal(codeOf(() => SearchCore.fromBundle(bad)), 'truncated');
});

test('should refuse a posting shape that is not a list of frequencies as truncated', () => {
  const bad = withField(bundleOf(), 'postings.json', 'shapes', (shapes: number[][]) => [[1, 2], ...shapes.slice(1)]);
  assert.equal(codeOf(() => SearchCore.fromBundle(bad)), 'truncated');
});

test('should refuse a title that names a term past the vocabulary as mismatch', () => {
  const bad = withField(bundleOf(), 'docs.json', 'titles', (titles: { words: string }) => {
    const values = Array.from(unpackInts(titles.words, -1, 'x', 'y'));
    values[1] = 10 ** 6; // the first title's first word
    return { ...titles, words: packInts(values) };
  });
  assert.equal(codeOf(() => SearchCore.fromBundle(bad)), 'mismatch');
});

test('should refuse postings of the previous format as mismatch, naming the expected one', () => {
  const bad = withField(bundleOf(), 'postings.json', 'format', () => 'changefind-postings-1');
  assert.throws(() => SearchCore.fromBundle(bad), (err: unknown) => err instanceof IndexError && err.code === 'mismatch' && /changefind-postings-2/.test(err.message));
});

/** A fetch serving the bundle that logs each request (and its abort) and holds manifest.json until `release()`. */
function logged(bundle: IndexBundle, { hold = false } = {}) {
  const log: string[] = [];
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const name = String(input).slice(BASE.length);
    log.push(name);
    init?.signal?.addEventListener('abort', () => log.push(`abort ${name}`));
    if (hold && name === 'manifest.json') await held;
    const body = name === 'manifest.json' ? JSON.stringify(bundle.manifest) : bundle.files[name];
    return body === undefined ? new Response('nope', { status: 404 }) : new Response(body, { status: 200 });
  }) as typeof globalThis.fetch;
  return { log, fetch, release };
}

test('should request postings.json and docs.json before the manifest has answered', async () => {
  const { log, fetch, release } = logged(bundleOf(), { hold: true });
  const loading = loadIndex(BASE, { fetch });
  await new Promise((resolve) => setTimeout(resolve, 10));
  const before = [...log];
  release();
  await loading;
  assert.deepEqual(before, ['manifest.json', 'postings.json', 'docs.json']);
});

test('should request bodies.json only after the caller has searched the loaded index', async () => {
  const { log, fetch } = logged(bundleOf());
  const core = await loadIndex(BASE, { fetch });
  core.search('passkey');
  const atFirstResult = [...log];
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.deepEqual([atFirstResult.includes('bodies.json'), log.includes('bodies.json')], [false, true]);
});

test('should cancel the early requests and fetch the named files when the manifest names others', async () => {
  const bundle = bundleOf();
  const renamed: IndexBundle = {
    manifest: { ...bundle.manifest, files: { ...bundle.manifest.files, postings: 'p2.json', docs: 'd2.json' }, hashes: { ...bundle.manifest.hashes, 'p2.json': bundle.manifest.hashes['postings.json']!, 'd2.json': bundle.manifest.hashes['docs.json']! } },
    files: { ...bundle.files, 'p2.json': bundle.files['postings.json']!, 'd2.json': bundle.files['docs.json']! },
  };
  const { log, fetch } = logged(renamed);
  const core = await loadIndex(BASE, { fetch });
  assert.equal(core.search('passkey').hits[0]?.id, 'passkeys');
  assert.deepEqual(['abort postings.json', 'abort docs.json', 'p2.json', 'd2.json'].map((x) => log.includes(x)), [true, true, true, true]);
});

test('should report another schema version as schema-mismatch and cancel the early requests', async () => {
  const bundle = bundleOf();
  const { log, fetch } = logged({ ...bundle, manifest: { ...bundle.manifest, schemaVersion: SCHEMA_VERSION - 1 } });
  await assert.rejects(loadIndex(BASE, { fetch }), (err: unknown) => err instanceof IndexError && err.code === 'schema-mismatch' && new RegExp(`version ${SCHEMA_VERSION - 1}.*version ${SCHEMA_VERSION}`).test(err.message));
  assert.deepEqual([log.includes('abort postings.json'), log.includes('abort docs.json')], [true, true]);
});

test('should write the index files as printable ASCII, escaping other characters, and read the same texts back', () => {
  const records = RECORDS.map((r, i) => (i === 0 ? { ...r, title: 'Passkey rebrand … café 😀', text: 'Déjà vu\u2028 and 漢字' } : r));
  const files = buildMiniSearchFiles(records);
  assert.deepEqual(files.map((f) => /^[\n\x20-\x7e]*$/.test(f.content)), [true, true, true]);
  const bundle = { ...bundleOf(records), files: Object.fromEntries(files.map((f) => [f.name, f.content])) };
  const doc = SearchCore.fromBundle(bundle).search('passkey').hits.find((h) => h.id === 'passkeys');
  assert.deepEqual([doc?.title, JSON.parse(bundle.files['bodies.json']!).bodies[0]], ['Passkey rebrand … café 😀', 'Déjà vu\u2028 and 漢字']);
});
