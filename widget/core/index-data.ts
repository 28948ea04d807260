/**
 * Turns the index files (postings.json + docs.json, then bodies.json) into flat typed arrays the matcher
 * scans: postings with precomputed BM25F weights, a head-field subset for short prefixes, a
 * forward index (doc -> sorted term ids) for probing candidates, facet columns and recency.
 * The record texts (bodies.json) are only needed for snippets and quoted phrases: a reader may build
 * the index without them and fill them in when they arrive (fillBodies).
 */
import { FACETS, SCHEMA_VERSION, type FacetName, type Manifest } from '../../indexer/schema.ts';
import type { HitRecord, IndexBundle } from '../search-types.ts';
import { IndexError } from './errors.ts';
import { DOC_COLUMNS, POSTINGS_FORMAT, ROLES, WEIGHT_SCALE } from './options.ts';
import { STOP_WORDS } from './query.ts';
import { stem } from './stem.ts';
import { isCompound, parts, pathSuffixes, tokens } from './tokenize.ts';
import { termId } from './vocab.ts';

export interface StoredDoc extends HitRecord {
  /** The body; '' until bodies.json is read. */
  text: string;
}

/**
 * Manifests whose bodies the caller fetches after the index is built (loadIndex): readIndex then accepts
 * a bundle without bodies.json, leaves every text '' and hands the docs to the callback for fillBodies.
 */
export const deferredBodies = new WeakMap<object, (docs: StoredDoc[]) => void>();

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
  /** Docs newest first, then the undated ones in document order. */
  byDate: Uint32Array;
  /** How many docs have a date (the first `datedCount` of `byDate`). */
  datedCount: number;
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

interface PostingsJson {
  format: string;
  documentCount: number;
  terms: string[];
  counts: number[];
  docs: number[];
  weights: number[];
  /** `[stem, term id, ...]` per stem of the vocabulary (stemGroups). */
  stems: unknown[][];
}

