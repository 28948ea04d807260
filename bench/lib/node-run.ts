/** Node-side measurements of one engine on one corpus: build, size, load, per-keystroke latency, relevance. */
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import type { ChangeRecord } from '../../indexer/schema.ts';
import type { Filters } from '../../widget/search-types.ts';
import type { Engine, EngineRuntime, Searcher } from '../engines/types.ts';
import { fileSizesAsync, mapLimit, sumSizes, type Effort, type Sizes } from './stats.ts';

/** A fetch over the local file system, so runtimes read their files in Node exactly as in the browser. */
export const fileFetch: typeof fetch = async (input) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  try {
    return new Response(await readFile(fileURLToPath(url)));
  } catch {
    return new Response('not found', { status: 404 });
  }
};

export interface BuildResult {
  buildMs: number;
  /** Every timed build, when the build was repeated. */
  buildsMs?: number[];
  files: string[];
}

/** Builds into a fresh `outDir`, timing only the engine's own build (records -> files on disk). */
export async function buildEngine(engine: Engine, records: readonly ChangeRecord[], outDir: string): Promise<BuildResult> {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const t0 = performance.now();
  const { files } = await engine.build(records, outDir);
  return { buildMs: performance.now() - t0, files };
}

/** Raw, gzip and brotli bytes of the files that make up the engine's index (two files compressed at a time). */
export async function indexSizes(engine: Engine, files: string[], outDir: string, effort: Effort): Promise<{ files: number; bytes: Sizes }> {
  const indexFiles = engine.indexFiles ? engine.indexFiles(files) : files;
  const sizes = await mapLimit(indexFiles, 2, (f) => fileSizesAsync(join(outDir, f), effort));
  return { files: indexFiles.length, bytes: sumSizes(sizes) };
}

export async function loadRuntime(engine: Engine): Promise<EngineRuntime> {
  const mod = (await import(pathToFileURL(join(import.meta.dirname, '..', engine.runtimeModule)).href)) as {
    runtime: EngineRuntime;
  };
  return mod.runtime;
}

export async function openInNode(engine: Engine, outDir: string): Promise<{ searcher: Searcher; loadMs: number }> {
  const runtime = await loadRuntime(engine);
  const t0 = performance.now();
  const searcher = await runtime.open({ base: pathToFileURL(outDir).href + '/', fetch: fileFetch });
  return { searcher, loadMs: performance.now() - t0 };
}

export async function rankAll(
  searcher: Searcher,
  queries: readonly { q: string; filters?: Filters }[],
): Promise<string[][]> {
  const out: string[][] = [];
  for (const q of queries) out.push((await searcher.search(q.q, q.filters, 10)).map((h) => h.id));
  return out;
}
