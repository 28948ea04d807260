/** Records for the bench: built from the corpus by our indexer (timed), or read from a JSONL file. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ChangeRecord } from '../../indexer/schema.ts';
import { median } from './stats.ts';

export interface IndexerTiming {
  /** First buildRecords() in this process (cold JIT), ms. */
  firstMs: number;
  /** Median of the following warm runs, ms. */
  warmMs: number;
  warmRuns: number;
  /** End-to-end `build(inputs, {out})` (records + index files + manifest, atomic write), ms; null if not exported. */
  buildAllMs: number | null;
  warnings: number;
}

interface Pipeline {
  buildRecords(inputs: string[], options?: unknown): Promise<{ records: ChangeRecord[]; warnings: unknown[] }>;
  build?(inputs: string[], options: { out: string }): Promise<unknown>;
}

const pipelinePath = join(import.meta.dirname, '..', '..', 'indexer', 'pipeline.ts');

export async function recordsFromIndexer(
  corpus: string,
  workDir: string,
  warmRuns: number,
): Promise<{ records: ChangeRecord[]; timing: IndexerTiming }> {
  let pipeline: Pipeline;
  try {
    pipeline = (await import(pathToFileURL(pipelinePath).href)) as Pipeline;
  } catch (cause) {
    throw new Error(
      `${pipelinePath}: cannot load the indexer (${(cause as Error).message}). ` +
        'The bench builds its records with indexer/pipeline.ts buildRecords(); pass --records FILE.jsonl to bench prebuilt records instead.',
      { cause },
    );
  }
  let t0 = performance.now();
  const first = await pipeline.buildRecords([corpus]);
  const firstMs = performance.now() - t0;
  const warm: number[] = [];
  for (let i = 0; i < warmRuns; i++) {
    t0 = performance.now();
    await pipeline.buildRecords([corpus]);
    warm.push(performance.now() - t0);
  }
  let buildAllMs: number | null = null;
  if (typeof pipeline.build === 'function') {
    const out = join(workDir, 'indexer-build');
    t0 = performance.now();
    await pipeline.build([corpus], { out });
    buildAllMs = performance.now() - t0;
  }
  return {
    records: first.records,
    timing: { firstMs, warmMs: median(warm), warmRuns, buildAllMs, warnings: first.warnings.length },
  };
}

export async function recordsFromFile(path: string): Promise<ChangeRecord[]> {
  const text = await readFile(path, 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((line, i) => {
      try {
        return JSON.parse(line) as ChangeRecord;
      } catch (cause) {
        throw new Error(`${path}:${i + 1}: not a JSON record (${(cause as Error).message})`, { cause });
      }
    });
}
