/**
 * Turns the index files (postings.json + docs.json, then bodies.json) into flat typed arrays the matcher
 * scans: postings with BM25F weights (derived here from the stored per-field term frequencies), a
 * head-field subset for short prefixes, a forward index (doc -> sorted term ids) for probing
 * candidates, facet columns and recency. Number lists are packed (packInts); the builder's side of
 * each encoding (packInts, stemCodes, titleRows, packTitles) lives here too, next to its reader.
 * The record texts (bodies.json) are only needed for snippets and quoted phrases: a reader may build
 * the index without them and fill them in when they arrive (fillBodies).
 */
import { FACETS, SCHEMA_VERSION, type FacetName, type Manifest } from '../../indexer/schema.ts';
import type { HitRecord, IndexBundle } from '../search-types.ts';
import { changeKey } from './editions.ts';
import { IndexError } from './errors.ts';
import { BM25, DOC_COLUMNS, FIELDS, FIELD_WEIGHTS, HEAD_FIELDS, POSTINGS_FORMAT, ROLES, WEIGHT_SCALE } from './options.ts';
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
  /** Packed: per term, its stem as `term.slice(0, -cut) + (odd ? 'i' : '')`, value cut * 2 + odd. */
  stems: string;
  /** `[term id, stem]` for stems that rule cannot spell (none with today's stemmer). */
  stemOther: [number, string][];
  /** Packed: postings per term. */
  counts: string;
  /** Packed: per posting, its document number minus the previous one of the same term. */
  docs: string;
  /** Term frequency per field (FIELDS order) of each distinct posting shape, most frequent first. */
  shapes: number[][];
  /** Packed: per posting, its shape. */
  tf: string;
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

/** The packed-integer alphabet (base64url): a character's value v < 32 ends a number, v >= 32 carries 5 bits and more follow. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

/** Writer side: non-negative integers (< 2^31) as one string, 5 bits per character, low bits first. */
export function packInts(values: Iterable<number>): string {
  let out = '';
  for (let v of values) {
    if (!(Number.isInteger(v) && v >= 0 && v < 2 ** 31)) throw new RangeError(`packInts: ${v} is not an integer in [0, 2^31)`);
    for (; v >= 32; v = Math.floor(v / 32)) out += ALPHABET[32 + (v % 32)];
    out += ALPHABET[v];
  }
  return out;
}

/** Reader side of packInts; `count` numbers expected (-1: as many as there are). Throws IndexError on any other content. */
export function unpackInts(text: unknown, count: number, name: string, what: string): Uint32Array {
  const bad = (why: string) => new IndexError('truncated', `${name}: ${what} ${why}; the file is damaged. Rebuild the index.`);
  if (typeof text !== 'string') throw bad('missing');
  if (count < 0) {
    count = 0;
    for (let i = 0; i < text.length; i++) if (VALUE[text.charCodeAt(i) & 127]! < 32) count++;
  }
  const out = new Uint32Array(count);
  let k = 0, v = 0, shift = 1, i = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i), x = c < 128 ? VALUE[c]! : -1;
    if (x < 0 || shift > 2 ** 30) throw bad(`has a bad character at ${i}`);
    if (x < 32) {
      if (k === count) break;
      out[k++] = v + x * shift;
      v = 0, shift = 1;
    } else (v += (x - 32) * shift), (shift *= 32);
  }
  if (k !== count || i !== text.length) throw bad(`holds ${k === count ? 'more' : k} of ${count} numbers`);
  return out;
}

/** Writer side of `stems`: per term, cut * 2 + (stem ends in an added 'i'), or an exception. */
export function stemCodes(terms: readonly string[]): { stems: string; stemOther: [number, string][] } {
  const codes: number[] = [];
  const stemOther: [number, string][] = [];
  terms.forEach((term, t) => {
    const s = stem(term);
    const i = s.endsWith('i') && !term.startsWith(s) ? 1 : 0;
    const keep = s.length - i;
    if (term.startsWith(s.slice(0, keep)) && keep > 0) codes.push((term.length - keep) * 2 + i);
    else codes.push(0), stemOther.push([t, s]);
  });
  return { stems: packInts(codes), stemOther };
}

/**
 * Decodes the postings: document numbers, BM25F weights computed from each posting's term frequencies
 * per field (idf * saturated field-weighted tf, rounded as WEIGHT_SCALE says), the head-field subset and
 * the forward index.
 */
