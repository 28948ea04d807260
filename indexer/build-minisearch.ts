/**
 * The search engine output: the files the search core (widget/search-core.ts) loads.
 * Owned by the search-core work; the pipeline only calls buildMiniSearchFiles() (the name is kept
 * for the pipeline; the core outgrew MiniSearch's JSON, see DESIGN.md "Search core and index format").
 *
 * - `postings.json` (role `postings`): the sorted vocabulary, each term's stem as a cut code, and, per
 *   term, its documents (delta-coded) with their per-field term frequencies as ids into a table of
 *   distinct frequency tuples; the reader derives the BM25F weights. Number lists are packed (packInts).
 * - `docs.json` (role `docs`): the stored fields the core renders and filters on, one array per column
 *   in index order, the records whose title is cut from their body, and each title's terms (packTitles):
 *   `{ "columns": DOC_COLUMNS, "derived": [doc, ...], "titles": {...}, "values": [[...], ...] }`.
 *   No body text: with the postings it is all a first ranked result needs.
 * - `bodies.json` (role `bodies`): the record texts in index order, `{ "bodies": ["...", ...] }`, the
 *   bulk of the bytes; the reader requests it after the first result and uses it for snippets and
 *   quoted phrases.
 * DESIGN.md "Files (schema version 4)" describes the encodings.
 */
import type { ChangeRecord } from './schema.ts';
import { DOC_COLUMNS, FIELDS, POSTINGS_FORMAT, ROLES, fieldText, isDerivedTitle } from '../widget/core/options.ts';
import { packInts, packTitles, stemCodes, titleRows } from '../widget/core/index-data.ts';
import { indexTerms } from '../widget/core/tokenize.ts';

/**
 * JSON with every character outside printable ASCII written as a \u escape: the files are then pure
 * ASCII, which browsers decode and parse into one-byte strings (a single `…` in a 750 KB file otherwise
 * makes the whole decoded text, and every string parsed from it, two bytes per character).
 */
export const asciiJson = (value: unknown): string =>
  JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** One output file: its role in the manifest, its file name and its exact content. */
export interface OutputFile {
  role: string;
  name: string;
  content: string;
}

/** term -> documents and per-field term frequencies (flat, F per posting). */
function invert(records: readonly ChangeRecord[]): { ids: Map<string, number>; docs: number[][]; tfs: number[][] } {
  const F = FIELDS.length;
  const ids = new Map<string, number>();
  const docs: number[][] = [];
  const tfs: number[][] = [];
  records.forEach((record, doc) => {
    for (let f = 0; f < F; f++) {
      const terms = indexTerms(fieldText(record, FIELDS[f]!));
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
  return { ids, docs, tfs };
}

/**
 * postings.json's content, its sorted vocabulary (term id = index) and each document's sorted term ids.
 * Per posting it stores the document (delta-coded within the term) and its term frequency in each field,
 * as an id into a table of distinct frequency tuples ("shapes", most frequent first): the reader derives
 * the BM25F weights (idf, field lengths and averages all follow from these), so none are shipped.
 */
function postingsOf(records: readonly ChangeRecord[]): { content: string; terms: string[]; forward: number[][] } {
  const n = records.length;
  const F = FIELDS.length;
  const { ids, docs: byTerm, tfs } = invert(records);
  const terms = [...ids.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const counts: number[] = [];
  const deltas: number[] = [];
  const shapeKeys: string[] = [];
  const forward: number[][] = records.map(() => []);
  terms.forEach((term, id) => {
    const t = ids.get(term)!;
    const list = byTerm[t]!, tf = tfs[t]!;
    let prev = 0;
    list.forEach((doc, i) => {
      deltas.push(doc - prev);
      let key = String(tf[i * F]);
      for (let f = 1; f < F; f++) key += `,${tf[i * F + f]}`;
      shapeKeys.push(key);
      forward[doc]!.push(id);
      prev = doc;
    });
    counts.push(list.length);
  });
  const freq = new Map<string, number>();
  for (const k of shapeKeys) freq.set(k, (freq.get(k) ?? 0) + 1);
  const shapes = [...freq].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k);
  const shapeId = new Map(shapes.map((k, i) => [k, i]));
  const { stems, stemOther } = stemCodes(terms);
  const content =
    `{"format":${JSON.stringify(POSTINGS_FORMAT)},"documentCount":${n},"terms":${asciiJson(terms)},\n` +
    `"stems":"${stems}","stemOther":${asciiJson(stemOther)},\n"counts":"${packInts(counts)}",\n"docs":"${packInts(deltas)}",\n` +
    `"shapes":[${shapes.map((k) => `[${k}]`).join(',')}],\n"tf":"${packInts(shapeKeys.map((k) => shapeId.get(k)!))}"}\n`;
  return { content, terms, forward };
}

/** Builds the search core's files from the records (deterministic for identical input). */
export function buildMiniSearchFiles(records: readonly ChangeRecord[]): OutputFile[] {
  const derived = records.flatMap((r, i) => (isDerivedTitle(r.title, r.text) ? [i] : []));
  const postings = postingsOf(records);
  const titles = packTitles(titleRows(records.map((r) => r.title), postings.terms), postings.forward);
  return [
    { role: ROLES.postings, name: 'postings.json', content: postings.content },
    {
      role: ROLES.docs,
      name: 'docs.json',
      content: `{"columns":${JSON.stringify(DOC_COLUMNS)},"derived":[${derived.join(',')}],"titles":${JSON.stringify(titles)},"values":[\n${DOC_COLUMNS.map((c) => asciiJson(records.map((r) => r[c]))).join(',\n')}\n]}\n`,
    },
    { role: ROLES.bodies, name: 'bodies.json', content: `{"bodies":[\n${records.map((r) => asciiJson(r.text)).join(',\n')}\n]}\n` },
  ];
}
