/**
 * The in-page side of the browser bench (bundled with one engine's runtime per page):
 * opens the engine on load, shows the first result, records when, then waits for the
 * bench to drive keystrokes or relevance queries through `window.__bench`.
 */
import type { Filters } from '../../widget/search-types.ts';
import type { EngineRuntime, Searcher } from '../engines/types.ts';

export interface PageConfig {
  /** Index directory, relative to the page. */
  base: string;
  /** The query typed for the first result. */
  firstQuery: string;
}

export interface PageState {
  first?: { t: number; title: string | null };
  error?: string;
  keystrokes?: (strokes: { q: string; filters?: Filters }[], budgetMs: number) => Promise<number[]>;
  rank?: (queries: { q: string; filters?: Filters }[]) => Promise<string[][]>;
}

declare global {
  interface Window {
    __BENCH_CONFIG: PageConfig;
    __bench: PageState;
  }
}

export function startPage(runtime: EngineRuntime): void {
  const state: PageState = {};
  window.__bench = state;
  let searcher: Searcher | undefined;
  const ready = (async () => {
    const cfg = window.__BENCH_CONFIG;
    searcher = await runtime.open({ base: new URL(cfg.base, location.href).href, fetch: window.fetch.bind(window) });
    const hits = await searcher.search(cfg.firstQuery, undefined, 10);
    const p = document.createElement('p');
    p.textContent = hits[0]?.title ?? '(no result)';
    document.body.append(p);
    state.first = { t: performance.now(), title: hits[0]?.title ?? null };
    await fetch('/__mark', { cache: 'no-store' });
  })().catch((e: unknown) => {
    state.error = String((e as Error)?.stack ?? e);
  });
  state.keystrokes = async (strokes, budgetMs) => {
    await ready;
    const out: number[] = [];
    let spent = 0;
    for (const s of strokes) {
      const t0 = performance.now();
      await searcher!.search(s.q, s.filters, 10);
      const dt = performance.now() - t0;
      out.push(dt);
      spent += dt;
      if (spent >= budgetMs) break;
    }
    return out;
  };
  state.rank = async (queries) => {
    await ready;
    const out: string[][] = [];
    for (const q of queries) out.push((await searcher!.search(q.q, q.filters, 10)).map((h) => h.id));
    return out;
  };
}