function decodePostings(pj: PostingsJson, n: number, name: string): { postings: Rows; head: Rows; forward: Rows } {
  const V = pj.terms.length, F = FIELDS.length;
  const counts = unpackInts(pj.counts, V, name, 'counts');
  let P = 0;
  for (let t = 0; t < V; t++) P += counts[t]!;
  const deltas = unpackInts(pj.docs, P, name, 'docs'), shapeOf = unpackInts(pj.tf, P, name, 'tf');
  const bad = (what: string): IndexError => new IndexError('truncated', `${name}: ${what}; the file is damaged. Rebuild the index.`);
  // Each shape as its non-zero fields: field ids and frequencies at shapeAt[s] .. shapeAt[s + 1].
  const S = pj.shapes.length;
  const shapeAt = new Uint32Array(S + 1), shapeField = new Uint8Array(S * F), shapeTf = new Float64Array(S * F), headShape = new Uint8Array(S);
  pj.shapes.forEach((shape, k) => {
    if (!Array.isArray(shape) || shape.length !== F) throw bad('a posting shape is not a list of term frequencies');
    let at = shapeAt[k]!;
    shape.forEach((c, f) => {
      if (!(Number.isInteger(c) && c >= 0)) throw bad('a posting shape is not a list of term frequencies');
      if (c > 0) (shapeField[at] = f), (shapeTf[at++] = c), (headShape[k] ||= +HEAD_FIELDS.includes(FIELDS[f]!));
    });
    shapeAt[k + 1] = at;
  });
  const pOff = new Uint32Array(V + 1), hOff = new Uint32Array(V + 1);
  const items = new Uint32Array(P), weights = new Float32Array(P);
  const perDoc = new Uint32Array(n + 1), lengths = new Float64Array(n * F);
  let headCount = 0;
  for (let t = 0, i = 0; t < V; t++) {
    const end = i + counts[t]!;
    for (let d = 0; i < end; i++) {
      d += deltas[i]!;
      const k = shapeOf[i]!;
      if (!(d < n && k < S)) throw bad(`posting ${i} names document ${d} of ${n} or shape ${k} of ${S}`);
      items[i] = d;
      for (let a = shapeAt[k]!; a < shapeAt[k + 1]!; a++) lengths[d * F + shapeField[a]!]! += shapeTf[a]!;
      headCount += headShape[k]!;
      perDoc[d + 1]!++;
    }
    pOff[t + 1] = end;
  }
  // A field's average length is taken over the records that have it (as the builder's BM25F does).
  const avg = FIELDS.map((_, f) => {
    let sum = 0, present = 0;
    for (let d = 0; d < n; d++) if (lengths[d * F + f]! > 0) (sum += lengths[d * F + f]!), present++;
    return sum / Math.max(1, present) || 1;
  });
  // Per doc and field, the BM25 length normalisation, so each posting costs one division per field it occurs in.
  const boost = FIELDS.map((f) => FIELD_WEIGHTS[f]);
  const norm = new Float64Array(n * F);
  for (let x = 0; x < n * F; x++) norm[x] = 1 - BM25.b + (BM25.b * lengths[x]!) / avg[x % F]!;
  for (let d = 0; d < n; d++) perDoc[d + 1]! += perDoc[d]!;
  const cursor = perDoc.slice(0, n);
  const hItems = new Uint32Array(headCount), hWeights = new Float32Array(headCount);
  const fItems = new Uint32Array(P), fWeights = new Float32Array(P);
  for (let t = 0, j = 0, h = 0; t < V; t++) {
    const df = counts[t]!;
    const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    for (; j < pOff[t + 1]!; j++) {
      const d = items[j]!, k = shapeOf[j]!;
      let s = 0;
      for (let a = shapeAt[k]!; a < shapeAt[k + 1]!; a++) s += (boost[shapeField[a]!]! * shapeTf[a]!) / norm[d * F + shapeField[a]!]!;
      const w = (weights[j] = Math.max(1, Math.round((WEIGHT_SCALE * idf * s * (BM25.k1 + 1)) / (s + BM25.k1))) / WEIGHT_SCALE);
      if (headShape[k]) (hItems[h] = d), (hWeights[h++] = w);
      const at = cursor[d]!++;
      fItems[at] = t;
      fWeights[at] = w;
    }
    hOff[t + 1] = h;
  }
  return { postings: { offsets: pOff, items, weights }, head: { offsets: hOff, items: hItems, weights: hWeights }, forward: { offsets: perDoc, items: fItems, weights: fWeights } };
}

