/**
 * Pagefind engine output: a Pagefind bundle (the `pagefind/` folder of a build) written through
 * Pagefind's Node API from the same records as the MiniSearch files. widget/pagefind-engine.ts
 * searches it with Pagefind's own `pagefind.js`. Layout of one record (see DESIGN.md, "Pagefind engine"):
 *
 * - url: the record's url (absolute; Pagefind passes it through untouched), made unique (pagefindUrls);
 * - content: title, newline, text, then the record's tickets and flags that the text does not already
 *   say (they often live in HTML comments), so identifier lookups work as in the MiniSearch index;
 * - filters: every facet (lifecycle, kind, product, releaseType, year, area; null gives no value) plus
 *   the hidden filter `date` (one value per day) that the engine uses for exact date ranges;
 * - meta: title, release, releaseType, date, url, lifecycle, product, kind, id, areas (JSON);
 * - sort: `date` = `yyyy-mm-dd/<rank>`, unique per record, so `desc` is newest first with ties in
 *   record order and `asc` oldest first exactly as the search core orders them; undated records get
 *   `0000-00-00` (last when newest first; the engine moves them last when oldest first too).
 *
 * Pagefind's UI files (pagefind-ui.*, modular and component UIs, highlight) are not kept: the widget
 * is the UI. `changefind-latest.json` (pagefindLatestFile) holds the opening view. Records are added
 * newest first (newestOrder), so Pagefind's page order is the newest-first order. Output is
 * deterministic for identical records (records are sent in that order).
 *
 * Past `PAGEFIND_BUNDLE_RECORDS` records the output is several Pagefind bundles, one per date period
 * (planBundles: newest first, each a contiguous date range, sizes balanced by record count), each a
 * complete bundle of its own in `pagefind/b<i>/` (Pagefind's runtime `pagefind.js` also in `pagefind/`);
 * one bundle stays in `pagefind/` itself.
 * `pagefind/changefind-bundles.json` (format PAGEFIND_LAYOUT_FORMAT) lists them; the manifest hashes it.
 */
import { createHash } from 'node:crypto';
import * as pagefind from 'pagefind';
import { PAGEFIND_BUNDLE_RECORDS, PAGEFIND_DIR } from './engine-choice.ts';
import type { ChangeRecord } from './schema.ts';

/** Folder of the bundle inside a build's output (defined in engine-choice.ts, which the widget shares). */
export { PAGEFIND_DIR };
/** Sort value of records without a date. */
export const UNDATED = '0000-00-00';

/** Records sent to Pagefind's service at once (one message each; sequential adds are ~5 ms apiece). */
const BATCH = 512;

/** Pagefind files that are UI code, not needed by widget/pagefind-engine.ts. */
const UI_FILE = /^pagefind-(ui|modular-ui|component-ui|highlight)\.(js|css)$/;

/** One file of the bundle: `pagefind/<path>` and its bytes. */
export interface PagefindFile {
  name: string;
  content: Uint8Array;
}

/** The Pagefind build failed; `message` names the record (file:line) when one was refused. */
export class PagefindBuildError extends Error {
  override name = 'PagefindBuildError';
}

/** The filters of one record: facet -> values (empty when the field is null). */
export function pagefindFilters(record: ChangeRecord): Record<string, string[]> {
  const one = (value: string | null): string[] => (value === null ? [] : [value]);
  return {
    lifecycle: one(record.lifecycle),
    kind: [record.kind],
    product: [record.product],
    releaseType: one(record.releaseType),
    year: record.date ? [record.date.slice(0, 4)] : [],
    area: [...record.areas],
    date: one(record.date),
  };
}

/** The meta of one record; null fields become empty strings, `areas` is a JSON array. */
export function pagefindMeta(record: ChangeRecord): Record<string, string> {
  return {
    id: record.id,
    title: record.title,
    url: record.url,
    release: record.release ?? '',
    releaseType: record.releaseType ?? '',
    date: record.date ?? '',
    lifecycle: record.lifecycle ?? '',
    product: record.product,
    kind: record.kind,
    areas: JSON.stringify(record.areas),
  };
}

