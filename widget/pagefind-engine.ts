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
import { FACETS, SCHEMA_VERSION, type FacetName, type Manifest } from '../indexer/schema.ts';
import { IndexError } from './core/errors.ts';
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

interface Connected {
  api: PagefindApi;
}

export class PagefindEngine implements SearchEngine {
  readonly manifest: Manifest;
  private readonly connect: () => Promise<PagefindApi>;
  /** The opening view's records, newest first (may be empty: then Pagefind answers it too). */
  private readonly latest: readonly LatestRow[];
  private connected?: Promise<Connected>;
  /** The days of the hidden `date` filter, loaded on the first date range. */
  private days?: Promise<string[]>;
  private seq = 0;
  /** Settles when the Pagefind search running now (if any) is done. */
  private lock: Promise<void> = Promise.resolve();
  /** Pagefind answers by search (term, filters, sort), least recently used first. */
  private readonly cache = new Map<string, Promise<PagefindResponse>>();
  /**
   * Where the time went, summed over every search (for the bench): Pagefind searches run (not from
   * the cache), wall time waiting for Pagefind's answers, the part of it spent in Pagefind's wasm
   * search (its own `timings.search`: matching, facet counting, sorting), and loading the shown records.
   */
  readonly work = { searches: 0, pagefindMs: 0, wasmMs: 0, dataMs: 0 };

  private constructor(manifest: Manifest, connect: () => Promise<PagefindApi>, latest: readonly LatestRow[]) {
    this.manifest = manifest;
    this.connect = connect;
    this.latest = latest;
  }

  /** An engine over a `pagefind.js` module (`connect` imports and initialises it on first need). */
  static create(manifest: Manifest, connect: () => Promise<PagefindApi>, latest: readonly unknown[] = []): PagefindEngine {
    return new PagefindEngine(manifest, connect, latest.filter((row): row is LatestRow => Array.isArray(row) && row.length === 11));
  }

  /** An engine over an initialised `pagefind.js` module, its filters loaded. */
  static async open(manifest: Manifest, api: PagefindApi, latest: readonly unknown[] = []): Promise<PagefindEngine> {
    const engine = PagefindEngine.create(manifest, async () => api, latest);
    await engine.ready();
    return engine;
  }

  /**
   * Starts loading Pagefind's runtime, metadata and facet filter chunks, if not yet (after the opening
   * view, or when the reader focuses the box), so the first typed search finds them loaded. Pagefind's
   * `preload` fetches the chunks a search names without running the search (no counting).
   */
  preload(): void {
    void this.ready()
      .then(({ api }) => api.preload?.(null, { filters: Object.fromEntries(FACETS.map((facet) => [facet, { none: [] }])) }))
      .catch(() => undefined);
  }

  /**
   * Pagefind, initialised (its metadata loaded; filter chunks load with the first search that names
   * them). Retried after a failure.
   */
  private ready(): Promise<Connected> {
    this.connected ??= (async () => ({ api: await this.connect() }))();
    this.connected.catch(() => (this.connected = undefined));
    return this.connected;
  }

  /** Every day that has records (the hidden `date` filter's values), sorted; loads every filter chunk. */
  private allDays(api: PagefindApi): Promise<string[]> {
    this.days ??= api.filters().then((all) => Object.keys(all.date ?? {}).sort());
    this.days.catch(() => (this.days = undefined));
    return this.days;
  }

