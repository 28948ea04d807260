/**
 * A SearchEngine over a build's Pagefind bundle (indexer/build-pagefind.ts), searched with Pagefind's
 * own `pagefind.js`, imported at run time from the bundle's URL. The widget imports this module
 * dynamically, so pages on the MiniSearch engine never download it. What it does where Pagefind has no
 * native feature (DESIGN.md, "Pagefind engine"):
 *
 * - facet counts: Pagefind counts only the filters whose chunks are loaded; each search names every
 *   facet without a selection as `{none: []}` (loads its chunk, restricts nothing), never the hidden
 *   `date` filter unless a date range is set (its counts cost time on every search);
 * - self-exclusion: with one selected facet (no date range), its counts are those without filters:
 *   Pagefind's own `totalFilters` for a term, the manifest's counts for none; with more, one extra
 *   search per selected facet without its selection;
 * - date range: the hidden `date` filter (one value per day) with `any` of the days inside the range;
 * - newest / oldest: pages are built newest first (indexer/build-pagefind.ts, newestOrder), so a
 *   query-less search is already newest first and oldest is its reverse; only typed queries use
 *   Pagefind's `date` sort (its cost grows with results × pages); undated records are moved last;
 * - highlights: Pagefind's `<mark>` excerpt and word locations become plain text + ranges;
 * - stale results and typing speed: one Pagefind search at a time; a search overtaken by a newer one
 *   while it waits rejects with StaleSearchError without reaching Pagefind, so a fast typist never
 *   queues searches (Pagefind's wasm cannot be interrupted once started); only the hits of the page
 *   shown are loaded (`data()`);
 * - repeated views (paging, backspace, toggling a facet back): the last Pagefind answers are cached;
 * - the opening view (empty query, no filter, newest first) comes from `changefind-latest.json` and the
 *   manifest's counts, so it needs none of Pagefind's index; Pagefind loads right after it.
 */
import { PAGEFIND_DIR } from '../indexer/engine-choice.ts';
import { FACETS, SCHEMA_VERSION, type FacetName, type Manifest } from '../indexer/schema.ts';
import { IndexError } from './core/errors.ts';
import { addCounts, bundleDays, mergeByScore, type PagefindBundle } from './pagefind-bundles.ts';
import { snippetFromExcerpt, titleRanges } from './pagefind-excerpt.ts';
import type { DateRange, FacetValueCount, Filters, Hit, SearchEngine, SearchOptions, SearchResult, SortOrder } from './search-types.ts';

/** Words in Pagefind's excerpt (about the search core's 160-character snippet). */
const EXCERPT_WORDS = 26;
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 1000;
/** Pagefind answers kept for repeated views (a few keystrokes back, the pages of one view). */
export const CACHE_SIZE = 32;

type PagefindFilter = Record<string, { any: string[] } | { none: string[] }>;
type Counts = Record<string, Record<string, number>>;

interface PagefindData {
  url: string;
  content: string;
  excerpt: string;
  locations: number[];
  meta: Record<string, string | undefined>;
}
interface PagefindHit {
  id: string;
  score: number;
  data(): Promise<PagefindData>;
}
interface PagefindResponse {
  results: PagefindHit[];
  /** Counts over the results, every filter applied. */
  filters: Counts;
  /** Counts over the results of the term without any filter. */
  totalFilters?: Counts;
  /** Milliseconds: loading chunks, the wasm search; one entry per merged index in some versions. */
  timings?: PagefindTimings | PagefindTimings[];
}
interface PagefindTimings {
  preload?: number;
  search?: number;
  total?: number;
}
/** The part of `pagefind.js`'s module API this engine uses. */
export interface PagefindApi {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(term: string | null, options?: { filters?: PagefindFilter; sort?: Record<string, 'asc' | 'desc'> }): Promise<PagefindResponse | null>;
  filters(): Promise<Counts>;
  /** Loads the chunks a search would need without running it. */
  preload?(term: string | null, options?: { filters?: PagefindFilter }): Promise<void>;
  /** Pagefind 1.x: an instance of its own over the bundle at `basePath` (several share one worker). */
  createInstance?(options: Record<string, unknown>): PagefindApi;
}

