/**
 * `items.map(fn)` and `items.filter(keep)`, built by pushing onto one array literal per helper, so a
 * result has the same elements kind, and so the same map, whichever JIT tier built it.
 *
 * Measured in Chromium (`--trace-opt --trace-deopt`): once V8's optimizing compiler had compiled a
 * function that builds the query's slots, alternatives or prepared slots with `Array.prototype.map`
 * or `filter`, the code reading those arrays (an empty filter result too) met array maps it had not
 * seen: ~15 functions deoptimized at once, each then compiled again (60-190 ms of a worker thread
 * apiece), at a random moment well after the idle-time warm-up.
 */
export function list<T, U>(items: readonly T[], fn: (item: T, i: number) => U): U[] {
  const out: U[] = [];
  for (let i = 0; i < items.length; i++) out.push(fn(items[i]!, i));
  return out;
}

/** `items.filter(keep)` (see list). */
export function filtered<T>(items: readonly T[], keep: (item: T) => boolean): T[] {
  const out: T[] = [];
  for (let i = 0; i < items.length; i++) if (keep(items[i]!)) out.push(items[i]!);
  return out;
}

/** `items.sort(...)` for short lists (a query's words or slots): insertion sort, in place, stable. */
export function sortBy<T>(items: T[], before: (a: T, b: T) => boolean): T[] {
  for (let i = 1; i < items.length; i++) {
    const v = items[i]!;
    let j = i - 1;
    while (j >= 0 && before(v, items[j]!)) (items[j + 1] = items[j]!), j--;
    items[j + 1] = v;
  }
  return items;
}

/** Runs this short are sorted by insertion before merging. */
const RUN = 16;
let runA = new Int32Array(256);
let runB = new Int32Array(256);

/**
 * Sorts doc numbers in place, stably, by `before` (true when `a` goes first): a merge sort over two
 * scratch arrays kept between calls. Array#sort allocates a work space on every call, and boxes each
 * fractional result of a comparator; the search sorts on every keystroke, and its garbage sets how
 * often young-generation collections interrupt one (DESIGN.md, "Speed").
 */
export function sortDocs(docs: number[], before: (a: number, b: number) => boolean): number[] {
  const n = docs.length;
  if (runA.length < n) (runA = new Int32Array(2 * n)), (runB = new Int32Array(2 * n));
  let src = runA, dst = runB;
  for (let i = 0; i < n; i++) src[i] = docs[i]!;
  for (let lo = 0; lo < n; lo += RUN) {
    const hi = Math.min(lo + RUN, n);
    for (let i = lo + 1; i < hi; i++) {
      const v = src[i]!;
      let j = i - 1;
      while (j >= lo && before(v, src[j]!)) (src[j + 1] = src[j]!), j--;
      src[j + 1] = v;
    }
  }
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n), hi = Math.min(lo + 2 * width, n);
      let i = lo, j = mid, k = lo;
      while (i < mid && j < hi) dst[k++] = before(src[j]!, src[i]!) ? src[j++]! : src[i++]!;
      while (i < mid) dst[k++] = src[i++]!;
      while (j < hi) dst[k++] = src[j++]!;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  for (let i = 0; i < n; i++) docs[i] = src[i]!;
  return docs;
}
