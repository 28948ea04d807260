import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FACETS, type ChangeRecord } from '../../indexer/schema.ts';
import { SearchCore } from '../../widget/search-core.ts';
import { bundleOf } from '../fixtures/search/bundle.ts';
import { RECORDS } from '../fixtures/search/records.ts';

const core = SearchCore.fromBundle(bundleOf());
const ids = (query: string, options = {}): string[] => core.search(query, options).hits.map((h) => h.id);
const top = (query: string): string | undefined => ids(query)[0];
const withRecords = (extra: Partial<ChangeRecord>[]): SearchCore =>
  SearchCore.fromBundle(bundleOf([...RECORDS, ...extra.map((e, i) => ({ ...RECORDS[0]!, id: `extra-${i}`, flags: [], tickets: [], areas: [], ...e }))]));

test('should rank the record carrying a ticket id first, in any case', () => {
  assert.deepEqual([top('OKTA-1099636'), top('okta-1099636')], ['bug-login', 'bug-login']);
});

test('should find a feature flag case-insensitively', () => {
  assert.deepEqual(ids('passkeys_rebrand'), ['passkeys']);
});

test('should complete a ticket id being typed', () => {
  assert.deepEqual(ids('OKTA-1099'), ['bug-login']);
});

test('should not match a finished partial ticket id', () => {
  assert.deepEqual(ids('OKTA-1099 '), []);
});

test('should find an API path, a shorter path and a path prefix', () => {
  assert.deepEqual([top('/api/v1/groups'), top('/device-assurances'), top('/api/v1/device-assu')], ['groups-api', 'device-assurance', 'device-assurance']);
});

test('should find parameters and dotted versions as whole tokens', () => {
  assert.deepEqual([top('prompt=none'), top('expand=stats'), top('5.14.1')], ['prompt-none', 'groups-api', 'sdk']);
});

test('should rank an identifier match above records that only share its words', () => {
  const core2 = withRecords([{ title: 'Prompt none handling', text: 'The prompt none value is documented.' }]);
  assert.equal(core2.search('prompt=none').hits[0]?.id, 'prompt-none');
});

test('should treat the last word as a prefix while typing', () => {
  assert.deepEqual([top('passk'), top('device assur')], ['passkeys', 'device-assurance']);
});

test('should not treat a finished word as a prefix', () => {
  assert.deepEqual(ids('passk '), []);
});

test('should tolerate one typo in a word of 4 to 7 letters', () => {
  assert.deepEqual(ids('andriod '), ['device-assurance']);
});

test('should not tolerate two typos in a word of 4 to 7 letters', () => {
  assert.deepEqual(ids('andrdi '), []);
});

test('should tolerate two typos in a word of 8 or more letters', () => {
  assert.deepEqual(ids('asuranse '), ['device-assurance']);
});

test('should not tolerate typos in words of fewer than 4 letters', () => {
  assert.deepEqual(ids('sms ').concat(ids('ssm ')), []);
});

test('should require a quoted phrase to appear in order', () => {
  assert.deepEqual([ids('"rate limits guide"'), ids('"guide limits rate"')], [['docs-update'], []]);
});

test('should find a change through a domain synonym', () => {
  assert.deepEqual([top('idp'), top('identity provider'), ids('multifactor ').sort()], ['idp-routing', 'idp-routing', ['prompt-none', 'sdk']]);
});

test('should match a multi-word synonym for a single word', () => {
  assert.ok(ids('login ').includes('passkeys'), 'login finds "Sign-In"');
});

test('should match other inflections of a word through stemming', () => {
  assert.deepEqual([top('policy '), top('configured '), top('enforcing ')], ['device-assurance', 'idp-routing', 'device-assurance']);
});

test('should rank a title match above a body-only match', () => {
  const core2 = withRecords([{ title: 'Unrelated change', text: 'Mentions routing once.' }]);
  assert.equal(core2.search('routing').hits[0]?.id, 'idp-routing');
});

test('should prefer the newer of two otherwise equal records', () => {
  const core2 = withRecords([
    { title: 'Widget colour option', text: 'Same body.', date: '2020-01-01' },
    { title: 'Widget colour option', text: 'Same body.', date: '2024-01-01' },
  ]);
  assert.deepEqual(core2.search('colour').hits.map((h) => h.id), ['extra-1', 'extra-0']);
});

test('should browse every record newest first for an empty query, undated last', () => {
  const r = core.search('');
  assert.deepEqual([r.total, r.hits.map((h) => h.id)], [8, ['passkeys', 'groups-api', 'bug-login', 'device-assurance', 'prompt-none', 'sdk', 'idp-routing', 'docs-update']]);
});

test('should sort matches oldest first on request, undated last', () => {
  assert.deepEqual(ids('', { sort: 'oldest' }), ['idp-routing', 'sdk', 'prompt-none', 'device-assurance', 'bug-login', 'groups-api', 'passkeys', 'docs-update']);
});

