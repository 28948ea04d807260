/**
 * Facet filtering and counting in one pass: OR within a facet, AND across facets, and each
 * facet counted as if its own selection were cleared (a doc failing exactly one facet counts
 * only for that facet).
 *
 * Records share few distinct facet combinations (lifecycle, kind, product, release type, year,
 * areas): at load every doc gets the id of its combination ("signature"), so a search counts one
 * integer per matching doc and spreads the per-signature totals over the facet values at the end;
 * a filter is decided once per signature, not once per doc.
 */
import { FACETS, type FacetName } from '../../indexer/schema.ts';
import type { FacetValueCount, Filters } from '../search-types.ts';
import type { IndexData } from './index-data.ts';
import { list } from './list.ts';

export interface FacetOutcome {
  /** Docs passing every filter, in input order (a view of a scratch buffer: valid until the next call). */
  passing: Uint32Array;
  facets: Record<FacetName, FacetValueCount[]>;
}

/** Every passing signature (no filter fails). */
const PASS = -1;
/** Two or more filters fail: the doc counts nowhere. */
const OUT = -2;
/** Stands in for a count object not made yet (no count is negative). */
const NOT_MADE: FacetValueCount = { value: '', count: -1 };
/** Each facet's place in FACETS. */
const FACET_AT = Object.fromEntries(FACETS.map((f, i) => [f, i])) as Record<FacetName, number>;

export class FacetCounter {
  private readonly data: IndexData;
  /** doc -> signature id. */
  private readonly sigOf: Uint32Array;
  /** Per signature and facet (FACETS order), the value ids: `valueIds[valueAt[sig * F + f] .. valueAt[sig * F + f + 1])`. */
  private readonly valueAt: Uint32Array;
  private readonly valueIds: Uint16Array;
  private readonly sigCount: number;
  /** Scratch: docs per signature, and signatures seen by the current count. */
  private readonly hist: Uint32Array;
  private readonly seen: Uint32Array;
  private readonly status: Int32Array;
  private readonly passing: Uint32Array;
  /** How many signatures the last tally met (the first `met` of `seen`). */
  private met = 0;
  /** Scratch: per facet (FACETS order), a count per value id (left zeroed after each count). */
  private readonly counts: Uint32Array[];
  /** Scratch: per facet (FACETS order), 1 for each selected value id. */
  private readonly selected: Uint8Array[];
  /** Scratch of list(): the value ids listed. */
  private readonly ids: Uint32Array;
  /** Per facet (FACETS order) and value id, the last count object made for it. */
  private readonly made: FacetValueCount[][];
  /** Per facet (FACETS order), each value id's place in code-unit order of the value names (ties of equal counts). */
  private readonly byName: Uint32Array[];

  constructor(data: IndexData) {
    this.data = data;
    const n = data.docs.length;
    const columns = FACETS.map((f) => data.facets[f].rows);
    const ids = new Map<string, number>();
    const at = [0], flat: number[] = [];
    this.sigOf = new Uint32Array(n);
    for (let d = 0; d < n; d++) {
      const lists = columns.map(({ offsets, items }) => Array.from(items.subarray(offsets[d]!, offsets[d + 1]!)));
      const key = lists.map((l) => l.join(',')).join('|');
      let sig = ids.get(key);
      if (sig === undefined) {
        sig = ids.size;
        ids.set(key, sig);
        for (const l of lists) flat.push(...l), at.push(flat.length);
      }
      this.sigOf[d] = sig;
    }
    this.sigCount = ids.size;
    this.valueAt = Uint32Array.from(at);
    this.valueIds = Uint16Array.from(flat);
    this.selected = FACETS.map((f) => new Uint8Array(data.facets[f].values.length));
    this.hist = new Uint32Array(this.sigCount);
    this.seen = new Uint32Array(this.sigCount);
    this.status = new Int32Array(this.sigCount);
    this.passing = new Uint32Array(n);
    this.counts = FACETS.map((f) => new Uint32Array(data.facets[f].values.length));
    this.ids = new Uint32Array(Math.max(0, ...FACETS.map((f) => data.facets[f].values.length)));
    this.made = FACETS.map((f) => data.facets[f].values.map(() => NOT_MADE));
    this.byName = FACETS.map((f) => {
      const names = data.facets[f].values;
      const place = new Uint32Array(names.length);
      [...names.keys()].sort((a, b) => (names[a]! < names[b]! ? -1 : names[a]! > names[b]! ? 1 : 0)).forEach((id, i) => (place[id] = i));
      return place;
    });
  }