/** stem -> term ids, from the packed per-term codes (stemCodes). */
function readStems(pj: PostingsJson, name: string): Map<string, number[]> {
  const { terms } = pj;
  const codes = unpackInts(pj.stems, terms.length, name, 'stems');
  const other = new Map(pj.stemOther);
  const stems = new Map<string, number[]>();
  for (let t = 0; t < terms.length; t++) {
    const term = terms[t]!, c = codes[t]!;
    const s = other.size && other.has(t) ? other.get(t)! : c === 0 ? term : term.slice(0, term.length - (c >> 1)) + (c & 1 ? 'i' : '');
    const group = stems.get(s);
    if (group) group.push(t);
    else stems.set(s, [t]);
  }
  return stems;
}

function facetColumn(docs: readonly StoredDoc[], valuesOf: (d: StoredDoc) => string[]): FacetColumn {
  const ids = new Map<string, number>();
  const offsets = new Uint32Array(docs.length + 1);
  const items: number[] = [];
  for (let i = 0; i < docs.length; i++) {
    for (const v of valuesOf(docs[i]!)) {
      let id = ids.get(v);
      if (id === undefined) ids.set(v, (id = ids.size));
      items.push(id);
    }
    offsets[i + 1] = items.length;
  }
  return { values: [...ids.keys()], rows: { offsets, items: Uint16Array.from(items) } };
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
  const stored = file(ROLES.docs) as { columns?: unknown; derived?: unknown; titles?: unknown; values?: unknown[][] };
  const pName = manifest.files[ROLES.postings]!, dName = manifest.files[ROLES.docs]!;
  if (!pj || pj.format !== POSTINGS_FORMAT || !Array.isArray(pj.terms) || !Array.isArray(pj.shapes) || !Array.isArray(pj.stemOther) ||
      !stored || !Array.isArray(stored.values) || !Array.isArray(stored.derived) || JSON.stringify(stored.columns) !== JSON.stringify(DOC_COLUMNS)) {
    throw new IndexError('mismatch', `${pName}/${dName}: unexpected layout (expected ${POSTINGS_FORMAT}); the files do not belong to this changefind version. Rebuild the index.`);
  }
  // One column per stored field (DOC_COLUMNS order, checked above); one object shape for every record.
  const [id, title, url, release, releaseType, date, lifecycle, kind, product, areas] = stored.values as unknown[][];
  const n = Array.isArray(id) ? id.length : -1;
  if (stored.values.length !== DOC_COLUMNS.length || !stored.values.every((c) => Array.isArray(c) && c.length === n)) {
    throw new IndexError('truncated', `${dName}: its columns do not hold one value per record each; the file is damaged. Rebuild the index.`);
  }
  const docs = id!.map(
    (_, i): StoredDoc =>
      ({ id: id![i], title: title![i], text: '', url: url![i], release: release![i], releaseType: releaseType![i], date: date![i], lifecycle: lifecycle![i], kind: kind![i], product: product![i], areas: areas![i] }) as StoredDoc,
  );
  const later = deferredBodies.get(bundle.manifest);
  if (later && bundle.files[manifest.files[ROLES.bodies]!] === undefined) later(docs);
  else fillBodies(docs, bundle.files[manifest.files[ROLES.bodies]!], manifest.files[ROLES.bodies]!);
  if (n !== pj.documentCount || n !== manifest.recordCount) {
    throw new IndexError('mismatch', `manifest.json (${manifest.recordCount} records), ${pName} (${pj.documentCount}) and ${dName} (${n}) come from different builds. Rebuild or re-upload the whole index directory.`);
  }
  const terms = pj.terms;
  const { postings, head, forward } = decodePostings(pj, n, `${pName}`);

  const stems = readStems(pj, pName);

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
  const titles = readTitles(stored.titles, forward, terms.length, dName);
  const facets = Object.fromEntries(FACETS.map((f) => [f, facetColumn(docs, FACET_VALUES[f])])) as Record<FacetName, FacetColumn>;
  const derivedTitle = new Uint8Array(n);
  for (const d of stored.derived) if (Number.isInteger(d) && (d as number) >= 0 && (d as number) < n) derivedTitle[d as number] = 1;
  return { manifest, docs, terms, postings, head, forward, stems, recency, dateRank, byDate: Uint32Array.from(byDate), datedCount: docs.filter((d) => d.date).length, facets, ...titles, derivedTitle };
}

