/**
 * Slots -> scored documents. The cheapest slots drive (their postings are scanned); every other
 * slot is probed only on the drivers' candidates through the forward index, so a long or short
 * prefix costs nothing unless it is all the query has. Scanned words are cached: the next
 * keystroke reuses every finished word, and a prefix extending a cached prefix filters the
 * cached documents instead of rescanning postings.
 */
import { expandWord, prefixWeight, rangeTermWeight, type Expansion } from './expand.ts';
import type { IndexData, Rows } from './index-data.ts';
import { filtered, list, sortBy } from './list.ts';
import type { Slot, Word } from './query.ts';
import { Recent } from './recent.ts';

interface Scored {
  docs: Uint32Array;
  scores: Float32Array;
  /** The generation (match call) that last handed it out: its ring space is not reused during that call. */
  used: number;
}

/** A cached result stored in the ring: its place (counted from the ring's first use) and its cache entry. */
interface Stored {
  at: number;
  cache: Recent<string, Scored>;
  key: string;
  value: Scored;
}

interface PreparedAlt {
  weight: number;
  words: { word: Word; exp: Expansion }[];
}

export interface PreparedSlot {
  slot: Slot;
  alts: PreparedAlt[];
  cost: number;
  /** The slot's flags, copied: slots come in several object shapes (a quoted phrase has one more field) and hot code reads these. */
  required: boolean;
  identifier: boolean;
}

export interface MatchResult {
  /** Matching docs (a view of a scratch buffer: valid until the next call). */
  docs: Uint32Array;
  scores: Float64Array;
  /** Slots actually used, with expansions (for highlighting and suggestions). */
  slots: PreparedSlot[];
}

const IDENTIFIER_BOOST = 6;
const CACHE_SIZE = 64;
/** A probe (binary searches in a doc's terms) costs about this many postings passed over. */
const PROBE_COST = 4;

/**
 * The hot loops live in small functions like this one, called many times per search: V8's Maglev
 * compiles a loop nested in a rarely called function on stack replacement and throws that code
 * away on every exit from the loop (measured in Chromium: ~2 deoptimizations per keystroke at 20x,
 * none in Node's older V8), so a loop inside a loop would run unoptimized on every keystroke.
 *
 * Raises `buf[d]` to `g` × the score for every doc `d` of `docs[from, end)`; new docs go to `touched`;
 * returns the new count of touched docs.
 */
function raise(docs: Uint32Array, scores: Float32Array, from: number, end: number, g: number, buf: Float32Array, touched: Uint32Array, nt: number): number {
  for (let i = from; i < end; i++) {
    const d = docs[i]!, w = scores[i]! * g;
    if (buf[d] === 0) touched[nt++] = d;
    if (w > buf[d]!) buf[d] = w;
  }
  return nt;
}

export class Matcher {
  private readonly data: IndexData;
  private readonly words = new Recent<string, Scored>(CACHE_SIZE);
  private readonly slots = new Recent<string, Scored>(CACHE_SIZE);
  private readonly alts = new Recent<string, Scored>(CACHE_SIZE);
  private readonly expansions = new Recent<string, Expansion>(CACHE_SIZE);
  private readonly buf: Float32Array;
  /** What probe() and probeSlot() found (a scratch slot, not a returned number: see probe). */
  private readonly out = new Float64Array(1);
  private readonly acc: Float64Array;
  private readonly hits: Uint8Array;
  private readonly stamp: Uint32Array;
  private readonly final: Float64Array;
  /** Scratch: the current candidates, and docs touched by a scan. */
  private readonly cand: Uint32Array;
  /** Length of each vocabulary term (prefix weights without touching the strings). */
  private readonly termLength: Uint16Array;
  private readonly touched: Uint32Array;
  private generation = 0;
  /**
   * Cached results are views of one ring of typed arrays, oldest overwritten first, rather than arrays of
   * their own: allocating typed arrays on every keystroke costs little in Node but about 10x more in
   * Chromium, where their memory outside the JS heap also brings on full collections of the whole heap.
   */
  private readonly ringDocs: Uint32Array;
  private readonly ringScores: Float32Array;
  /** Elements handed out so far (ring position = next % length, restarting at 0 when an entry would not fit). */
  private next = 0;
  private readonly stored: Stored[] = [];

