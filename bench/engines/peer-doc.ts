/**
 * The projection of a ChangeRecord that every peer engine receives: the same searchable text
 * (title, body, and the identifiers tickets/flags/areas as one extra field), the facets for
 * filtering, and the fields needed to render a hit.
 */
import type { ChangeRecord } from '../../indexer/schema.ts';
import type { Filters } from '../../widget/search-types.ts';

export interface PeerDoc {
  id: string;
  title: string;
  text: string;
  /** Tickets, flags and areas, space separated: identifiers a reader pastes. */
  keys: string;
  lifecycle: string;
  kind: string;
  product: string;
  releaseType: string;
  year: string;
  areas: string[];
  url: string;
  release: string;
  date: string;
}

export function toPeerDoc(r: ChangeRecord): PeerDoc {
  return {
    id: r.id,
    title: r.title,
    text: r.text,
    keys: [...r.tickets, ...r.flags, ...r.areas].join(' '),
    lifecycle: r.lifecycle ?? 'none',
    kind: r.kind,
    product: r.product,
    releaseType: r.releaseType ?? 'none',
    year: r.date ? r.date.slice(0, 4) : 'none',
    areas: r.areas,
    url: r.url,
    release: r.release ?? '',
    date: r.date ?? '',
  };
}

/** Facet fields of a PeerDoc kept beside an index for filtering and display. */
export type PeerFacets = Pick<PeerDoc, 'lifecycle' | 'kind' | 'product' | 'releaseType' | 'year' | 'areas'>;

/** OR within a facet, AND across facets; `area` matches any of the record's areas. */
export function matchesFilters(doc: PeerFacets, filters: Filters | undefined): boolean {
  if (!filters) return true;
  for (const [facet, values] of Object.entries(filters)) {
    if (!values || values.length === 0) continue;
    if (facet === 'area') {
      if (!doc.areas.some((a) => values.includes(a))) return false;
      continue;
    }
    const value = doc[facet as Exclude<keyof PeerFacets, 'areas'>];
    if (!values.includes(value)) return false;
  }
  return true;
}

export function hasFilters(filters: Filters | undefined): filters is Filters {
  return !!filters && Object.values(filters).some((v) => v && v.length > 0);
}
