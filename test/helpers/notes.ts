/** Builders for indexer tests: inline Markdown fixtures, records of a fixture, temp folders. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChangefindConfig } from '../../indexer/config.ts';
import { parseMarkdown } from '../../indexer/parse.ts';
import { oktaProfile } from '../../indexer/profiles/okta.ts';
import { recordsOfSource } from '../../indexer/records.ts';
import type { ChangeRecord } from '../../indexer/schema.ts';
import { splitDocument } from '../../indexer/split.ts';
import type { Warning } from '../../indexer/warnings.ts';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The shared corpus of real release notes (read-only, outside the repo). */
export const CORPUS = resolve(REPO_ROOT, '../shared/corpus/okta');
export const FIXTURES = resolve(REPO_ROOT, 'test/fixtures/notes');

/** Strips the common indentation of a template literal and its first and last blank lines. */
export function md(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = strings.reduce((out, part, i) => out + part + (i < values.length ? String(values[i]) : ''), '');
  const lines = text.replace(/^\n/, '').replace(/\n[ \t]*$/, '').split('\n');
  const indent = Math.min(...lines.filter((line) => line.trim()).map((line) => /^ */.exec(line)?.[0].length ?? 0));
  return `${lines.map((line) => line.slice(indent)).join('\n')}\n`;
}

/** A page with front matter `title`. */
export function page(title: string, body: string): string {
  return `---\ntitle: ${title}\n---\n\n${body}`;
}

/** The records of one inline page. */
export function recordsOf(markdown: string, file = '2026.md', config: ChangefindConfig = {}): ChangeRecord[] {
  return recordsOfSource(file, markdown, { profile: oktaProfile, config }).records;
}

export function warningsOf(markdown: string, file = '2026.md'): Warning[] {
  return recordsOfSource(file, markdown, { profile: oktaProfile, config: {} }).warnings;
}

/** The split of one inline page, reduced to what tests compare. */
export function unitsOf(markdown: string, file = '2026.md', year: number | null = 2026) {
  const { units } = splitDocument(parseMarkdown(file, markdown), oktaProfile, year);
  return units.map((unit) => ({ shape: unit.shape, kind: unit.kind, line: unit.line, section: unit.section.title, release: unit.release.name }));
}

/** Picks fields of records for focused comparisons. */
export function pick<K extends keyof ChangeRecord>(records: ChangeRecord[], ...keys: K[]): Pick<ChangeRecord, K>[] {
  return records.map((record) => Object.fromEntries(keys.map((key) => [key, record[key]])) as Pick<ChangeRecord, K>);
}

/** A fresh temporary folder, removed by the returned cleanup. */
export async function tempDir(): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'changefind-indexer-'));
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) };
}
