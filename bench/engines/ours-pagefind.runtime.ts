/** changefind's Pagefind engine (issue 6), loaded as the widget loads it: loadEngine() with engine=pagefind. */
import { loadEngine } from '../../widget/load-engine.ts';
import type { Filters } from '../../widget/search-types.ts';
import type { BenchHit, EngineRuntime, Searcher } from './types.ts';

export const runtime: EngineRuntime = {
  async open({ base, fetch }): Promise<Searcher> {
    const engine = await loadEngine(base, { fetch, engine: 'pagefind' });
    return {
      async search(query: string, filters: Filters | undefined, limit: number): Promise<BenchHit[]> {
        const result = await engine.search(query, filters ? { filters, limit } : { limit });
        return result.hits.map((h) => ({ id: h.id, title: h.title }));
      },
    };
  },
};