  /** `ring`: elements of the cached matches' ring (tests make it tiny). */
  constructor(data: IndexData, ring = 8 * data.docs.length + 64) {
    this.data = data;
    const n = data.docs.length;
    this.buf = new Float32Array(n);
    this.acc = new Float64Array(n);
    this.hits = new Uint8Array(n);
    this.stamp = new Uint32Array(n);
    this.final = new Float64Array(n);
    this.cand = new Uint32Array(n);
    this.termLength = Uint16Array.from(data.terms, (t) => Math.min(t.length, 0xffff));
    this.touched = new Uint32Array(n);
    this.ringDocs = new Uint32Array(ring);
    this.ringScores = new Float32Array(this.ringDocs.length);
  }

  /**
   * Caches the first `nt` touched docs with their best scores from the scratch buffer (left zeroed) under
   * `key`: in the ring, whose oldest entries give way, unless one of those is in use by this match call
   * (then in arrays of their own).
   */
  private drain(nt: number, cache: Recent<string, Scored>, key: string): Scored {
    const { buf, touched, ringDocs, stored } = this, size = ringDocs.length;
    let at = this.next % size + nt > size ? this.next + size - (this.next % size) : this.next;
    let gone = 0;
    while (gone < stored.length && stored[gone]!.at + size < at + nt && stored[gone]!.value.used !== this.generation) gone++;
    const inRing = nt <= size && !(gone < stored.length && stored[gone]!.at + size < at + nt);
    let docs: Uint32Array, scores: Float32Array;
    if (inRing) {
      for (const old of stored.splice(0, gone)) old.cache.drop(old.key, old.value);
      this.next = at + nt;
      at %= size;
      docs = ringDocs.subarray(at, at + nt);
      scores = this.ringScores.subarray(at, at + nt);
    } else (docs = new Uint32Array(nt)), (scores = new Float32Array(nt));
    for (let i = 0; i < nt; i++) {
      const d = (docs[i] = touched[i]!);
      scores[i] = buf[d]!;
      buf[d] = 0;
    }
    const value = { docs, scores, used: this.generation };
    if (inRing) stored.push({ at: this.next - nt, cache, key, value });
    return cache.set(key, value);
  }

  /** A cached result handed out to this match call (its ring space stays until the call ends). */
  private handOut(c: Scored): Scored {
    c.used = this.generation;
    return c;
  }

  expansion(word: Word): Expansion {
    const key = `${word.mode}:${word.text}`;
    return this.expansions.get(key) ?? this.expansions.set(key, expandWord(this.data, word));
  }

  prepare(slot: Slot): PreparedSlot {
    const alts = list(slot.alts, (a) => ({ weight: a.weight, words: list(a.words, (word) => ({ word, exp: this.expansion(word) })) }));
    let cost = 0; // the sum over alternatives of their cheapest word's cost
    for (const a of alts) {
      let min = Infinity;
      for (const w of a.words) min = Math.min(min, w.exp.cost);
      cost += min;
    }
    return { slot, alts, cost, required: slot.required, identifier: slot.identifier };
  }

