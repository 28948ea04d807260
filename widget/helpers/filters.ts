/** Pure operations on the selected filters and on the facet lists the element shows. */
import { FACETS, type FacetName } from '../../indexer/schema.ts';
import type { DateRange, FacetValueCount, Filters } from '../search-types.ts';

/** One active filter, as shown by a chip. `facet` is `from`/`to` for the date range ends. */
export type Chip = { facet: FacetName; value: string } | { facet: 'from' | 'to'; value: string };

/** Adds `value` to the facet's selection, or removes it when already selected (empty facets are dropped). */
export function toggleFilter(filters: Filters, facet: FacetName, value: string): Filters {
  const current = filters[facet] ?? [];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  const out: Filters = { ...filters };
  if (next.length) out[facet] = next;
  else delete out[facet];
  return out;
}

/** Active filters in facet order then selection order, date range last. */
export function activeChips(filters: Filters, dateRange: DateRange): Chip[] {
  const chips: Chip[] = [];
  for (const facet of FACETS) for (const value of filters[facet] ?? []) chips.push({ facet, value });
  for (const end of ['from', 'to'] as const) if (dateRange[end]) chips.push({ facet: end, value: dateRange[end] });
  return chips;
}

/**
 * The values a facet shows: every value with a count, plus selected values the result no longer counts
 * (count 0, so a reader can still untick them). Years are listed newest first; other facets keep the
 * core's order (count desc, then value).
 */
export function facetOptions(facet: FacetName, counts: readonly FacetValueCount[], selected: readonly string[] = []): FacetValueCount[] {
  const seen = new Set(counts.map((c) => c.value));
  const out = [...counts, ...selected.filter((v) => !seen.has(v)).map((value) => ({ value, count: 0 }))];
  return facet === 'year' ? out.sort((a, b) => (a.value < b.value ? 1 : a.value > b.value ? -1 : 0)) : out;
}

/** True when nothing narrows the result. */
export function isUnfiltered(filters: Filters, dateRange: DateRange): boolean {
  return activeChips(filters, dateRange).length === 0;
}
