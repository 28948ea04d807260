/**
 * SearchCore: query + options -> ranked, faceted, paged hits with highlight ranges.
 * Headless (no DOM): the widget, the CLI and the bench share it.
 */
import type { Manifest } from '../../indexer/schema.ts';
import type { Hit, HitRecord, IndexBundle, SearchEngine, SearchOptions, SearchResult, SortOrder } from '../search-types.ts';
import { Editions } from './editions.ts';
import { FacetCounter } from './facets.ts';
import { markerFor, matchRanges, snippet, SNIPPET_LENGTH, type Marker } from './highlight.ts';
import { readIndex, type IndexData, type StoredDoc } from './index-data.ts';
import { filtered, list, sortDocs } from './list.ts';
import { Matcher, type PreparedSlot } from './match.ts';
import { firstByDate, firstByRank } from './order.ts';
import { TITLE_BOOST_MAX, titleBoost } from './title.ts';
import { parseQuery } from './query.ts';
import { Recent } from './recent.ts';
import { suggest } from './suggest.ts';
import { tokens } from './tokenize.ts';
import { runIdle, WARM_BUDGET_MS, WARM_MAX, warmQueries } from './warm.ts';

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 1000;
/** Mild recency tie-break: the newest record gains at most this share of its score. */
const RECENCY_WEIGHT = 0.08;
/** Suggest a spelling when fewer results than this. */
const SUGGEST_BELOW = 3;
/** How many of the best text matches get the title evidence re-ranking. */
const RERANK = 100;
/** Lower-cased texts kept for highlighting (a few pages of hits). */
const LOWERED_KEPT = 64;

function count(value: unknown, fallback: number, max: number): number {
  const n = typeof value === 'number' && Number.isFinite(value) ? Math.floor(value) : fallback;
  return Math.min(Math.max(n, 0), max);
}

function phraseHolds(text: string, phrase: readonly string[]): boolean {
  const words = tokens(text).flatMap((t) => t.term.match(/[\p{L}\p{N}]+/gu) ?? []);
  outer: for (let i = 0; i + phrase.length <= words.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (words[i + j] !== phrase[j]) continue outer;
    return true;
  }
  return false;
}

/** The renderable fields of a stored doc (copied by name: rest-destructuring is slow on a hot path). */
function hitRecord(d: StoredDoc): HitRecord {
  return { id: d.id, title: d.title, url: d.url, release: d.release, releaseType: d.releaseType, date: d.date, lifecycle: d.lifecycle, kind: d.kind, product: d.product, areas: d.areas };
}

/** `rank[d]`: text score with the recency tie-break, for every doc of `docs` (a hot loop in its own function: see match.ts). */
function rankAll(docs: Uint32Array, scores: Float64Array, recency: Float32Array, rank: Float64Array): void {
  for (let i = 0; i < docs.length; i++) {
    const d = docs[i]!;
    rank[d] = scores[d]! * (1 + RECENCY_WEIGHT * recency[d]!);
  }
}

export class SearchCore implements SearchEngine {
  readonly manifest: Manifest;
  private readonly data: IndexData;
  private readonly matcher: Matcher;
  private readonly byId: Map<string, number>;
  /** Scratch: final score per doc, and a stamped mark per doc (no per-query allocation). */
  private readonly rank: Float64Array;
  private readonly boost: Float64Array;
  private readonly mark: Uint32Array;
  private stamp = 0;
  private readonly facets: FacetCounter;
  private readonly editions: Editions;
  private readonly lowered = new Recent<number, { text: string; lower: string }>(LOWERED_KEPT);
  private readonly loweredTitles = new Recent<number, { text: string; lower: string }>(LOWERED_KEPT);
  /** Scratch: the page's scores by place while editions are arranged. */
  private placeScores = new Float64Array(64);
  /** Every doc number in order (the browse view's matches). */
  private readonly all: Uint32Array;
  /** Warm-up: 0 none, 1 asked (waits for the first search), 2 running, 3 over (never again). */
  private warmState = 0;
  private searched = false;
  private warmDone?: () => void = undefined;

  private constructor(data: IndexData) {
    this.data = data;
    this.manifest = data.manifest;
    this.matcher = new Matcher(data);
    this.byId = new Map(data.docs.map((d, i) => [d.id, i]));
    this.rank = new Float64Array(data.docs.length);
    this.boost = new Float64Array(data.docs.length);
    this.mark = new Uint32Array(data.docs.length);
    this.facets = new FacetCounter(data);
    this.editions = new Editions(data);
    this.all = Uint32Array.from(data.docs, (_, i) => i);
  }

