/** Pagefind 1.6 runtime: its own pagefind.js, imported from the index directory (browser only). */
import type { Filters } from '../../widget/search-types.ts';
import type { BenchHit, EngineRuntime, Searcher } from './types.ts';

interface PagefindResult {
  data(): Promise<{ url: string; meta: { title?: string } }>;
}
interface PagefindApi {
  init(): Promise<void>;
  search(term: string, options?: { filters?: Record<string, { any: string[] }> }): Promise<{ results: PagefindResult[] } | null>;
}

/** Record ids travel in the custom record's URL: `/r/<encoded id>`. */
export const idFromUrl = (url: string) => decodeURIComponent(url.slice(url.lastIndexOf('/r/') + 3));

export const runtime: EngineRuntime = {
  async open({ base }): Promise<Searcher> {
    const href = new URL('pagefind.js', base).href;
    const pagefind = (await import(/* @vite-ignore */ href)) as PagefindApi;
    await pagefind.init();
    return {
      async search(query: string, filters: Filters | undefined, limit: number): Promise<BenchHit[]> {
        const pf: Record<string, { any: string[] }> = {};
        for (const [facet, values] of Object.entries(filters ?? {})) if (values?.length) pf[facet] = { any: values };
        const res = await pagefind.search(query, Object.keys(pf).length ? { filters: pf } : {});
        if (!res) return [];
        const data = await Promise.all(res.results.slice(0, limit).map((r) => r.data()));
        return data.map((d) => ({ id: idFromUrl(d.url), title: d.meta.title ?? '' }));
      },
    };
  },
};