/** A search overtaken by a newer one on the same engine (callers that number their requests ignore it). */
export class StaleSearchError extends Error {
  override name = 'AbortError';
  readonly code = 'stale';
  constructor() {
    super('A newer search replaced this one.');
  }
}

export interface PagefindLoadInit {
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

function count(value: unknown, fallback: number, max: number): number {
  const n = typeof value === 'number' && Number.isFinite(value) ? Math.floor(value) : fallback;
  return Math.min(Math.max(n, 0), max);
}

const orNull = (value: string | undefined): string | null => (value ? value : null);

function parseAreas(value: string | undefined): string[] {
  try {
    const areas: unknown = JSON.parse(value ?? '[]');
    return Array.isArray(areas) ? areas.map(String) : [];
  } catch {
    return [];
  }
}

/** Days (`yyyy-mm-dd`) inside an inclusive range, with the search core's rules (`to` may be `yyyy` or `yyyy-mm`). */
export function daysInRange(days: readonly string[], range: DateRange): string[] {
  const from = typeof range.from === 'string' && range.from ? range.from : undefined;
  const to = typeof range.to === 'string' && range.to ? range.to : undefined;
  return days.filter((d) => (!from || d >= from) && (!to || d.slice(0, to.length) <= to));
}

/** One row of `changefind-latest.json` (indexer/build-pagefind.ts, LATEST_COLUMNS). */
type LatestRow = [string, string, string, string | null, string | null, string | null, string | null, string, string, string[], string];

/** A Pagefind hit with its bundle (index in the layout, 0 = newest). */
interface Ranked {
  hit: PagefindHit;
  score: number;
  bundle: number;
}

/** One bundle's part of a view: dated hits in display order, then its undated ones; its facet counts. */
interface BundleAnswer {
  hits: Ranked[];
  undated: Ranked[];
  counts?: Counts;
}

/** A view's hits merged across the bundles searched, with the facet counts when all are counted. */
interface ViewAnswer {
  hits: Ranked[];
  total: number;
  counts?: Counts;
  /** Every bundle of the view was searched. */
  all: boolean;
}

/** One view (term, filters, sort, date range); paging does not change it. */
interface View {
  key: string;
  query: string;
  term: string | null;
  selected: Map<FacetName, string[]>;
  range: DateRange;
  ranged: boolean;
  sort: SortOrder;
  direction: 'asc' | 'desc' | undefined;
  /** Bundle indexes in display order (oldest first for `oldest`, else newest first). */
  order: number[];
}

/** Answers of completed views kept for repeated views (paging, "Show more", the refresh after a first answer). */
const VIEW_CACHE = 16;

export class PagefindEngine implements SearchEngine {
  readonly manifest: Manifest;
  /** The build's bundles, newest first (one for builds at or below PAGEFIND_BUNDLE_RECORDS). */
  readonly bundles: readonly PagefindBundle[];
  private readonly connect: (bundle: number) => Promise<PagefindApi>;
  /** The opening view's records, newest first (may be empty: then Pagefind answers it too). */
  private latest: readonly LatestRow[] = [];
  /** Settles when `latest` is in (the opening view waits for it; typed searches do not). */
  private latestIn: Promise<unknown> = Promise.resolve();
  private readonly apis: (Promise<PagefindApi> | undefined)[] = [];
  /** Bundles whose facet filter chunks are loaded (their searches can count at no extra fetch). */
  private readonly counted = new Set<number>();
  /** Per bundle: the days of its hidden `date` filter, loaded on a date range when its dates are unknown. */
  private readonly days = new Map<number, Promise<string[]>>();
  private seq = 0;
  /** The view of the newest search: a view's background work stops once another view is asked for. */
  private viewKey = '';
  /** Settles when the Pagefind search running now (if any) is done. */
  private lock: Promise<void> = Promise.resolve();
  /** Pagefind answers by search (bundle, term, filters, sort), least recently used first. */
  private readonly cache = new Map<string, Promise<PagefindResponse>>();
  /** Complete answers by view, in flight or done. */
  private readonly views = new Map<string, Promise<ViewAnswer>>();
  private readonly done = new Map<string, ViewAnswer>();
  /** The failure of a view's complete answer, reported by the next search of that view. */
  private failed?: { key: string; error: unknown };
  /**
   * Where the time went, summed over every search (for the bench): Pagefind searches run (not from
   * the cache), wall time waiting for Pagefind's answers, the part of it spent in Pagefind's wasm
   * search (its own `timings.search`: matching, facet counting, sorting), and loading the shown records.
   */
  readonly work = { searches: 0, pagefindMs: 0, wasmMs: 0, dataMs: 0 };

