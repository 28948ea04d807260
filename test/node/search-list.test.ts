/** list / filtered: the core's push-built stand-ins for Array#map and Array#filter. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { filtered, list } from '../../widget/core/list.ts';

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