  /** Builds a core from a manifest and the text of its files; throws IndexError. */
  static fromBundle(bundle: IndexBundle): SearchCore {
    return new SearchCore(readIndex(bundle));
  }

  /** A doc's body (or, from `loweredTitles`, its title) lower-cased, kept for the last docs shown (typing on shows mostly the same hits). */
  private lowerText(d: number, text: string, kept = this.lowered): string {
    const entry = kept.get(d);
    if (entry?.text === text) return entry.lower;
    return kept.set(d, { text, lower: text.toLowerCase() }).lower;
  }

  /** The renderable fields of one record. */
  get(id: string): HitRecord | undefined {
    const i = this.byId.get(id);
    if (i === undefined) return undefined;
    return hitRecord(this.data.docs[i]!);
  }

  /**
   * Warms the JIT in idle time once the first search has returned (DESIGN.md, "Speed"): at most `max`
   * searches built from the index's own data and `budget` ms of CPU, ending for good at the next
   * search or stopWarmUp(). Caches it fills never change a result. Resolves with the searches run.
   */
  warmUp(budget = WARM_BUDGET_MS, max = WARM_MAX): Promise<number> {
    if (this.warmState) return Promise.resolve(0);
    this.warmState = 1;
    return new Promise<void>((resolve) => {
      this.warmDone = resolve;
      if (this.searched) (this.warmState = 2), resolve();
    }).then(() => {
      const queries = warmQueries(this.data);
      let left = max;
      return runIdle(
        () => {
          const next = left-- > 0 && queries.next();
          if (!next || next.done) return false;
          this.answer(...next.value);
          return true;
        },
        () => this.warmState > 2,
        budget,
      ).then((runs) => ((this.warmState = 3), runs));
    });
  }

  /** Ends the warm-up for good. */
  stopWarmUp(): void {
    this.warmState = 3;
  }

  search(query: string, options: SearchOptions = {}): SearchResult {
    if (this.warmState === 2) this.warmState = 3;
    if (this.warmState === 1) queueMicrotask(this.warmDone!), (this.warmState = 2);
    this.searched = true;
    return this.answer(query, options);
  }

