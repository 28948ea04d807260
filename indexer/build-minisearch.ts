/**
 * MiniSearch engine output: the files the search core loads.
 * Owned by the search-core work; the pipeline only calls buildMiniSearchFiles().
 */
import MiniSearch, { type Options } from 'minisearch';
import type { ChangeRecord } from './schema.ts';

/** One output file: its role in the manifest, its file name and its exact content. */
export interface OutputFile {
  role: string;
  name: string;
  content: string;
}

export const MINISEARCH_OPTIONS: Options<ChangeRecord> = {
  fields: ['title', 'text', 'tickets', 'flags', 'areas'],
  storeFields: [],
  extractField: (doc, field) => {
    const value: unknown = doc[field as keyof ChangeRecord];
    return Array.isArray(value) ? value.join(' ') : String(value ?? '');
  },
};

/** Builds the MiniSearch engine's files from the records (deterministic for identical input). */
export function buildMiniSearchFiles(records: readonly ChangeRecord[]): OutputFile[] {
  const index = new MiniSearch<ChangeRecord>(MINISEARCH_OPTIONS);
  index.addAll(records);
  return [{ role: 'minisearch', name: 'minisearch.json', content: JSON.stringify(index) }];
}
