/**
 * Picking the first hits without sorting every match: a walk down the precomputed date order for
 * newest/oldest, and a quickselect threshold for relevance.
 */
import type { IndexData } from './index-data.ts';
import { sortDocs } from './list.ts';

/** The first `k` of `docs` in date order (newest or oldest first; undated last). */
export function firstByDate(data: IndexData, docs: ArrayLike<number>, k: number, oldest: boolean, mark: Uint32Array, stamp: number): number[] {
  for (let i = 0; i < docs.length; i++) mark[docs[i]!] = stamp;
  const out: number[] = [];
  const { byDate, datedCount } = data;
  const n = byDate.length;
  if (oldest) {
    for (let i = datedCount - 1; i >= 0 && out.length < k; i--) if (mark[byDate[i]!] === stamp) out.push(byDate[i]!);
    for (let i = datedCount; i < n && out.length < k; i++) if (mark[byDate[i]!] === stamp) out.push(byDate[i]!);
  } else {
    for (let i = 0; i < n && out.length < k; i++) if (mark[byDate[i]!] === stamp) out.push(byDate[i]!);
  }
  return out;
}

/** k-th largest value of `values` (k >= 1), reordering `values` in place. */
function kthLargest(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  const target = k - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >>> 1]!;
    let i = lo, j = hi;
    while (i <= j) {
      while (values[i]! > pivot) i++;
      while (values[j]! < pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i++] = values[j]!;
        values[j--] = t;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  return values[target]!;
}

let scratch = new Float64Array(0);

/** The `k` docs with the highest `rank`, ties newest first then by document order. */
export function firstByRank(data: IndexData, docs: ArrayLike<number>, k: number, rank: Float64Array): number[] {
  if (k <= 0) return [];
  const pool: number[] = [];
  if (docs.length > k) {
    if (scratch.length < docs.length) scratch = new Float64Array(Math.max(docs.length, scratch.length * 2));
    const values = scratch.subarray(0, docs.length);
    for (let i = 0; i < docs.length; i++) values[i] = rank[docs[i]!]!;
    const threshold = kthLargest(values, k);
    for (let i = 0; i < docs.length; i++) if (rank[docs[i]!]! >= threshold) pool.push(docs[i]!);
  } else {
    for (let i = 0; i < docs.length; i++) pool.push(docs[i]!);
  }
  const { dateRank } = data;
  sortDocs(pool, (a, b) => rank[a]! > rank[b]! || (rank[a] === rank[b] && (dateRank[a]! < dateRank[b]! || (dateRank[a] === dateRank[b] && a < b))));
  if (pool.length > k) pool.length = k;
  return pool;
}
