import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChangeRecord } from '../../indexer/schema.ts';
import { matches, resolveQueries, score, keystrokes, type BenchQuery, type ResolvedQuery } from '../../bench/lib/queries.ts';
import { matchesFilters, toPeerDoc } from '../../bench/engines/peer-doc.ts';
import { synthesize, shuffleWords, prng } from '../../bench/lib/synthetic.ts';
import { latencyStats } from '../../bench/lib/stats.ts';

function record(over: Partial<ChangeRecord>): ChangeRecord {
  return {
    id: 'r1',
    title: 'Passkeys rebrand is GA in Production',
    text: 'The `PASSKEYS_REBRAND` setting renames things.',
    file: '2026.md',
    line: 1,
    product: 'Identity Engine',
    release: '2026.02.0',
    releaseType: 'monthly',
    date: '2026-02-04',
    lifecycle: 'ga-production',
    kind: 'feature',
    areas: ['Authenticators'],
    tickets: ['OKTA-1012303'],
    flags: ['PASSKEYS_REBRAND'],
    anchor: 'passkeys-rebrand',
    url: 'https://example.com/2026#passkeys-rebrand',
    ...over,
  };
}

const resolved = (relevant: string[], kind: BenchQuery['kind'] = 'navigational'): ResolvedQuery => ({
  q: 'x',
  kind,
  expect: [{ title: 'x' }],
  relevant: new Set(relevant),
});

test('should match an expectation only when every key it gives matches', () => {
  assert.equal(matches({ file: '2026.md', title: 'passkeys rebrand' }, record({})), true);
  assert.equal(matches({ file: '2025.md', title: 'passkeys rebrand' }, record({})), false);
});

test('should compare titles case-insensitively with backticks removed', () => {
  assert.equal(matches({ title: 'the passkeys_rebrand setting' }, record({ title: 'The `PASSKEYS_REBRAND` setting' })), true);
});

test('should find text expectations in the title or the body', () => {
  assert.equal(matches({ text: 'renames things' }, record({})), true);
});

test('should match tickets and flags in any case', () => {
  assert.equal(matches({ ticket: 'okta-1012303', flag: 'passkeys_rebrand' }, record({})), true);
});

test('should report an expectation that matches no record as unresolved and drop its query', () => {
  const q: BenchQuery = { q: 'nothing', kind: 'navigational', expect: [{ title: 'no such change' }] };
  const out = resolveQueries([q], [record({})]);
  assert.deepEqual(out.dropped, ['nothing']);
  assert.equal(out.unresolved[0]?.reason, 'matches no record');
});

test('should not count an expected record that fails the query filters', () => {
  const q: BenchQuery = { q: 'passkeys', kind: 'filtered', filters: { lifecycle: ['ea'] }, expect: [{ title: 'passkeys' }] };
  const out = resolveQueries([q], [record({})]);
  assert.equal(out.unresolved[0]?.reason, 'matches only records outside the filters');
});

test('should give reciprocal rank of the first expected record in the top 10', () => {
  const report = score([resolved(['b', 'c'])], [['a', 'b', 'c']]);
  assert.equal(report.overall.mrr, 0.5);
  assert.equal(report.overall.recall, 1);
});

test('should score zero when the expected record ranks 11th', () => {
  const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k'];
  const report = score([resolved(['k'])], [ids]);
  assert.deepEqual([report.overall.mrr, report.overall.recall, report.misses], [0, 0, ['navigational: x']]);
});

test('should average per kind separately', () => {
  const report = score([resolved(['a'], 'ticket'), resolved(['z'], 'typo')], [['a'], ['a']]);
  assert.deepEqual([report.byKind.ticket?.mrr, report.byKind.typo?.mrr], [1, 0]);
});

test('should type every prefix of every query, keeping its filters', () => {
  const strokes = keystrokes([{ q: 'ab', kind: 'filtered', filters: { kind: ['fix'] }, expect: [{ title: 'x' }] }]);
  assert.deepEqual(strokes, [
    { q: 'a', filters: { kind: ['fix'] } },
    { q: 'ab', filters: { kind: ['fix'] } },
  ]);
});

test('should filter with OR within a facet and AND across facets', () => {
  const doc = toPeerDoc(record({}));
  assert.equal(matchesFilters(doc, { lifecycle: ['ea', 'ga-production'], kind: ['feature'] }), true);
  assert.equal(matchesFilters(doc, { lifecycle: ['ga-production'], kind: ['fix'] }), false);
});

test('should match the area facet against any of the record areas', () => {
  assert.equal(matchesFilters(toPeerDoc(record({ areas: ['Policies', 'Users'] })), { area: ['Users'] }), true);
});

test('should keep the original records first and suffix the ids of the copies', () => {
  const out = synthesize([record({ id: 'a' }), record({ id: 'b' })], 3);
  assert.deepEqual(out.map((r) => r.id), ['a', 'b', 'a@1', 'b@1', 'a@2', 'b@2']);
});

test('should reshuffle body words without adding or losing any', () => {
  const text = 'one two three four five six seven';
  const shuffled = shuffleWords(text, prng(7));
  assert.deepEqual(shuffled.split(' ').sort(), text.split(' ').sort());
});

test('should build the same synthetic corpus from the same seed', () => {
  const records = [record({ id: 'a', text: 'alpha beta gamma delta epsilon zeta' })];
  assert.deepEqual(synthesize(records, 4, 99), synthesize(records, 4, 99));
});

test('should take nearest-rank percentiles', () => {
  const s = latencyStats([5, 1, 4, 2, 3, 6, 7, 8, 9, 10]);
  assert.deepEqual([s.p50, s.p95, s.p99, s.max], [5, 10, 10, 10]);
});

test('should count already gzip-compressed files at their served size', async () => {
  const { gzipSync } = await import('node:zlib');
  const { sizesOf } = await import('../../bench/lib/stats.ts');
  const gz = gzipSync(Buffer.from('x'.repeat(1000)));
  assert.deepEqual(sizesOf(gz), { raw: gz.byteLength, gzip: gz.byteLength, brotli: gz.byteLength });
});