  /** Per facet (FACETS order), the selected value ids, or undefined when that facet is not filtered. */
  private compile(filters: Filters | undefined): (Uint8Array | undefined)[] {
    return list(FACETS, (facet, f) => {
      const values = filters && typeof filters === 'object' ? filters[facet] : undefined;
      if (!Array.isArray(values) || values.length === 0) return undefined;
      const sel = this.selected[f]!.fill(0), names = this.data.facets[facet].values;
      for (const v of values) {
        const i = names.indexOf(String(v));
        if (i >= 0) sel[i] = 1;
      }
      return sel;
    });
  }

  /** PASS, the one facet (FACETS order) signature `sig` fails, or OUT. */
  private standing(sig: number, selected: (Uint8Array | undefined)[]): number {
    let st = PASS;
    const { valueAt, valueIds } = this;
    for (let f = 0; f < FACETS.length && st !== OUT; f++) {
      const sel = selected[f], x = sig * FACETS.length + f;
      let held = !sel;
      for (let k = valueAt[x]!; k < valueAt[x + 1]! && !held; k++) held = sel![valueIds[k]!] === 1;
      if (!held) st = st === PASS ? f : OUT;
    }
    return st;
  }

  /**
   * Counts each doc's signature (the signatures met go to `seen`, their number to `met`) and collects
   * the passing docs; returns how many pass. (Hot loops stay in small functions: see match.ts.)
   */
  private tally(docs: ArrayLike<number>): number {
    const { sigOf, hist, seen, status, passing } = this;
    let np = 0, ns = 0;
    for (let i = 0; i < docs.length; i++) {
      const d = docs[i]!;
      const sig = sigOf[d]!;
      const st = status[sig]!;
      if (st === OUT) continue;
      if (hist[sig]!++ === 0) seen[ns++] = sig;
      if (st === PASS) passing[np++] = d;
    }
    this.met = ns;
    return np;
  }

  /** Adds signature `sig`'s docs to the counts of its values (every facet, or only the one it fails). */
  private spread(sig: number): void {
    const F = FACETS.length, c = this.hist[sig]!, st = this.status[sig]!;
    this.hist[sig] = 0;
    const { valueAt, valueIds } = this;
    for (let f = st === PASS ? 0 : st; f < (st === PASS ? F : st + 1); f++) {
      const counted = this.counts[f]!, x = sig * F + f;
      for (let k = valueAt[x]!; k < valueAt[x + 1]!; k++) counted[valueIds[k]!]! += c;
    }
  }

  /** Facet `fi`'s values with a count (or selected), by count then name; its counts are left zeroed. */
  private list(fi: number, sel: Uint8Array | undefined): FacetValueCount[] {
    const c = this.counts[fi]!;
    const names = this.data.facets[FACETS[fi]!].values;
    const order = this.byName[fi]!;
    const ids = this.ids;
    let n = 0;
    for (let i = 0; i < names.length; i++) if (c[i]! > 0 || sel?.[i] === 1) ids[n++] = i;
    // Insertion sort (a facet has few values; Array#sort would allocate its work space).
    for (let i = 1; i < n; i++) {
      const v = ids[i]!;
      let j = i - 1;
      while (j >= 0 && (c[ids[j]!]! < c[v]! || (c[ids[j]!] === c[v] && order[ids[j]!]! > order[v]!))) ids[j + 1] = ids[j--]!;
      ids[j + 1] = v;
    }
    // A value whose count is what it was in an earlier result gets that result's object again
    // (results are never changed once made): fewer objects made per keystroke.
    const made = this.made[fi]!;
    const list: FacetValueCount[] = [];
    for (let i = 0; i < n; i++) {
      const id = ids[i]!;
      let vc = made[id]!;
      if (vc.count !== c[id]) made[id] = vc = { value: names[id]!, count: c[id]! };
      list.push(vc);
    }
    c.fill(0);
    return list;
  }

  count(docs: ArrayLike<number>, filters: Filters | undefined): FacetOutcome {
    const selected = this.compile(filters);
    const { status, passing } = this;
    // Each signature's standing: passes, fails exactly facet f, or fails two or more.
    if (selected.some((s) => s !== undefined)) {
      for (let sig = 0; sig < this.sigCount; sig++) status[sig] = this.standing(sig, selected);
    } else {
      status.fill(PASS);
    }
    const np = this.tally(docs);
    for (let i = 0; i < this.met; i++) this.spread(this.seen[i]!);
    // One object literal in FACETS order, so every count's facets have one shape. Filled by a keyed
    // store per facet, the object went through six map transitions on each count, and the optimized
    // code doing it deoptimized over and over (17 times in one warm-up, `--trace-deopt` in Chromium).
    const at = (f: FacetName): FacetValueCount[] => this.list(FACET_AT[f], selected[FACET_AT[f]]);
    const facets: Record<FacetName, FacetValueCount[]> = { lifecycle: at('lifecycle'), kind: at('kind'), product: at('product'), releaseType: at('releaseType'), year: at('year'), area: at('area') };
    return { passing: passing.subarray(0, np), facets };
  }
}
