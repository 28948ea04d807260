/**
 * Measures every engine on one corpus. The machine is shared and noisy, so timed phases are
 * interleaved across engines (keystrokes in rounds of small chunks, cold loads in rounds) and a
 * burst of load hits every engine alike: only ratios measured side by side are meaningful.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import type { ChangeRecord } from '../../indexer/schema.ts';
import type { Filters } from '../../widget/search-types.ts';
import type { Engine, Searcher } from '../engines/types.ts';
import { coldLoad, openPage } from './browser.ts';
import { buildEngine, indexSizes, openInNode, rankAll, type BuildResult } from './node-run.ts';
import { score, type RelevanceReport, type ResolvedQuery } from './queries.ts';
import type { BenchServer } from './server.ts';
import { fileSizes, latencyStats, median, sumSizes, type LatencyStats, type Sizes } from './stats.ts';
import type { Browser } from 'puppeteer-core';

export const FIRST_QUERY = 'passkeys';
const CHUNK = 40;

export type Stroke = { q: string; filters?: Filters };

export interface Plan {
  corpus: string;
  siteDir: string;
  origin: string;
  strokes: Stroke[];
  /** Scope of the keystroke list, for the table. */
  strokeScope: string;
  /** Search-time budget per engine and environment; a run that exceeds it stops and says so. */
  budgetMs: number;
  coldLoads: number;
  /** Builds per engine (median reported). */
  buildRounds: number;
  /** Relevance queries (real corpus only). */
  queries?: ResolvedQuery[];
  browser?: Browser;
  server?: BenchServer;
}

type Lat = LatencyStats & { planned: number };

export interface EngineResult {
  engine: string;
  corpus: string;
  records: number;
  skipped?: string;
  strokeScope?: string;
  buildMs?: number;
  indexBytes?: Sizes;
  indexFiles?: number;
  node?: { loadMs: number; latency: Lat };
  browser?: {
    coldLoadMs: number;
    coldLoadsMs: number[];
    firstResultTitle: string | null;
    firstResultBytes: Sizes;
    firstResultRequests: number;
    latency: Lat;
  };
  relevance?: RelevanceReport;
  relevanceWhere?: 'node' | 'chromium';
}

/** Runs `step(engine, chunk)` over the strokes in chunks, engine order rotating each round. */
async function interleaved<T>(
  items: T[],
  strokes: Stroke[],
  budgetMs: number,
  step: (item: T, chunk: Stroke[]) => Promise<number[]>,
): Promise<number[][]> {
  const samples = items.map(() => [] as number[]);
  const spent = items.map(() => 0);
  for (let at = 0, round = 0; at < strokes.length; at += CHUNK, round++) {
    const chunk = strokes.slice(at, at + CHUNK);
    for (let k = 0; k < items.length; k++) {
      const i = (k + round) % items.length;
      if (spent[i]! > budgetMs) continue;
      const s = await step(items[i]!, chunk);
      samples[i]!.push(...s);
      spent[i] = spent[i]! + s.reduce((a, b) => a + b, 0);
    }
  }
  return samples;
}

async function timeStrokes(searcher: Searcher, chunk: Stroke[]): Promise<number[]> {
  const out: number[] = [];
  for (const s of chunk) {
    const t0 = performance.now();
    await searcher.search(s.q, s.filters, 10);
    out.push(performance.now() - t0);
  }
  return out;
}

const stats = (samples: number[], planned: number): Lat => ({ ...latencyStats(samples), planned });

