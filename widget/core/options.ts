/**
 * Index options shared by the writer (indexer/build-minisearch.ts) and the reader (the search
 * core): fields and their weights, the tokenizer (widget/core/tokenize.ts), BM25 parameters, the
 * stored-fields layout and the file roles. Change anything here that alters the files -> bump SCHEMA_VERSION.
 */
import type { ChangeRecord } from '../../indexer/schema.ts';

/** Indexed fields, in MiniSearch field-id order. */
export const FIELDS = ['title', 'text', 'tickets', 'flags', 'areas'] as const;
export type Field = (typeof FIELDS)[number];

/** BM25F field weights: title above flags/tickets above areas above body. */
export const FIELD_WEIGHTS: Record<Field, number> = { title: 5, flags: 3.5, tickets: 3.5, areas: 2, text: 1 };
/** Fields short enough to answer one- and two-letter prefixes on their own. */
export const HEAD_FIELDS: readonly Field[] = ['title', 'tickets', 'flags', 'areas'];
export const BM25 = { k1: 1.2, b: 0.75 } as const;

/**
 * A title cut from the body (bug and docs bullets: the bullet's first words) names nothing the
 * body does not say; indexing it again as a title would let every bullet outrank the headings.
 */
export function isDerivedTitle(title: string, text: string): boolean {
  const t = title.endsWith('…') ? title.slice(0, -1).trimEnd() : title;
  return t.length > 0 && text.startsWith(t);
}

/** The text of one indexed field of a record (a derived bullet title indexes as empty). */
export function fieldText(record: ChangeRecord, field: Field): string {
  if (field === 'title' && isDerivedTitle(record.title, record.text)) return '';
  const value: unknown = record[field];
  return Array.isArray(value) ? value.join(' ') : String(value ?? '');
}

/** `postings.json` format tag; the reader rounds the weights it derives to `round(weight * WEIGHT_SCALE) / WEIGHT_SCALE`. */
export const POSTINGS_FORMAT = 'changefind-postings-2';
export const WEIGHT_SCALE = 1000;

/** Columns of each row of the stored-fields file (`docs.json`), in index order; the body text is in `bodies.json`. */
export const DOC_COLUMNS = ['id', 'title', 'url', 'release', 'releaseType', 'date', 'lifecycle', 'kind', 'product', 'areas'] as const;

/** Manifest `files` roles of the search core's files (`bodies`: the record texts, needed only for snippets and quoted phrases). */
export const ROLES = { postings: 'postings', docs: 'docs', bodies: 'bodies' } as const;
