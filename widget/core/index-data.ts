/**
 * Turns the index files (MiniSearch JSON + stored fields) into flat typed arrays the matcher
 * scans: postings with precomputed BM25F weights, a head-field subset for short prefixes, a
 * forward index (doc -> sorted term ids) for probing candidates, facet columns and recency.
 */
import { FACETS, SCHEMA_VERSION, type FacetName, type Manifest } from '../../indexer/schema.ts';
import type { HitRecord, IndexBundle } from '../search-types.ts';
import { IndexError } from './errors.ts';
import { isDerivedTitle, BM25, DOC_COLUMNS, FIELD_WEIGHTS, FIELDS, HEAD_FIELDS, ROLES } from './options.ts';
import { STOP_WORDS } from './query.ts';
import { stem } from './stem.ts';
import { isCompound, parts, pathSuffixes, tokens } from './tokenize.ts';
import { termId } from './vocab.ts';

export interface StoredDoc extends HitRecord {
  text: string;
}

/** Compressed sparse rows: row r holds `items[offsets[r] .. offsets[r+1])`. */
export interface Rows {
  offsets: Uint32Array;
  items: Uint32Array;
  weights: Float32Array;
}

export interface FacetColumn {
  values: string[];
  /** Per doc, the value ids it carries. */
  rows: { offsets: Uint32Array; items: Uint16Array };
}

export interface IndexData {
  manifest: Manifest;
  docs: StoredDoc[];
  terms: string[];
  /** term id -> docs (weight = idf * saturated BM25F tf). */
  postings: Rows;
  /** As postings, only docs holding the term in a head field (title, tickets, flags, areas). */
  head: Rows;
  /** doc -> sorted term ids with the same weights. */
  forward: Rows;
  /** stem -> term ids. */
  stems: Map<string, number[]>;
  /** Per doc: 1 newest .. 0 oldest (undated 0). */
  recency: Float32Array;
  /** Per doc: rank by date, 0 = newest; undated after every dated doc. */
  dateRank: Uint32Array;
  facets: Record<FacetName, FacetColumn>;
  /** Per doc, the title's words as term ids in order (compound tokens by their parts). */
  titleWords: { offsets: Uint32Array; items: Int32Array };
  /** Per doc, term ids of the title's compound tokens (identifiers) and their path suffixes. */
  titleWhole: { offsets: Uint32Array; items: Int32Array };
  /** Per doc, 1 when the title is the body's first words (a bullet), not a name. */
  derivedTitle: Uint8Array;
  /** Per doc, how many title words carry meaning (not stop or lifecycle words). */
  titleWeight: Uint8Array;
}

interface MiniSearchJson {
  documentCount: number;
  documentIds: Record<string, string>;
  fieldIds: Record<string, number>;
  fieldLength: Record<string, number[]>;
  averageFieldLength: number[];
  index: [string, Record<string, Record<string, number>>][];
  serializationVersion: number;
}

/** Refuses a manifest of another schema version or another tool, saying what to do. */
export function checkManifest(manifest: unknown, where = 'manifest.json'): Manifest {
  const m = manifest as Partial<Manifest> | null;
  if (!m || typeof m !== 'object' || typeof m.schemaVersion !== 'number' || !m.files || !m.hashes) {
    throw new IndexError('schema-mismatch', `${where}: not a changefind index manifest (no schemaVersion/files/hashes). Rebuild the index with \`changefind build\`.`);
  }
  if (m.schemaVersion !== SCHEMA_VERSION) {
    throw new IndexError('schema-mismatch', `${where}: index schema version ${m.schemaVersion}, but this changefind reads version ${SCHEMA_VERSION}. Rebuild the index with this changefind version (\`changefind build ... --out DIR\`).`);
  }
  for (const role of Object.values(ROLES)) {
    if (typeof m.files[role] !== 'string') throw new IndexError('mismatch', `${where}: no "${role}" file listed; the index was built without the search core's files. Rebuild it.`);
  }
  return m as Manifest;
}

