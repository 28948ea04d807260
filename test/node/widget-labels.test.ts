import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chipLabel, countLabel, countText, formatDate, releaseLabel, valueLabel } from '../../widget/helpers/labels.ts';

test('should label every lifecycle stage the way release notes name it', () => {
  assert.deepEqual(
    ['beta', 'ea', 'ga-preview', 'ga-production', 'deprecated'].map((v) => valueLabel('lifecycle', v)),
    ['Beta', 'Early Access', 'GA in Preview', 'GA in Production', 'Deprecated'],
  );
});

test('should label kinds and release types', () => {
  assert.deepEqual(
    [valueLabel('kind', 'fix'), valueLabel('kind', 'docs'), valueLabel('releaseType', 'weekly')],
    ['Bug fix', 'Docs update', 'Weekly'],
  );
});

test('should pass through values of facets without a vocabulary', () => {
  assert.equal(valueLabel('area', 'Policies'), 'Policies');
});

test('should prefix a chip with its facet name', () => {
  assert.equal(chipLabel('lifecycle', 'ga-preview'), 'Lifecycle: GA in Preview');
});

test('should format an ISO date in fixed English', () => {
  assert.equal(formatDate('2026-02-04'), 'Feb 4, 2026');
});

test('should leave a malformed date as written', () => {
  assert.equal(formatDate('2026-13-01'), '2026-13-01');
});

test('should name a release with its type when known', () => {
  assert.deepEqual(
    [
      releaseLabel({ release: '2026.02.0', releaseType: 'monthly' }),
      releaseLabel({ release: '2017.52', releaseType: null }),
      releaseLabel({ release: null, releaseType: null }),
    ],
    ['Monthly release 2026.02.0', 'Release 2017.52', 'No release'],
  );
});

test('should count results in singular and plural with separators', () => {
  assert.deepEqual([countLabel(0), countLabel(1), countLabel(1234)], ['0 results', '1 result', '1,234 results']);
});

test('should group every three digits from the right, and no shorter number', () => {
  assert.deepEqual(
    [0, 7, 999, 1000, 38920, 100000, 999999, 1000000, 194600123].map(countText),
    ['0', '7', '999', '1,000', '38,920', '100,000', '999,999', '1,000,000', '194,600,123'],
  );
});
