/**
 * The search engine output: the files the search core (widget/search-core.ts) loads.
 * Owned by the search-core work; the pipeline only calls buildMiniSearchFiles() (the name is kept
 * for the pipeline; the core outgrew MiniSearch's JSON, see DESIGN.md "Search core and index format").
 *
 * - `postings.json` (role `postings`): the sorted vocabulary, its term ids grouped by stem, and, per
 *   term, its documents with precomputed BM25F weights, so the reader only decodes arrays.
 * - `docs.json` (role `docs`): the stored fields the core renders and filters on, one row per record
 *   in index order, the records whose title is cut from their body, and each title's term ids
 *   (titleRows): `{ "columns": DOC_COLUMNS, "derived": [doc, ...], "titles": {...}, "docs": [[...], ...] }`.
 *   No body text: with the postings it is all a first ranked result needs.
 * - `bodies.json` (role `bodies`): the record texts in index order, `{ "bodies": ["...", ...] }`, the
 *   bulk of the bytes; the reader fetches it in parallel and uses it for snippets and quoted phrases.
 */
import type { ChangeRecord } from './schema.ts';
import { BM25, DOC_COLUMNS, FIELDS, FIELD_WEIGHTS, HEAD_FIELDS, POSTINGS_FORMAT, ROLES, WEIGHT_SCALE, fieldText, isDerivedTitle } from '../widget/core/options.ts';
import { stemGroups, titleRows } from '../widget/core/index-data.ts';
import { indexTerms } from '../widget/core/tokenize.ts';

/** One output file: its role in the manifest, its file name and its exact content. */
export interface OutputFile {
  role: string;
  name: string;
  content: string;
}

/** term -> documents and per-field term frequencies (flat, F per posting), and per-field lengths. */
function invert(records: readonly ChangeRecord[]): { ids: Map<string, number>; docs: number[][]; tfs: number[][]; lengths: Float64Array } {
  const F = FIELDS.length;
  const ids = new Map<string, number>();
  const docs: number[][] = [];
  const tfs: number[][] = [];
  const lengths = new Float64Array(records.length * F);
  records.forEach((record, doc) => {
    for (let f = 0; f < F; f++) {
      const terms = indexTerms(fieldText(record, FIELDS[f]!));
      lengths[doc * F + f] = terms.length;
      for (const term of terms) {
        let t = ids.get(term);
        if (t === undefined) ids.set(term, (t = docs.length)), docs.push([]), tfs.push([]);
        const list = docs[t]!, tf = tfs[t]!;
        if (list[list.length - 1] !== doc) {
          list.push(doc);
          for (let g = 0; g < F; g++) tf.push(0);
        }
        tf[(list.length - 1) * F + f]! += 1;
      }
    }
  });
  return { ids, docs, tfs, lengths };
}

/** Postings with BM25F weights (idf * saturated field-weighted tf), scaled to integers; negative = in a head field. */
export function buildPostings(records: readonly ChangeRecord[]): string {
  return postingsOf(records).content;
}

/** postings.json's content and its sorted vocabulary (term id = index). */
function postingsOf(records: readonly ChangeRecord[]): { content: string; terms: string[] } {
  const n = records.length;
  const F = FIELDS.length;
  const { ids, docs: byTerm, tfs, lengths } = invert(records);
  // Average over the records that have the field: sparse fields (flags, tickets) are short where present.
  const avg = FIELDS.map((_, f) => {
    let sum = 0;
    let present = 0;
    for (let d = 0; d < n; d++) if (lengths[d * F + f]! > 0) (sum += lengths[d * F + f]!), present++;
    return sum / Math.max(1, present) || 1;
  });
  const head = FIELDS.map((f) => HEAD_FIELDS.includes(f));
  const boost = FIELDS.map((f) => FIELD_WEIGHTS[f]);
  const terms = [...ids.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const counts: number[] = [];
  const docs: number[] = [];
  const weights: number[] = [];
  for (const term of terms) {
    const t = ids.get(term)!;
    const list = byTerm[t]!, tf = tfs[t]!;
    const idf = Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5));
    let prev = 0;
    for (let i = 0; i < list.length; i++) {
      const doc = list[i]!;
      let s = 0;
      let inHead = false;
      for (let f = 0; f < F; f++) {
        const count = tf[i * F + f]!;
        if (count === 0) continue;
        s += (boost[f]! * count) / (1 - BM25.b + (BM25.b * lengths[doc * F + f]!) / avg[f]!);
        inHead ||= head[f]!;
      }
      const w = Math.max(1, Math.round((WEIGHT_SCALE * idf * s * (BM25.k1 + 1)) / (s + BM25.k1)));
      docs.push(doc - prev);
      weights.push(inHead ? -w : w);
      prev = doc;
    }
    counts.push(list.length);
  }
  const content = `{"format":${JSON.stringify(POSTINGS_FORMAT)},"documentCount":${n},"terms":${JSON.stringify(terms)},\n"stems":${JSON.stringify(stemGroups(terms))},\n"counts":[${counts.join(',')}],\n"docs":[${docs.join(',')}],\n"weights":[${weights.join(',')}]}\n`;
  return { content, terms };
}

/** Builds the search core's files from the records (deterministic for identical input). */
export function buildMiniSearchFiles(records: readonly ChangeRecord[]): OutputFile[] {
  const docs = records.map((r) => DOC_COLUMNS.map((c) => r[c]));
  const derived = records.flatMap((r, i) => (isDerivedTitle(r.title, r.text) ? [i] : []));
  const postings = postingsOf(records);
  const titles = titleRows(records.map((r) => r.title), postings.terms);
  return [
    { role: ROLES.postings, name: 'postings.json', content: postings.content },
    {
      role: ROLES.docs,
      name: 'docs.json',
      content: `{"columns":${JSON.stringify(DOC_COLUMNS)},"derived":[${derived.join(',')}],"titles":${JSON.stringify(titles)},"docs":[\n${docs.map((d) => JSON.stringify(d)).join(',\n')}\n]}\n`,
    },
    { role: ROLES.bodies, name: 'bodies.json', content: `{"bodies":[\n${records.map((r) => JSON.stringify(r.text)).join(',\n')}\n]}\n` },
  ];
}