test('should sort matches newest first on request', () => {
  assert.deepEqual(ids('users', { sort: 'newest' }), ['bug-login', 'idp-routing']);
});

test('should keep only records inside an inclusive date range', () => {
  assert.deepEqual(ids('', { dateRange: { from: '2023-08-02', to: '2025-03-19' } }), ['bug-login', 'device-assurance', 'prompt-none']);
});

test('should accept a year or month as the end of a date range', () => {
  assert.deepEqual(ids('', { dateRange: { from: '2024-01-01', to: '2025' } }), ['groups-api', 'bug-login', 'device-assurance']);
});

test('should page with offset and limit over the same total', () => {
  const page = core.search('', { offset: 2, limit: 3 });
  assert.deepEqual([page.total, page.hits.map((h) => h.id)], [8, ['bug-login', 'device-assurance', 'prompt-none']]);
});

test('should OR the values selected within one facet', () => {
  assert.deepEqual(ids('', { filters: { lifecycle: ['ea', 'beta'] } }), ['device-assurance', 'sdk']);
});

test('should AND selections across facets', () => {
  assert.deepEqual(ids('', { filters: { lifecycle: ['ea', 'beta'], product: ['Classic Engine'] } }), ['sdk']);
});

test('should count a facet as if its own selection were cleared', () => {
  const r = core.search('', { filters: { lifecycle: ['ea'] } });
  assert.deepEqual(r.facets.lifecycle, [
    { value: 'ga-production', count: 2 }, { value: 'beta', count: 1 }, { value: 'deprecated', count: 1 }, { value: 'ea', count: 1 }, { value: 'ga-preview', count: 1 },
  ]);
});

test('should count the other facets within the current selection', () => {
  const r = core.search('', { filters: { lifecycle: ['ea', 'beta'] } });
  assert.deepEqual([r.facets.product, r.facets.year], [
    [{ value: 'Classic Engine', count: 1 }, { value: 'Identity Engine', count: 1 }],
    [{ value: '2022', count: 1 }, { value: '2024', count: 1 }],
  ]);
});

test('should count multi-valued areas once per record and value', () => {
  assert.deepEqual(core.search('').facets.area, [
    { value: 'Authenticators', count: 2 }, { value: 'Policies', count: 2 }, { value: 'Groups', count: 1 }, { value: 'OIDC', count: 1 },
  ]);
});

test('should keep a selected value with no matches in its facet', () => {
  const r = core.search('passkey', { filters: { lifecycle: ['beta'] } });
  assert.deepEqual([r.total, r.facets.lifecycle], [0, [{ value: 'ga-preview', count: 1 }, { value: 'beta', count: 0 }]]);
});

test('should give title match ranges', () => {
  const hit = core.search('passkey rebrand').hits[0]!;
  assert.deepEqual(hit.titleRanges.map(([s, e]) => hit.title.slice(s, e)), ['Passkey', 'rebrand']);
});

test('should give snippet ranges that point at the matched words', () => {
  const s = core.search('android').hits[0]!.snippet;
  assert.deepEqual(s.ranges.map(([a, b]) => s.text.slice(a, b)), ['Android']);
});

test('should start the snippet at the body start when the match is near it', () => {
  const s = core.search('passkeys').hits[0]!.snippet;
  assert.deepEqual([s.truncatedStart, s.text.slice(0, 8)], [false, 'Passkeys']);
});

test('should cut a long body at word boundaries around a late match', () => {
  const body = `${'lorem ipsum dolor '.repeat(30)}the zebrafish option ${'sit amet '.repeat(30)}`;
  const s = withRecords([{ title: 'Long', text: body }]).search('zebrafish').hits[0]!.snippet;
  const start = body.indexOf(s.text);
  assert.deepEqual([s.truncatedStart, s.truncatedEnd, body[start - 1], body[start + s.text.length], s.text.length <= 170], [true, true, ' ', ' ', true]);
});

test('should mark every match inside a snippet placed among matches beyond the 40th', () => {
  const body = `${'zebrafish lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt labore. '.repeat(38)}${'zebrafish quokka '.repeat(5)}end`;
  const s = withRecords([{ title: 'Long', text: body }]).search('zebrafish quokka').hits[0]!.snippet;
  const words = s.text.split(/\s+/).filter((w) => w === 'zebrafish' || w === 'quokka');
  assert.deepEqual([s.text.includes('quokka'), s.ranges.length], [true, words.length]);
});

test('should end the snippet at the body end when the match is near it', () => {
  const body = `${'lorem ipsum dolor '.repeat(30)}the zebrafish`;
  const s = withRecords([{ title: 'Long', text: body }]).search('zebrafish').hits[0]!.snippet;
  assert.deepEqual([s.truncatedEnd, s.text.endsWith('zebrafish')], [false, true]);
});

