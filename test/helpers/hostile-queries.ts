/**
 * Hostile queries and options for the search core, and a checker of a SearchResult's shape
 * (written from the contract in widget/search-types.ts, not from the core's code).
 */
import fc from 'fast-check';
import { FACETS } from '../../indexer/schema.ts';
import type { SearchOptions, SearchResult } from '../../widget/search-types.ts';

const META = ['\\', '^', '$', '.', '|', '?', '*', '+', '(', ')', '[', ']', '{', '}', '/', '"', "'", '`', '-', ':', '=', '&', '%', '#', '~', '<', '>', '!', '@', ',', ';'];

/** Random Unicode (lone surrogates included), regex metacharacters, identifiers and very long queries. */
export const queryArb: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(...META), maxLength: 30 }),
  fc.array(fc.oneof(fc.constantFrom(...META), fc.constantFrom('okta', 'OKTA-1', 'policy', '"', 'sign in', 'mfa', '/api/v1/', 'a', 'é', '𝔘', 'İ', 'ß', '\u0000', '\u200b')), { maxLength: 20 }).map((parts) => parts.join('')),
  fc.tuple(fc.constantFrom('a', 'ab ', 'policy ', '"', '*', '(', '\\', 'OKTA-', '𝔘', 'é ', '- '), fc.integer({ min: 1000, max: 10_000 })).map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length)),
);

const dateArb = fc.oneof(fc.constant(undefined), fc.constantFrom('2026-01-01', '2016', '9999-99-99', '', 'garbage', '<script>', '2026-02-30'), fc.string({ maxLength: 12 }));

/** Filters with unknown facets and values, empty lists, and thousands of values. */
export const filtersArb: fc.Arbitrary<Record<string, string[]>> = fc.dictionary(
  fc.oneof(fc.constantFrom(...FACETS), fc.constantFrom('bogus', '__proto__', 'constructor', 'toString', ''), fc.string({ maxLength: 8 })),
  fc.oneof(
    fc.array(fc.oneof(fc.constantFrom('ea', 'beta', 'fix', 'feature', 'docs', 'monthly', '2026', 'Policies', 'Identity Engine'), fc.string({ maxLength: 10 })), { maxLength: 6 }),
    fc.integer({ min: 1000, max: 3000 }).map((n) => Array.from({ length: n }, (_, i) => (i % 7 === 0 ? 'ea' : `value-${i}`))),
  ),
  { maxKeys: 8 },
);

/** Options as a careless or hostile caller may pass them (typed loosely on purpose). */
export const optionsArb: fc.Arbitrary<SearchOptions> = fc
  .record(
    {
      filters: filtersArb,
      sort: fc.constantFrom('relevance', 'newest', 'oldest', 'bogus', '', undefined),
      dateRange: fc.record({ from: dateArb, to: dateArb }, { requiredKeys: [] }),
      limit: fc.oneof(fc.integer({ min: -5, max: 2000 }), fc.constantFrom(Number.NaN, Infinity, -Infinity, 1e12, 0.5)),
      offset: fc.oneof(fc.integer({ min: -5, max: 500 }), fc.constantFrom(Number.NaN, Infinity, 1e15)),
    },
    { requiredKeys: [] },
  )
  .map((options) => options as unknown as SearchOptions);

/** Every way `result` breaks the SearchResult contract for `query`. */
export function resultProblems(result: SearchResult, query: string, limit = Infinity): string[] {
  const problems: string[] = [];
  if (!result || typeof result !== 'object') return ['result: not an object'];
  if (!Number.isInteger(result.total) || result.total < 0) problems.push(`total: ${result.total} is not a count`);
  if (!Array.isArray(result.hits)) return [...problems, 'hits: not an array'];
  if (result.hits.length > result.total) problems.push(`hits: ${result.hits.length} hits but total ${result.total}`);
  if (result.hits.length > limit) problems.push(`hits: ${result.hits.length} hits over the limit ${limit}`);
  if (typeof result.query !== 'string') problems.push('query: not a string');
  const ids = new Set<string>();
  result.hits.forEach((hit, i) => {
    if (typeof hit.id !== 'string' || ids.has(hit.id)) problems.push(`hit ${i}: missing or repeated id ${hit.id}`);
    ids.add(hit.id);
    if (!Number.isFinite(hit.score)) problems.push(`hit ${i}: score ${hit.score} is not finite`);
    const ranges = (where: string, text: string, list: readonly (readonly [number, number])[]) => {
      let last = 0;
      for (const [start, end] of list) {
        if (!(Number.isInteger(start) && Number.isInteger(end) && start >= last && start < end && end <= text.length)) {
          problems.push(`hit ${i} ${where}: range [${start}, ${end}) invalid for length ${text.length} (after ${last})`);
        }
        last = end;
      }
    };
    ranges('title', hit.title, hit.titleRanges);
    if (!hit.snippet || typeof hit.snippet.text !== 'string') problems.push(`hit ${i}: no snippet`);
    else ranges('snippet', hit.snippet.text, hit.snippet.ranges);
  });
  for (const facet of FACETS) {
    const counts = result.facets?.[facet];
    if (!Array.isArray(counts)) {
      problems.push(`facets.${facet}: missing`);
      continue;
    }
    for (const { value, count } of counts) if (typeof value !== 'string' || !Number.isInteger(count) || count < 0) problems.push(`facets.${facet}: bad entry ${value}=${count}`);
  }
  if (result.suggestion !== undefined && typeof result.suggestion !== 'string') problems.push('suggestion: not a string');
  void query;
  return problems;
}
