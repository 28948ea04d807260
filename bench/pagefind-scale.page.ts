/**
 * In-page side of bench/pagefind-scale.ts: loads the engine of `idx/` the way the widget does
 * (loadEngine, `?engine=` as the widget's `engine` attribute), shows the first result of `?q=`
 * (empty = browse with facets, as the widget opens), then runs keystrokes for the bench.
 */
import { loadEngine } from '../widget/load-engine.ts';
import type { Filters, SearchEngine } from '../widget/search-types.ts';
import type { PageState } from './page/driver.ts';

const params = new URLSearchParams(location.search);
const state: PageState = {};
window.__bench = state;
let engine: SearchEngine | undefined;

const ready = (async () => {
  engine = await loadEngine(new URL('idx/', location.href), { engine: params.get('engine') });
  const result = await engine.search(params.get('q') ?? '', { limit: 10 });
  const p = document.createElement('p');
  p.textContent = result.hits[0]?.title ?? '(no result)';
  document.body.append(p);
  state.first = { t: performance.now(), title: result.hits[0]?.title ?? null };
  await fetch('/__mark', { cache: 'no-store' });
})().catch((e: unknown) => {
  state.error = String((e as Error)?.stack ?? e);
});

/** Each stroke: the whole search of that prefix (facets, sort, the shown page's records), awaited. */
state.keystrokes = async (strokes: { q: string; filters?: Filters }[], budgetMs: number) => {
  await ready;
  const out: number[] = [];
  let spent = 0;
  for (const s of strokes) {
    const t0 = performance.now();
    await engine!.search(s.q, { limit: 10, ...(s.filters ? { filters: s.filters } : {}) });
    const dt = performance.now() - t0;
    out.push(dt);
    spent += dt;
    if (spent > budgetMs) break;
  }
  return out;
};