/** Parses one index file's text, telling HTML, truncation and garbage apart. */
export function parseJson(text: string, name: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    const head = text.trimStart().slice(0, 1);
    if (head === '<') throw new IndexError('not-json', `${name}: got HTML/XML instead of JSON (an error page?). Check the index URL.`, { cause });
    if (head === '{' || head === '[') throw new IndexError('truncated', `${name}: JSON ends early or is damaged (${(cause as Error).message}). Re-upload or rebuild the index.`, { cause });
    throw new IndexError('not-json', `${name}: not JSON (${(cause as Error).message}).`, { cause });
  }
}

function rowsFrom(lists: number[][], weights: number[][]): Rows {
  const offsets = new Uint32Array(lists.length + 1);
  for (let i = 0; i < lists.length; i++) offsets[i + 1] = offsets[i]! + lists[i]!.length;
  const items = new Uint32Array(offsets[lists.length]!);
  const w = new Float32Array(items.length);
  lists.forEach((l, i) => {
    items.set(l, offsets[i]);
    w.set(weights[i]!, offsets[i]);
  });
  return { offsets, items, weights: w };
}

function facetColumn(docs: readonly StoredDoc[], valuesOf: (d: StoredDoc) => string[]): FacetColumn {
  const ids = new Map<string, number>();
  const lists = docs.map((d) => valuesOf(d).map((v) => ids.get(v) ?? (ids.set(v, ids.size), ids.size - 1)));
  const offsets = new Uint32Array(docs.length + 1);
  lists.forEach((l, i) => (offsets[i + 1] = offsets[i]! + l.length));
  const items = new Uint16Array(offsets[docs.length]!);
  lists.forEach((l, i) => items.set(l, offsets[i]));
  return { values: [...ids.keys()], rows: { offsets, items } };
}

const FACET_VALUES: Record<FacetName, (d: StoredDoc) => string[]> = {
  lifecycle: (d) => (d.lifecycle ? [d.lifecycle] : []),
  kind: (d) => [d.kind],
  product: (d) => (d.product ? [d.product] : []),
  releaseType: (d) => (d.releaseType ? [d.releaseType] : []),
  year: (d) => (d.date ? [d.date.slice(0, 4)] : []),
  area: (d) => d.areas,
};

