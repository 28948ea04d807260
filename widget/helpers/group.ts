/** Groups date-sorted hits under their release, keeping the hits' order. */
import type { HitRecord } from '../search-types.ts';

export interface ReleaseGroup<T> {
  /** Release id as written, or null for records without one. */
  release: string | null;
  releaseType: HitRecord['releaseType'];
  product: string;
  /** Date of the group's first hit. */
  date: string | null;
  items: T[];
}

/**
 * Groups consecutive hits that share a release (and product), so a date-sorted list reads
 * like the published notes. A release that reappears later starts a new group.
 */
export function groupByRelease<T extends Pick<HitRecord, 'release' | 'releaseType' | 'date' | 'product'>>(
  hits: readonly T[],
): ReleaseGroup<T>[] {
  const groups: ReleaseGroup<T>[] = [];
  let key: string | undefined;
  for (const hit of hits) {
    const k = `${hit.product}\u0000${hit.release ?? ''}`;
    const last = groups[groups.length - 1];
    if (last && k === key) last.items.push(hit);
    else groups.push({ release: hit.release, releaseType: hit.releaseType, product: hit.product, date: hit.date, items: [hit] });
    key = k;
  }
  return groups;
}
