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

test('should compress on the thread pool to the same sizes as the synchronous path', async () => {
  const { sizesOf, sizesOfAsync } = await import('../../bench/lib/stats.ts');
  const buf = Buffer.from('release notes '.repeat(500) + 'passkeys '.repeat(300));
  assert.deepEqual(await sizesOfAsync(buf, 'fast'), sizesOf(buf, 'fast'));
});

test('should keep results in input order when mapping with a concurrency limit', async () => {
  const { mapLimit } = await import('../../bench/lib/stats.ts');
  const delays = [30, 0, 20, 0, 10];
  const out = await mapLimit(delays, 2, (d) => new Promise<number>((r) => setTimeout(() => r(d), d)));
  assert.deepEqual(out, delays);
});

test('should stop an engine at the stroke that spends its search budget and skip it afterwards', async () => {
  const { interleaved } = await import('../../bench/lib/measure.ts');
  const strokes = Array.from({ length: 10 }, (_, i) => ({ q: `q${i}` }));
  // A fake step: each stroke "takes" the engine's fixed cost, and the step stops once `left` is spent.
  const step = async (cost: number, chunk: { q: string }[], left: number) => {
    const out: number[] = [];
    for (const _ of chunk) {
      out.push(cost);
      if (out.reduce((a, b) => a + b, 0) >= left) break;
    }
    return out;
  };
  const samples = await interleaved([1, 4], strokes, 10, step, 3);
  assert.deepEqual(samples.map((s) => s.length), [10, 3]);
});

test('should give every engine the strokes in typing order', async () => {
  const { interleaved } = await import('../../bench/lib/measure.ts');
  const strokes = Array.from({ length: 7 }, (_, i) => ({ q: 'abcdefg'.slice(0, i + 1) }));
  const seen: string[][] = [[], []];
  await interleaved([0, 1], strokes, Infinity, async (i, chunk) => {
    seen[i]!.push(...chunk.map((s) => s.q));
    return chunk.map(() => 0);
  }, 3);
  assert.deepEqual(seen, [strokes.map((s) => s.q), strokes.map((s) => s.q)]);
});

test('should stop timing strokes after the one that spends what is left of the budget', async () => {
  const { timeStrokes } = await import('../../bench/lib/measure.ts');
  const typed: string[] = [];
  const searcher = { search: (q: string) => (typed.push(q), []) };
  const out = await timeStrokes(searcher, [{ q: 'a' }, { q: 'ab' }, { q: 'abc' }], 0);
  assert.deepEqual([out.length, typed], [1, ['a']]);
});

test('should repeat a measurement only when its first run was quick', async () => {
  const { repeatPlan } = await import('../../bench/lib/measure.ts');
  assert.deepEqual([repeatPlan(900, 3, 2000), repeatPlan(4500, 3, 2000)], [3, 1]);
});

test('should read the parent pid and the CPU ticks of a process whose name holds spaces and parentheses', async () => {
  const { parseStat } = await import('../../bench/lib/phases.ts');
  // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime ...
  const stat = '4242 (Web Content (x) y) S 17 4242 4242 0 -1 4194304 100 0 0 0 150 50 7 3 20 0 1 0 1000 0 0';
  assert.deepEqual(parseStat(stat), { ppid: 17, ms: (150 + 50 + 7 + 3) * 10 });
});

test('should add up phases of the same name and list the time between phases as other, last', async () => {
  const { PhaseClock } = await import('../../bench/lib/phases.ts');
  const clock = new PhaseClock();
  await clock.run('build', () => 1);
  await clock.run('load', async () => 2);
  await clock.run('build', () => 3);
  const s = clock.summary();
  assert.deepEqual(s.phases.map((p) => p.name), ['build', 'load', 'other']);
});

test('should make the phases of a run add up to its total wall time', async () => {
  const { PhaseClock } = await import('../../bench/lib/phases.ts');
  const clock = new PhaseClock();
  await clock.run('a', () => new Promise((r) => setTimeout(r, 5)));
  await new Promise((r) => setTimeout(r, 5));
  await clock.run('b', () => new Promise((r) => setTimeout(r, 5)));
  const s = clock.summary();
  const sum = s.phases.reduce((a, p) => a + p.wallMs, 0);
  assert.ok(Math.abs(sum - s.totalMs) < 1e-6, `${sum} vs ${s.totalMs}`);
});