  private constructor(manifest: Manifest, connect: (bundle: number) => Promise<PagefindApi>, bundles: readonly PagefindBundle[]) {
    this.manifest = manifest;
    this.connect = connect;
    this.bundles = bundles;
  }

  /**
   * An engine over Pagefind bundles (`connect(i)` imports and initialises bundle `i` on first need);
   * without `bundles`, one bundle holding the whole build. `latest` (the rows of `changefind-latest.json`)
   * may still be coming: only the opening view waits for it.
   */
  static create(manifest: Manifest, connect: (bundle: number) => Promise<PagefindApi>, latest: readonly unknown[] | Promise<unknown> = [], bundles?: readonly PagefindBundle[]): PagefindEngine {
    const layout = bundles?.length ? bundles : [{ dir: '', records: manifest.recordCount, from: null, to: null, undated: manifest.recordCount - Object.values(manifest.counts?.year ?? {}).reduce((a, n) => a + n, 0) }];
    const engine = new PagefindEngine(manifest, connect, layout);
    const take = (rows: unknown) => {
      if (Array.isArray(rows)) engine.latest = rows.filter((row): row is LatestRow => Array.isArray(row) && row.length === 11);
    };
    if (Array.isArray(latest)) take(latest);
    else engine.latestIn = Promise.resolve(latest).then(take, () => undefined);
    return engine;
  }

  /** An engine over one initialised `pagefind.js` module (the whole build in one bundle), its facet filters loaded. */
  static async open(manifest: Manifest, api: PagefindApi, latest: readonly unknown[] = []): Promise<PagefindEngine> {
    const engine = PagefindEngine.create(manifest, async () => api, latest);
    await engine.loadFacets(0);
    return engine;
  }

  /**
   * Starts loading Pagefind's runtime, the newest bundle's metadata and its facet filter chunks, if
   * not yet (after the opening view, or when the reader focuses the box), so the first typed search
   * finds them loaded. Pagefind's `preload` fetches the chunks a search names without running it.
   */
  preload(): void {
    void this.loadFacets(0).catch(() => undefined);
  }

  private async loadFacets(bundle: number): Promise<void> {
    const api = await this.api(bundle);
    await api.preload?.(null, { filters: Object.fromEntries(FACETS.map((facet) => [facet, { none: [] }])) });
    this.counted.add(bundle);
  }

  /** Bundle `i`'s Pagefind, initialised (retried after a failure). */
  private api(bundle: number): Promise<PagefindApi> {
    let api = this.apis[bundle];
    if (!api) {
      api = this.apis[bundle] = this.connect(bundle);
      api.catch(() => (this.apis[bundle] = undefined));
    }
    return api;
  }

  /** Every day of bundle `i` that has records (its hidden `date` filter's values), sorted; loads every filter chunk. */
  private allDays(bundle: number): Promise<string[]> {
    let days = this.days.get(bundle);
    if (!days) {
      days = this.api(bundle).then((api) => api.filters()).then((all) => Object.keys(all.date ?? {}).sort());
      this.days.set(bundle, days);
      days.catch(() => this.days.delete(bundle));
    }
    return days;
  }

