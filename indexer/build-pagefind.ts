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
 */
import * as pagefind from 'pagefind';
import type { ChangeRecord } from './schema.ts';

/** Folder of the bundle inside a build's output; the manifest's `files.pagefind`. */
export const PAGEFIND_DIR = 'pagefind/';
/** Sort value of records without a date. */
export const UNDATED = '0000-00-00';

/** Pagefind files that are UI code, not needed by widget/pagefind-engine.ts. */
/** Records sent to Pagefind's service at once (one message each; sequential adds are ~5 ms apiece). */
const BATCH = 512;

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

/** Builds in progress in this process; Pagefind's service process is stopped when the last one ends. */
let running = 0;

/**
 * The bundle's entry in the manifest: role `pagefind` names the folder; its hash is that of
 * `pagefind-entry.json`, which names the content-hashed index files of this very bundle.
 */
export function pagefindManifestEntry(files: readonly PagefindFile[]): { role: string; name: string; content: Uint8Array } {
  const entry = files.find((file) => file.name === `${PAGEFIND_DIR}pagefind-entry.json`);
  if (!entry) throw new PagefindBuildError('pagefind: the bundle has no pagefind-entry.json; check the installed pagefind version (1.x).');
  return { role: 'pagefind', name: PAGEFIND_DIR, content: entry.content };
}

/** Where a Pagefind build's time went (ms): adding the records, Pagefind writing the bundle. */
export interface PagefindBuildTimings {
  addMs: number;
  outputMs: number;
}

/**
 * Builds the Pagefind bundle in memory; returns its files named `pagefind/<path>`, sorted by name.
 * `timings`, when given, receives where the time went.
 */
export async function buildPagefindFiles(records: readonly ChangeRecord[], timings?: PagefindBuildTimings): Promise<PagefindFile[]> {
  running++;
  try {
    return await buildBundle(records, timings);
  } finally {
    if (--running === 0) await pagefind.close();
  }
}

async function buildBundle(records: readonly ChangeRecord[], timings?: PagefindBuildTimings): Promise<PagefindFile[]> {
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
    if (timings) Object.assign(timings, { addMs: Math.round(added - started), outputMs: Math.round(performance.now() - added) });
    if (out.errors.length > 0) throw new PagefindBuildError(`pagefind: could not write the bundle: ${out.errors.join('; ')}`);
    return [...out.files.filter((file) => !UI_FILE.test(file.path)).map((file) => ({ name: `${PAGEFIND_DIR}${file.path}`, content: file.content })), pagefindLatestFile(records)]
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } finally {
    await index.deleteIndex();
  }
}
