/** Percentiles and compressed sizes. */
import { readFileSync, statSync } from 'node:fs';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

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

/**
 * Raw, gzip and brotli sizes of one buffer: gzip -9 and brotli 11 (what a static host precompresses),
 * or with `best` false (synthetic indexes of up to hundreds of MB) gzip -6 and brotli 5 so the run
 * stays short; that costs a few percent of size, far below the differences between engines.
 */
export function sizesOf(buf: Buffer | Uint8Array, best = true): Sizes {
  // Already gzip-compressed (Pagefind writes its index files so): served as is.
  if (buf[0] === 0x1f && buf[1] === 0x8b) return { raw: buf.byteLength, gzip: buf.byteLength, brotli: buf.byteLength };
  return {
    raw: buf.byteLength,
    gzip: gzipSync(buf, { level: best ? 9 : 6 }).byteLength,
    brotli: brotliCompressSync(buf, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: best ? 11 : 5,
        [constants.BROTLI_PARAM_SIZE_HINT]: buf.byteLength,
      },
    }).byteLength,
  };
}

/** Sizes of one file (memoised by path + mtime + size + level). */
export function fileSizes(path: string, best = true): Sizes {
  const st = statSync(path);
  const key = `${path}:${st.mtimeMs}:${st.size}:${best}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const s = sizesOf(readFileSync(path), best);
  cache.set(key, s);
  return s;
}

export function sumSizes(list: readonly Sizes[]): Sizes {
  return list.reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli }), {
    raw: 0,
    gzip: 0,
    brotli: 0,
  });
}
