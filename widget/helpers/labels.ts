/** Human labels for facet names and values, badges, chips, dates and counts (English). */
import type { FacetName, Kind, Lifecycle, ReleaseType } from '../../indexer/schema.ts';
import type { HitRecord } from '../search-types.ts';

export const FACET_LABELS: Record<FacetName, string> = {
  lifecycle: 'Lifecycle',
  kind: 'Kind',
  product: 'Product',
  releaseType: 'Release type',
  year: 'Year',
  area: 'Area',
};

export const LIFECYCLE_LABELS: Record<Lifecycle, string> = {
  beta: 'Beta',
  ea: 'Early Access',
  'ga-preview': 'GA in Preview',
  'ga-production': 'GA in Production',
  deprecated: 'Deprecated',
};

export const KIND_LABELS: Record<Kind, string> = { feature: 'Feature', fix: 'Bug fix', docs: 'Docs update' };

export const RELEASE_TYPE_LABELS: Record<ReleaseType, string> = { monthly: 'Monthly', weekly: 'Weekly' };

const VALUE_LABELS: Partial<Record<FacetName, Record<string, string>>> = {
  lifecycle: LIFECYCLE_LABELS,
  kind: KIND_LABELS,
  releaseType: RELEASE_TYPE_LABELS,
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Label of one facet value, e.g. `ga-preview` -> `GA in Preview`; unknown values pass through. */
export function valueLabel(facet: FacetName, value: string): string {
  return VALUE_LABELS[facet]?.[value] ?? value;
}

/** Label of an active-filter chip, e.g. `Lifecycle: Beta`. */
export function chipLabel(facet: FacetName, value: string): string {
  return `${FACET_LABELS[facet]}: ${valueLabel(facet, value)}`;
}

/** `2026-02-04` -> `Feb 4, 2026` (fixed English, independent of the browser locale); other input as is. */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  return m && month ? `${month} ${Number(m[3])}, ${m[1]}` : iso;
}

/** Heading of a release, e.g. `Monthly release 2026.02.0`, `Release 2017.52`, `No release`. */
export function releaseLabel(hit: Pick<HitRecord, 'release' | 'releaseType'>): string {
  if (!hit.release) return 'No release';
  return hit.releaseType ? `${RELEASE_TYPE_LABELS[hit.releaseType]} release ${hit.release}` : `Release ${hit.release}`;
}

/**
 * A count with thousands separators, `1234567` -> `1,234,567`. Not `toLocaleString('en-US')`: its first
 * call sets up ICU's number formatting, 30-80 ms in Chromium on this machine, and the first count is
 * shown with the first result.
 */
export function countText(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}

/** `0 results`, `1 result`, `1,234 results`. */
export function countLabel(total: number): string {
  return `${countText(total)} ${total === 1 ? 'result' : 'results'}`;
}