/** Title, newline, text, and the tickets/flags the text does not contain. */
export function pagefindContent(record: ChangeRecord): string {
  const haystack = `${record.title}\n${record.text}`;
  const lower = haystack.toLowerCase();
  const extra = [...record.tickets, ...record.flags].filter((id) => !lower.includes(id.toLowerCase()));
  return extra.length > 0 ? `${haystack}\n${extra.join(' ')}` : haystack;
}

/**
 * Pagefind's url of each record: the record's url, made unique (Pagefind keeps one page per url,
 * and bug bullets of one section can share theirs) by appending `cf=<id>` to the fragment of repeats.
 * The engine shows `meta.url`, never this one.
 */
export function pagefindUrls(records: readonly ChangeRecord[]): string[] {
  const seen = new Map<string, number>();
  for (const r of records) seen.set(r.url, (seen.get(r.url) ?? 0) + 1);
  return records.map((r) => ((seen.get(r.url) ?? 0) > 1 ? `${r.url}${r.url.includes('#') ? '&' : '#'}cf=${encodeURIComponent(r.id)}` : r.url));
}

/** `yyyy-mm-dd/<rank>`: descending = newest first, ties in record order. */
export function sortKeys(records: readonly ChangeRecord[]): string[] {
  const width = String(records.length).length;
  return records.map((r, i) => `${r.date ?? UNDATED}/${String(records.length - 1 - i).padStart(width, '0')}`);
}

/** Records in `pagefind/changefind-latest.json`: the opening view (newest first) up to this many. */
export const LATEST_COUNT = 50;
/** Columns of each row of `changefind-latest.json`; `content` is the start of the Pagefind content. */
export const LATEST_COLUMNS = ['id', 'title', 'url', 'release', 'releaseType', 'date', 'lifecycle', 'kind', 'product', 'areas', 'content'] as const;

/**
 * Record indexes in the search core's newest-first order: date desc, ties in record order, undated
 * last. Pages are added to Pagefind in this order, so Pagefind's page numbers are newest-first ranks:
 * a query-less search returns pages in page order, which is then the newest-first order without
 * Pagefind's sort (whose cost grows with results × pages, 29 s for 38,920 pages).
 */
export function newestOrder(records: readonly ChangeRecord[]): number[] {
  return records.map((_, i) => i).sort((a, b) => {
    const da = records[a]!.date ?? '', db = records[b]!.date ?? '';
    return da === db ? a - b : da < db ? 1 : -1;
  });
}

/**
 * `pagefind/changefind-latest.json`: the newest records (newestOrder) with what a hit renders, so the
 * engine shows the opening view (empty query, no filters; facet counts come from the manifest) without
 * loading Pagefind's index. `content` keeps the title and the first 25 body words, enough for the same
 * snippet Pagefind's data would give.
 */
export function pagefindLatestFile(records: readonly ChangeRecord[]): PagefindFile {
  const rows = newestOrder(records).slice(0, LATEST_COUNT).map((i) => {
    const r = records[i]!;
    const words = pagefindContent(r).split(/\s+/).filter(Boolean);
    const content = words.slice(0, r.title.split(/\s+/).filter(Boolean).length + 25).join(' ');
    return [r.id, r.title, r.url, r.release, r.releaseType, r.date, r.lifecycle, r.kind, r.product, r.areas, content];
  });
  const json = `{"columns":${JSON.stringify(LATEST_COLUMNS)},"rows":[\n${rows.map((row) => JSON.stringify(row)).join(',\n')}\n]}\n`;
  return { name: `${PAGEFIND_DIR}changefind-latest.json`, content: new TextEncoder().encode(json) };
}

