/**
 * Runs `recordsOfSource` over many pages: in this thread by default, or on `CHANGEFIND_THREADS=N`
 * worker threads (N >= 2) when the input is large enough to pay for starting them (each worker loads
 * the TypeScript modules and warms up the parser, about half a second of CPU). Falls back to this
 * thread when workers cannot start. Results keep input order either way, so output is identical.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ChangefindConfig } from './config.ts';
import { oktaProfile } from './profiles/okta.ts';
import { recordsOfSource } from './records.ts';
import type { ChangeRecord } from './schema.ts';
import type { Warning } from './warnings.ts';
import type { WorkerRequest } from './worker.ts';

type PageResult = { records: ChangeRecord[]; warnings: Warning[] };

/** Below this many bytes of Markdown, starting workers costs more than it saves. */
const PARALLEL_BYTES = 384 * 1024;

export async function indexPages(
  sources: readonly { name: string; content: string }[],
  config: ChangefindConfig,
  baseUrl: string | undefined,
  onPage: (done: number) => void,
): Promise<PageResult[]> {
  const bytes = sources.reduce((sum, source) => sum + source.content.length, 0);
  const requested = Number.parseInt(process.env.CHANGEFIND_THREADS ?? '1', 10);
  const threads = Math.min(Number.isNaN(requested) ? 1 : requested, availableParallelism(), sources.length);
  if (threads >= 2 && bytes >= PARALLEL_BYTES) {
    try {
      return await inWorkers(sources, config, baseUrl, threads, onPage);
    } catch {
      // Workers unavailable (e.g. no TypeScript loader for them): index in this thread.
    }
  }
  return sources.map((source, index) => {
    const result = recordsOfSource(source.name, source.content, { profile: oktaProfile, config, ...(baseUrl ? { baseUrl } : {}) });
    onPage(index + 1);
    return result;
  });
}

function workerOptions(): { execArgv: string[] } {
  const inherited = process.execArgv;
  if (inherited.some((arg) => arg.includes('tsx'))) return { execArgv: inherited };
  return { execArgv: [...inherited, '--import', import.meta.resolve('tsx')] };
}

async function inWorkers(
  sources: readonly { name: string; content: string }[],
  config: ChangefindConfig,
  baseUrl: string | undefined,
  threads: number,
  onPage: (done: number) => void,
): Promise<PageResult[]> {
  const results: (PageResult | undefined)[] = new Array(sources.length);
  // Largest pages first so the threads finish together.
  const queue = sources.map((_, index) => index).sort((a, b) => (sources[b]?.content.length ?? 0) - (sources[a]?.content.length ?? 0));
  const workers = Array.from({ length: threads }, () => new Worker(new URL('./worker.ts', import.meta.url), workerOptions()));
  let done = 0;
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const next = (): void => {
              const index = queue.shift();
              if (index === undefined) return resolve();
              const source = sources[index];
              if (!source) return resolve();
              const request: WorkerRequest = { index, file: source.name, content: source.content, config, ...(baseUrl ? { baseUrl } : {}) };
              worker.postMessage(request);
            };
            worker.on('message', (message: PageResult & { index: number; error?: string }) => {
              if (message.error) return reject(new Error(message.error));
              results[message.index] = { records: message.records, warnings: message.warnings };
              done += 1;
              onPage(done);
              next();
            });
            worker.once('error', reject);
            worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exited with ${code}`))));
            next();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return results.map((result, index) => {
    if (!result) throw new Error(`page ${sources[index]?.name} was not indexed`);
    return result;
  });
}
