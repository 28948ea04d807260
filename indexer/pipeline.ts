/**
 * The indexer's stages in order: read -> parse -> split -> classify -> build -> write.
 * `buildRecords` stops before the engines; `build` writes everything into `options.out`.
 */
import { relative } from 'node:path';
import { buildMiniSearchFiles } from './build-minisearch.ts';
import { unifyAreas, uniqueIds } from './classify.ts';
import type { ChangefindConfig } from './config.ts';
import { makeManifest, recordsJsonl } from './manifest.ts';
import { oktaProfile } from './profiles/okta.ts';
import { listInputs, readSources } from './read.ts';
import { recordsOfSource } from './records.ts';
import type { ChangeRecord, Manifest } from './schema.ts';
import type { Warning } from './warnings.ts';
import { writeOutput } from './write.ts';

export type { ChangefindConfig } from './config.ts';
export type { Warning } from './warnings.ts';

export interface RecordsOptions {
  /** Base URL of the published pages (overrides the config's and the profile's). */
  baseUrl?: string;
  config?: ChangefindConfig;
  /** Called after each input file is indexed; `bytes` is the size of all inputs. */
  onProgress?: (done: number, total: number, file: string, bytes: number) => void;
}

export interface BuildOptions extends RecordsOptions {
  /** Output folder; replaced atomically. */
  out: string;
}

/** Files or folders (scanned for `*.md`, sorted) -> records of every change. */
export async function buildRecords(inputs: string[], options: RecordsOptions = {}): Promise<{ records: ChangeRecord[]; warnings: Warning[]; files: string[] }> {
  const { records, warnings, files } = await indexInputs(inputs, options);
  return { records, warnings, files };
}

/** Indexes the inputs and writes records.jsonl, the engine files and manifest.json (last) to `options.out`. */
export async function build(inputs: string[], options: BuildOptions): Promise<{ records: ChangeRecord[]; warnings: Warning[]; manifest: Manifest }> {
  const { records, warnings, sources } = await indexInputs(inputs, options);
  const files = [{ role: 'records', name: 'records.jsonl', content: recordsJsonl(records) }, ...buildMiniSearchFiles(records)];
  const manifest = makeManifest({ records, sources, files, engines: ['minisearch'] });
  await writeOutput(options.out, [...files, { name: 'manifest.json', content: `${JSON.stringify(manifest, null, 2)}\n` }]);
  return { records, warnings, manifest };
}

async function indexInputs(inputs: string[], options: RecordsOptions) {
  const files = await listInputs(inputs);
  const sources = await readSources(files);
  const config = options.config ?? {};
  const records: ChangeRecord[] = [];
  const warnings: Warning[] = [];
  const bytes = sources.reduce((sum, source) => sum + source.content.length, 0);
  sources.forEach((source, index) => {
    const page = recordsOfSource(source.name, source.content, { profile: oktaProfile, config, ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}) });
    records.push(...page.records);
    warnings.push(...page.warnings.map((warning) => ({ ...warning, file: relative(process.cwd(), source.path) || source.name })));
    options.onProgress?.(index + 1, sources.length, source.name, bytes);
  });
  unifyAreas(records);
  uniqueIds(records);
  return { records, warnings, files, sources };
}
