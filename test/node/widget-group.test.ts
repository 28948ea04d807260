import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupByRelease } from '../../widget/helpers/group.ts';

const hit = (id: string, release: string | null, date: string | null, product = 'Gateway') => ({
  id,
  release,
  releaseType: release ? ('weekly' as const) : null,
  date,
  product,
});

test('should group consecutive hits of the same release in order', () => {
  const a = hit('a', '2026.02.1', '2026-02-11');
  const b = hit('b', '2026.02.1', '2026-02-11');
  const c = hit('c', '2026.02.0', '2026-02-04');
  assert.deepEqual(groupByRelease([a, b, c]), [
    { release: '2026.02.1', releaseType: 'weekly', product: 'Gateway', date: '2026-02-11', items: [a, b] },
    { release: '2026.02.0', releaseType: 'weekly', product: 'Gateway', date: '2026-02-04', items: [c] },
  ]);
});

test('should keep the same release of two products in separate groups', () => {
  const a = hit('a', '2026.02.0', '2026-02-04', 'Gateway');
  const b = hit('b', '2026.02.0', '2026-02-04', 'Console');
  assert.deepEqual(
    groupByRelease([a, b]).map((g) => g.items.map((i) => i.id)),
    [['a'], ['b']],
  );
});

test('should start a new group when a release reappears after another', () => {
  const groups = groupByRelease([hit('a', '1', null), hit('b', '2', null), hit('c', '1', null)]);
  assert.deepEqual(
    groups.map((g) => g.release),
    ['1', '2', '1'],
  );
});

test('should group hits without a release together', () => {
  const groups = groupByRelease([hit('a', null, null), hit('b', null, null)]);
  assert.equal(groups.length, 1);
  assert.equal(groups[0]?.release, null);
});

test('should return no groups for no hits', () => {
  assert.deepEqual(groupByRelease([]), []);
});
