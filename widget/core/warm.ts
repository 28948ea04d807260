/**
 * Idle-time warm-up (DESIGN.md, "Speed"): searches built from the index's own data, so the JIT has
 * compiled every query path before the reader's keystrokes. Bounded by a CPU budget and a search count.
 */
import { FACETS } from '../../indexer/schema.ts';
import type { SearchOptions } from '../search-types.ts';
import type { IndexData } from './index-data.ts';

/** Total CPU time spent warming, in milliseconds. */
export const WARM_BUDGET_MS = 300;
/** At most this many warm-up searches. */
export const WARM_MAX = 1500;
/** Longest slice where requestIdleCallback is missing (Node, Safari). */
const SLICE_MS = 4;
/** Sampled titles (every k-th doc). */
const TITLES = 24;

/** The warm-up's searches, in order: every query path first, then prefixes of sampled titles with varied options. */
export function* warmQueries(data: IndexData): Generator<[string, SearchOptions]> {
  const { docs, terms, facets, byDate } = data;
  const date = (i: number) => docs[byDate[i]!]?.date ?? '';
  const variants: SearchOptions[] = [{}, { sort: 'newest' }, { sort: 'oldest' }, { offset: 10 }, { dateRange: { from: date(data.datedCount >> 1), to: date(0) } }];
  for (const f of FACETS) for (const v of facets[f].values.slice(0, 1)) variants.push({ filters: { [f]: [v] } });
  const ids = [/^[a-z][a-z0-9]*-\d{4,}$/, /^[a-z0-9]+_[a-z0-9_]+$/, /^\/[a-z][\w/-]{2,23}$/].map((re) => terms.find((t) => re.test(t)) ?? '');
  let i = 0;
  for (const q of ['', `"${docs[0]?.title.split(' ', 2).join(' ')}"`, ...ids]) for (const o of variants) yield [q, { ...o, limit: 10 }];
  for (let d = 0; d < docs.length; d += Math.ceil(docs.length / TITLES)) {
    const title = docs[d]!.title;
    for (let end = 1; end <= title.length; end++) yield [title.slice(0, end), { ...variants[i++ % variants.length], limit: 10 }];
  }
}

/**
 * Runs `step` (one search; false when there is nothing left) in idle slices until it returns false,
 * `budget` ms of CPU are spent or `stopped()` holds; resolves with the number of steps run.
 */
export function runIdle(step: () => boolean, stopped: () => boolean, budget: number): Promise<number> {
  const idle = (globalThis as { requestIdleCallback?: (cb: (d: { timeRemaining(): number }) => void) => void }).requestIdleCallback;
  const now = () => performance.now();
  let spent = 0;
  let runs = 0;
  let more = true;
  return new Promise((resolve) => {
    const slice = (deadline?: { timeRemaining(): number }) => {
      const t0 = now();
      const end = t0 + Math.min(deadline ? deadline.timeRemaining() : SLICE_MS, budget - spent);
      while (more && !stopped() && now() < end) if ((more = step())) runs++;
      spent += now() - t0;
      if (more && !stopped() && spent < budget) next();
      else resolve(runs);
    };
    const next = () => (idle ? idle(slice) : setTimeout(slice));
    next();
  });
}
