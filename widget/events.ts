/** Typed events of `<changefind-search>` (bubbling, composed), for analytics and host routing. */
import type { Filters, HitRecord } from './search-types.ts';

export interface ChangefindSearchDetail {
  /** The query as typed (may be empty: the latest changes). */
  query: string;
  /** Selected filter values per facet. */
  filters: Filters;
  /** Number of matching records. */
  total: number;
}

export interface ChangefindSelectDetail {
  /** The record the reader opened. */
  record: HitRecord;
}

/** Fired when a result set is shown for a new query, filter, sort or date range. */
export type ChangefindSearchEvent = CustomEvent<ChangefindSearchDetail>;
/** Fired when the reader opens a result; cancelable: `preventDefault()` stops the navigation. */
export type ChangefindSelectEvent = CustomEvent<ChangefindSelectDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'changefind-search': ChangefindSearchEvent;
    'changefind-select': ChangefindSelectEvent;
  }
}

/** Builds a bubbling, composed event with a typed detail. */
export function changefindEvent<K extends 'changefind-search' | 'changefind-select'>(
  type: K,
  detail: GlobalEventHandlersEventMap[K]['detail'],
): GlobalEventHandlersEventMap[K] {
  return new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable: type === 'changefind-select' }) as GlobalEventHandlersEventMap[K];
}
