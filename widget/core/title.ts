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
  if (exp.ids.includes(t)) return true;
  for (const r of exp.ranges) if (t >= r.lo && t < r.hi) return true;
  return false;
}

/** Words of the best alternative of `p` matched at title position `i` (0 = none). */
function matchAt(p: PreparedSlot, words: Int32Array, i: number, end: number): number {
  let best = 0;
  for (const alt of p.alts) {
    const n = alt.words.length;
    if (n <= best || i + n > end) continue;
    if (alt.words.every(({ exp }, j) => holds(exp, words[i + j]!))) best = n;
  }
  return best;
}

/** The largest multiplier titleBoost() can return (1 + 0.8 + 0.4 + 1.5). */
export const TITLE_BOOST_MAX = 3.7;

/** Multiplier >= 1 for doc `d` given the query's required slots in typed order. */
export function titleBoost(data: IndexData, slots: readonly PreparedSlot[], d: number): number {
  const k = slots.length;
  if (k === 0) return 1;
  const { offsets, items } = data.titleWords;
  const start = offsets[d]!, end = offsets[d + 1]!;
  const wholeStart = data.titleWhole.offsets[d]!, wholeEnd = data.titleWhole.offsets[d + 1]!;
  const at: number[] = []; // first title position of each slot, -1 when absent
  let covered = 0;
  for (const p of slots) {
    let pos = -1;
    for (let i = start; i < end && pos < 0; i++) {
      const n = matchAt(p, items, i, end);
      if (n > 0) {
        pos = i;
        covered += n;
      }
    }
    if (pos < 0 && p.slot.identifier) {
      for (let i = wholeStart; i < wholeEnd; i++) if (p.alts[0]!.words.every(({ exp }) => holds(exp, data.titleWhole.items[i]!))) pos = end;
      // An endpoint or field whose words the title spells out (`ipServiceCategories`, "IP service categories").
      const partsAlt = p.alts[1];
      if (pos < 0 && partsAlt && partsAlt.words.length > 1) {
        let seen = 0;
        for (const { exp } of partsAlt.words) for (let i = start; i < end; i++) if (holds(exp, items[i]!)) { seen++; break; }
        if (seen / partsAlt.words.length >= 0.6) pos = end;
      }
      if (pos >= 0) covered++;
    }
    at.push(pos);
  }
  // Share of the query the title answers, each slot weighted by how rare it is (idf): a title
  // naming the query's rare word says more than one repeating its common words.
  const n = data.docs.length;
  let all = 0, found = 0;
  slots.forEach((p, i) => {
    const w = Math.log(1 + n / Math.max(1, p.cost));
    all += w;
    if (at[i]! >= 0) found += w;
  });
  let adjacent = 0;
  for (let i = 1; i < k; i++) if (at[i - 1]! >= 0 && at[i]! > at[i - 1]! && at[i]! - at[i - 1]! <= slots[i - 1]!.alts[0]!.words.length) adjacent++;
  const share = all > 0 ? found / all : 0;
  if (data.derivedTitle[d]) return 1 + 0.3 * share * share;
  const density = Math.min(1, covered / Math.max(1, data.titleWeight[d]!));
  return 1 + 0.8 * share * share + (k > 1 ? (0.4 * adjacent) / (k - 1) : 0) + 1.5 * density * share * share;
}
