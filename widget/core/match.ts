/**
 * Slots -> scored documents. The cheapest slots drive (their postings are scanned); every other
 * slot is probed only on the drivers' candidates through the forward index, so a long or short
 * prefix costs nothing unless it is all the query has. Scanned words are cached: the next
 * keystroke reuses every finished word, and a prefix extending a cached prefix filters the
 * cached documents instead of rescanning postings.
 */
import { expandWord, prefixWeight, type Expansion } from './expand.ts';
import type { IndexData, Rows } from './index-data.ts';
import type { Slot, Word } from './query.ts';
import { lowerBound } from './vocab.ts';

interface Scored {
  docs: Uint32Array;
  scores: Float32Array;
}

interface PreparedAlt {
  weight: number;
  words: { word: Word; exp: Expansion }[];
}

export interface PreparedSlot {
  slot: Slot;
  alts: PreparedAlt[];
  cost: number;
}

export interface MatchResult {
  docs: number[];
  scores: Float64Array;
  /** Slots actually used, with expansions (for highlighting and suggestions). */
  slots: PreparedSlot[];
}

const IDENTIFIER_BOOST = 6;
const CACHE_SIZE = 64;

export class Matcher {
  private readonly data: IndexData;
  private readonly words = new Map<string, Scored>();
  private readonly expansions = new Map<string, Expansion>();
  private readonly buf: Float32Array;
  private readonly acc: Float64Array;
  private readonly hits: Uint8Array;
  private readonly stamp: Uint32Array;
  private readonly final: Float64Array;
  private generation = 0;
  /** Docs touched by the current match() (filled by add()). */
  private found: number[] = [];

  constructor(data: IndexData) {
    this.data = data;
    const n = data.docs.length;
    this.buf = new Float32Array(n);
    this.acc = new Float64Array(n);
    this.hits = new Uint8Array(n);
    this.stamp = new Uint32Array(n);
    this.final = new Float64Array(n);
  }

  private remember<V>(map: Map<string, V>, key: string, value: V): V {
    if (map.size >= CACHE_SIZE) map.delete(map.keys().next().value!);
    map.set(key, value);
    return value;
  }

  expansion(word: Word): Expansion {
    const key = `${word.mode}:${word.text}`;
    return this.expansions.get(key) ?? this.remember(this.expansions, key, expandWord(this.data, word));
  }

  prepare(slot: Slot): PreparedSlot {
    const alts = slot.alts.map((a) => ({ weight: a.weight, words: a.words.map((word) => ({ word, exp: this.expansion(word) })) }));
    const cost = alts.reduce((s, a) => s + Math.min(...a.words.map((w) => w.exp.cost)), 0);
    return { slot, alts, cost };
  }

