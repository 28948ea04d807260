/**
 * "Did you mean": for each typed word the vocabulary does not know (or barely knows), the most
 * frequent term within its typo budget; undefined when nothing would change.
 */
import type { IndexData } from './index-data.ts';
import type { Slot } from './query.ts';
import { fuzzyMatches, prefixRange, termId } from './vocab.ts';

export function suggest(data: IndexData, slots: readonly Slot[]): string | undefined {
  const { terms, postings } = data;
  const df = (t: number): number => postings.offsets[t + 1]! - postings.offsets[t]!;
  let changed = false;
  const words: string[] = [];
  for (const slot of slots) {
    const typed = slot.alts[0]?.words ?? [];
    if (slot.identifier || slot.phrase) {
      words.push(slot.text);
      continue;
    }
    for (const w of typed) {
      const [lo, hi] = prefixRange(terms, w.text);
      const id = termId(terms, w.text);
      const known = w.mode === 'prefix' ? hi > lo : id >= 0 && df(id) > 1;
      let best = w.text;
      if (!known && /^\p{L}{3,}$/u.test(w.text)) {
        const budget = w.text.length < 8 ? 1 : 2;
        let bestDf = 0;
        let bestDistance = Infinity;
        for (const m of fuzzyMatches(terms, w.text, budget, false, 256)) {
          const f = df(m.lo);
          if (m.distance > 0 && (m.distance < bestDistance || (m.distance === bestDistance && f > bestDf))) {
            best = terms[m.lo]!;
            bestDf = f;
            bestDistance = m.distance;
          }
        }
      }
      if (best !== w.text) changed = true;
      words.push(best);
    }
  }
  return changed ? words.join(' ') : undefined;
}
