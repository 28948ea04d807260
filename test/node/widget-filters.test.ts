import assert from 'node:assert/strict';
import { test } from 'node:test';
import { activeChips, facetOptions, isUnfiltered, toggleFilter } from '../../widget/helpers/filters.ts';

test('should add a value to a facet selection', () => {
  assert.deepEqual(toggleFilter({ lifecycle: ['beta'] }, 'lifecycle', 'ea'), { lifecycle: ['beta', 'ea'] });
});

test('should remove a selected value and drop the emptied facet', () => {
  assert.deepEqual(toggleFilter({ lifecycle: ['beta'], kind: ['fix'] }, 'lifecycle', 'beta'), { kind: ['fix'] });
});

test('should not change the filters it was given', () => {
  const filters = { kind: ['fix'] };
  toggleFilter(filters, 'kind', 'docs');
  assert.deepEqual(filters, { kind: ['fix'] });
});

test('should list chips in facet order then the date range', () => {
  assert.deepEqual(activeChips({ year: ['2026'], lifecycle: ['ea', 'beta'] }, { to: '2026-02-01', from: '2026-01-01' }), [
    { facet: 'lifecycle', value: 'ea' },
    { facet: 'lifecycle', value: 'beta' },
    { facet: 'year', value: '2026' },
    { facet: 'from', value: '2026-01-01' },
    { facet: 'to', value: '2026-02-01' },
  ]);
});

test('should keep a selected value the counts no longer include, with count 0', () => {
  assert.deepEqual(facetOptions('kind', [{ value: 'fix', count: 3 }], ['docs']), [
    { value: 'fix', count: 3 },
    { value: 'docs', count: 0 },
  ]);
});

test('should list years newest first', () => {
  assert.deepEqual(
    facetOptions('year', [
      { value: '2025', count: 9 },
      { value: '2026', count: 2 },
      { value: '2024', count: 5 },
    ]).map((o) => o.value),
    ['2026', '2025', '2024'],
  );
});

test('should keep the core order for other facets', () => {
  const counts = [
    { value: 'Users', count: 4 },
    { value: 'Apps', count: 4 },
  ];
  assert.deepEqual(facetOptions('area', counts), counts);
});

test('should tell whether any filter or date is set', () => {
  assert.deepEqual([isUnfiltered({}, {}), isUnfiltered({}, { from: '2026-01-01' }), isUnfiltered({ kind: ['fix'] }, {})], [true, false, false]);
});
