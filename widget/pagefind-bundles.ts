/**
 * Pure helpers of the Pagefind engine for builds split into one Pagefind bundle per date period
 * (indexer/build-pagefind.ts, `changefind-bundles.json`): which bundles a date range needs and with
 * which days, and how the bundles' answers merge into one ranked list.
 */
import type { DateRange } from './search-types.ts';

/** One bundle of `changefind-bundles.json` (newest first), as the engine uses it. */
export interface PagefindBundle {
  /** Folder inside `pagefind/` (`''` = `pagefind/` itself). */
  dir: string;
  records: number;
  /** Oldest and newest record date; null when unknown (then date ranges ask Pagefind for the days). */
  from: string | null;
  to: string | null;
  /** Records without a date (sorted last in both date orders). */
  undated: number;
  /** sha256 of the bundle's `pagefind-entry.json`, when known. */
  entry?: string;
}

/** What a date range asks of one bundle: nothing (skip it), all of it (no date filter), or these days. */
export type BundleDays = 'skip' | 'all' | { days: string[] } | 'unknown';

/** Upper bound of a range end that may be `yyyy` or `yyyy-mm` (the search core's rule). */
function upper(to: string): string {
  return to.length === 4 ? `${to}-12-31` : to.length === 7 ? `${to}-31` : to;
}

/** Every calendar day from `from` to `to` (inclusive, `yyyy-mm-dd`). */
export function calendarDays(from: string, to: string): string[] {
  const out: string[] = [];
  const day = new Date(`${from.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(day.getTime())) return out;
  for (let d = day.toISOString().slice(0, 10); d <= to; day.setUTCDate(day.getUTCDate() + 1), d = day.toISOString().slice(0, 10)) out.push(d);
  return out;
}

/**
 * The days of `range` one bundle needs: `skip` when the bundle holds no record inside it, `all` when
 * every record of the bundle is inside (no date filter needed), else the calendar days where the range
 * and the bundle's dates overlap (days without records do no harm in Pagefind's `any`). `unknown`
 * when the bundle's dates are not known: the engine asks Pagefind which days exist.
 */
export function bundleDays(bundle: PagefindBundle, range: DateRange): BundleDays {
  const from = typeof range.from === 'string' && range.from ? range.from : undefined;
  const to = typeof range.to === 'string' && range.to ? upper(range.to) : undefined;
  if (!from && !to) return 'all';
  if (bundle.from === null || bundle.to === null) return bundle.records > 0 && bundle.undated === bundle.records ? 'skip' : 'unknown';
  const lo = from && from > bundle.from ? from : bundle.from;
  const hi = to && to < bundle.to ? to : bundle.to;
  if (lo > hi) return 'skip';
  if (lo === bundle.from && hi === bundle.to && bundle.undated === 0) return 'all';
  return { days: calendarDays(lo, hi) };
}

/**
 * Merges per-bundle lists each ranked by its own Pagefind search (bundles newest first) into one:
 * the highest score first, equal scores from the newer bundle first (its records are newer, the
 * search core's recency tie-break), each bundle's own order kept.
 */
export function mergeByScore<T extends { score: number }>(lists: readonly (readonly T[])[]): T[] {
  if (lists.length === 1) return [...lists[0]!];
  const at = lists.map(() => 0);
  const out: T[] = [];
  for (;;) {
    let best = -1;
    for (let b = 0; b < lists.length; b++) {
      const head = lists[b]![at[b]!];
      if (head && (best < 0 || head.score > lists[best]![at[best]!]!.score)) best = b;
    }
    if (best < 0) return out;
    out.push(lists[best]![at[best]!++]!);
  }
}

/** Adds `more` into `into` (facet -> value -> count). */
export function addCounts(into: Record<string, Record<string, number>>, more: Record<string, Record<string, number>> | undefined): void {
  for (const [facet, values] of Object.entries(more ?? {})) {
    const target = (into[facet] ??= {});
    for (const [value, n] of Object.entries(values)) target[value] = (target[value] ?? 0) + n;
  }
}
