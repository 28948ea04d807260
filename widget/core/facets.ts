/**
 * Facet filtering and counting in one pass: OR within a facet, AND across facets, and each
 * facet counted as if its own selection were cleared (a doc failing exactly one facet counts
 * only for that facet).
 */
import { FACETS, type FacetName } from '../../indexer/schema.ts';
import type { FacetValueCount, Filters } from '../search-types.ts';
import type { FacetColumn, IndexData } from './index-data.ts';

export interface FacetOutcome {
  /** Docs passing every filter, in input order. */
  passing: number[];
  facets: Record<FacetName, FacetValueCount[]>;
}

interface ActiveFilter {
  facet: FacetName;
  column: FacetColumn;
  /** Selected value ids (unknown values select nothing). */
  selected: Uint8Array;
}

function compile(data: IndexData, filters: Filters | undefined): ActiveFilter[] {
  const out: ActiveFilter[] = [];
  if (!filters || typeof filters !== 'object') return out;
  for (const facet of FACETS) {
    const values = filters[facet];
    if (!Array.isArray(values) || values.length === 0) continue;
    const column = data.facets[facet];
    const selected = new Uint8Array(column.values.length);
    const wanted = new Set(values.map(String));
    column.values.forEach((v, i) => (selected[i] = wanted.has(v) ? 1 : 0));
    out.push({ facet, column, selected });
  }
  return out;
}

function holds(f: ActiveFilter, d: number): boolean {
  const { offsets, items } = f.column.rows;
  for (let i = offsets[d]!; i < offsets[d + 1]!; i++) if (f.selected[items[i]!]) return true;
  return false;
}

export function applyFacets(data: IndexData, docs: readonly number[], filters: Filters | undefined): FacetOutcome {
  const active = compile(data, filters);
  const counts = FACETS.map((f) => new Uint32Array(data.facets[f].values.length));
  const rows = FACETS.map((f) => data.facets[f].rows);
  const activeIndex = active.map((f) => FACETS.indexOf(f.facet));
  const passing: number[] = [];
  for (const d of docs) {
    let failed = -1;
    let failures = 0;
    for (let a = 0; a < active.length; a++) {
      if (!holds(active[a]!, d)) {
        failures++;
        failed = activeIndex[a]!;
        if (failures > 1) break;
      }
    }
    if (failures > 1) continue;
    if (failures === 0) passing.push(d);
    for (let fi = failures === 0 ? 0 : failed; fi < (failures === 0 ? FACETS.length : failed + 1); fi++) {
      const { offsets, items } = rows[fi]!;
      const c = counts[fi]!;
      for (let i = offsets[d]!; i < offsets[d + 1]!; i++) c[items[i]!]!++;
    }
  }
  const facets = {} as Record<FacetName, FacetValueCount[]>;
  FACETS.forEach((facet, fi) => {
    const selected = active.find((a) => a.facet === facet)?.selected;
    facets[facet] = data.facets[facet].values
      .map((value, i) => ({ value, count: counts[fi]![i]! }))
      .filter((c, i) => c.count > 0 || selected?.[i] === 1)
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  });
  return { passing, facets };
}