  /** Best weight of this expansion in doc `d`, or 0. */
  probe(exp: Expansion, d: number): number {
    const { offsets, items, weights } = this.data.forward;
    const start = offsets[d]!;
    const end = offsets[d + 1]!;
    let best = 0;
    for (let i = 0; i < exp.ids.length; i++) {
      const t = exp.ids[i]!;
      let lo = start, hi = end;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (items[mid]! < t) lo = mid + 1;
        else hi = mid;
      }
      if (lo < end && items[lo] === t) best = Math.max(best, weights[lo]! * exp.weights[i]!);
    }
    for (const r of exp.ranges) {
      let lo = start, hi = end;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (items[mid]! < r.lo) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < end && items[i]! < r.hi; i++) {
        const w = weights[i]! * r.weight * prefixWeight(r.prefix.length, this.data.terms[items[i]!]!.length);
        if (w > best) best = w;
      }
    }
    return best;
  }

  /** Every doc holding the word, with its best weight: scanned once, then cached. */
  scan(word: Word, exp: Expansion): Scored {
    const headOnly = exp.short;
    const key = `${word.mode}:${word.text}:${headOnly}`;
    const cached = this.words.get(key);
    if (cached) return cached;
    const { buf } = this;
    const touched: number[] = [];
    const rows: Rows = headOnly ? this.data.head : this.data.postings;
    const { offsets, items, weights } = rows;
    for (let k = 0; k < exp.ids.length; k++) {
      const t = exp.ids[k]!, f = exp.weights[k]!;
      for (let i = offsets[t]!, end = offsets[t + 1]!; i < end; i++) {
        const d = items[i]!, w = weights[i]! * f;
        if (buf[d] === 0) touched.push(d);
        if (w > buf[d]!) buf[d] = w;
      }
    }
    const shorter = word.mode === 'prefix' && !headOnly ? this.words.get(`prefix:${word.text.slice(0, -1)}:false`) : undefined;
    if (shorter && shorter.docs.length < exp.cost && exp.ranges.every((r) => r.prefix === word.text)) {
      // The typed prefix grew by one letter: its documents are among the shorter prefix's.
      const rangesOnly: Expansion = { ...exp, ids: [], weights: [] };
      for (const d of shorter.docs) {
        const w = this.probe(rangesOnly, d);
        if (w === 0) continue;
        if (buf[d] === 0) touched.push(d);
        if (w > buf[d]!) buf[d] = w;
      }
    } else {
      for (const r of exp.ranges) {
        for (let t = r.lo; t < r.hi; t++) {
          const f = r.weight * prefixWeight(r.prefix.length, this.data.terms[t]!.length);
          for (let i = offsets[t]!, end = offsets[t + 1]!; i < end; i++) {
            const d = items[i]!, w = weights[i]! * f;
            if (buf[d] === 0) touched.push(d);
            if (w > buf[d]!) buf[d] = w;
          }
        }
      }
    }
    const docs = Uint32Array.from(touched);
    const scores = new Float32Array(docs.length);
    for (let i = 0; i < docs.length; i++) {
      scores[i] = buf[docs[i]!]!;
      buf[docs[i]!] = 0;
    }
    return this.remember(this.words, key, { docs, scores });
  }

  /** Score of a slot in doc `d` (max over alternatives; all words of an alternative must match). */
  private probeSlot(p: PreparedSlot, d: number): number {
    let best = 0;
    for (const alt of p.alts) {
      let sum = 0;
      for (const { exp } of alt.words) {
        const w = this.probe(exp, d);
        if (w === 0) {
          sum = 0;
          break;
        }
        sum += w;
      }
      best = Math.max(best, sum * alt.weight);
    }
    return p.slot.identifier ? best * IDENTIFIER_BOOST : best;
  }

  /** Scans a driving slot: each alternative scans its cheapest word and probes the rest. */
  private add(d: number, s: number): void {
    const { acc, hits, stamp } = this;
    if (stamp[d] !== this.generation) {
      stamp[d] = this.generation;
      acc[d] = 0;
      hits[d] = 0;
      this.found.push(d);
    }
    acc[d]! += s;
    hits[d]!++;
  }

  private scanSlot(p: PreparedSlot): void {
    const only = p.alts.length === 1 && p.alts[0]!.words.length === 1 ? p.alts[0]! : undefined;
    if (only) {
      const { word, exp } = only.words[0]!;
      const base = this.scan(word, exp);
      const f = only.weight * (p.slot.identifier ? IDENTIFIER_BOOST : 1);
      for (let i = 0; i < base.docs.length; i++) this.add(base.docs[i]!, base.scores[i]! * f);
      return;
    }
    const best = new Map<number, number>();
    for (const alt of p.alts) {
      if (alt.words.length === 0) continue;
      const words = [...alt.words].sort((a, b) => a.exp.cost - b.exp.cost);
      const first = words[0]!;
      const base = this.scan(first.word, first.exp);
      for (let i = 0; i < base.docs.length; i++) {
        const d = base.docs[i]!;
        let sum = base.scores[i]!;
        for (let j = 1; j < words.length && sum > 0; j++) {
          const w = this.probe(words[j]!.exp, d);
          sum = w === 0 ? 0 : sum + w;
        }
        if (sum > 0) {
          const s = sum * alt.weight * (p.slot.identifier ? IDENTIFIER_BOOST : 1);
          if (s > (best.get(d) ?? 0)) best.set(d, s);
        }
      }
    }
    for (const [d, s] of best) this.add(d, s);
  }

  /** Documents matching enough required slots, with their text scores (valid until the next call). */
  match(slots: readonly Slot[], relaxed = false): MatchResult {
    const prepared = slots.map((s) => this.prepare(s));
    const required = prepared.filter((p) => p.slot.required).sort((a, b) => a.cost - b.cost);
    const optional = prepared.filter((p) => !p.slot.required);
    const k = required.length;
    const minMatch = relaxed ? Math.max(1, k - 1) : k <= 2 ? k : k <= 4 ? k - 1 : Math.max(2, Math.ceil(k * 0.4));
    ++this.generation;
    const { acc, hits } = this;
    const docs: number[] = (this.found = []);
    const drivers = k - minMatch + 1;
    for (let i = 0; i < drivers; i++) this.scanSlot(required[i]!);
    let live = docs;
    for (let i = drivers; i < k; i++) {
      const p = required[i]!;
      const remaining = k - i - 1;
      const next: number[] = [];
      for (const d of live) {
        const s = this.probeSlot(p, d);
        if (s > 0) {
          acc[d]! += s;
          hits[d]!++;
        }
        if (hits[d]! + remaining >= minMatch) next.push(d);
      }
      live = next;
    }
    if (drivers > 1) live = live.filter((d) => hits[d]! >= minMatch);
    for (const p of optional) for (const d of live) acc[d]! += this.probeSlot(p, d) * 0.5;
    const scores = this.final;
    for (const d of live) scores[d] = acc[d]! * (k > 0 ? (hits[d]! / k) ** 2 : 1);
    return { docs: live, scores, slots: prepared };
  }
}