/** Builds the search structures from an in-memory bundle; throws IndexError. */
export function readIndex(bundle: IndexBundle): IndexData {
  const manifest = checkManifest(bundle.manifest);
  const file = (role: string): unknown => {
    const name = manifest.files[role]!;
    const text = bundle.files[name];
    if (typeof text !== 'string') throw new IndexError('not-found', `${name}: listed in manifest.json but missing from the index.`);
    return parseJson(text, name);
  };
  const ms = file(ROLES.index) as MiniSearchJson;
  const stored = file(ROLES.docs) as { columns?: unknown; docs?: unknown[][] };
  if (!ms || ms.serializationVersion !== 2 || !Array.isArray(ms.index) || !stored || !Array.isArray(stored.docs) || JSON.stringify(stored.columns) !== JSON.stringify(DOC_COLUMNS)) {
    throw new IndexError('mismatch', `${manifest.files[ROLES.index]}/${manifest.files[ROLES.docs]}: unexpected layout; the files do not belong to this schema version. Rebuild the index.`);
  }
  const docs = stored.docs.map((row) => Object.fromEntries(DOC_COLUMNS.map((c, i) => [c, row[i]])) as unknown as StoredDoc);
  const n = docs.length;
  if (n !== ms.documentCount || n !== manifest.recordCount || docs.some((d, i) => ms.documentIds[i] !== d.id)) {
    throw new IndexError('mismatch', `manifest.json (${manifest.recordCount} records), ${manifest.files[ROLES.index]} (${ms.documentCount}) and ${manifest.files[ROLES.docs]} (${n}) come from different builds. Rebuild or re-upload the whole index directory.`);
  }

  // Postings with BM25F weights, terms in code-unit order so prefixes are id ranges.
  const entries = [...ms.index].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const terms = entries.map((e) => e[0]);
  const fieldWeight = FIELDS.map((f) => FIELD_WEIGHTS[f]);
  const fieldIndex = new Map(Object.keys(ms.fieldIds).map((k) => [String(ms.fieldIds[k]), FIELDS.indexOf(k as never)]));
  const isHead = FIELDS.map((f) => HEAD_FIELDS.includes(f));
  const pDocs: number[][] = [], pW: number[][] = [], hDocs: number[][] = [], hW: number[][] = [];
  const fTerms: number[][] = docs.map(() => []), fW: number[][] = docs.map(() => []);
  entries.forEach(([, byField], t) => {
    const acc = new Map<number, number>();
    const head = new Set<number>();
    for (const [fid, freqs] of Object.entries(byField)) {
      const f = fieldIndex.get(fid) ?? -1;
      if (f < 0) continue;
      const avg = ms.averageFieldLength[Number(fid)] || 1;
      for (const [sid, tf] of Object.entries(freqs)) {
        const d = Number(sid);
        const len = ms.fieldLength[sid]?.[Number(fid)] ?? avg;
        acc.set(d, (acc.get(d) ?? 0) + (fieldWeight[f]! * tf) / (1 - BM25.b + (BM25.b * len) / avg));
        if (isHead[f]) head.add(d);
      }
    }
    const idf = Math.log(1 + (n - acc.size + 0.5) / (acc.size + 0.5));
    const ds: number[] = [], ws: number[] = [], hd: number[] = [], hw: number[] = [];
    for (const [d, s] of [...acc].sort((a, b) => a[0] - b[0])) {
      const w = (idf * s * (BM25.k1 + 1)) / (s + BM25.k1);
      ds.push(d), ws.push(w), fTerms[d]!.push(t), fW[d]!.push(w);
      if (head.has(d)) hd.push(d), hw.push(w);
    }
    pDocs.push(ds), pW.push(ws), hDocs.push(hd), hW.push(hw);
  });

  const stems = new Map<string, number[]>();
  terms.forEach((term, t) => {
    const s = stem(term);
    const list = stems.get(s);
    if (list) list.push(t);
    else stems.set(s, [t]);
  });

  const byDate = docs.map((_, i) => i).sort((a, b) => {
    const da = docs[a]!.date ?? '', db = docs[b]!.date ?? '';
    return da === db ? a - b : da < db ? 1 : -1;
  });
  const dateRank = new Uint32Array(n);
  const recency = new Float32Array(n);
  byDate.forEach((d, r) => {
    dateRank[d] = r;
    recency[d] = docs[d]!.date ? 1 - r / Math.max(1, n - 1) : 0;
  });
  const words: number[][] = [], whole: number[][] = [];
  const titleWeight = new Uint8Array(n);
  docs.forEach((d, i) => {
    const w: number[] = [], c: number[] = [];
    for (const t of tokens(d.title)) {
      if (isCompound(t.term)) for (const x of [t.term, ...pathSuffixes(t.term)]) c.push(termId(terms, x));
      for (const p of isCompound(t.term) ? parts(t.term) : [t.term]) {
        w.push(termId(terms, p));
        if (!STOP_WORDS.has(p) && !LIFECYCLE_WORDS.has(p)) titleWeight[i]++;
      }
    }
    words.push(w), whole.push(c);
  });
  const facets = Object.fromEntries(FACETS.map((f) => [f, facetColumn(docs, FACET_VALUES[f])])) as Record<FacetName, FacetColumn>;
  return { manifest, docs, terms, postings: rowsFrom(pDocs, pW), head: rowsFrom(hDocs, hW), forward: rowsFrom(fTerms, fW), stems, recency, dateRank, facets, titleWords: intRows(words), titleWhole: intRows(whole), titleWeight, derivedTitle: Uint8Array.from(docs, (d) => (isDerivedTitle(d.title, d.text) ? 1 : 0)) };
}

function intRows(lists: number[][]): { offsets: Uint32Array; items: Int32Array } {
  const offsets = new Uint32Array(lists.length + 1);
  lists.forEach((l, i) => (offsets[i + 1] = offsets[i]! + l.length));
  const items = new Int32Array(offsets[lists.length]!);
  lists.forEach((l, i) => items.set(l, offsets[i]));
  return { offsets, items };
}

/** Title words that name a release stage, not the change. */
const LIFECYCLE_WORDS = new Set(['ga', 'ea', 'beta', 'preview', 'production', 'generally', 'available', 'deprecated', 'released']);
