/**
 * Which engine a build holds and which one a page loads: the rule of thumb behind
 * `changefind build --engine auto` and the build's suggestion, shared with the widget (no Node APIs).
 *
 * MiniSearch (our search core) loads the whole index at once: fastest per keystroke and offline-capable,
 * but its download and load time grow with the record count. Pagefind fetches only the index chunks a
 * query needs. The threshold comes from bench/results/pagefind-scale.md (see DESIGN.md, "Pagefind engine").
 */

export const ENGINES = ['minisearch', 'pagefind'] as const;
export type EngineName = (typeof ENGINES)[number];

/** Values of `build --engine`. */
export const ENGINE_OPTIONS = ['minisearch', 'pagefind', 'both', 'auto'] as const;
export type EngineOption = (typeof ENGINE_OPTIONS)[number];

/**
 * Above this many records, suggest (and `auto` choose) Pagefind. From bench/results/pagefind-scale.md:
 * the whole MiniSearch index costs 160-240 B gzip per record (454 KiB at 1,946 records, 6.0 MiB at
 * 38,920) and its first result grows with it (about 0.5 ms per record on the bench machine), while the
 * Pagefind engine's opening view stays at ~20 KiB at any size. At 10,000 records MiniSearch's download
 * passes ~2 MiB; below that it wins on every measure (Pagefind's keystrokes are slower at every size
 * measured), above it the bounded first view is worth Pagefind's slower typing.
 */
export const PAGEFIND_ABOVE = 10_000;

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
