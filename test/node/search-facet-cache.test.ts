import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FACETS } from '../../indexer/schema.ts';
import type { ChangeRecord } from '../../indexer/schema.ts';
import { readIndex } from '../../widget/core/index-data.ts';
import { Matcher } from '../../widget/core/match.ts';
import { parseQuery } from '../../widget/core/query.ts';
import { fuzzyMatches } from '../../widget/core/vocab.ts';
import { SearchCore } from '../../widget/search-core.ts';
import type { Filters } from '../../widget/search-types.ts';
import { bundleOf } from '../fixtures/search/bundle.ts';
import { RECORDS } from '../fixtures/search/records.ts';

/** Records with every combination of a few facet values (many docs share a combination). */
function grid(): ChangeRecord[] {
  const out: ChangeRecord[] = [];
  const lifecycles = ['ea', 'beta', 'ga-production', null] as const;
  const kinds = ['feature', 'fix'] as const;
  const products = ['Classic Engine', 'Identity Engine'];
  const areas = [[], ['Policies'], ['Policies', 'Groups']];
  let i = 0;
  for (const lifecycle of lifecycles) for (const kind of kinds) for (const product of products) for (const a of areas) for (const year of ['2024', '2025']) {
    out.push({ ...RECORDS[0]!, id: `g-${i++}`, title: `Gadget change ${i}`, text: `The gadget setting ${i} changed.`, lifecycle, kind, product, areas: a, date: `${year}-03-0${1 + (i % 9)}`, flags: [], tickets: [] });
  }
  return out;
}

/** Reference facet counts: each facet counted over the records passing every other facet's filter. */
function reference(records: ChangeRecord[], filters: Filters): Record<string, Record<string, number>> {
  const valuesOf = (r: ChangeRecord, f: string): string[] =>
    f === 'area' ? r.areas : f === 'year' ? (r.date ? [r.date.slice(0, 4)] : []) : [(r as unknown as Record<string, string | null>)[f]].filter((v): v is string => v !== null && v !== undefined);
  const passes = (r: ChangeRecord, f: string): boolean => {
    const want = filters[f as keyof Filters];
    return !want || want.length === 0 || valuesOf(r, f).some((v) => want.includes(v));
  };
  const out: Record<string, Record<string, number>> = {};
  for (const f of FACETS) {
    out[f] = {};
    for (const r of records) {
      if (!FACETS.every((g) => g === f || passes(r, g))) continue;
      for (const v of valuesOf(r, f)) out[f]![v] = (out[f]![v] ?? 0) + 1;
    }
  }
  return out;
}

test('should count facets of records sharing facet combinations as a per-record count would', () => {
  const records = grid();
  const core = SearchCore.fromBundle(bundleOf(records));
  const filters: Filters = { lifecycle: ['ea', 'beta'], product: ['Identity Engine'], area: ['Groups'] };
  const got: Record<string, Record<string, number>> = {};
  const facets = core.search('gadget', { filters }).facets;
  for (const f of FACETS) got[f] = Object.fromEntries(facets[f].filter((c) => c.count > 0).map((c) => [c.value, c.count]));
  assert.deepEqual(got, reference(records, filters));
});

test('should return the same hits for a synonym query typed key by key as for a fresh search', () => {
  const records = [...RECORDS, { ...RECORDS[0]!, id: 'signon', title: 'Sign on page tweaks', text: 'The sign on page of the app shows the logo.', flags: [], tickets: [] }];
  const typed = SearchCore.fromBundle(bundleOf(records));
  const fresh = SearchCore.fromBundle(bundleOf(records));
  const query = 'login page';
  for (let i = 1; i < query.length; i++) typed.search(query.slice(0, i));
  assert.deepEqual(typed.search(query).hits.map((h) => [h.id, h.score]), fresh.search(query).hits.map((h) => [h.id, h.score]));
});

test('should correct a typo after the first letter', () => {
  const terms = ['issuer', 'issues', 'tissue'];
  assert.deepEqual(fuzzyMatches(terms, 'isuer', 1, false).map((m) => terms[m.lo]), ['issuer']);
});

test('should not correct a typo in the first letter', () => {
  const terms = ['issuer', 'policy'];
  assert.deepEqual(fuzzyMatches(terms, 'olicy', 1, false), []);
});

test('should return the same results after many searches have cycled the cached matches as a fresh core does', () => {
  const queries = ['sign in mfa app org admin idp sso', 'login page', 'passkey policy', 'okta verify push', 'the app'];
  const typed = SearchCore.fromBundle(bundleOf(RECORDS));
  for (let round = 0; round < 3; round++) for (const q of queries) for (let i = 1; i <= q.length; i++) typed.search(q.slice(0, i));
  for (const q of queries) {
    const fresh = SearchCore.fromBundle(bundleOf(RECORDS));
    assert.deepEqual(typed.search(q), fresh.search(q));
  }
});

test('should match the same documents with scores when the cached matches outgrow a small ring as with a ring that never wraps', () => {
  // Every record holds every member of a synonym group, so one slot's alternatives need more room than the small ring has.
  const words = 'mfa multifactor multi factor 2fa two step second factor'.split(' ');
  const records = Array.from({ length: 12 }, (_, k) => ({ ...RECORDS[0]!, id: `w-${k}`, title: `Words ${k}`, text: words.filter((_, i) => i % 4 !== k % 4).join(' '), flags: [], tickets: [] }));
  const data = readIndex(bundleOf(records));
  const small = new Matcher(data, 20);
  const large = new Matcher(data, 1 << 16);
  for (const q of ['mfa two factor', 'multi factor mfa', 'second step', 'mfa']) {
    for (let i = 1; i <= q.length; i++) {
      const a = small.match(parseQuery(q.slice(0, i))), b = large.match(parseQuery(q.slice(0, i)));
      assert.deepEqual([...a.docs].map((d) => [d, a.scores[d]]), [...b.docs].map((d) => [d, b.scores[d]]), q.slice(0, i));
    }
  }
});
