/**
 * Lookups in the sorted vocabulary: prefix ranges by binary search and a typo-tolerant walk
 * (Damerau-Levenshtein, optimal string alignment) that shares DP rows between neighbouring terms
 * and skips whole prefix ranges once they cannot match: the radix-tree walk, on a sorted array.
 */

/** First index whose term is >= key. */
export function lowerBound(terms: readonly string[], key: string): number {
  let lo = 0;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (terms[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `[lo, hi)`: the term ids that begin with `prefix`. */
export function prefixRange(terms: readonly string[], prefix: string): [number, number] {
  return [lowerBound(terms, prefix), lowerBound(terms, prefix + '\uffff')];
}

/** Index of `term`, or -1. */
export function termId(terms: readonly string[], term: string): number {
  const i = lowerBound(terms, term);
  return terms[i] === term ? i : -1;
}

export interface FuzzyMatch {
  lo: number;
  hi: number;
  distance: number;
  /** The matched term, or in prefix mode the matched prefix every term in the range shares. */
  prefix: string;
}

/**
 * Terms within `maxDistance` edits of `query`. With `prefix`, a term matches when one of its
 * prefixes at least as long as the query does, and the whole range sharing that prefix is
 * returned at once. Stops after `maxMatches` matches.
 *
 * The first `keep` characters must be typed right (as Elasticsearch's `prefix_length`): misspellings
 * rarely touch the first letter, and walking only the terms that share it makes the walk ~20x
 * shorter than over the whole vocabulary.
 */
export function fuzzyMatches(terms: readonly string[], query: string, maxDistance: number, prefix: boolean, maxMatches = 64, keep = 1): FuzzyMatch[] {
  const m = query.length;
  const head = query.slice(0, keep);
  const last = lowerBound(terms, head + '\uffff');
  const rows: Int32Array[] = [Int32Array.from({ length: m + 1 }, (_, j) => j)];
  const out: FuzzyMatch[] = [];
  let prev = '';
  let valid = 0; // rows[0..valid] hold the DP for prev.slice(0, valid)
  let i = lowerBound(terms, head);
  while (i < last && out.length < maxMatches) {
    const t = terms[i]!;
    let k = 0;
    while (k < valid && k < t.length && t.charCodeAt(k) === prev.charCodeAt(k)) k++;
    let next = -1;
    for (k = k + 1; k <= t.length; k++) {
      const row = (rows[k] ??= new Int32Array(m + 1));
      const up = rows[k - 1]!;
      const c = t.charCodeAt(k - 1);
      row[0] = k;
      let min = k;
      for (let j = 1; j <= m; j++) {
        const q = query.charCodeAt(j - 1);
        let d = Math.min(up[j]! + 1, row[j - 1]! + 1, up[j - 1]! + (q === c ? 0 : 1));
        if (k > 1 && j > 1 && q === t.charCodeAt(k - 2) && query.charCodeAt(j - 2) === c) d = Math.min(d, rows[k - 2]![j - 2]! + 1);
        row[j] = d;
        if (d < min) min = d;
      }
      valid = k;
      prev = t;
      if (prefix && k >= m && row[m]! <= maxDistance) {
        const hi = lowerBound(terms, t.slice(0, k) + '\uffff');
        out.push({ lo: i, hi, distance: row[m]!, prefix: t.slice(0, k) });
        next = hi;
        break;
      }
      if (min > maxDistance) {
        next = lowerBound(terms, t.slice(0, k) + '\uffff');
        valid = k - 1;
        break;
      }
    }
    if (next >= 0) {
      i = Math.max(next, i + 1);
      continue;
    }
    if (!prefix && rows[t.length]![m]! <= maxDistance) out.push({ lo: i, hi: i + 1, distance: rows[t.length]![m]!, prefix: t });
    i++;
  }
  return out;
}