  /** The answer of a search that ran lately (marked as just used), if any. */
  private cached(key: string): Promise<PagefindResponse> | undefined {
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key);
      this.cache.set(key, hit);
    }
    return hit;
  }

  /**
   * One Pagefind search of one bundle: from the cache when the same search ran lately, else when no
   * other Pagefind search is running (`check` throws StaleSearchError when the search was overtaken
   * meanwhile, and it then never reaches Pagefind).
   */
  private async run(check: () => void, bundle: number, term: string | null, filters: PagefindFilter, sort: 'asc' | 'desc' | undefined): Promise<PagefindResponse> {
    const key = JSON.stringify([bundle, term, filters, sort ?? null]);
    const hit = this.cached(key);
    if (hit) return hit;
    const api = await this.api(bundle);
    return this.exclusive(check, async () => {
      const again = this.cached(key);
      if (again) return again;
      this.work.searches++;
      const asked = performance.now();
      const answer = api.search(term, { filters, ...(sort ? { sort: { date: sort } } : {}) }).then((r) => {
        if (!r) throw new StaleSearchError();
        for (const t of [r.timings ?? []].flat()) this.work.wasmMs += t.search ?? 0;
        if (FACETS.every((facet) => facet in filters)) this.counted.add(bundle);
        return r;
      });
      this.cache.set(key, answer);
      answer.catch(() => this.cache.delete(key));
      while (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
      try {
        return await answer;
      } finally {
        this.work.pagefindMs += performance.now() - asked;
      }
    });
  }

  /** Runs `work` when no other Pagefind search is running; rejects without running when `check` throws. */
  private async exclusive<T>(check: () => void, work: () => Promise<T>): Promise<T> {
    const before = this.lock;
    let release!: () => void;
    this.lock = new Promise<void>((resolve) => (release = resolve));
    try {
      await before;
      check();
      return await work();
    } finally {
      release();
    }
  }

  /** The opening view (empty query, no filter, newest first) from the latest records and the manifest's counts. */
  private opening(q: string, limit: number, offset: number): SearchResult | undefined {
    const total = this.manifest.recordCount;
    if (offset + limit > this.latest.length && this.latest.length < total) return undefined;
    const counts: Counts = {};
    for (const facet of FACETS) counts[facet] = { ...(this.manifest.counts?.[facet] ?? {}) };
    const hits = this.latest.slice(offset, offset + limit).map(([id, title, url, release, releaseType, date, lifecycle, kind, product, areas, content]): Hit => ({
      id, title, url, release, date, product, areas,
      releaseType: releaseType as Hit['releaseType'],
      lifecycle: lifecycle as Hit['lifecycle'],
      kind: kind as Hit['kind'],
      score: 0,
      titleRanges: [],
      snippet: snippetFromExcerpt(content, title, '', []),
    }));
    setTimeout(() => this.preload(), 0);
    return { query: q, total, hits, facets: this.facets(counts, new Map()) };
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchResult> {
    const seq = ++this.seq;
    const q = typeof query === 'string' ? query : '';
    const term = q.trim() === '' ? null : q.trim();
    const selected = this.selection(options.filters);
    const range = { ...(options.dateRange ?? {}) };
    const sort: SortOrder = options.sort === 'newest' || options.sort === 'oldest' || (options.sort === 'relevance' && term) ? options.sort : term ? 'relevance' : 'newest';
    const limit = count(options.limit, DEFAULT_LIMIT, MAX_LIMIT);
    const offset = count(options.offset, 0, Number.MAX_SAFE_INTEGER);
    const ranged = !!(range.from || range.to);
    const key = JSON.stringify([term, [...selected].sort(), range.from ?? null, range.to ?? null, sort]);
    this.viewKey = key;
    if (term === null && selected.size === 0 && !ranged && sort === 'newest') {
      await this.latestIn;
      const view = this.opening(q, limit, offset);
      if (view) return view;
    }
    const order = this.bundles.map((_, i) => i);
    if (sort === 'oldest') order.reverse();
    // Query-less searches come back in page order, which is newest first (pages are built that way).
    const direction = sort === 'relevance' || term === null ? undefined : sort === 'newest' ? ('desc' as const) : ('asc' as const);
    const view: View = { key, query: q, term, selected, range, ranged, sort, direction, order };
    const current = () => this.current(seq);
    if (this.failed?.key === key) {
      const { error } = this.failed;
      this.failed = undefined;
      throw error;
    }
    const known = this.done.get(key);
    if (known) return this.page(view, known, limit, offset, current);
    // One bundle whose facet chunks are in: the whole answer costs no more than the first one.
    if (this.bundles.length === 1 && this.counted.has(0)) {
      const answer = await this.complete(view);
      current();
      return this.page(view, answer, limit, offset, current);
    }
    const first = await this.first(view, offset, current);
    const shown = await this.page(view, first, limit, offset, current);
    // Only now, and after the first answer is rendered (next task), the older bundles and the facet
    // filter chunks: nothing of them delays the first answer.
    const complete = this.complete(view, true);
    complete.catch(() => undefined);
    return { ...shown, pending: { hits: !first.all, facets: true, complete: complete.then((answer) => this.page(view, answer, limit, offset)) } };
  }

  /** Throws StaleSearchError when a newer search started after `seq`. */
  private current(seq: number): void {
    if (seq !== this.seq) throw new StaleSearchError();
  }

  /**
   * The first answer of a view: bundles searched in display order, without facet counts unless the
   * bundle's filter chunks are already loaded, until the page shown has a hit (or every bundle is searched).
   */
  private async first(view: View, offset: number, check: () => void): Promise<ViewAnswer> {
    const parts = new Map<number, BundleAnswer>();
    for (const bundle of view.order) {
      parts.set(bundle, await this.bundle(view, bundle, check, this.counted.has(bundle), false));
      const answer = this.merge(view, parts);
      if (answer.hits.length > offset || answer.all) return answer;
    }
    return this.merge(view, parts);
  }

  /**
   * The whole answer of a view: every bundle searched with its facet counts (once per view, shared by
   * its searches; kept). Stops with StaleSearchError once a search of another view starts.
   */
  private complete(view: View, later = false): Promise<ViewAnswer> {
    let answer = this.views.get(view.key);
    if (answer) return answer;
    const stillWanted = () => {
      if (this.viewKey !== view.key) throw new StaleSearchError();
    };
    answer = (async () => {
      if (later) await new Promise((resolve) => setTimeout(resolve, 0));
      stillWanted();
      for (const bundle of view.order) void this.api(bundle).catch(() => undefined); // fetch every bundle's metadata at once
      const parts = new Map<number, BundleAnswer>();
      for (const bundle of view.order) parts.set(bundle, await this.bundle(view, bundle, stillWanted, true));
      const merged = this.merge(view, parts);
      this.done.set(view.key, merged);
      while (this.done.size > VIEW_CACHE) this.done.delete(this.done.keys().next().value!);
      return merged;
    })();
    this.views.set(view.key, answer);
    answer.then(
      () => this.views.delete(view.key),
      (error: unknown) => {
        this.views.delete(view.key);
        if (!(error instanceof StaleSearchError) && this.viewKey === view.key) this.failed = { key: view.key, error };
      },
    );
    return answer;
  }

  /**
   * One bundle's part of a view. With `counts`, every facet is named (its chunk loads; counts come
   * back), plus one search per selected facet without its selection where Pagefind's own counts
   * cannot stand in (see DESIGN.md, "counts with self-exclusion").
   */
  private async bundle(view: View, bundle: number, check: () => void, counts: boolean, extras = true): Promise<BundleAnswer> {
    const info = this.bundles[bundle]!;
    const span = view.ranged ? bundleDays(info, view.range) : 'all';
    let days: string[] | undefined;
    if (span === 'unknown') days = daysInRange(await this.allDays(bundle), view.range);
    else if (span !== 'all' && span !== 'skip') days = span.days;
    check();
    if (span === 'skip' || days?.length === 0) return { hits: [], undated: [], ...(counts ? { counts: {} } : {}) };
    const dateSort = view.sort !== 'relevance';
    const filters = (without?: FacetName): PagefindFilter => {
      const out: PagefindFilter = {};
      for (const facet of FACETS) {
        const values = facet === without ? undefined : view.selected.get(facet);
        if (values) out[facet] = { any: values };
        else if (counts || (facet === 'year' && dateSort && info.undated > 0)) out[facet] = { none: [] };
      }
      if (days) out.date = { any: days };
      return out;
    };
    const main = await this.run(check, bundle, view.term, filters(), view.direction);
    let results = view.term === null && view.sort === 'oldest' ? [...main.results].reverse() : main.results;
    let undated: PagefindHit[] = [];
    if (dateSort && info.undated > 0) {
      const dated = Object.values(main.filters.year ?? {}).reduce((sum, n) => sum + n, 0);
      const n = Math.max(0, results.length - dated);
      [results, undated] = view.sort === 'oldest' ? [results.slice(n), results.slice(0, n)] : [results.slice(0, results.length - n), results.slice(results.length - n)];
    }
    const rank = (hit: PagefindHit): Ranked => ({ hit, score: hit.score, bundle });
    const answer: BundleAnswer = { hits: results.map(rank), undated: undated.map(rank) };
    if (!counts || !extras) return answer;
    const tally: Counts = { ...main.filters };
    delete tally.date;
    for (const facet of view.selected.keys()) {
      // One selected facet: its counts are those without filters (Pagefind's totalFilters for a term
      // on a bundle without a date filter; the build's counts for no term and no range, see merge).
      if (view.selected.size === 1 && !days && view.term !== null) tally[facet] = main.totalFilters?.[facet] ?? {};
      else if (view.selected.size === 1 && view.term === null && !view.ranged) delete tally[facet];
      else tally[facet] = (await this.run(check, bundle, view.term, filters(facet), undefined)).filters[facet] ?? {};
    }
    return { ...answer, counts: tally };
  }

  /** The bundles' parts merged in display order (relevance: by score, ties newest bundle first). */
  private merge(view: View, parts: Map<number, BundleAnswer>): ViewAnswer {
    const shown = view.order.filter((bundle) => parts.has(bundle)).map((bundle) => parts.get(bundle)!);
    const all = shown.length === view.order.length;
    // Undated records come after every dated one: shown once every bundle is in.
    const hits = view.sort === 'relevance' ? mergeByScore(shown.map((p) => p.hits)) : [...shown.flatMap((p) => p.hits), ...(all ? shown.flatMap((p) => p.undated) : [])];
    let counts: Counts | undefined;
    if (all && shown.every((p) => p.counts)) {
      counts = {};
      for (const part of shown) addCounts(counts, part.counts);
      const [only] = view.selected.keys();
      if (only && view.selected.size === 1 && view.term === null && !view.ranged) counts[only] = { ...(this.manifest.counts?.[only] ?? {}) };
    }
    return { hits, total: hits.length, all, ...(counts ? { counts } : {}) };
  }

  /** The page shown of an answer: loads its records (`data()`) and builds the hits. */
  private async page(view: View, answer: ViewAnswer, limit: number, offset: number, check?: () => void): Promise<SearchResult> {
    const page = answer.hits.slice(offset, offset + limit);
    const loading = performance.now();
    const data = await Promise.all(page.map((r) => r.hit.data()));
    this.work.dataMs += performance.now() - loading;
    check?.();
    const hits = data.map((d, i) => this.hit(d, page[i]!.score, view.term !== null));
    return { query: view.query, total: answer.total, hits, facets: this.facets(answer.counts ?? {}, view.selected) };
  }

  private selection(filters: Filters | undefined): Map<FacetName, string[]> {
    const out = new Map<FacetName, string[]>();
    if (!filters || typeof filters !== 'object') return out;
    for (const facet of FACETS) {
      const values = filters[facet];
      if (Array.isArray(values) && values.length > 0) out.set(facet, [...new Set(values.map(String))]);
    }
    return out;
  }

  private hit(d: PagefindData, score: number, matched: boolean): Hit {
    const m = d.meta;
    const title = m.title ?? '';
    return {
      id: m.id ?? d.url,
      title,
      url: m.url ?? d.url,
      release: orNull(m.release),
      releaseType: orNull(m.releaseType) as Hit['releaseType'],
      date: orNull(m.date),
      lifecycle: orNull(m.lifecycle) as Hit['lifecycle'],
      kind: (m.kind ?? 'feature') as Hit['kind'],
      product: m.product ?? '',
      areas: parseAreas(m.areas),
      score: matched ? Math.round(score * 1e4) / 1e4 : 0,
      titleRanges: matched ? titleRanges(title, d.locations) : [],
      snippet: snippetFromExcerpt(d.content, title, matched ? d.excerpt : '', matched ? d.locations : []),
    };
  }

  /** Per facet: value counts (zero counts dropped unless selected), by count desc then value. */
  private facets(counts: Counts, selected: Map<FacetName, string[]>): Record<FacetName, FacetValueCount[]> {
    const out = {} as Record<FacetName, FacetValueCount[]>;
    for (const facet of FACETS) {
      const chosen = selected.get(facet) ?? [];
      const tally = { ...Object.fromEntries(chosen.filter((v) => v in (this.manifest.counts[facet] ?? {})).map((v) => [v, 0])), ...(counts[facet] ?? {}) };
      out[facet] = Object.entries(tally)
        .filter(([value, n]) => n > 0 || chosen.includes(value))
        .map(([value, n]) => ({ value, count: n }))
        .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    }
    return out;
  }
}

async function sha256(bytes: ArrayBuffer): Promise<string | undefined> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return undefined;
  return Array.from(new Uint8Array(await subtle.digest('SHA-256', bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Version of `changefind-bundles.json` this engine reads (indexer/build-pagefind.ts, PAGEFIND_LAYOUT_FORMAT). */
export const LAYOUT_FORMAT = 2;

/** A Pagefind build's first requests: the bundle list, the opening view's records and Pagefind's runtime. */
interface Requests {
  folder: string;
  base: URL;
  get: (name: string) => Promise<Response>;
  missing: (name: string, res: Response) => IndexError;
  list: Promise<Response>;
  latest: Promise<Response>;
  runtime: () => Promise<PagefindApi>;
}

/**
 * Requests a Pagefind build's first files from `folder` inside the directory URL `dir`, all at once:
 * the bundle list, the opening view's records and Pagefind's runtime (`pagefind.js`, the same file in
 * every bundle; imported, so its evaluation is done too by the time a search needs it).
 */
function request(dir: URL, folder: string, init: PagefindLoadInit): Requests {
  const base = new URL(folder, dir);
  const doFetch = init.fetch ?? globalThis.fetch;
  const get = async (name: string): Promise<Response> => {
    const url = new URL(name, base);
    try {
      return await doFetch(url, init.signal ? { signal: init.signal } : {});
    } catch (cause) {
      if (init.signal?.aborted) throw cause;
      throw new IndexError('network', `${folder}${name}: could not fetch ${url.href} (${(cause as Error)?.message ?? cause}). Check the connection and the index URL.`, { cause });
    }
  };
  const missing = (name: string, res: Response) =>
    new IndexError(res.status === 404 || res.status === 410 ? 'not-found' : 'network', `${folder}${name}: HTTP ${res.status} from ${res.url || base.href}. Deploy the whole index folder, ${folder} included.`);
  const script = new URL('pagefind.js', base).href;
  let imported: Promise<PagefindApi> | undefined;
  const runtime = () => {
    if (!imported) {
      imported = import(/* @vite-ignore */ script) as Promise<PagefindApi>;
      imported.catch(() => (imported = undefined)); // retried by the next search
    }
    return imported;
  };
  const out = { folder, base, get, missing, list: get('changefind-bundles.json'), latest: get('changefind-latest.json'), runtime };
  for (const started of [out.list, out.latest, runtime()]) started.catch(() => undefined); // reported when awaited
  return out;
}

/**
 * Starts loading the Pagefind engine of the build in the directory URL `dir` before its manifest is
 * read (the page asked for Pagefind): requests the bundle list, the opening view's records and
 * Pagefind's runtime now, and returns the rest of the load (loadPagefindEngine's), which takes the
 * manifest. A manifest that names another folder for the bundles has them requested again from there.
 */
export function openPagefind(dir: URL, init: PagefindLoadInit = {}): (manifest: Manifest) => Promise<PagefindEngine> {
  const early = request(dir, PAGEFIND_DIR, init);
  return (manifest) => load(dir, manifest, init, early);
}

/**
 * Loads the Pagefind engine of the build whose manifest.json (already read and parsed) sits in the
 * directory URL `dir`: checks the schema version, that `changefind-bundles.json` (the list of the
 * build's Pagefind bundles) belongs to this build, and reads the opening view's records (without
 * waiting for them: only the opening view does). Pagefind's runtime (`pagefind/pagefind.js`) is
 * requested with the bundle list, and each bundle's Pagefind instance (Pagefind's `createInstance`,
 * one shared worker) initialised when a search first needs it, after checking that the bundle's
 * `pagefind-entry.json` is the one the layout names. Every failure is an IndexError.
 */
export function loadPagefindEngine(dir: URL, manifest: Manifest, init: PagefindLoadInit = {}): Promise<PagefindEngine> {
  return load(dir, manifest, init);
}

async function load(dir: URL, manifest: Manifest, init: PagefindLoadInit, early?: Requests): Promise<PagefindEngine> {
  if (manifest.schemaVersion !== SCHEMA_VERSION) {
    throw new IndexError('schema-mismatch', `manifest.json: index schema version ${manifest.schemaVersion}, but this changefind reads version ${SCHEMA_VERSION}. Rebuild the index with this changefind version.`);
  }
  const folder = manifest.files?.pagefind;
  if (!folder || !manifest.engines?.includes('pagefind')) {
    throw new IndexError('mismatch', `manifest.json: the build holds no Pagefind bundle (engines: ${(manifest.engines ?? []).join(', ') || 'none'}). Rebuild it with \`changefind build --engine pagefind\` (or \`both\`).`);
  }
  const { base, get, missing, list, latest: latestRes, runtime } = early?.folder === folder ? early : request(dir, folder, init);
  const res = await list;
  if (!res.ok) throw missing('changefind-bundles.json', res);
  const bytes = await res.arrayBuffer();
  const actual = await sha256(bytes);
  const expected = manifest.hashes?.[folder];
  if (actual !== undefined && expected !== undefined && actual !== expected) {
    throw new IndexError('mismatch', `${folder}changefind-bundles.json: sha256 ${actual.slice(0, 12)}… does not match manifest.json (${expected.slice(0, 12)}…): the bundles come from another build. Re-upload the whole index directory.`);
  }
  let layout: { format?: unknown; bundles?: unknown };
  try {
    layout = JSON.parse(new TextDecoder().decode(bytes)) as typeof layout;
  } catch (cause) {
    throw new IndexError('not-json', `${folder}changefind-bundles.json is not valid JSON; the server may have sent an error page.`, { cause });
  }
  const bundles = Array.isArray(layout.bundles) ? (layout.bundles as PagefindBundle[]).filter((b) => b && typeof b.dir === 'string') : [];
  if (layout.format !== LAYOUT_FORMAT || bundles.length === 0) {
    throw new IndexError('schema-mismatch', `${folder}changefind-bundles.json: Pagefind layout format ${String(layout.format)}, but this changefind reads format ${LAYOUT_FORMAT}. Rebuild the index with this changefind version.`);
  }
  // The opening view's records; without them (missing, unreadable) Pagefind answers the opening view too.
  const latest = latestRes.then(async (r) => (r.ok ? ((await r.json()) as { rows?: unknown }).rows : undefined)).catch(() => undefined);
  const connect = async (i: number): Promise<PagefindApi> => {
    const bundle = bundles[i]!;
    const basePath = new URL(bundle.dir, base).href;
    const checked = (async () => {
      if (!bundle.entry) return;
      const entry = await get(`${bundle.dir}pagefind-entry.json`);
      if (!entry.ok) throw missing(`${bundle.dir}pagefind-entry.json`, entry);
      const hash = await sha256(await entry.arrayBuffer());
      if (hash !== undefined && hash !== bundle.entry) {
        throw new IndexError('mismatch', `${folder}${bundle.dir}pagefind-entry.json: sha256 ${hash.slice(0, 12)}… does not match changefind-bundles.json (${bundle.entry.slice(0, 12)}…): the bundle comes from another build. Re-upload the whole index directory.`);
      }
    })();
    checked.catch(() => undefined);
    try {
      const mod = await runtime();
      const options = { basePath, baseUrl: '/', excerptLength: EXCERPT_WORDS };
      let api: PagefindApi = mod;
      if (mod.createInstance) api = mod.createInstance(options);
      else if (bundles.length === 1) await mod.options(options);
      else throw new Error('this pagefind.js has no createInstance (Pagefind 1.x needed for a split build)');
      await api.init();
      await checked;
      return api;
    } catch (cause) {
      if (cause instanceof IndexError) throw cause;
      throw new IndexError('network', `${new URL('pagefind.js', base).href}: Pagefind's runtime could not be loaded for ${folder}${bundle.dir} (${(cause as Error)?.message ?? cause}). Check that ${folder} is deployed with the index.`, { cause });
    }
  };
  const engine = PagefindEngine.create(manifest, connect, latest, bundles);
  void latest.then((rows) => Array.isArray(rows) || engine.preload());
  return engine;
}