/** The builder's side of `stems`: the vocabulary's term ids grouped by stem, in order of first term. */
export function stemGroups(terms: readonly string[]): (string | number)[][] {
  const groups = new Map<string, (string | number)[]>();
  terms.forEach((term, t) => {
    const s = stem(term);
    const group = groups.get(s);
    if (group) group.push(t);
    else groups.set(s, [s, t]);
  });
  return [...groups.values()];
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

/** Decodes delta-coded postings into postings, their head-field subset and the forward index. */
function decodePostings(pj: PostingsJson, n: number, name: string): { postings: Rows; head: Rows; forward: Rows } {
  const V = pj.terms.length;
  const P = pj.docs.length;
  const bad = (what: string): IndexError => new IndexError('truncated', `${name}: ${what}; the file is damaged. Rebuild the index.`);
  if (pj.counts.length !== V || pj.weights.length !== P) throw bad('array lengths disagree');
  const pOff = new Uint32Array(V + 1), hOff = new Uint32Array(V + 1);
  const items = new Uint32Array(P), weights = new Float32Array(P);
  const perDoc = new Uint32Array(n + 1);
  let headCount = 0;
  let i = 0;
  for (let t = 0; t < V; t++) {
    const end = i + pj.counts[t]!;
    if (!(end <= P)) throw bad('more postings counted than stored');
    let d = 0;
    for (; i < end; i++) {
      d += pj.docs[i]!;
      const w = pj.weights[i]!;
      if (!(d >= 0 && d < n) || typeof w !== 'number') throw bad(`posting ${i} names document ${d} of ${n}`);
      items[i] = d;
      weights[i] = Math.abs(w) / WEIGHT_SCALE;
      if (w < 0) headCount++;
      perDoc[d + 1]!++;
    }
    pOff[t + 1] = i;
  }
  if (i !== P) throw bad('postings left over');
  const hItems = new Uint32Array(headCount), hWeights = new Float32Array(headCount);
  let h = 0;
  for (let t = 0; t < V; t++) {
    for (let j = pOff[t]!; j < pOff[t + 1]!; j++) {
      if (pj.weights[j]! < 0) (hItems[h] = items[j]!), (hWeights[h++] = weights[j]!);
    }
    hOff[t + 1] = h;
  }
  for (let d = 0; d < n; d++) perDoc[d + 1]! += perDoc[d]!;
  const cursor = perDoc.slice(0, n);
  const fItems = new Uint32Array(P), fWeights = new Float32Array(P);
  for (let t = 0; t < V; t++) {
    for (let j = pOff[t]!; j < pOff[t + 1]!; j++) {
      const at = cursor[items[j]!]!++;
      fItems[at] = t;
      fWeights[at] = weights[j]!;
    }
  }
  return { postings: { offsets: pOff, items, weights }, head: { offsets: hOff, items: hItems, weights: hWeights }, forward: { offsets: perDoc, items: fItems, weights: fWeights } };
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
  const pj = file(ROLES.postings) as PostingsJson;
  const stored = file(ROLES.docs) as { columns?: unknown; derived?: unknown; titles?: unknown; docs?: unknown[][] };
  const pName = manifest.files[ROLES.postings]!, dName = manifest.files[ROLES.docs]!;
  if (!pj || pj.format !== POSTINGS_FORMAT || !Array.isArray(pj.terms) || !Array.isArray(pj.counts) || !Array.isArray(pj.docs) || !Array.isArray(pj.weights) || !Array.isArray(pj.stems) ||
      !stored || !Array.isArray(stored.docs) || !Array.isArray(stored.derived) || JSON.stringify(stored.columns) !== JSON.stringify(DOC_COLUMNS)) {
    throw new IndexError('mismatch', `${pName}/${dName}: unexpected layout (expected ${POSTINGS_FORMAT}); the files do not belong to this changefind version. Rebuild the index.`);
  }
  // One object shape for every record, built directly (DOC_COLUMNS order, checked above).
  const docs = stored.docs.map(
    (r): StoredDoc => ({ id: r[0], title: r[1], text: '', url: r[2], release: r[3], releaseType: r[4], date: r[5], lifecycle: r[6], kind: r[7], product: r[8], areas: r[9] }) as StoredDoc,
  );
  const n = docs.length;
  const later = deferredBodies.get(bundle.manifest);
  if (later && bundle.files[manifest.files[ROLES.bodies]!] === undefined) later(docs);
  else fillBodies(docs, bundle.files[manifest.files[ROLES.bodies]!], manifest.files[ROLES.bodies]!);
  if (n !== pj.documentCount || n !== manifest.recordCount) {
    throw new IndexError('mismatch', `manifest.json (${manifest.recordCount} records), ${pName} (${pj.documentCount}) and ${dName} (${n}) come from different builds. Rebuild or re-upload the whole index directory.`);
  }
  const terms = pj.terms;
  const { postings, head, forward } = decodePostings(pj, n, `${pName}`);

  const stems = new Map<string, number[]>();
  for (const g of pj.stems) {
    if (!Array.isArray(g) || typeof g[0] !== 'string') throw new IndexError('truncated', `${pName}: a stem group is damaged. Rebuild the index.`);
    stems.set(g[0], g.slice(1) as number[]);
  }

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
  const titles = readTitles(stored.titles, n, terms.length, dName);
  const facets = Object.fromEntries(FACETS.map((f) => [f, facetColumn(docs, FACET_VALUES[f])])) as Record<FacetName, FacetColumn>;
  const derivedTitle = new Uint8Array(n);
  for (const d of stored.derived) if (Number.isInteger(d) && (d as number) >= 0 && (d as number) < n) derivedTitle[d as number] = 1;
  return { manifest, docs, terms, postings, head, forward, stems, recency, dateRank, byDate: Uint32Array.from(byDate), datedCount: docs.filter((d) => d.date).length, facets, ...titles, derivedTitle };
}

/** docs.json `titles`: each title's words and identifiers as term ids, flat with end offsets (see titleRows). */
export interface TitlesJson {
  wordEnds: number[];
  words: number[];
  wholeEnds: number[];
  whole: number[];
  weight: number[];
}

/**
 * The index builder's side: per title, the term ids of its words in order (compound tokens by their
 * parts), of its compound tokens and their path suffixes, and how many words carry meaning (not stop
 * or lifecycle words). Computed at build time so the reader only copies arrays.
 */
export function titleRows(titles: readonly string[], terms: readonly string[]): TitlesJson {
  const out: TitlesJson = { wordEnds: [], words: [], wholeEnds: [], whole: [], weight: [] };
  for (const title of titles) {
    let weight = 0;
    for (const t of tokens(title)) {
      if (isCompound(t.term)) for (const x of [t.term, ...pathSuffixes(t.term)]) out.whole.push(termId(terms, x));
      for (const p of isCompound(t.term) ? parts(t.term) : [t.term]) {
        out.words.push(termId(terms, p));
        if (!STOP_WORDS.has(p) && !LIFECYCLE_WORDS.has(p)) weight++;
      }
    }
    out.wordEnds.push(out.words.length), out.wholeEnds.push(out.whole.length), out.weight.push(Math.min(255, weight));
  }
  return out;
}

function readTitles(json: unknown, n: number, V: number, name: string): Pick<IndexData, 'titleWords' | 'titleWhole' | 'titleWeight'> {
  const t = json as Partial<TitlesJson> | null | undefined;
  const rows = (ends: unknown, items: unknown): { offsets: Uint32Array; items: Int32Array } => {
    if (!Array.isArray(ends) || !Array.isArray(items) || ends.length !== n || (n > 0 && ends[n - 1] !== items.length)) {
      throw new IndexError('truncated', `${name}: the titles' term lists do not add up; the file is damaged. Rebuild the index.`);
    }
    const offsets = new Uint32Array(n + 1);
    offsets.set(ends, 1);
    const ids = Int32Array.from(items);
    for (const id of ids) if (id < -1 || id >= V) throw new IndexError('mismatch', `${name}: a title names term ${id} of ${V}; the files come from different builds. Rebuild the index.`);
    return { offsets, items: ids };
  };
  if (!t || !Array.isArray(t.weight) || t.weight.length !== n) throw new IndexError('truncated', `${name}: no title weights for ${n} records; the file is damaged. Rebuild the index.`);
  return { titleWords: rows(t.wordEnds, t.words), titleWhole: rows(t.wholeEnds, t.whole), titleWeight: Uint8Array.from(t.weight) };
}

/** Sets each doc's text from bodies.json (`{"bodies": [...]}`, one string per record in index order); throws IndexError. */
export function fillBodies(docs: StoredDoc[], text: string | undefined, name: string): void {
  if (typeof text !== 'string') throw new IndexError('not-found', `${name}: listed in manifest.json but missing from the index.`);
  const bodies = (parseJson(text, name) as { bodies?: unknown } | null)?.bodies;
  if (!Array.isArray(bodies) || bodies.length !== docs.length || !bodies.every((b) => typeof b === 'string')) {
    throw new IndexError('mismatch', `${name}: expected ${docs.length} record texts; the file comes from another build. Rebuild or re-upload the whole index directory.`);
  }
  docs.forEach((d, i) => (d.text = bodies[i] as string));
}

/** Title words that name a release stage, not the change. */
const LIFECYCLE_WORDS = new Set(['ga', 'ea', 'beta', 'preview', 'production', 'generally', 'available', 'deprecated', 'released']);
