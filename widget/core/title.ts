/**
 * Title evidence for the final ranking of the best candidates: how many of the query's slots the
 * title answers, whether they stand next to each other as typed, and how much of the title they
 * cover. A change named by the query outranks one that merely mentions its words.
 */
import type { Expansion } from './expand.ts';
import type { IndexData } from './index-data.ts';
import type { PreparedSlot } from './match.ts';

function holds(exp: Expansion, t: number): boolean {
  if (t < 0) return false;
  const { ids, ranges } = exp;
  for (let i = 0; i < ids.length; i++) if (ids[i] === t) return true;
  for (let i = 0; i < ranges.length; i++) if (t >= ranges[i]!.lo && t < ranges[i]!.hi) return true;
  return false;
}

/** Every word of `alt` held by consecutive positions from `i` of `words`. */
function holdsAll(alt: PreparedSlot['alts'][number], words: Int32Array, i: number): boolean {
  const w = alt.words;
  for (let j = 0; j < w.length; j++) if (!holds(w[j]!.exp, words[i + j]!)) return false;
  return true;
}

/** Words of the best alternative of `p` matched at title position `i` (0 = none). */
function matchAt(p: PreparedSlot, words: Int32Array, i: number, end: number): number {
  let best = 0;
  for (let a = 0; a < p.alts.length; a++) {
    const alt = p.alts[a]!;
    const n = alt.words.length;
    if (n <= best || i + n > end) continue;
    if (holdsAll(alt, words, i)) best = n;
  }
  return best;
}

/** The largest multiplier titleBoost() can return (1 + 0.8 + 0.4 + 1.5). */
export const TITLE_BOOST_MAX = 3.7;

/** Scratch: first title position of each slot, -1 when absent (reused: no allocation per doc). */
let at = new Int32Array(8);

/** Multiplier >= 1 for doc `d` given the query's required slots in typed order. */
export function titleBoost(data: IndexData, slots: readonly PreparedSlot[], d: number): number {
  const k = slots.length;
  if (k === 0) return 1;
  const { offsets, items } = data.titleWords;
  const start = offsets[d]!, end = offsets[d + 1]!;
  const wholeStart = data.titleWhole.offsets[d]!, wholeEnd = data.titleWhole.offsets[d + 1]!;
  if (at.length < k) at = new Int32Array(Math.max(k, 2 * at.length));
  let covered = 0;
  for (let s = 0; s < k; s++) {
    const p = slots[s]!;
    let pos = -1;
    for (let i = start; i < end && pos < 0; i++) {
      const n = matchAt(p, items, i, end);
      if (n > 0) {
        pos = i;
        covered += n;
      }
    }
    if (pos < 0 && p.identifier) {
      const whole = p.alts[0]!;
      for (let i = wholeStart; i < wholeEnd; i++) {
        const t = data.titleWhole.items[i]!;
        let all = true;
        for (let j = 0; j < whole.words.length && all; j++) all = holds(whole.words[j]!.exp, t);
        if (all) pos = end;
      }
      // An endpoint or field whose words the title spells out (`ipServiceCategories`, "IP service categories").
      const partsAlt = p.alts.length > 1 ? p.alts[1] : undefined; // never read past the end (optimized code deopts there)
      if (pos < 0 && partsAlt && partsAlt.words.length > 1) {
        let seen = 0;
        for (let j = 0; j < partsAlt.words.length; j++) {
          const exp = partsAlt.words[j]!.exp;
          for (let i = start; i < end; i++) if (holds(exp, items[i]!)) { seen++; break; }
        }
        if (seen / partsAlt.words.length >= 0.6) pos = end;
      }
      if (pos >= 0) covered++;
    }
    at[s] = pos;
  }
  // Share of the query the title answers, each slot weighted by how rare it is (idf): a title
  // naming the query's rare word says more than one repeating its common words.
  const n = data.docs.length;
  let all = 0, found = 0;
  for (let s = 0; s < k; s++) {
    const w = Math.log(1 + n / Math.max(1, slots[s]!.cost));
    all += w;
    if (at[s]! >= 0) found += w;
  }
  let adjacent = 0;
  for (let i = 1; i < k; i++) if (at[i - 1]! >= 0 && at[i]! > at[i - 1]! && at[i]! - at[i - 1]! <= slots[i - 1]!.alts[0]!.words.length) adjacent++;
  const share = all > 0 ? found / all : 0;
  if (data.derivedTitle[d]) return 1 + 0.3 * share * share;
  const density = Math.min(1, covered / Math.max(1, data.titleWeight[d]!));
  return 1 + 0.8 * share * share + (k > 1 ? (0.4 * adjacent) / (k - 1) : 0) + 1.5 * density * share * share;
}
