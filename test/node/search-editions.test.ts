import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChangeRecord } from '../../indexer/schema.ts';
import { changeKey, compareRelease } from '../../widget/core/editions.ts';
import { SearchCore } from '../../widget/search-core.ts';
import { bundleOf } from '../fixtures/search/bundle.ts';

function record(id: string, fields: Partial<ChangeRecord>): ChangeRecord {
  return {
    id, title: 'Untitled', text: 'Filler words about something else.', file: 'notes.md', line: 1, product: 'Classic Engine',
    release: '2026.01.0', releaseType: 'monthly', date: '2026-01-07', lifecycle: null, kind: 'feature',
    areas: [], tickets: [], flags: [], anchor: id, url: `https://example.test/#${id}`, ...fields,
  };
}

/** Unrelated records so the main notes (Classic Engine) hold the most records. */
const FILLER = [0, 1, 2, 3].map((i) => record(`filler-${i}`, { title: `Other change ${i}`, text: `Nothing related ${i}.` }));
const ids = (records: ChangeRecord[], query: string, options = {}): string[] =>
  SearchCore.fromBundle(bundleOf([...FILLER, ...records])).search(query, options).hits.map((h) => h.id);

test('should name one change for every status suffix of its heading', () => {
  assert.deepEqual(
    ['Native SSO support', 'Native SSO support is EA in Preview', 'Native SSO Support is now GA in Production', 'Native SSO support are self-service EA'].map(changeKey),
    ['native sso support', 'native sso support', 'native sso support', 'native sso support'],
  );
});

test('should keep a heading whose last words are not a status', () => {
  assert.equal(changeKey('Legacy API is deprecated'), 'legacy api is deprecated');
});

test('should compare release numbers numerically', () => {
  assert.deepEqual([compareRelease('2023.12.0', '2023.10.0') > 0, compareRelease('2023.9.0', '2023.10.0') < 0, compareRelease('1.2', '1.2')], [true, true, 0]);
});

test('should lead with the newest edition of a change even when an older one scores higher', () => {
  const records = [
    record('old', { title: 'Zebra sync', text: 'Apps can use zebra sync. Zebra sync. Zebra sync.', date: '2021-09-22', release: '2021.09.3' }),
    record('new', { title: 'Zebra sync is EA in Preview', text: 'Zebra sync lets native apps share one session across many devices, browsers and platforms of every kind.', date: '2022-03-30', release: '2022.04.0', product: 'Identity Engine' }),
  ];
  assert.deepEqual(ids(records, 'zebra sync'), ['new', 'old']);
});

test('should lead with the main notes copy of a change published the same day in two products', () => {
  const records = [
    record('ie', { title: 'Quokka integration for governance', text: 'Quokka integration.', product: 'Identity Engine', file: 'ie.md' }),
    record('classic', { title: 'Quokka integration for governance', text: 'Quokka integration for governance lets reviewers approve requests in chat.', file: 'notes.md' }),
  ];
  assert.deepEqual(ids(records, 'quokka integration'), ['classic', 'ie']);
});

test('should lead with the higher release when editions share a date and a product', () => {
  const records = [
    record('ga-prod', { title: 'Walrus tokens is GA in Production', text: 'Walrus tokens bind a token to a key. More words here to lower the score.', release: '2023.12.0', date: '2023-03-15' }),
    record('ga', { title: 'Walrus tokens is GA', text: 'Walrus tokens.', release: '2023.10.0', date: '2023-03-15' }),
  ];
  assert.deepEqual(ids(records, 'walrus tokens'), ['ga-prod', 'ga']);
});

test('should show the filtered edition when a filter removes the others', () => {
  const records = [
    record('ie', { title: 'Quokka integration for governance', text: 'Quokka integration.', product: 'Identity Engine' }),
    record('classic', { title: 'Quokka integration for governance', text: 'Quokka integration for governance.' }),
  ];
  assert.deepEqual(ids(records, 'quokka integration', { filters: { product: ['Identity Engine'] } }), ['ie']);
});

test('should keep scores in descending order after editions are arranged', () => {
  const core = SearchCore.fromBundle(bundleOf([
    ...FILLER,
    record('old', { title: 'Zebra sync', text: 'Apps can use zebra sync. Zebra sync. Zebra sync.', date: '2021-09-22' }),
    record('new', { title: 'Zebra sync is EA in Preview', text: 'Zebra sync lets native apps share one session across many devices, browsers and platforms of every kind.', date: '2022-03-30' }),
  ]));
  const scores = core.search('zebra sync').hits.map((h) => h.score);
  assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
});

test("should bring a change's newest edition onto a one-hit page when it ranked below the page", () => {
  const records = [
    record('old', { title: 'Zebra sync', text: 'Apps can use zebra sync. Zebra sync. Zebra sync.', date: '2021-09-22', release: '2021.09.3' }),
    record('new', { title: 'Zebra sync is EA in Preview', text: 'Zebra sync lets native apps share one session across many devices, browsers and platforms of every kind.', date: '2022-03-30', release: '2022.04.0', product: 'Identity Engine' }),
    record('other', { title: 'Zebra crossing report', text: 'A zebra report about sync of crossings.', date: '2020-01-01' }),
  ];
  assert.deepEqual(ids(records, 'zebra sync', { limit: 1 }), ['new']);
  assert.deepEqual(ids(records, 'zebra sync', { limit: 1, offset: 1 }), ['old']);
});
