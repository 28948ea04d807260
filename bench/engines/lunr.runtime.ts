/** Lunr 2 runtime: the query built the way a competent user would (prefix on the last term, fuzzy on long ones). */
import lunr from 'lunr';
import type { Filters } from '../../widget/search-types.ts';
import { hasFilters, matchesFilters, type PeerFacets } from './peer-doc.ts';
import type { BenchHit, EngineRuntime, Searcher } from './types.ts';

/**
 * Display and facet fields beside the Lunr index (Lunr stores no documents), by ref. Refs are record
 * positions: Lunr repeats the ref in every posting, and record ids are long.
 */
export type LunrDocs = (PeerFacets & { id: string; title: string; url: string })[];

/** Every term is required to match somewhere only if it can; Lunr's default OR semantics are kept. */
export function buildQuery(query: string): (q: lunr.Query) => void {
  const tokens = lunr.tokenizer(query).map((t) => t.toString()).filter((t) => t.length > 0);
  return (q) => {
    tokens.forEach((term, i) => {
      const last = i === tokens.length - 1;
      q.term(term, { boost: 10 });
      if (last) q.term(term, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING, boost: 5 });
      if (term.length >= 5) q.term(term, { usePipeline: false, editDistance: 1, boost: 1 });
    });
  };
}

export const runtime: EngineRuntime = {
  async open({ base, fetch }): Promise<Searcher> {
    const [indexJson, docs] = await Promise.all([
      (await fetch(new URL('index.json', base))).json(),
      (await fetch(new URL('docs.json', base))).json() as Promise<LunrDocs>,
    ]);
    const index = lunr.Index.load(indexJson);
    return {
      search(query: string, filters: Filters | undefined, limit: number): BenchHit[] {
        let results: lunr.Index.Result[];
        try {
          results = index.query(buildQuery(query));
        } catch {
          return [];
        }
        const out: BenchHit[] = [];
        for (const r of results) {
          const doc = docs[Number(r.ref)];
          if (!doc) continue;
          if (hasFilters(filters) && !matchesFilters(doc, filters)) continue;
          out.push({ id: doc.id, title: doc.title });
          if (out.length === limit) break;
        }
        return out;
      },
    };
  },
};
