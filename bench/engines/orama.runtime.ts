/** Orama 3 runtime. */
import { create, load, search, type AnyOrama } from '@orama/orama';
import type { Filters } from '../../widget/search-types.ts';
import { hasFilters } from './peer-doc.ts';
import type { BenchHit, EngineRuntime, Searcher } from './types.ts';

export const ORAMA_SCHEMA = {
  id: 'string',
  title: 'string',
  text: 'string',
  keys: 'string',
  lifecycle: 'enum',
  kind: 'enum',
  product: 'enum',
  releaseType: 'enum',
  year: 'enum',
  areas: 'enum[]',
} as const;

export const ORAMA_SEARCH = { properties: ['title', 'text', 'keys'], boost: { title: 2 }, tolerance: 1 } as const;

function where(filters: Filters) {
  const clause: Record<string, unknown> = {};
  for (const [facet, values] of Object.entries(filters)) {
    if (!values || values.length === 0) continue;
    if (facet === 'area') clause['areas'] = { containsAny: values };
    else clause[facet] = { in: values };
  }
  return clause;
}

export const runtime: EngineRuntime = {
  async open({ base, fetch }): Promise<Searcher> {
    const raw = await (await fetch(new URL('index.json', base))).json();
    const db: AnyOrama = create({ schema: ORAMA_SCHEMA });
    load(db, raw);
    return {
      async search(query: string, filters: Filters | undefined, limit: number): Promise<BenchHit[]> {
        const result = await search(db, {
          term: query,
          ...ORAMA_SEARCH,
          properties: [...ORAMA_SEARCH.properties],
          limit,
          ...(hasFilters(filters) ? { where: where(filters) } : {}),
        } as never);
        return result.hits.map((h) => ({ id: String(h.id), title: String((h.document as unknown as { title: string }).title) }));
      },
    };
  },
};