/** Version of `changefind-bundles.json`; readers refuse another. 2 = the split layout (1 was one bundle, no layout file). */
export const PAGEFIND_LAYOUT_FORMAT = 2;
/** Name of the layout file inside `pagefind/`. */
export const LAYOUT_FILE = 'changefind-bundles.json';

/** One bundle of the layout, newest first. */
export interface PagefindBundleInfo {
  /** Folder of the bundle inside `pagefind/` (`''` = `pagefind/` itself, else `b<i>/`). */
  dir: string;
  records: number;
  /** Oldest and newest record date of the bundle (null when it holds no dated record). */
  from: string | null;
  to: string | null;
  /** Records without a date (only the oldest bundle has them: they sort last). */
  undated: number;
  /** sha256 of the bundle's `pagefind-entry.json` (which names its content-hashed index files). */
  entry: string;
}

/** `changefind-bundles.json`. */
export interface PagefindLayout {
  format: number;
  bundles: PagefindBundleInfo[];
}

/**
 * Splits the records into date periods of at most about `maxRecords` each (indexes in newest-first
 * order; the first part is the newest). The part count is ceil(records / maxRecords); each cut is
 * moved from the balanced position to the nearest change of date, so every part is a contiguous date
 * range and no day is split (undated records, last in newest order, form the tail of the oldest part).
 */
export function planBundles(records: readonly ChangeRecord[], maxRecords = PAGEFIND_BUNDLE_RECORDS): number[][] {
  const order = newestOrder(records);
  const parts = Math.max(1, Math.ceil(order.length / Math.max(1, maxRecords)));
  if (parts === 1) return [order];
  const day = (k: number): string => records[order[k]!]!.date ?? '';
  const cuts: number[] = [];
  for (let k = 1; k < parts; k++) {
    const target = Math.round((k * order.length) / parts);
    const previous = cuts[cuts.length - 1] ?? 0;
    let best = -1;
    for (let d = 0; best < 0 && (target - d > previous || target + d < order.length); d++) {
      for (const at of [target - d, target + d]) if (best < 0 && at > previous && at < order.length && day(at - 1) !== day(at)) best = at;
    }
    if (best > 0) cuts.push(best);
  }
  return [0, ...cuts].map((start, i) => order.slice(start, cuts[i] ?? order.length));
}

/** Builds in progress in this process; Pagefind's service process is stopped when the last one ends. */
let running = 0;

/**
 * The Pagefind output's entry in the manifest: role `pagefind` names the folder; its hash is that of
 * `changefind-bundles.json`, which lists every bundle with the hash of its `pagefind-entry.json`
 * (which names the content-hashed index files of that very bundle).
 */
export function pagefindManifestEntry(files: readonly PagefindFile[]): { role: string; name: string; content: Uint8Array } {
  const layout = files.find((file) => file.name === `${PAGEFIND_DIR}${LAYOUT_FILE}`);
  if (!layout) throw new PagefindBuildError(`pagefind: the output has no ${LAYOUT_FILE}; build it with buildPagefindFiles.`);
  return { role: 'pagefind', name: PAGEFIND_DIR, content: layout.content };
}

/** Where a Pagefind build's time went (ms): adding the records, Pagefind writing the bundles; bundles built. */
export interface PagefindBuildTimings {
  addMs: number;
  outputMs: number;
  bundles?: number;
}

export interface PagefindBuildOptions {
  /** Records per bundle at most (about); default PAGEFIND_BUNDLE_RECORDS. */
  bundleRecords?: number;
  /** Called after each bundle is built (index from 0 = newest, of `count`). */
  onBundle?(index: number, count: number): void;
}

/**
 * Builds the Pagefind output in memory: one bundle per date period (planBundles), the layout file and
 * the opening view's file; returns the files named `pagefind/<path>`, sorted by name. `timings`, when
 * given, receives where the time went (summed over the bundles).
 */
