/**
 * The public contract of the headless search core (widget/search-core.ts).
 * The Lit element, the CLI `search` command and the bench all code against these types;
 * the MiniSearch core implements them today, a Pagefind-backed core may later.
 */
import type { ChangeRecord, FacetName, Manifest } from '../indexer/schema.ts';

export type { FacetName } from '../indexer/schema.ts';

/** Selected values per facet: OR within a facet, AND across facets. */
export type Filters = Partial<Record<FacetName, string[]>>;

export type SortOrder = 'relevance' | 'newest' | 'oldest';

/** Inclusive ISO dates (`yyyy-mm-dd`); either end may be omitted. */
export interface DateRange {
  from?: string;
  to?: string;
}

export interface SearchOptions {
  filters?: Filters;
  /** Default: relevance with a query, newest without. */
  sort?: SortOrder;
  dateRange?: DateRange;
  /** Default 20. */
  limit?: number;
  /** Default 0. */
  offset?: number;
}

/** Half-open UTF-16 code unit range `[start, end)` into the string it belongs to. */
export type Range = readonly [start: number, end: number];

export interface Snippet {
  text: string;
  ranges: Range[];
  /** True when text was cut at the start / end of the body. */
  truncatedStart: boolean;
  truncatedEnd: boolean;
}

export type HitRecord = Pick<
  ChangeRecord,
  'id' | 'title' | 'url' | 'release' | 'releaseType' | 'date' | 'lifecycle' | 'kind' | 'product' | 'areas'
>;

export interface Hit extends HitRecord {
  score: number;
  titleRanges: Range[];
  snippet: Snippet;
}

export interface FacetValueCount {
  value: string;
  count: number;
}

export interface SearchResult {
  query: string;
  total: number;
  hits: Hit[];
  /** Per facet, counts as if that facet's own selection were cleared; sorted by count desc then value. */
  facets: Record<FacetName, FacetValueCount[]>;
  /** A spelling suggestion for the query when it found little, else undefined. */
  suggestion?: string;
  /**
   * Set on a first answer of an engine that answers in steps (the Pagefind engine: hits before facet
   * counts, the newest bundle of a split build before the older ones). `hits`: more results may come
   * (`total` is a lower bound); `facets`: the counts are not known yet (`facets` holds only the selected
   * values). `complete` resolves to the whole answer of the same view, or rejects (an `AbortError`
   * when a search of another view overtook it).
   */
  pending?: { hits: boolean; facets: boolean; complete: Promise<SearchResult> };
}

/** Anything the widget can search: sync (MiniSearch core) or async (a chunked engine). */
export interface SearchEngine {
  readonly manifest: Manifest;
  search(query: string, options?: SearchOptions): SearchResult | Promise<SearchResult>;
  /** Ends an idle-time warm-up for good (SearchCore.warmUp), e.g. when the widget leaves the page. */
  stopWarmUp?(): void;
}

/**
 * A whole index in one JSON-serialisable value: the manifest plus the text of every file it names
 * (file name -> content). Used for inline mode (`<script type="application/json">` or a JS module)
 * and by Node callers that read the files themselves.
 */
export interface IndexBundle {
  manifest: Manifest;
  files: Record<string, string>;
}

/** Why an index could not be loaded; the widget shows a distinct message per code. */
export type IndexErrorCode =
  | 'not-found' // 404 or missing file
  | 'network' // fetch failed or timed out
  | 'not-json' // e.g. an HTML error page where JSON was expected
  | 'truncated' // JSON cut short, or a hash that does not match the manifest
  | 'schema-mismatch' // manifest.schemaVersion differs from SCHEMA_VERSION
  | 'mismatch' // manifest and index from different builds
  | 'timeout'; // no complete answer within the widget's load timeout (a very slow server)

/*
 * widget/search-core.ts implements (names fixed so the widget, CLI and bench can rely on them):
 *   export class SearchCore implements SearchEngine {
 *     static fromBundle(bundle: IndexBundle): SearchCore;          // throws IndexError
 *     search(query: string, options?: SearchOptions): SearchResult;
 *     get(id: string): HitRecord | undefined;
 *   }
 *   export async function loadIndex(base: string | URL,
 *     init?: { fetch?: typeof fetch; signal?: AbortSignal }): Promise<SearchCore>;   // base = directory URL of manifest.json
 *   export class IndexError extends Error { readonly code: IndexErrorCode }
 */
