/** changefind's own search core, loaded exactly as the widget loads it (loadIndex over fetch). */
import { loadIndex } from '../../widget/search-core.ts';
import type { Filters } from '../../widget/search-types.ts';
import type { BenchHit, EngineRuntime, Searcher } from './types.ts';

export const runtime: EngineRuntime = {
  async open({ base, fetch }): Promise<Searcher> {
    const core = await loadIndex(base, { fetch });
    return {
      search(query: string, filters: Filters | undefined, limit: number): BenchHit[] {
        const result = core.search(query, { filters, limit });
        return result.hits.map((h) => ({ id: h.id, title: h.title }));
      },
    };
  },
};