export async function measureCorpus(
  engines: readonly Engine[],
  records: readonly ChangeRecord[],
  plan: Plan,
  log: (s: string) => void,
): Promise<EngineResult[]> {
  const results = new Map<string, EngineResult>();
  const builds = new Map<string, BuildResult>();
  const live: Engine[] = [];
  const idxDir = (e: Engine) => join(plan.siteDir, plan.corpus, e.sharesIndexWith ?? e.key, 'idx');

  // Build and size; repeated builds run in rounds across engines and report the median.
  for (const engine of engines) {
    results.set(engine.key, { engine: engine.key, corpus: plan.corpus, records: records.length, strokeScope: plan.strokeScope });
  }
  const failedBuild = new Set<string>();
  for (let round = 0; round < plan.buildRounds; round++) {
    for (const engine of engines) {
      const indexKey = engine.sharesIndexWith ?? engine.key;
      if (failedBuild.has(engine.key)) continue;
      if (engine.sharesIndexWith && engines.some((e) => e.key === engine.sharesIndexWith)) continue;
      try {
        const built = await buildEngine(engine, records, idxDir(engine));
        const prev = builds.get(indexKey);
        const all = [...(prev?.buildsMs ?? []), built.buildMs];
        builds.set(indexKey, { ...built, buildMs: median(all), buildsMs: all });
      } catch (error) {
        failedBuild.add(engine.key);
        results.get(engine.key)!.skipped = `build failed: ${(error as Error).message.split('\n')[0]}`;
        log(`  ${engine.key}: ${results.get(engine.key)!.skipped}`);
      }
    }
  }
  for (const engine of engines) {
    const built = builds.get(engine.sharesIndexWith ?? engine.key);
    if (!built || failedBuild.has(engine.key)) continue;
    const result = results.get(engine.key)!;
    const sizes = indexSizes(engine, built.files, idxDir(engine), plan.corpus === '1x' ? 'high' : 'fast');
    result.buildMs = built.buildMs;
    result.indexBytes = sizes.bytes;
    result.indexFiles = sizes.files;
    live.push(engine);
    log(`  ${engine.key}: built in ${built.buildMs.toFixed(0)} ms (median of ${built.buildsMs?.length ?? 1}), index ${(sizes.bytes.gzip / 1024).toFixed(0)} KiB gzip`);
  }

  // Node: load and relevance per engine, then keystrokes interleaved.
  const inNode: { engine: Engine; searcher: Searcher }[] = [];
  for (const engine of live.filter((e) => e.capabilities.node)) {
    const r = results.get(engine.key)!;
    try {
      const { searcher, loadMs } = await openInNode(engine, idxDir(engine));
      r.node = { loadMs, latency: stats([], 0) };
      if (plan.queries) {
        r.relevance = score(plan.queries, await rankAll(searcher, plan.queries));
        r.relevanceWhere = 'node';
      }
      inNode.push({ engine, searcher });
    } catch (error) {
      r.skipped = `Node failed: ${(error as Error).message.split('\n')[0]}`;
      log(`  ${engine.key}: ${r.skipped}`);
    }
  }
  const nodeSamples = await interleaved(inNode, plan.strokes, plan.budgetMs, (x, chunk) => timeStrokes(x.searcher, chunk));
  inNode.forEach((x, i) => {
    const r = results.get(x.engine.key)!;
    r.node!.latency = stats(nodeSamples[i]!, plan.strokes.length);
    log(`  ${x.engine.key}: Node load ${r.node!.loadMs.toFixed(0)} ms, keystroke p50/p99 ${r.node!.latency.p50.toFixed(2)}/${r.node!.latency.p99.toFixed(2)} ms (${r.node!.latency.n}/${plan.strokes.length})`);
  });
  inNode.length = 0;

  if (!plan.browser || !plan.server) return [...results.values()];
  const { browser, server } = plan;

  // Chromium: pages, then cold loads in rounds.
  for (const engine of live) {
    const pageDir = join(plan.siteDir, plan.corpus, engine.key);
    await mkdir(pageDir, { recursive: true });
    const base = engine.sharesIndexWith ? `../${engine.sharesIndexWith}/idx/` : 'idx/';
    await writeFile(
      join(pageDir, 'index.html'),
      `<!doctype html><meta charset="utf-8"><title>bench ${engine.key}</title>\n` +
        `<script>window.__BENCH_CONFIG = ${JSON.stringify({ base, firstQuery: FIRST_QUERY })};</script>\n` +
        `<script type="module" src="/js/${engine.key}.js"></script>\n`,
    );
  }
  const url = (e: Engine) => `${plan.origin}/${plan.corpus}/${e.key}/`;
  const loads = new Map<string, Awaited<ReturnType<typeof coldLoad>>[]>();
  const failed = new Set<string>();
  for (let round = 0; round < plan.coldLoads; round++) {
    for (const engine of live) {
      if (failed.has(engine.key)) continue;
      try {
        const l = await coldLoad(browser, server, url(engine));
        loads.set(engine.key, [...(loads.get(engine.key) ?? []), l]);
      } catch (error) {
        failed.add(engine.key);
        results.get(engine.key)!.skipped = `Chromium failed: ${(error as Error).message.split('\n')[0]}`;
        log(`  ${engine.key}: ${results.get(engine.key)!.skipped}`);
      }
    }
  }

  // Chromium: one page per engine, ranking where Node could not, keystrokes interleaved.
  const pages: { engine: Engine; page: Page; close: () => Promise<void> }[] = [];
  for (const engine of live.filter((e) => !failed.has(e.key))) {
    try {
      pages.push({ engine, ...(await openPage(browser, url(engine))) });
    } catch (error) {
      failed.add(engine.key);
      results.get(engine.key)!.skipped = `Chromium failed: ${(error as Error).message.split('\n')[0]}`;
    }
  }
  for (const { engine, page } of pages) {
    if (engine.capabilities.node || !plan.queries) continue;
    const ranked = await page.evaluate((q) => window.__bench.rank!(q), plan.queries.map((q) => (q.filters ? { q: q.q, filters: q.filters } : { q: q.q })));
    const r = results.get(engine.key)!;
    r.relevance = score(plan.queries, ranked);
    r.relevanceWhere = 'chromium';
  }
  const pageSamples = await interleaved(pages, plan.strokes, plan.budgetMs, (x, chunk) =>
    x.page.evaluate((s) => window.__bench.keystrokes!(s, Infinity), chunk),
  );
  for (const [i, { engine, close }] of pages.entries()) {
    await close();
    const ls = loads.get(engine.key) ?? [];
    const mid = [...ls].sort((a, b) => a.ms - b.ms)[Math.floor(ls.length / 2)];
    if (!mid) continue;
    const served = mid.served.filter((s) => s.path !== '/__mark');
    const r = results.get(engine.key)!;
    r.browser = {
      coldLoadMs: median(ls.map((l) => l.ms)),
      coldLoadsMs: ls.map((l) => l.ms),
      firstResultTitle: mid.title,
      firstResultBytes: sumSizes(served.map((s) => fileSizes(join(plan.siteDir, s.path.endsWith('/') ? `${s.path}index.html` : s.path), plan.corpus === '1x' ? 'high' : 'fast'))),
      firstResultRequests: served.length,
      latency: stats(pageSamples[i]!, plan.strokes.length),
    };
    log(
      `  ${engine.key}: Chromium cold load ${r.browser.coldLoadMs.toFixed(0)} ms, ${(r.browser.firstResultBytes.raw / 1024).toFixed(0)} KiB before first result, ` +
        `keystroke p50/p99 ${r.browser.latency.p50.toFixed(2)}/${r.browser.latency.p99.toFixed(2)} ms (${r.browser.latency.n}/${plan.strokes.length})`,
    );
  }
  return [...results.values()];
}
