/**
 * Synthetic corpora N times the real one: copy k of each record gets the id suffix `@k` and its body's
 * words reshuffled by a seeded PRNG (copy 0 is the record itself), so vocabulary and lengths stay real.
 */
import type { ChangeRecord } from '../../indexer/schema.ts';

/** mulberry32: small, fast, deterministic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

export function shuffleWords(text: string, random: () => number): string {
  const words = text.split(/\s+/).filter(Boolean);
  for (let i = words.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [words[i], words[j]] = [words[j]!, words[i]!];
  }
  return words.join(' ');
}

export function synthesize(records: readonly ChangeRecord[], factor: number, seed = 20260101): ChangeRecord[] {
  const out: ChangeRecord[] = [];
  for (let k = 0; k < factor; k++) {
    for (const r of records) {
      if (k === 0) {
        out.push(r);
        continue;
      }
      const random = prng(seed ^ hash(r.id) ^ Math.imul(k, 0x9e3779b1));
      out.push({ ...r, id: `${r.id}@${k}`, text: shuffleWords(r.text, random), url: `${r.url}@${k}` });
    }
  }
  const ids = new Set(out.map((r) => r.id));
  if (ids.size !== out.length) throw new Error(`synthesize: ${out.length - ids.size} duplicate ids at ${factor}x; record ids must not end in @<number>`);
  return out;
}
