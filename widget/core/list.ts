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