/** Each title's words (compound tokens by their parts) and identifiers (compound tokens and their path suffixes) as term ids, and its count of meaningful words. */
export interface TitleRows {
  words: number[][];
  whole: number[][];
  weight: number[];
}

/**
 * The index builder's side: per title, the term ids of its words in order (compound tokens by their
 * parts), of its compound tokens and their path suffixes, and how many words carry meaning (not stop
 * or lifecycle words). Computed at build time so the reader only decodes numbers.
 */
export function titleRows(titles: readonly string[], terms: readonly string[]): TitleRows {
  const out: TitleRows = { words: [], whole: [], weight: [] };
  for (const title of titles) {
    let weight = 0;
    const words: number[] = [], whole: number[] = [];
    for (const t of tokens(title)) {
      if (isCompound(t.term)) for (const x of [t.term, ...pathSuffixes(t.term)]) whole.push(termId(terms, x));
      for (const p of isCompound(t.term) ? parts(t.term) : [t.term]) words.push(termId(terms, p));
    }
    // Meaningful words of the change's name: a status suffix ("is self-service EA in Preview") is
    // not part of what the title names.
    for (const t of tokens(changeKey(title))) {
      for (const p of isCompound(t.term) ? parts(t.term) : [t.term]) if (!STOP_WORDS.has(p) && !LIFECYCLE_WORDS.has(p)) weight++;
    }
    out.words.push(words), out.whole.push(whole), out.weight.push(Math.min(255, weight));
  }
  return out;
}

/**
 * docs.json `titles`, packed: per doc, the row's length, then each term as 1 + its position among the
 * doc's own terms (its forward-index row, sorted term ids, of length len), or len + 1 + its term id when
 * the doc does not hold it (a bullet title cut inside a word), 0 for a word not in the vocabulary.
 * `forward[d]` is doc d's sorted term ids.
 */
export function packTitles(rows: TitleRows, forward: readonly (readonly number[])[]): { words: string; whole: string; weight: string } {
  const local = (t: number, own: readonly number[]) => (t < 0 ? 0 : own.includes(t) ? 1 + own.indexOf(t) : own.length + 1 + t);
  const pack = (lists: number[][]) => packInts(lists.flatMap((ids, d) => [ids.length, ...ids.map((t) => local(t, forward[d]!))]));
  return { words: pack(rows.words), whole: pack(rows.whole), weight: packInts(rows.weight) };
}

function readTitles(json: unknown, forward: Rows, V: number, name: string): Pick<IndexData, 'titleWords' | 'titleWhole' | 'titleWeight'> {
  const t = json as Record<string, unknown> | null | undefined;
  const n = forward.offsets.length - 1;
  const rows = (packed: unknown, what: string): { offsets: Uint32Array; items: Int32Array } => {
    const values = unpackInts(packed, -1, name, what);
    const offsets = new Uint32Array(n + 1);
    const items = new Int32Array(Math.max(0, values.length - n));
    let at = 0, k = 0;
    for (let d = 0; d < n; d++) {
      const end = at + 1 + values[at]!;
      const row = forward.offsets[d]!, len = forward.offsets[d + 1]! - row;
      if (!(end <= values.length)) break;
      for (at++; at < end; at++) {
        const local = values[at]!;
        if (local > len + V) throw new IndexError('mismatch', `${name}: a title names term ${local - len - 1} of ${V}; the files come from different builds. Rebuild the index.`);
        items[k++] = local > len ? local - len - 1 : local ? forward.items[row + local - 1]! : -1;
      }
      offsets[d + 1] = k;
    }
    if (at !== values.length || k !== items.length) throw new IndexError('truncated', `${name}: the titles' ${what} do not add up; the file is damaged. Rebuild the index.`);
    return { offsets, items };
  };
  const weight = unpackInts(t?.weight, n, name, 'title weights');
  return { titleWords: rows(t?.words, 'words'), titleWhole: rows(t?.whole, 'identifiers'), titleWeight: Uint8Array.from(weight) };
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