  /** The answer of a search that ran lately (marked as just used), if any. */
  private cached(term: string | null, filters: PagefindFilter, sort: 'asc' | 'desc' | undefined): Promise<PagefindResponse> | undefined {
    const key = JSON.stringify([term, filters, sort ?? null]);
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key);
      this.cache.set(key, hit);
    }
    return hit;
  }

  /** One Pagefind search, from the cache when the same search ran lately. */
  private run(api: PagefindApi, term: string | null, filters: PagefindFilter, sort: 'asc' | 'desc' | undefined): Promise<PagefindResponse> {
    const hit = this.cached(term, filters, sort);
    if (hit) return hit;
    const key = JSON.stringify([term, filters, sort ?? null]);
    this.work.searches++;
    const answer = api.search(term, { filters, ...(sort ? { sort: { date: sort } } : {}) }).then((r) => {
      if (!r) throw new StaleSearchError();
      for (const t of [r.timings ?? []].flat()) this.work.wasmMs += t.search ?? 0;
      return r;
    });
    this.cache.set(key, answer);
    answer.catch(() => this.cache.delete(key));
    while (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    return answer;
  }

  /**
   * Runs `work` when no other Pagefind search is running; a search overtaken (by `seq`) while it
   * waits rejects with StaleSearchError without running.
   */
  private async exclusive<T>(seq: number, work: () => Promise<T>): Promise<T> {
    const before = this.lock;
    let release!: () => void;
    this.lock = new Promise<void>((resolve) => (release = resolve));
    try {
      await before;
      this.current(seq);
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
    const range = options.dateRange ?? {};
    const sort: SortOrder = options.sort === 'newest' || options.sort === 'oldest' || (options.sort === 'relevance' && term) ? options.sort : term ? 'relevance' : 'newest';
    const limit = count(options.limit, DEFAULT_LIMIT, MAX_LIMIT);
    const offset = count(options.offset, 0, Number.MAX_SAFE_INTEGER);
    const ranged = !!(range.from || range.to);
    if (term === null && selected.size === 0 && !ranged && sort === 'newest') {
      const view = this.opening(q, limit, offset);
      if (view) return view;
    }
    const { api } = await this.ready();
    this.current(seq);
    const days = ranged ? daysInRange(await this.allDays(api), range) : undefined;
    this.current(seq);
    if (days?.length === 0) return { query: q, total: 0, hits: [], facets: this.facets({}, selected) };
    const filters = (without?: FacetName): PagefindFilter => {
      const out: PagefindFilter = {};
      for (const facet of FACETS) {
        const values = facet === without ? undefined : selected.get(facet);
        out[facet] = values ? { any: values } : { none: [] };
      }
      if (days) out.date = { any: days };
      return out;
    };
    // Query-less searches come back in page order, which is newest first (pages are built that way).
    const direction = sort === 'relevance' || term === null ? undefined : sort === 'newest' ? ('desc' as const) : ('asc' as const);
    // With one selected facet and no date range, that facet's counts are those without any filter:
    // Pagefind's `totalFilters` for a term, the build's counts (manifest) without one.
    const extra = selected.size === 1 && !days ? [] : [...selected.keys()];
    const searches = (): Promise<PagefindResponse>[] => [this.run(api, term, filters(), direction), ...extra.map((facet) => this.run(api, term, filters(facet), undefined))];
    const cachedAll = this.cached(term, filters(), direction) && extra.every((facet) => this.cached(term, filters(facet), undefined));
    const asked = performance.now();
    const [main, ...others] = await (cachedAll ? Promise.all(searches()) : this.exclusive(seq, () => Promise.all(searches())));
    this.work.pagefindMs += performance.now() - asked;
    this.current(seq);
    let results = term === null && sort === 'oldest' ? [...main!.results].reverse() : main!.results;
    if (sort === 'oldest') {
      const dated = Object.values(main!.filters.year ?? {}).reduce((sum, n) => sum + n, 0);
      const undated = Math.max(0, results.length - dated);
      results = [...results.slice(undated), ...results.slice(0, undated)];
    }
    const counts: Counts = { ...main!.filters };
    for (const facet of selected.keys()) {
      const i = extra.indexOf(facet);
      counts[facet] = (i >= 0 ? others[i]?.filters[facet] : term === null ? this.manifest.counts?.[facet] : main!.totalFilters?.[facet]) ?? {};
    }
    const page = results.slice(offset, offset + limit);
    const loading = performance.now();
    const data = await Promise.all(page.map((r) => r.data()));
    this.work.dataMs += performance.now() - loading;
    this.current(seq);
    const hits = data.map((d, i) => this.hit(d, page[i]!.score, term !== null));
    return { query: q, total: results.length, hits, facets: this.facets(counts, selected) };
  }

  /** Throws StaleSearchError when a newer search started after `seq`. */
  private current(seq: number): void {
    if (seq !== this.seq) throw new StaleSearchError();
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

/**
 * Loads the Pagefind engine of the build whose manifest.json (already read and parsed) sits in the
 * directory URL `dir`: checks the schema version and that `pagefind-entry.json` belongs to this build,
 * and reads the opening view's records. The bundle's `pagefind.js` is imported and initialised when a
 * search first needs it (or right after the opening view is shown). Every failure is an IndexError.
 */
export async function loadPagefindEngine(dir: URL, manifest: Manifest, init: PagefindLoadInit = {}): Promise<PagefindEngine> {
  if (manifest.schemaVersion !== SCHEMA_VERSION) {
    throw new IndexError('schema-mismatch', `manifest.json: index schema version ${manifest.schemaVersion}, but this changefind reads version ${SCHEMA_VERSION}. Rebuild the index with this changefind version.`);
  }
  const folder = manifest.files?.pagefind;
  if (!folder || !manifest.engines?.includes('pagefind')) {
    throw new IndexError('mismatch', `manifest.json: the build holds no Pagefind bundle (engines: ${(manifest.engines ?? []).join(', ') || 'none'}). Rebuild it with \`changefind build --engine pagefind\` (or \`both\`).`);
  }
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
  const [res, latestRes] = await Promise.all([get('pagefind-entry.json'), get('changefind-latest.json')]);
  if (!res.ok) throw new IndexError(res.status === 404 || res.status === 410 ? 'not-found' : 'network', `${folder}pagefind-entry.json: HTTP ${res.status} from ${res.url || base.href}. Deploy the whole index folder, ${folder} included.`);
  const actual = await sha256(await res.arrayBuffer());
  const expected = manifest.hashes?.[folder];
  if (actual !== undefined && expected !== undefined && actual !== expected) {
    throw new IndexError('mismatch', `${folder}pagefind-entry.json: sha256 ${actual.slice(0, 12)}… does not match manifest.json (${expected.slice(0, 12)}…): the bundle comes from another build. Re-upload the whole index directory.`);
  }
  // The opening view's records; a bundle without them still works (Pagefind answers the opening view).
  const latest = latestRes.ok ? ((await latestRes.json().catch(() => ({}))) as { rows?: unknown }).rows : undefined;
  const script = new URL('pagefind.js', base).href;
  const connect = async (): Promise<PagefindApi> => {
    try {
      const api = (await import(/* @vite-ignore */ script)) as PagefindApi;
      await api.options({ basePath: base.href, baseUrl: '/', excerptLength: EXCERPT_WORDS });
      await api.init();
      return api;
    } catch (cause) {
      throw new IndexError('network', `${script}: Pagefind's runtime could not be loaded (${(cause as Error)?.message ?? cause}). Check that ${folder} is deployed with the index.`, { cause });
    }
  };
  const engine = PagefindEngine.create(manifest, connect, Array.isArray(latest) ? latest : []);
  if (!Array.isArray(latest)) engine.preload();
  return engine;
}
