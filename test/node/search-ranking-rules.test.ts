import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChangeRecord } from '../../indexer/schema.ts';
import { rangeTermWeight } from '../../widget/core/expand.ts';
import { SearchCore } from '../../widget/search-core.ts';
import { bundleOf } from '../fixtures/search/bundle.ts';

function record(id: string, fields: Partial<ChangeRecord>): ChangeRecord {
  return {
    id, title: 'Untitled', text: 'Filler words about something else.', file: 'notes.md', line: 1, product: 'Classic Engine',
    release: '2026.01.0', releaseType: 'monthly', date: '2026-01-07', lifecycle: null, kind: 'feature',
    areas: [], tickets: [], flags: [], anchor: id, url: `https://example.test/#${id}`, ...fields,
  };
}

const FILLER = [0, 1, 2, 3, 4, 5].map((i) => record(`filler-${i}`, { title: `Other change ${i}`, text: `Users manage the account settings ${i}.` }));
const search = (records: ChangeRecord[], query: string): string[] =>
  SearchCore.fromBundle(bundleOf([...FILLER, ...records])).search(query).hits.map((h) => h.id);

test('should weigh a path under a typed path above a partly typed word and below the exact path', () => {
  const range = { lo: 0, hi: 0, prefix: '/api/v1/groups', weight: 1 };
  const sub = rangeTermWeight(range, '/api/v1/groups/{groupid}/roles');
  const partial = rangeTermWeight(range, '/api/v1/groupsync');
  assert.deepEqual([rangeTermWeight(range, '/api/v1/groups'), sub > partial, sub < 1], [1, true, true]);
});

test('should rank a path under the typed path above a longer partly typed path segment', () => {
  const records = [
    record('partial', { title: 'Setting changes', text: 'Admins can call /api/v9/widgetsettingsandmore now.' }),
    record('sub', { title: 'Part changes', text: 'Admins can call /api/v9/widgets/{widgetId}/parts now.' }),
  ];
  assert.equal(search(records, '/api/v9/widgets')[0], 'sub');
});

test('should find data retention when the reader asks how long data is kept', () => {
  const records = [
    record('retention', { title: 'Data retention changes', text: 'Log data is retained for three months.' }),
    record('other', { title: 'Log viewer changes', text: 'The log viewer shows data faster.' }),
  ];
  assert.equal(search(records, 'how long do you keep log data')[0], 'retention');
});

test('should read "their own" as self-service', () => {
  const records = [
    record('self', { title: 'Self-service unlock', text: 'End users can unlock a locked account.' }),
    record('admin', { title: 'Admin unlock', text: 'Admins can unlock an account for end users.' }),
  ];
  assert.equal(search(records, 'unlock their own account')[0], 'self');
});

test('should let a title naming the rare query word outrank one repeating the common ones', () => {
  const records = [
    record('rare', { title: 'Quagga improvements', text: 'Users can now quagga their account when they sign in to the new portal.' }),
    record('common', { title: 'Account improvements for users', text: 'Users can quagga their account.' }),
  ];
  assert.equal(search(records, 'users quagga account')[0], 'rare');
});

test('should return the same first page with a small limit as the start of a large one', () => {
  // Bodies that say "heron nest" often (high text scores) and fewer titles naming it (lifted by title evidence).
  const many = Array.from({ length: 150 }, (_, i) => record(`m-${i}`, i % 15 === 0
    ? { title: 'Heron nest', text: `The heron nest option ${i} for teams with many other words to dilute it.` }
    : { title: `Other thing ${i}`, text: `${'heron nest '.repeat(2 + (i % 5))}change ${i}.` }));
  const core = SearchCore.fromBundle(bundleOf(many));
  const page = (limit: number) => core.search('heron nest', { limit }).hits.slice(0, 5).map((h) => [h.id, h.score]);
  assert.deepEqual(page(5), page(150));
});

test('should rank the change a query names above one mentioning its name, whatever status suffix the name carries', () => {
  const records = [
    record('named', { title: 'Walrus API is Self-Service EA in Preview', text: 'The Walrus API manages walruses.', date: '2024-01-10' }),
    record('mentions', { title: 'Pagination for the Walrus API is GA in Production', text: 'Walrus API lists are paginated.', date: '2025-06-04' }),
  ];
  assert.equal(search(records, 'walrus api')[0], 'named');
});
