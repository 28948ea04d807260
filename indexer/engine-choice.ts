/**
 * Which engine a build holds and which one a page loads: the rule of thumb behind
 * `changefind build --engine auto` and the build's suggestion, shared with the widget (no Node APIs).
 *
 * MiniSearch (our search core) loads the whole index at once: fastest per keystroke and offline-capable,
 * but its download and load time grow with the record count. Pagefind fetches only the index chunks a
 * query needs. The threshold comes from bench/results/pagefind-scale.md (see DESIGN.md, "Pagefind engine").
 */

export const ENGINES = ['minisearch', 'pagefind'] as const;

/** Folder of the Pagefind bundles inside every build (the manifest's `files.pagefind`), written by the indexer, read by the widget. */
export const PAGEFIND_DIR = 'pagefind/';
export type EngineName = (typeof ENGINES)[number];

/** Values of `build --engine`. */
export const ENGINE_OPTIONS = ['minisearch', 'pagefind', 'both', 'auto'] as const;
export type EngineOption = (typeof ENGINE_OPTIONS)[number];

/**
 * Above this many records, suggest (and `auto` choose) Pagefind. From bench/results/pagefind-scale.md
 * (Chromium, 2 shared cores under load, so times are inflated; bytes are exact):
 *
 * - MiniSearch ships its whole index before the first result: 247 B gzip per record on the real corpus
 *   (481 KiB at 1,946 records; 6.2 MiB at 38,920 synthetic ones, 163 B each), 2.5 s / 15.5 s to the
 *   first result; then keystrokes are fast at any size measured (p99 73 ms / 104 ms).
 * - Pagefind's opening view costs ~22 KiB at any size; its first typed result costs one bundle's
 *   metadata (~8.4 B per record, bundles of at most PAGEFIND_BUNDLE_RECORDS) plus ~110 KiB of wasm and
 *   code (142 KiB at 1,946 records, 216 KiB at 38,920, 232 KiB at 194,600); the facet counts and older
 *   bundles follow. Its keystrokes are slower at every size (first answer p50 6 ms / 43 ms, p99 0.65 s /
 *   6.4 s at 1x / 20x): Pagefind's wasm search grows faster than linearly with the pages a short prefix
 *   matches.
 *
 * At 10,000 records MiniSearch's download passes ~2.4 MiB (real notes), which is where the bounded
 * first view starts to be worth Pagefind's slower typing: see DESIGN.md, "Pagefind engine".
 */
export const PAGEFIND_ABOVE = 10_000;

/**
 * Records per Pagefind bundle at most (about): larger builds are split into one bundle per date period
 * (indexer/build-pagefind.ts, planBundles). Pagefind fetches a bundle's whole metadata (one entry per
 * page, ~8.4 B gzip) before its first search; with its wasm and code (~85 KiB), a word-index chunk
 * (15-30 KiB) and the shown records (~7 KiB), the newest bundle's first typed result costs about
 * 125 + 8.4 B x records, so 15,000 records keep it near 250 KiB at any corpus size (goal 300 KiB).
 * Each more bundle costs its own metadata and another copy of the wasm (58 KiB) for the complete result.
 */
export const PAGEFIND_BUNDLE_RECORDS = 15_000;

/** The engine the rule of thumb picks for a record count. */
export function suggestEngine(recordCount: number): EngineName {
  return recordCount > PAGEFIND_ABOVE ? 'pagefind' : 'minisearch';
}

export function isEngineOption(value: string): value is EngineOption {
  return (ENGINE_OPTIONS as readonly string[]).includes(value);
}

/** The engines a build writes for `--engine` (in ENGINES order). */
export function enginesToBuild(option: EngineOption, recordCount: number): EngineName[] {
  if (option === 'both') return [...ENGINES];
  if (option === 'auto') return [suggestEngine(recordCount)];
  return [option];
}

/** The build's advice when it holds no Pagefind bundle although the record count is above the threshold. */
export function engineAdvice(recordCount: number, built: readonly string[]): string | undefined {
  if (recordCount <= PAGEFIND_ABOVE || built.includes('pagefind')) return undefined;
  return (
    `${recordCount} records is above ${PAGEFIND_ABOVE}: the MiniSearch index is loaded whole, so readers download ` +
    `all of it before the first result. Consider \`--engine pagefind\` (or \`--engine both\` / \`--engine auto\`), ` +
    'which fetches only the index chunks a query needs; see DESIGN.md, "Pagefind engine".'
  );
}

/**
 * The engine a page loads from a build holding `available` engines: the `preferred` one when the build
 * holds it, else the only one, else the rule of thumb. Undefined when the build holds neither engine.
 */
export function pickEngine(available: readonly string[], recordCount: number, preferred?: string | null): EngineName | undefined {
  const held = ENGINES.filter((engine) => available.includes(engine));
  if (preferred && (held as string[]).includes(preferred)) return preferred as EngineName;
  if (held.length <= 1) return held[0];
  return suggestEngine(recordCount);
}