test('should never split a surrogate pair or strip a combining mark from its letter in a snippet', () => {
  const body = `${'👩‍💻'.repeat(60)}e\u0301${'🙂'.repeat(10)} zebrafish ${'🙂'.repeat(80)}`;
  const s = withRecords([{ title: 'Emoji', text: body }]).search('zebrafish').hits[0]!.snippet;
  const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
  assert.deepEqual([lone.test(s.text), /^\p{M}/u.test(s.text), s.ranges.map(([a, b]) => s.text.slice(a, b))], [false, false, ['zebrafish']]);
});

test('should match a decomposed accented word and cover its combining mark', () => {
  const s = withRecords([{ title: 'Accents', text: 'Le cafe\u0301 est ouvert.' }]).search('café').hits[0]!.snippet;
  assert.deepEqual(s.ranges.map(([a, b]) => s.text.slice(a, b)), ['cafe\u0301']);
});

test('should suggest a known spelling when a query finds little', () => {
  assert.equal(core.search('pasword expird').suggestion, 'password expired');
});

test('should not suggest anything when the query finds enough', () => {
  assert.equal(core.search('').suggestion ?? core.search('users').suggestion, undefined);
});

test('should give a result with a suggestion and one without the same fields in the same order', () => {
  const fields = (r: object) => Object.keys(r).join(',');
  assert.equal(fields(core.search('pasword expird')), 'query,total,hits,facets,suggestion');
  assert.equal(fields(core.search('users')), 'query,total,hits,facets,suggestion');
});

test('should list the facets of every result in the schema order, whatever the filters', () => {
  const order = (r: { facets: object }) => Object.keys(r.facets).join(',');
  assert.equal(order(core.search('')), FACETS.join(','));
  assert.equal(order(core.search('sign', { filters: { year: ['2022'], lifecycle: ['beta'] } })), FACETS.join(','));
});

test('should leave an earlier result as it was after later searches', () => {
  const first = core.search('sign', { filters: { lifecycle: ['beta'] } });
  const before = JSON.stringify(first);
  for (const q of ['users', '', 'sign in', 'okta verify']) core.search(q);
  core.search('sign', { filters: { kind: ['fix'] } });
  assert.equal(JSON.stringify(first), before);
});

test('should return the renderable fields of a record by id', () => {
  assert.deepEqual(core.get('sdk'), {
    id: 'sdk', title: 'Okta Verify 5.14.1 supports number challenge', url: 'https://example.test/notes#sdk', release: '2022.01.0', releaseType: 'monthly',
    date: '2022-01-10', lifecycle: 'beta', kind: 'feature', product: 'Classic Engine', areas: ['Authenticators'],
  });
});

test('should answer hostile queries without throwing', () => {
  const hostile = ['x'.repeat(10_000), 'a b '.repeat(5_000), '.*+?^${}()|[]\\/', '"""', '"unclosed', '\u0000\uFFFF\uD800', '👩‍💻🙂'.repeat(100), '---', '/', '=', String.fromCodePoint(...Array.from({ length: 300 }, (_, i) => 0x300 + i))];
  for (const q of hostile) assert.equal(typeof core.search(q).total, 'number');
});

test('should ignore unknown facets and survive thousands of filter values', () => {
  const filters = { nonsense: ['x'], lifecycle: Array.from({ length: 5000 }, (_, i) => `v${i}`).concat('ea') } as never;
  assert.deepEqual(core.search('', { filters, limit: 1e9, offset: -5 }).hits.map((h) => h.id), ['device-assurance']);
});

test('should give the same hits for a prefix typed letter by letter as for the prefix typed at once', () => {
  const fresh = SearchCore.fromBundle(bundleOf());
  const typed = SearchCore.fromBundle(bundleOf());
  for (const q of ['d', 'de', 'dev', 'devi', 'devic', 'device a', 'device as', 'device ass', 'device assx']) typed.search(q);
  assert.deepEqual(typed.search('device assu').hits.map((h) => [h.id, h.score]), fresh.search('device assu').hits.map((h) => [h.id, h.score]));
});

test('should rank a flag match above an area match above a body match', () => {
  const core2 = withRecords([
    { id: 'body', title: 'First change', text: 'Adds the telemetry switch to the admin settings page so that operators can decide what the service reports.' },
    { id: 'area', title: 'Second change', text: 'Adds a switch.', areas: ['Telemetry'] },
    { id: 'flag', title: 'Third change', text: 'Adds a switch.', flags: ['TELEMETRY'] },
  ].map(({ id: _id, ...r }) => r));
  assert.deepEqual(core2.search('telemetry').hits.map((h) => h.title), ['Third change', 'Second change', 'First change']);
});
