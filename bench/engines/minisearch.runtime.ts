/** MiniSearch 7 runtime, shared by the "defaults" and the "tuned" peer. */
import MiniSearch, { type Options, type SearchOptions } from 'minisearch';
import type { Filters } from '../../widget/search-types.ts';
import { matchesFilters, hasFilters, type PeerDoc, type PeerFacets } from './peer-doc.ts';
import type { BenchHit, EngineRuntime, Searcher } from './types.ts';

type Stored = PeerFacets & Pick<PeerDoc, 'title' | 'url' | 'release' | 'date'>;

export const MINISEARCH_FIELDS: Options<PeerDoc> = {
  fields: ['title', 'text', 'keys'],
  storeFields: ['title', 'url', 'release', 'date', 'lifecycle', 'kind', 'product', 'releaseType', 'year', 'areas'],
};

/** `tuned`: the options issue 3 names; otherwise MiniSearch's defaults. */
export const TUNED_SEARCH: SearchOptions = { prefix: true, fuzzy: 0.2, boost: { title: 2 } };

export function miniSearchRuntime(tuned: boolean): EngineRuntime {
  return {
    async open({ base, fetch }): Promise<Searcher> {
      const json = await (await fetch(new URL('index.json', base))).text();
      const options: Options<PeerDoc> = tuned ? { ...MINISEARCH_FIELDS, searchOptions: TUNED_SEARCH } : MINISEARCH_FIELDS;
      const index = MiniSearch.loadJSON<PeerDoc>(json, options);
      return {
        search(query: string, filters: Filters | undefined, limit: number): BenchHit[] {
          const opts: SearchOptions = hasFilters(filters)
            ? { filter: (r) => matchesFilters(r as unknown as Stored, filters) }
            : {};
          const results = index.search(query, opts);
          return results.slice(0, limit).map((r) => ({ id: String(r.id), title: String(r['title']) }));
        },
      };
    },
  };
}
