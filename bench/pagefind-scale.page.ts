/**
 * In-page side of bench/pagefind-scale.ts: loads the engine of `idx/` the way the widget does
 * (loadEngine, `?engine=` as the widget's `engine` attribute), shows the first result of `?q=`
 * (empty = browse with facets, as the widget opens; then its whole answer when it came in steps), then
 * runs keystrokes for the bench: one at a time (each awaited to its first and its whole answer, with
 * where the Pagefind engine's time went), and fast typing (every prefix
 * fired `gapMs` apart without waiting, as a quick typist does; the time from the last key to its result).
 */
import { loadEngine } from '../widget/load-engine.ts';
import type { Filters, SearchEngine } from '../widget/search-types.ts';
import type { PageState } from './page/driver.ts';

/** One awaited stroke: total ms, and for the Pagefind engine the ms waiting for Pagefind, in its wasm search, loading records. */
export interface StrokeSplit {
  total: number;
  pagefind: number;
  wasm: number;
  data: number;
  searches: number;
}

declare global {
  interface Window {
    /** When the whole answer of `?q=` was in (the first one when the engine answered at once), and its total. */
    __complete?: { t: number; total: number };
    /** Per awaited stroke: ms from the stroke to its whole answer (the first one when it came at once). */
    __strokeComplete?: number[];
    __strokeSplits?: StrokeSplit[];
    __typeFast?: (queries: string[], gapMs: number, budgetMs: number) => Promise<number[]>;
  }
}

type Work = { searches: number; pagefindMs: number; wasmMs: number; dataMs: number };

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
  const whole = result.pending ? await result.pending.complete : result;
  window.__complete = { t: result.pending ? performance.now() : state.first.t, total: whole.total };
})().catch((e: unknown) => {
  state.error = String((e as Error)?.stack ?? e);
});

const work = (): Work | undefined => (engine as unknown as { work?: Work }).work;

/** Each stroke: the whole search of that prefix (facets, sort, the shown page's records), awaited. */
state.keystrokes = async (strokes: { q: string; filters?: Filters }[], budgetMs: number) => {
  await ready;
  const out: number[] = [];
  const complete: number[] = [];
  const splits: StrokeSplit[] = [];
  let spent = 0;
  for (const s of strokes) {
    const before = { ...(work() ?? { searches: 0, pagefindMs: 0, wasmMs: 0, dataMs: 0 }) };
    const t0 = performance.now();
    const result = await engine!.search(s.q, { limit: 10, ...(s.filters ? { filters: s.filters } : {}) });
    const dt = performance.now() - t0;
    const after = work();
    out.push(dt);
    if (after) splits.push({ total: dt, pagefind: after.pagefindMs - before.pagefindMs, wasm: after.wasmMs - before.wasmMs, data: after.dataMs - before.dataMs, searches: after.searches - before.searches });
    // Then the whole answer (older bundles, facet counts), awaited before the next stroke.
    if (result.pending) await result.pending.complete;
    complete.push(performance.now() - t0);
    spent += performance.now() - t0;
    if (spent > budgetMs) break;
  }
  window.__strokeSplits = splits;
  window.__strokeComplete = complete;
  return out;
};

/** Types each query at one key per `gapMs` without awaiting; returns ms from its last key to the last prefix's result. */
window.__typeFast = async (queries: string[], gapMs: number, budgetMs: number) => {
  await ready;
  const out: number[] = [];
  const start = performance.now();
  for (const q of queries) {
    let last: Promise<unknown> = Promise.resolve();
    for (let i = 1; i <= q.length; i++) {
      last = Promise.resolve(engine!.search(q.slice(0, i), { limit: 10 })).catch((e: unknown) => {
        if ((e as Error)?.name !== 'AbortError') throw e;
      });
      if (i < q.length) await new Promise((r) => setTimeout(r, gapMs));
    }
    const t0 = performance.now();
    await last;
    out.push(performance.now() - t0);
    if (performance.now() - start > budgetMs) break;
  }
  return out;
};
