/**
 * The one interface every engine in the bench implements, so each is measured by the same code.
 *
 * An engine has a Node-side `build` (records -> index files on disk, timed) and a runtime `open`
 * (index files -> searcher) that runs unchanged in Node and in Chromium: it reads its files through
 * the `fetch` it is given (a file-system fetch in Node, the real network in the browser).
 */
import type { ChangeRecord } from '../../indexer/schema.ts';
import type { Filters } from '../../widget/search-types.ts';

/** What the bench needs of a hit: its record id and its title (proof it can be rendered). */
export interface BenchHit {
  id: string;
  title: string;
}

export interface Searcher {
  /** Best `limit` hits for the query (as typed), honouring filters natively or in app code. */
  search(query: string, filters: Filters | undefined, limit: number): BenchHit[] | Promise<BenchHit[]>;
}

export interface OpenContext {
  /** Directory URL of the engine's index files, ending in `/`. */
  base: string;
  fetch: typeof fetch;
}

/** Browser- and Node-safe part of an engine (no Node imports). */
export interface EngineRuntime {
  open(ctx: OpenContext): Promise<Searcher>;
}

export interface BuildOutput {
  /** Index file names written into the output directory (relative paths). */
  files: string[];
}

/** What a peer can do, shown in the table rather than hidden. */
export interface Capabilities {
  /** `native`: the engine filters; `app`: results post-filtered by application code; `none`. */
  filters: 'native' | 'app' | 'none';
  /** Match highlighting / snippets available from the engine. */
  highlights: string;
  /** Runs in Node (for Node latency and relevance). */
  node: boolean;
}

export interface Engine {
  /** Short key, e.g. `minisearch-tuned`. */
  key: string;
  /** Display name with version. */
  label: string;
  /** The settings a competent user would choose, in one or two sentences. */
  settings: string;
  capabilities: Capabilities;
  /** Builds the index from the records into `outDir` (timed by the caller). */
  build(records: readonly ChangeRecord[], outDir: string): Promise<BuildOutput>;
  /** Module path (relative to bench/) of the runtime, bundled for the browser page. */
  runtimeModule: string;
  /** Key of an engine whose index files this one searches unchanged (built once, timed once). */
  sharesIndexWith?: string;
  /** Index files that count as "the index" for size (default: all files from build). */
  indexFiles?(files: string[]): string[];
}
