/** Recent: the matcher's and the core's fixed-size caches (oldest entry replaced first). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Recent } from '../../widget/core/recent.ts';

test('should return what was stored under a key, and nothing for a key never stored', () => {
  const cache = new Recent<string, number>(4);
  cache.set('a', 1);
  cache.set('b', 2);
  assert.equal(cache.get('a'), 1);
  assert.equal(cache.get('b'), 2);
  assert.equal(cache.get('c'), undefined);
  assert.equal(cache.has('b'), true);
  assert.equal(cache.has('c'), false);
});

test('should replace the oldest entry once full', () => {
  const cache = new Recent<number, string>(3);
  for (const k of [1, 2, 3, 4]) cache.set(k, `v${k}`);
  assert.equal(cache.get(1), undefined);
  assert.deepEqual([2, 3, 4].map((k) => cache.get(k)), ['v2', 'v3', 'v4']);
  cache.set(5, 'v5');
  assert.equal(cache.get(2), undefined);
  assert.equal(cache.get(3), 'v3');
});

test('should overwrite a cached key in its own slot without evicting another', () => {
  const cache = new Recent<string, number>(2);
  cache.set('a', 1);
  cache.set('b', 2);
  cache.set('a', 3);
  assert.equal(cache.get('a'), 3);
  assert.equal(cache.get('b'), 2);
});

test('should drop a key only while it still holds the given value', () => {
  const cache = new Recent<string, object>(4);
  const first = {}, second = {};
  cache.set('k', first);
  cache.set('k', second);
  cache.drop('k', first);
  assert.equal(cache.get('k'), second);
  cache.drop('k', second);
  assert.equal(cache.get('k'), undefined);
  assert.equal(cache.has('k'), false);
});

test('should return the stored value from set', () => {
  const cache = new Recent<string, { n: number }>(1);
  const value = { n: 1 };
  assert.equal(cache.set('x', value), value);
});
