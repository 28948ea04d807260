/**
 * MiniSearch engine output: the files the search core loads.
 * Owned by the search-core work; the pipeline only calls buildMiniSearchFiles().
 *
 * - `minisearch.json`: a standard MiniSearch index (`MiniSearch.loadJSON(text, MINISEARCH_OPTIONS)`
 *   reads it), written with the shared tokenizer; the core turns it into flat postings at load.
 * - `docs.json`: the stored fields the core renders and snippets from, one row per record in
 *   MiniSearch short-id order: `{ "columns": DOC_COLUMNS, "docs": [[...], ...] }`.
 */
import MiniSearch from 'minisearch';
import type { ChangeRecord } from './schema.ts';
import { DOC_COLUMNS, MINISEARCH_OPTIONS, ROLES } from '../widget/core/options.ts';

export { MINISEARCH_OPTIONS } from '../widget/core/options.ts';

/** One output file: its role in the manifest, its file name and its exact content. */
export interface OutputFile {
  role: string;
  name: string;
  content: string;
}

/** Builds the MiniSearch engine's files from the records (deterministic for identical input). */
export function buildMiniSearchFiles(records: readonly ChangeRecord[]): OutputFile[] {
  const index = new MiniSearch<ChangeRecord>(MINISEARCH_OPTIONS);
  index.addAll(records);
  const docs = records.map((r) => DOC_COLUMNS.map((c) => r[c]));
  return [
    { role: ROLES.index, name: 'minisearch.json', content: JSON.stringify(index) },
    { role: ROLES.docs, name: 'docs.json', content: `{"columns":${JSON.stringify(DOC_COLUMNS)},"docs":[\n${docs.map((d) => JSON.stringify(d)).join(',\n')}\n]}\n` },
  ];
}
