/**
 * The indexer's stages in order: read -> parse -> split -> classify -> build -> write.
 * `buildRecords` stops before the engines; `build` writes everything into `options.out`.
 */
import { relative } from 'node:path';
import { buildMiniSearchFiles } from './build-minisearch.ts';
import { bundleEntries, makeBundle } from './bundle.ts';
import type * as PagefindOutput from './build-pagefind.ts';
import { unifyAreas, uniqueIds } from './classify.ts';
import type { ChangefindConfig } from './config.ts';
import { enginesToBuild, type EngineOption } from './engine-choice.ts';
import { makeManifest, recordsJsonl } from './manifest.ts';
import { listInputs, readSources } from './read.ts';
import { indexPages } from './parallel.ts';
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
  /** Engines to write (default `minisearch`); `auto` applies the rule of thumb in engine-choice.ts. */
  engine?: EngineOption;
  /** Also write the inline bundle, `bundle.json` and `bundle.js` (see bundle.ts). */
  bundle?: boolean;
}

/** Files or folders (scanned for `*.md`, sorted) -> records of every change. */
export async function buildRecords(inputs: string[], options: RecordsOptions = {}): Promise<{ records: ChangeRecord[]; warnings: Warning[]; files: string[] }> {
  const { records, warnings, files } = await indexInputs(inputs, options);
  return { records, warnings, files };
}

/** Indexes the inputs and writes records.jsonl, the engine files and manifest.json (last) to `options.out`. */
export async function build(inputs: string[], options: BuildOptions): Promise<{ records: ChangeRecord[]; warnings: Warning[]; manifest: Manifest }> {
  const { records, warnings, sources } = await indexInputs(inputs, options);
  const engines = enginesToBuild(options.engine ?? 'minisearch', records.length);
  const files = [{ role: 'records', name: 'records.jsonl', content: recordsJsonl(records) }, ...(engines.includes('minisearch') ? buildMiniSearchFiles(records) : [])];
  // Pagefind is a devDependency: load it only when asked for, so an installed changefind builds
  // MiniSearch indexes without it.
  let bundle: Awaited<ReturnType<typeof PagefindOutput.buildPagefindFiles>> = [];
  let manifestFiles: Parameters<typeof makeManifest>[0]['files'] = files;
  if (engines.includes('pagefind')) {
    const pagefindOutput = await import('./build-pagefind.ts');
    bundle = await pagefindOutput.buildPagefindFiles(records);
    if (bundle.length > 0) manifestFiles = [...files, pagefindOutput.pagefindManifestEntry(bundle)];
  }
  const manifest = makeManifest({ records, sources, files: manifestFiles, engines });
  const inline = options.bundle ? bundleEntries(makeBundle(manifest, [...files, ...bundle])) : [];
  await writeOutput(options.out, [...files, ...bundle, ...inline, { name: 'manifest.json', content: `${JSON.stringify(manifest, null, 2)}\n` }]);
  return { records, warnings, manifest };
}

async function indexInputs(inputs: string[], options: RecordsOptions) {
  const files = await listInputs(inputs);
  const sources = await readSources(files);
  const config = options.config ?? {};
  const bytes = sources.reduce((sum, source) => sum + source.content.length, 0);
  const pages = await indexPages(sources, config, options.baseUrl, (done) => options.onProgress?.(done, sources.length, sources[done - 1]?.name ?? '', bytes));
  const records: ChangeRecord[] = pages.flatMap((page) => page.records);
  const warnings: Warning[] = pages.flatMap((page, index) => {
    const source = sources[index];
    return page.warnings.map((warning) => ({ ...warning, file: source ? relative(process.cwd(), source.path) || source.name : warning.file }));
  });
  unifyAreas(records);
  uniqueIds(records);
  return { records, warnings, files, sources };
}
