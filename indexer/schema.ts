/**
 * The changefind record schema, facet vocabularies and index manifest.
 *
 * The indexer owns the format; the widget and the search core import it.
 * Bump SCHEMA_VERSION whenever a reader of an older build would misread a newer one
 * (record fields, index files, search options); readers refuse a mismatch.
 */

/**
 * Version of records.jsonl + index files + manifest. Readers refuse any other. 2: postings.json + docs.json;
 * 3: docs.json without body text, bodies.json; 4: packed numbers, per-field term frequencies instead of weights.
 */
export const SCHEMA_VERSION = 4;

export const LIFECYCLES = ['beta', 'ea', 'ga-preview', 'ga-production', 'deprecated'] as const;
export type Lifecycle = (typeof LIFECYCLES)[number];

export const KINDS = ['feature', 'fix', 'docs'] as const;
export type Kind = (typeof KINDS)[number];

export const RELEASE_TYPES = ['monthly', 'weekly'] as const;
export type ReleaseType = (typeof RELEASE_TYPES)[number];

/** One searchable unit: a `####` change, one bug bullet, or one docs-update bullet. */
export interface ChangeRecord {
  /** Unique and stable across rebuilds and unrelated edits of the source. */
  id: string;
  /** Plain text, no Markdown or HTML. */
  title: string;
  /** Plain text of the body: link text kept; comments, tags and table rules gone. */
  text: string;
  /** Source file name (base name, e.g. `2026-okta-identity-engine.md`). */
  file: string;
  /** 1-based line of the heading or bullet in the source file. */
  line: number;
  /** Product name, e.g. `Identity Engine`, `Classic Engine`. */
  product: string;
  /** Release identifier as written, e.g. `2026.02.0`, `2017.52`. */
  release: string | null;
  releaseType: ReleaseType | null;
  /** ISO `yyyy-mm-dd` or null when the notes give no date at all. */
  date: string | null;
  lifecycle: Lifecycle | null;
  kind: Kind;
  /** API or product areas, e.g. `Policies`, `Users`. Sorted, unique. */
  areas: string[];
  /** Ticket ids, e.g. `OKTA-1093354`. Sorted, unique. */
  tickets: string[];
  /** Feature flags, e.g. `PASSKEYS_REBRAND`. Sorted, unique. */
  flags: string[];
  /** The slug of the heading on the published page (without `#`). */
  anchor: string;
  /** Base URL + page path + `#anchor`; bullets add a `:~:text=` fragment. */
  url: string;
}

/** Facets a reader can filter by; `year` is derived from `date`, `area` from `areas`. */
export const FACETS = ['lifecycle', 'kind', 'product', 'releaseType', 'year', 'area'] as const;
export type FacetName = (typeof FACETS)[number];

/** `manifest.json`, written last by every build. */
export interface Manifest {
  schemaVersion: number;
  generator: string;
  /** Engines this build holds, e.g. `["minisearch"]`. */
  engines: string[];
  /** Output file names by role, relative to the output directory. */
  files: Record<string, string>;
  /** sha256 of every output file (hex), by file name. */
  hashes: Record<string, string>;
  /** sha256 over the input files' names and contents (hex). */
  inputHash: string;
  /** Source files read, in build order. */
  inputs: string[];
  recordCount: number;
  /** Record counts per facet value. */
  counts: Record<FacetName, Record<string, number>>;
}
