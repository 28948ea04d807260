/** Percentiles and compressed sizes. */
import { readFileSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, gzip, gzipSync, constants, type BrotliOptions, type ZlibOptions } from 'node:zlib';

const gzipAsync = promisify<Buffer | Uint8Array, ZlibOptions, Buffer>(gzip);
const brotliAsync = promisify<Buffer | Uint8Array, BrotliOptions, Buffer>(brotliCompress);

export interface LatencyStats {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles, in milliseconds. */
export function latencyStats(samples: readonly number[]): LatencyStats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => (s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : 0);
  return {
    n: s.length,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    max: s.length ? s[s.length - 1]! : 0,
    mean: s.length ? s.reduce((a, b) => a + b, 0) / s.length : 0,
  };
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return 0;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export interface Sizes {
  raw: number;
  gzip: number;
  brotli: number;
}

const cache = new Map<string, Sizes>();

/** Compression effort: `max` for bundles, `high` for 1x indexes, `fast` for synthetic indexes of up to hundreds of MB. */
export type Effort = 'max' | 'high' | 'fast';
const GZIP: Record<Effort, number> = { max: 9, high: 9, fast: 6 };
const BROTLI: Record<Effort, number> = { max: 11, high: 9, fast: 5 };

/**
 * Raw, gzip and brotli sizes of one buffer. Brotli 11 costs seconds per MB on this machine, so indexes
 * use brotli 9 (1x) or 5 and gzip -6 (synthetic); that changes sizes by a few percent, far less than
 * the differences between engines.
 */
export function sizesOf(buf: Buffer | Uint8Array, effort: Effort = 'max'): Sizes {
  // Already gzip-compressed (Pagefind writes its index files so): served as is.
  if (isGzip(buf)) return { raw: buf.byteLength, gzip: buf.byteLength, brotli: buf.byteLength };
  return { raw: buf.byteLength, gzip: gzipSync(buf, gzipOptions(effort)).byteLength, brotli: brotliCompressSync(buf, brotliOptions(buf, effort)).byteLength };
}

const isGzip = (buf: Buffer | Uint8Array) => buf[0] === 0x1f && buf[1] === 0x8b;
const gzipOptions = (effort: Effort): ZlibOptions => ({ level: GZIP[effort] });
const brotliOptions = (buf: Buffer | Uint8Array, effort: Effort): BrotliOptions => ({
  params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI[effort], [constants.BROTLI_PARAM_SIZE_HINT]: buf.byteLength },
});

/**
 * The same sizes as `sizesOf`, compressed on libuv's thread pool (gzip and brotli at once), so sizing
 * several files concurrently uses both cores; for untimed phases only.
 */
export async function sizesOfAsync(buf: Buffer | Uint8Array, effort: Effort = 'max'): Promise<Sizes> {
  if (isGzip(buf)) return { raw: buf.byteLength, gzip: buf.byteLength, brotli: buf.byteLength };
  const [gz, br] = await Promise.all([gzipAsync(buf, gzipOptions(effort)), brotliAsync(buf, brotliOptions(buf, effort))]);
  return { raw: buf.byteLength, gzip: gz.byteLength, brotli: br.byteLength };
}

/** Sizes of one file (memoised by path + mtime + size + effort). */
export function fileSizes(path: string, effort: Effort = 'max'): Sizes {
  const st = statSync(path);
  const key = `${path}:${st.mtimeMs}:${st.size}:${effort}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const s = sizesOf(readFileSync(path), effort);
  cache.set(key, s);
  return s;
}

/** `fileSizes` on the thread pool (same memo). */
export async function fileSizesAsync(path: string, effort: Effort = 'max'): Promise<Sizes> {
  const st = await stat(path);
  const key = `${path}:${st.mtimeMs}:${st.size}:${effort}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const s = await sizesOfAsync(await readFile(path), effort);
  cache.set(key, s);
  return s;
}

/** Runs `fn` over `items` with at most `limit` in flight, results in input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export function sumSizes(list: readonly Sizes[]): Sizes {
  return list.reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli }), {
    raw: 0,
    gzip: 0,
    brotli: 0,
  });
}