  /**
   * Best weight of this expansion in doc `d`, or 0, into `out[0]`: a fraction returned from a call
   * that is not inlined is a new heap number, and probes run for every candidate (at 20x, 22 KB of
   * garbage per keystroke).
   */
  private probe(exp: Expansion, d: number): void {
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
    for (let k = 0; k < exp.ranges.length; k++) {
      const r = exp.ranges[k]!;
      let lo = start, hi = end;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (items[mid]! < r.lo) lo = mid + 1;
        else hi = mid;
      }
      const path = r.prefix.charCodeAt(0) === 47;
      const typed = r.prefix.length;
      for (let i = lo; i < end && items[i]! < r.hi; i++) {
        const t = items[i]!;
        const w = weights[i]! * (path ? rangeTermWeight(r, this.data.terms[t]!) : r.weight * prefixWeight(typed, this.termLength[t]!));
        if (w > best) best = w;
      }
    }
    this.out[0] = best;
  }

  /** Every doc holding the word, with its best weight: scanned once, then cached. */
  scan(word: Word, exp: Expansion): Scored {
    const headOnly = exp.short;
    const key = `${word.mode}:${word.text}:${headOnly}`;
    const cached = this.words.get(key);
    if (cached) return this.handOut(cached);
    const { buf, touched } = this;
    let nt = 0;
    const rows: Rows = headOnly ? this.data.head : this.data.postings;
    const { offsets, items, weights } = rows;
    for (let k = 0; k < exp.ids.length; k++) nt = raise(items, weights, offsets[exp.ids[k]!]!, offsets[exp.ids[k]! + 1]!, exp.weights[k]!, buf, touched, nt);
    const shorter = word.mode === 'prefix' && !headOnly ? this.words.get(`prefix:${word.text.slice(0, -1)}:false`) : undefined;
    if (shorter && shorter.docs.length * PROBE_COST < exp.cost && exp.ranges.every((r) => r.prefix === word.text)) {
      // The typed prefix grew by one letter: its documents are among the shorter prefix's.
      const rangesOnly: Expansion = { ids: [], weights: [], ranges: exp.ranges, cost: exp.cost, short: exp.short };
      for (const d of shorter.docs) {
        this.probe(rangesOnly, d);
        const w = this.out[0]!;
        if (w === 0) continue;
        if (buf[d] === 0) touched[nt++] = d;
        if (w > buf[d]!) buf[d] = w;
      }
    } else {
      for (const r of exp.ranges) {
        for (let t = r.lo; t < r.hi; t++) nt = raise(items, weights, offsets[t]!, offsets[t + 1]!, rangeTermWeight(r, this.data.terms[t]!), buf, touched, nt);
      }
    }
    return this.drain(nt, this.words, key);
  }

  /** Score of a slot in doc `d`, into `out[0]` (max over alternatives; all words of an alternative must match). */
  private probeSlot(p: PreparedSlot, d: number): void {
    let best = 0;
    for (const alt of p.alts) {
      let sum = 0;
      for (const { exp } of alt.words) {
        this.probe(exp, d);
        const w = this.out[0]!;
        if (w === 0) {
          sum = 0;
          break;
        }
        sum += w;
      }
      best = Math.max(best, sum * alt.weight);
    }
    this.out[0] = p.identifier ? best * IDENTIFIER_BOOST : best;
  }

  /** Docs holding every word of an alternative, with the sum of their weights (cached). */
  private altScores(alt: PreparedAlt): Scored {
    if (alt.words.length === 1) return this.scan(alt.words[0]!.word, alt.words[0]!.exp);
    let key = '';
    for (const w of alt.words) key += `${key ? '+' : ''}${w.word.mode}:${w.word.text}:${w.exp.short}`;
    const cached = this.alts.get(key);
    if (cached) return this.handOut(cached);
    const words = sortBy([...alt.words], (a, b) => a.exp.cost < b.exp.cost);
    const base = this.scan(words[0]!.word, words[0]!.exp);
    const { buf, touched } = this;
    let n = 0;
    for (let i = 0; i < base.docs.length; i++) {
      const d = base.docs[i]!;
      let sum = base.scores[i]!;
      for (let j = 1; j < words.length && sum > 0; j++) {
        this.probe(words[j]!.exp, d);
        const w = this.out[0]!;
        sum = w === 0 ? 0 : sum + w;
      }
      if (sum > 0) (touched[n++] = d), (buf[d] = sum);
    }
    return this.drain(n, this.alts, key);
  }

  private slotKey(p: PreparedSlot): string {
    let key = '';
    for (const a of p.alts) {
      key += `${key ? '|' : ''}${a.weight}:`;
      for (let j = 0; j < a.words.length; j++) key += `${j ? '+' : ''}${a.words[j]!.word.mode}:${a.words[j]!.word.text}:${a.words[j]!.exp.short}`;
    }
    return p.identifier ? `${key}!` : key;
  }

  /**
   * Every doc a slot matches, with its score: a single-word slot is its word's scan; a slot of
   * alternatives scans each alternative's cheapest word and probes the rest. Cached per slot, so
   * the finished words of a query cost one pass over their documents on the next keystroke.
   */
  slotScores(p: PreparedSlot): { scored: Scored; factor: number } {
    const f = p.identifier ? IDENTIFIER_BOOST : 1;
    const only = p.alts.length === 1 && p.alts[0]!.words.length === 1 ? p.alts[0]! : undefined;
    if (only) return { scored: this.scan(only.words[0]!.word, only.words[0]!.exp), factor: only.weight * f };
    const key = this.slotKey(p);
    const cached = this.slots.get(key);
    if (cached) return { scored: this.handOut(cached), factor: 1 };
    // Each alternative's documents (cached on their own: typing on only changes the typed one),
    // then the best alternative per doc.
    const parts = list(filtered(p.alts, (a) => a.words.length > 0), (alt) => ({ alt, scored: this.altScores(alt) }));
    const { buf, touched } = this;
    let nt = 0;
    for (const { alt, scored } of parts) nt = raise(scored.docs, scored.scores, 0, scored.docs.length, alt.weight * f, buf, touched, nt);
    return { scored: this.drain(nt, this.slots, key), factor: 1 };
  }

  /** Documents matching enough required slots, with their text scores (valid until the next call). */
  match(slots: readonly Slot[], relaxed = false): MatchResult {
    const prepared = list(slots, (s) => this.prepare(s));
    const required = sortBy(filtered(prepared, (p) => p.required), (a, b) => a.cost < b.cost);
    const optional = filtered(prepared, (p) => !p.required);
    const k = required.length;
    const minMatch = relaxed ? Math.max(1, k - 1) : k <= 2 ? k : k <= 4 ? k - 1 : Math.max(2, Math.ceil(k * 0.4));
    ++this.generation;
    let nc = 0;
    const drivers = k - minMatch + 1;
    // Drivers: every doc they hold becomes a candidate.
    for (let i = 0; i < drivers; i++) {
      const { scored, factor } = this.slotScores(required[i]!);
      nc = this.enter(scored.docs, scored.scores, factor, nc);
    }
    // The other slots: joined through their (cached) documents when that is cheaper than probing
    // every candidate, probed otherwise; candidates that can no longer reach minMatch drop out.
    for (let i = drivers; i < k; i++) {
      this.add(required[i]!, nc, 1);
      nc = this.keep(nc, minMatch - (k - i - 1));
    }
    if (drivers > 1) nc = this.keep(nc, minMatch);
    for (const p of optional) this.add(p, nc, 0);
    const { cand, acc, hits, final } = this;
    for (let j = 0; j < nc; j++) {
      const d = cand[j]!;
      final[d] = acc[d]! * (k > 0 ? (hits[d]! / k) ** 2 : 1);
    }
    return { docs: cand.subarray(0, nc), scores: final, slots: prepared };
  }

  /** Makes every doc of a driving slot a candidate (the first `nc` are already); returns the new count. */
  private enter(docs: Uint32Array, scores: Float32Array, factor: number, nc: number): number {
    const { acc, hits, stamp, cand } = this, gen = this.generation;
    for (let j = 0; j < docs.length; j++) {
      const d = docs[j]!;
      if (stamp[d] !== gen) {
        stamp[d] = gen;
        acc[d] = 0;
        hits[d] = 0;
        cand[nc++] = d;
      }
      acc[d]! += scores[j]! * factor;
      hits[d]!++;
    }
    return nc;
  }

  /** Adds slot `p`'s score to the `nc` candidates: a required slot (`hit` 1) counts a match, an optional one (0) adds half its score. */
  private add(p: PreparedSlot, nc: number, hit: number): void {
    const { acc, hits, stamp, cand } = this, gen = this.generation, scale = hit ? 1 : 0.5;
    if (this.cheaperToScan(p, nc)) {
      const { scored, factor } = this.slotScores(p);
      const { docs, scores } = scored;
      for (let j = 0; j < docs.length; j++) {
        const d = docs[j]!;
        if (stamp[d] === gen) (acc[d]! += scores[j]! * factor * scale), (hits[d]! += hit);
      }
    } else {
      for (let j = 0; j < nc; j++) {
        const d = cand[j]!;
        this.probeSlot(p, d);
        const s = this.out[0]!;
        if (s > 0) (acc[d]! += s * scale), (hits[d]! += hit);
      }
    }
  }

  /** Keeps the candidates matching at least `need` slots so far; returns their count. */
  private keep(nc: number, need: number): number {
    const { hits, stamp, cand } = this;
    let kept = 0;
    for (let j = 0; j < nc; j++) {
      const d = cand[j]!;
      if (hits[d]! >= need) cand[kept++] = d;
      else stamp[d] = 0;
    }
    return kept;
  }

  /** Whether passing over the slot's documents costs less than probing `candidates` docs. */
  private cheaperToScan(p: PreparedSlot, candidates: number): boolean {
    // A short prefix scans head fields only; off the driving seat it must match every field: probe.
    if (p.alts.some((a) => a.words.some((w) => w.exp.short))) return false;
    const only = p.alts.length === 1 && p.alts[0]!.words.length === 1 ? p.alts[0]!.words[0]! : undefined;
    if (only ? this.words.has(`${only.word.mode}:${only.word.text}:${only.exp.short}`) : this.slots.has(this.slotKey(p))) return true;
    return p.cost <= candidates * PROBE_COST;
  }
}
