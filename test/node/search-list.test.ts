/** list / filtered / sortBy / sortDocs: the core's stand-ins for Array#map, Array#filter and Array#sort. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { filtered, list, sortBy, sortDocs } from '../../widget/core/list.ts';

test('should map every item in order, passing its index', () => {
  assert.deepEqual(list(['a', 'b', 'c'], (s, i) => `${i}${s}`), ['0a', '1b', '2c']);
});

test('should keep the items a predicate accepts, in order', () => {
  assert.deepEqual(filtered([5, 2, 8, 1, 9], (n) => n > 4), [5, 8, 9]);
});

test('should give a new empty array for empty input or when nothing is kept', () => {
  const empty: number[] = [];
  const mapped = list(empty, (n) => n);
  assert.deepEqual(mapped, []);
  assert.notEqual(mapped, empty);
  assert.deepEqual(filtered([1, 2], () => false), []);
});

test('should sort doc numbers in place in the order Array#sort gives with the same rule, short lists and long', () => {
  // Ranked by a score with many ties, ties by number: every pair is ordered, as the core's rules are.
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 5000 }), { maxLength: 700 }), fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 5001, maxLength: 5001 }), (docs, score) => {
      const expected = [...docs].sort((a, b) => score[b]! - score[a]! || a - b);
      const sorted = sortDocs(docs, (a, b) => score[a]! > score[b]! || (score[a] === score[b] && a < b));
      assert.equal(sorted, docs);
      assert.deepEqual(docs, expected);
    }),
    { numRuns: 200 },
  );
});

test('should keep equal doc numbers in their order when the rule ties them (stable)', () => {
  // Docs 1..40 by parity only: within each parity the original order must survive the merges.
  const docs = Array.from({ length: 40 }, (_, i) => 40 - i);
  sortDocs(docs, (a, b) => a % 2 < b % 2);
  assert.deepEqual(docs, [...[...Array(20)].map((_, i) => 40 - 2 * i), ...[...Array(20)].map((_, i) => 39 - 2 * i)]);
});

test('should sort a short list of objects in place, stably', () => {
  const words = [{ w: 'a', cost: 3 }, { w: 'b', cost: 1 }, { w: 'c', cost: 3 }, { w: 'd', cost: 0 }];
  assert.deepEqual(sortBy(words, (x, y) => x.cost < y.cost).map((x) => x.w), ['d', 'b', 'a', 'c']);
});
