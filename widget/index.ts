/** Public entry point of the widget package: re-exports only. */
export { ChangefindSearch } from './changefind-search.ts';
export { IndexError, loadIndex, SearchCore } from './search-core.ts';
export type { ChangefindSearchDetail, ChangefindSearchEvent, ChangefindSelectDetail, ChangefindSelectEvent } from './events.ts';
export type {
  DateRange,
  FacetName,
  Filters,
  Hit,
  HitRecord,
  IndexBundle,
  IndexErrorCode,
  SearchEngine,
  SearchOptions,
  SearchResult,
  SortOrder,
} from './search-types.ts';
