/**
 * Word -> vocabulary: the exact term, its stem variants, every term it begins (while typing)
 * and, only when those find (almost) nothing, terms within a typo distance scaled with length.
 */
import type { IndexData } from './index-data.ts';
import type { Word } from './query.ts';
import { stem } from './stem.ts';
import { fuzzyMatches, prefixRange, termId } from './vocab.ts';

export interface TermRange {
  lo: number;
  hi: number;
  /** The prefix every term in the range begins with (for highlighting). */
  prefix: string;
  /** Score multiplier; each term also scales by how much of it the prefix covers. */
  weight: number;
}

export interface Expansion {
  ids: number[];
  weights: number[];
  ranges: TermRange[];
  /** Postings this expansion touches when scanned in full. */
  cost: number;
  /** A one- or two-letter prefix: scanned over head fields only when it drives the search. */
  short: boolean;
}

const STEM_WEIGHT = 0.85;
/** A path under a typed path (prefixWeight never exceeds 0.9). */
const SUBPATH_WEIGHT = 0.95;
const FUZZY_WEIGHT = [1, 0.55, 0.35];
/** Typo tolerance kicks in when the word's own forms occur in fewer documents than this. */
const FUZZY_BELOW_DF = 2;
const LETTERS = /^\p{L}+$/u;

/** Edits allowed for a word of this length: none below 4 letters, 1 up to 7, then 2. */
export function typoBudget(word: string): number {
  if (!LETTERS.test(word) || word.length < 4) return 0;
  return word.length < 8 ? 1 : 2;
}

/** Weight of a term found by prefix: higher the more of it was typed. */
export function prefixWeight(typed: number, termLength: number): number {
  return 0.55 + (0.35 * typed) / Math.max(typed, termLength);
}

/**
 * Weight of term `term` found through range `r`. A typed API path is a whole path even while it is
 * the last token: the paths under it (`/api/v1/groups` -> `/api/v1/groups/{groupId}/roles`) are the
 * same endpoint family and match at nearly full weight (below the exact path, above a partly typed word).
 */
export function rangeTermWeight(r: TermRange, term: string): number {
  const n = r.prefix.length;
  if (r.prefix.charCodeAt(0) === 47 && (term.length === n || term.charCodeAt(n) === 47)) return r.weight * (term.length === n ? 1 : SUBPATH_WEIGHT);
  return r.weight * prefixWeight(n, term.length);
}

export function expandWord(data: IndexData, word: Word): Expansion {
  const { terms, postings } = data;
  const df = (t: number): number => postings.offsets[t + 1]! - postings.offsets[t]!;
  const ids: number[] = [];
  const weights: number[] = [];
  const add = (t: number, w: number): void => {
    const i = ids.indexOf(t);
    if (i < 0) ids.push(t), weights.push(w);
    else if (weights[i]! < w) weights[i] = w;
  };
  const ranges: TermRange[] = [];
  const text = word.text;
  const exact = termId(terms, text);
  if (exact >= 0) add(exact, 1);
  if (word.mode !== 'exact') for (const t of data.stems.get(stem(text)) ?? []) add(t, STEM_WEIGHT);
  if (word.mode === 'prefix') {
    const [lo, hi] = prefixRange(terms, text);
    if (hi > lo) ranges.push({ lo, hi, prefix: text, weight: 1 });
  }
  let found = ids.reduce((s, t) => s + df(t), 0) + ranges.reduce((s, r) => s + postings.offsets[r.hi]! - postings.offsets[r.lo]!, 0);
  const budget = word.mode === 'exact' ? 0 : typoBudget(text);
  if (found < FUZZY_BELOW_DF && budget > 0) {
    for (const m of fuzzyMatches(terms, text, budget, word.mode === 'prefix')) {
      const w = FUZZY_WEIGHT[m.distance] ?? 0;
      if (m.distance === 0) continue;
      if (word.mode === 'prefix') ranges.push({ lo: m.lo, hi: m.hi, prefix: m.prefix, weight: w });
      else add(m.lo, w);
    }
    found = ids.reduce((s, t) => s + df(t), 0) + ranges.reduce((s, r) => s + postings.offsets[r.hi]! - postings.offsets[r.lo]!, 0);
  }
  return { ids, weights, ranges, cost: found, short: word.mode === 'prefix' && text.length < 3 };
}