  /**
   * A search, for the reader or for the warm-up. The warm-up's bookkeeping stays in search(): in here,
   * a branch only readers' searches take was new to the optimized code compiled during the warm-up,
   * which deoptimized at the reader's first search and was compiled again (~200 ms of a worker thread).
   */
  private answer(query: string, options: SearchOptions): SearchResult {
    const q = typeof query === 'string' ? query : '';
    const data = this.data;
    const slots = parseQuery(q);
    let docs: ArrayLike<number>;
    let scores: Float64Array | undefined;
    let marker: Marker;
    let required: PreparedSlot[] = [];
    if (slots.length === 0) {
      docs = this.all;
      marker = markerFor(data);
    } else {
      let m = this.matcher.match(slots);
      if (m.docs.length === 0 && slots.filter((s) => s.required).length === 2) m = this.matcher.match(slots, true);
      docs = m.docs;
      scores = m.scores;
      marker = markerFor(data, m.slots);
      required = filtered(m.slots, (p) => p.required);
      for (const s of slots) if (s.phrase) docs = Array.from(docs).filter((d) => phraseHolds(`${data.docs[d]!.title}\n${data.docs[d]!.text}`, s.phrase!));
    }
    const from = typeof options.dateRange?.from === 'string' ? options.dateRange.from : undefined;
    const to = typeof options.dateRange?.to === 'string' ? options.dateRange.to : undefined;
    if (from || to) {
      docs = Array.from(docs).filter((d) => {
        const date = data.docs[d]!.date;
        return date !== null && (!from || date >= from) && (!to || date.slice(0, to.length) <= to);
      });
    }
    const { passing, facets } = this.facets.count(docs, options.filters);
    const sort: SortOrder = options.sort === 'newest' || options.sort === 'oldest' || (options.sort === 'relevance' && scores) ? options.sort : scores ? 'relevance' : 'newest';
    const limit = count(options.limit, DEFAULT_LIMIT, MAX_LIMIT);
    const offset = count(options.offset, 0, Number.MAX_SAFE_INTEGER);
    const rank = this.rank;
    if (scores) rankAll(passing, scores, data.recency, rank);
    const want = Math.min(offset + limit, passing.length);
    let top: number[];
    // Final score per doc of `top` (scratch indexed by doc; only read for docs of `top`).
    const boost = this.boost;
    let boosted = false;
    if (sort === 'relevance') {
      top = firstByRank(data, passing, Math.max(want, Math.min(RERANK, passing.length)), rank);
      // Title evidence in text-score order, stopping once no later doc can reach the page: a skipped
      // doc keeps its text score, below every doc of the page, so the page is exactly as if all
      // were boosted (and editions only reorder members among their own places).
      const kbest: number[] = []; // the `want` best boosted scores so far, descending
      for (let i = 0; i < top.length; i++) {
        const d = top[i]!;
        if (kbest.length === want && want > 0 && rank[d]! * TITLE_BOOST_MAX < kbest[want - 1]!) {
          for (let j = i; j < top.length; j++) boost[top[j]!] = rank[top[j]!]!;
          break;
        }
        const b = (boost[d] = rank[d]! * titleBoost(data, required, d));
        if (kbest.length < want || b > kbest[want - 1]!) {
          let at = Math.min(kbest.length, want - 1);
          if (kbest.length < want) kbest.push(b);
          while (at > 0 && kbest[at - 1]! < b) (kbest[at] = kbest[at - 1]!), at--;
          kbest[at] = b;
        }
      }
      // Only the page's order matters: the `want` best lead, sorted; the rest (candidates for the
      // editions of changes on the page) follow in any order.
      const { dateRank } = data;
      const before = (a: number, b: number): boolean => boost[a]! > boost[b]! || (boost[a] === boost[b] && (dateRank[a]! < dateRank[b]! || (dateRank[a] === dateRank[b] && a < b)));
      if (want > 0 && top.length > want) {
        let lead = 0;
        const floor = kbest[want - 1]!;
        for (let i = 0; i < top.length; i++) {
          if (boost[top[i]!]! >= floor) {
            const t = top[lead]!;
            top[lead++] = top[i]!;
            top[i] = t;
          }
        }
        // Ties at the floor can exceed `want`: those are ordered too, so the page is exact. An
        // insertion sort in place: the head is about a page long.
        for (let i = 1; i < lead; i++) {
          const v = top[i]!;
          let j = i - 1;
          while (j >= 0 && before(v, top[j]!)) top[j + 1] = top[j--]!;
          top[j + 1] = v;
        }
      } else {
        sortDocs(top, before);
      }
      boosted = true;
      // Editions of one change keep their places, led by the newest; scores follow the places.
      const places = Math.min(want, top.length);
      if (this.placeScores.length < places) this.placeScores = new Float64Array(2 * places);
      for (let i = 0; i < places; i++) this.placeScores[i] = boost[top[i]!]!;
      this.editions.arrange(top, want);
      for (let i = 0; i < places; i++) boost[top[i]!] = this.placeScores[i]!;
    } else {
      top = firstByDate(data, passing, want, sort === 'oldest', this.mark, ++this.stamp);
    }
    // One literal per hit: every field in the object itself (fields added afterwards went to a
    // separate, growing property store).
    const hits: Hit[] = list(top.slice(offset, offset + limit), (d) => {
      const doc = data.docs[d]!;
      return {
        id: doc.id, title: doc.title, url: doc.url, release: doc.release, releaseType: doc.releaseType, date: doc.date, lifecycle: doc.lifecycle, kind: doc.kind, product: doc.product, areas: doc.areas,
        score: Math.round((boosted ? boost[d]! : scores ? rank[d]! : 0) * 1e4) / 1e4,
        titleRanges: matchRanges(doc.title, marker, Infinity, this.lowerText(d, doc.title, this.loweredTitles)),
        snippet: snippet(doc.text, marker, SNIPPET_LENGTH, this.lowerText(d, doc.text)),
      };
    });
    // `suggestion` is always a field (undefined when there is none), so every result has one shape:
    // code reading results meets one map, whether or not this query earned a suggestion.
    return { query: q, total: passing.length, hits, facets, suggestion: slots.length > 0 && passing.length < SUGGEST_BELOW ? suggest(data, slots) : undefined };
  }
}
