/** FlexSearch 0.8 Document runtime. */
import { Document, Charset } from 'flexsearch';
import type { Filters } from '../../widget/search-types.ts';
import { hasFilters, matchesFilters, type PeerFacets } from './peer-doc.ts';
import type { BenchHit, EngineRuntime, Searcher } from './types.ts';

export const TAGS = ['lifecycle', 'kind', 'product', 'releaseType', 'year', 'areas'] as const;

/**
 * The index options, shared by build and load (FlexSearch needs the same options to import).
 * Documents are keyed by their position (numeric ids, as FlexSearch advises: string ids repeated in
 * every posting made the exported index 29 MB instead of 2.7 MB on the real corpus); the record id is stored as `rid`.
 */
export function flexOptions() {
  return {
    document: {
      id: 'id',
      index: [
        { field: 'title', tokenize: 'forward' },
        { field: 'text', tokenize: 'forward' },
        { field: 'keys', tokenize: 'forward' },
      ],
      tag: [...TAGS],
      store: ['rid', 'title', 'url', 'release', 'date', ...TAGS],
    },
    encoder: Charset.LatinBalance,
    resolution: 9,
    cache: false,
  };
}

type StoredDoc = PeerFacets & { title: string; rid: string };
interface EnrichedHit {
  id: string | number;
  doc: StoredDoc | null;
}

export const runtime: EngineRuntime = {
  async open({ base, fetch }): Promise<Searcher> {
    const data = (await (await fetch(new URL('index.json', base))).json()) as Record<string, string>;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const index = new Document(flexOptions() as any);
    for (const [key, value] of Object.entries(data)) index.import(key, value);
    return {
      search(query: string, filters: Filters | undefined, limit: number): BenchHit[] {
        const entries = hasFilters(filters) ? Object.entries(filters).filter(([, v]) => v && v.length > 0) : [];
        // One facet with one value: FlexSearch's own tag filter. Several values or facets: the tag index
        // ORs them, so the first facet narrows natively and application code applies OR/AND exactly.
        const first = entries[0];
        const facet = first && (first[0] === 'area' ? 'areas' : first[0]);
        const native = entries.length === 1 && first?.[1]?.length === 1;
        const opts = {
          limit: native || entries.length === 0 ? limit : 1000,
          suggest: true,
          merge: true,
          enrich: true,
          ...(first && facet ? { tag: { [facet]: first[1]![0]! } } : {}),
        };
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        let hits = index.search(query, opts as any) as unknown as EnrichedHit[];
        if (!native && entries.length > 0) hits = hits.filter((h) => h.doc && matchesFilters(h.doc, filters));
        return hits.slice(0, limit).map((h) => ({ id: h.doc?.rid ?? String(h.id), title: h.doc?.title ?? '' }));
      },
    };
  },
};
