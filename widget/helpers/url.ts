/** Link sanitising and the widget's view state <-> URL query string. */
import { FACETS } from '../../indexer/schema.ts';
import type { DateRange, Filters, SortOrder } from '../search-types.ts';

/** What a shareable link holds: query, filters, sort and date range. */
export interface ViewState {
  query: string;
  filters: Filters;
  /** Undefined = the core's default (relevance with a query, newest without). */
  sort?: SortOrder;
  dateRange: DateRange;
}

const SORTS: readonly SortOrder[] = ['relevance', 'newest', 'oldest'];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** The date range's ends, in the order they are written. */
const ENDS = ['from', 'to'] as const;

/**
 * Returns `url` when it is safe to put in an `href`: http(s) or relative (resolved like a browser does,
 * so `java\tscript:` and ` JAVASCRIPT:` are caught); undefined for any other scheme.
 */
export function safeHref(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const { protocol } = new URL(url, 'https://relative.invalid/');
    return protocol === 'https:' || protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Reads a view state from a query string (`?q=...&lifecycle=beta&lifecycle=ea&sort=newest&from=...`). */
export function readViewState(search: string, prefix = ''): ViewState {
  const params = new URLSearchParams(search);
  const filters: Filters = {};
  for (const facet of FACETS) {
    const values = [...new Set(params.getAll(prefix + facet).filter(Boolean))];
    if (values.length) filters[facet] = values;
  }
  const sort = params.get(prefix + 'sort') as SortOrder | null;
  const dateRange: DateRange = {};
  for (const end of ENDS) {
    const date = params.get(prefix + end);
    if (date && ISO_DATE.test(date)) dateRange[end] = date;
  }
  return {
    query: params.get(prefix + 'q') ?? '',
    filters,
    ...(sort && SORTS.includes(sort) ? { sort } : {}),
    dateRange,
  };
}

/** Writes `state` into `search`, keeping every parameter that is not the widget's; returns `?...` or ``. */
export function writeViewState(state: ViewState, search: string, prefix = ''): string {
  const params = new URLSearchParams(search);
  for (const key of ['q', 'sort', 'from', 'to', ...FACETS]) params.delete(prefix + key);
  if (state.query) params.set(prefix + 'q', state.query);
  for (const facet of FACETS) for (const value of state.filters[facet] ?? []) params.append(prefix + facet, value);
  if (state.sort) params.set(prefix + 'sort', state.sort);
  for (const end of ENDS) if (state.dateRange[end]) params.set(prefix + end, state.dateRange[end]);
  const out = params.toString();
  return out ? `?${out}` : '';
}