export async function buildPagefindFiles(records: readonly ChangeRecord[], timings?: PagefindBuildTimings, options: PagefindBuildOptions = {}): Promise<PagefindFile[]> {
  running++;
  try {
    const parts = planBundles(records, options.bundleRecords);
    const sum: PagefindBuildTimings = { addMs: 0, outputMs: 0, bundles: parts.length };
    const files: PagefindFile[] = [];
    const bundles: PagefindBundleInfo[] = [];
    for (const [i, part] of parts.entries()) {
      const dir = parts.length === 1 ? '' : `b${i}/`;
      const subset = part.map((k) => records[k]!);
      const own: PagefindBuildTimings = { addMs: 0, outputMs: 0 };
      const bundle = await buildBundle(subset, `${PAGEFIND_DIR}${dir}`, own);
      sum.addMs += own.addMs;
      sum.outputMs += own.outputMs;
      const entry = bundle.find((file) => file.name === `${PAGEFIND_DIR}${dir}pagefind-entry.json`);
      if (!entry) throw new PagefindBuildError('pagefind: the bundle has no pagefind-entry.json; check the installed pagefind version (1.x).');
      const dates = subset.map((r) => r.date).filter((d): d is string => d !== null);
      bundles.push({ dir, records: subset.length, from: dates[dates.length - 1] ?? null, to: dates[0] ?? null, undated: subset.length - dates.length, entry: createHash('sha256').update(entry.content).digest('hex') });
      files.push(...bundle);
      options.onBundle?.(i, parts.length);
    }
    if (timings) Object.assign(timings, sum);
    // Pagefind's runtime also at `pagefind/pagefind.js` (it is the same file in every bundle), so a page
    // can start importing it before it has read the bundle list.
    const runtime = files.find((file) => file.name === `${PAGEFIND_DIR}${bundles[0]?.dir ?? ''}pagefind.js`);
    if (runtime && bundles[0]?.dir) files.push({ name: `${PAGEFIND_DIR}pagefind.js`, content: runtime.content });
    const layout: PagefindLayout = { format: PAGEFIND_LAYOUT_FORMAT, bundles };
    files.push({ name: `${PAGEFIND_DIR}${LAYOUT_FILE}`, content: new TextEncoder().encode(`${JSON.stringify(layout, null, 1)}\n`) }, pagefindLatestFile(records));
    return files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } finally {
    if (--running === 0) await pagefind.close();
  }
}

/** One Pagefind bundle of `records` (any order: added newest first), files named `<prefix><path>`. */
async function buildBundle(records: readonly ChangeRecord[], prefix: string, timings: PagefindBuildTimings): Promise<PagefindFile[]> {
  const started = performance.now();
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
  if (!index) throw new PagefindBuildError(`pagefind: could not create an index: ${errors.join('; ')}. Check that the pagefind package and its platform binary are installed.`);
  try {
    const sorts = sortKeys(records);
    const urls = pagefindUrls(records);
    const order = newestOrder(records);
    for (let start = 0; start < order.length; start += BATCH) {
      await Promise.all(
        order.slice(start, start + BATCH).map(async (i) => {
          const record = records[i]!;
          const added = await index.addCustomRecord({
            url: urls[i]!,
            content: pagefindContent(record),
            language: 'en',
            meta: pagefindMeta(record),
            filters: pagefindFilters(record),
            sort: { date: sorts[i]! },
          });
          if (added.errors.length > 0) throw new PagefindBuildError(`${record.file}:${record.line}: pagefind refused record ${record.id}: ${added.errors.join('; ')}`);
        }),
      );
    }
    const added = performance.now();
    const out = await index.getFiles();
    Object.assign(timings, { addMs: Math.round(added - started), outputMs: Math.round(performance.now() - added) });
    if (out.errors.length > 0) throw new PagefindBuildError(`pagefind: could not write the bundle: ${out.errors.join('; ')}`);
    return out.files.filter((file) => !UI_FILE.test(file.path)).map((file) => ({ name: `${prefix}${file.path}`, content: file.content }));
  } finally {
    await index.deleteIndex();
  }
}
