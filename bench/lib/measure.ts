/**
 * Measures every engine on one corpus. The machine is shared and noisy, so timed phases are
 * interleaved across engines (keystrokes in rounds of small chunks, cold loads in rounds) and a
 * burst of load hits every engine alike: only ratios measured side by side are meaningful.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChangeRecord } from '../../indexer/schema.ts';
import type { Filters } from '../../widget/search-types.ts';
import type { Engine, Searcher } from '../engines/types.ts';
import { blankPage, coldLoad, type ColdLoad, type OpenPage } from './browser.ts';
import { buildEngine, indexSizes, openInNode, rankAll, type BuildResult } from './node-run.ts';
import { score, type RelevanceReport, type ResolvedQuery } from './queries.ts';
import type { BenchServer } from './server.ts';
import { fileSizesAsync, latencyStats, median, sumSizes, type LatencyStats, type Sizes } from './stats.ts';
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
  /**
   * Untimed strokes every engine answers before its timed ones, in Node and in Chromium alike
   * (queries not in the timed list), so the p99 compares engines past their JIT warm-up, not which
   * one the run happened to warm (Node's relevance pass warms only Node; pages were cold).
   */
  warmup: Stroke[];
  /** Wall-clock cap of one engine's warm-up, ms (a slow engine at scale warms on fewer strokes). */
  warmupMs: number;
  /** Search-time budget per engine and environment; a run that exceeds it stops and says so. */
  budgetMs: number;
  coldLoads: number;
  /** Builds per engine (median reported). */
  buildRounds: number;
  /**
   * A build or cold load that took longer than this is not repeated (its row says "1 run"): a
   * multi-second measurement is already steady, and repeating it is what made full runs overlong.
   */
  repeatUnderMs: number;
  /** Times a phase of the run (see lib/phases.ts). */
  phase: <T>(name: string, fn: () => Promise<T>) => Promise<T>;
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
  /** Every timed build, and how many were planned (fewer: the first was long, see Plan.repeatUnderMs). */
  buildsMs?: number[];
  buildsPlanned?: number;
  indexBytes?: Sizes;
  indexFiles?: number;
  node?: { loadMs: number; latency: Lat };
  browser?: {
    coldLoadMs: number;
    coldLoadsMs: number[];
    coldLoadsPlanned?: number;
    firstResultTitle: string | null;
    firstResultBytes: Sizes;
    firstResultRequests: number;
    latency: Lat;
  };
  relevance?: RelevanceReport;
  relevanceWhere?: 'node' | 'chromium';
}

/**
 * Runs `step(item, chunk, leftMs)` over the strokes in chunks, item order rotating each round. Each item
 * has `budgetMs` of search time; `step` stops inside a chunk once the time it is given is spent, and an
 * item whose budget is spent gets no more chunks, so a cut run is the first n strokes, n reported.
 */
export async function interleaved<T>(
  items: T[],
  strokes: Stroke[],
  budgetMs: number,
  step: (item: T, chunk: Stroke[], leftMs: number) => Promise<number[]>,
  chunkSize = CHUNK,
): Promise<number[][]> {
  const samples = items.map(() => [] as number[]);
  const spent = items.map(() => 0);
  for (let at = 0, round = 0; at < strokes.length; at += chunkSize, round++) {
    const chunk = strokes.slice(at, at + chunkSize);
    for (let k = 0; k < items.length; k++) {
      const i = (k + round) % items.length;
      if (spent[i]! >= budgetMs || samples[i]!.length < at) continue;
      const s = await step(items[i]!, chunk, budgetMs - spent[i]!);
      samples[i]!.push(...s);
      spent[i] = spent[i]! + s.reduce((a, b) => a + b, 0);
    }
  }
  return samples;
}

/** Times each stroke of the chunk in order; stops after the stroke that spends `leftMs`. */
export async function timeStrokes(searcher: Searcher, chunk: Stroke[], leftMs = Infinity): Promise<number[]> {
  const out: number[] = [];
  let spent = 0;
  for (const s of chunk) {
    const t0 = performance.now();
    await searcher.search(s.q, s.filters, 10);
    const dt = performance.now() - t0;
    out.push(dt);
    spent += dt;
    if (spent >= leftMs) break;
  }
  return out;
}

const secs = (samples: number[]) => (samples.reduce((a, b) => a + b, 0) / 1000).toFixed(1);
const stats = (samples: number[], planned: number): Lat => ({ ...latencyStats(samples), planned });

/** Quiet time between opening a fresh blank page and navigating it (its renderer finishes starting). */
const SETTLE_MS = 300;

/** How many of `rounds` runs a measurement gets: all of them, or 1 when the first took longer than `repeatUnderMs`. */
export function repeatPlan(firstMs: number, rounds: number, repeatUnderMs: number): number {
  return firstMs > repeatUnderMs ? 1 : rounds;
}

export async function measureCorpus(
  engines: readonly Engine[],
  records: readonly ChangeRecord[],
  plan: Plan,
  log: (s: string) => void,
): Promise<EngineResult[]> {
  const results = new Map<string, EngineResult>();
  const builds = new Map<string, BuildResult & { buildsMs: number[] }>();
  const live: Engine[] = [];
  const idxDir = (e: Engine) => join(plan.siteDir, plan.corpus, e.sharesIndexWith ?? e.key, 'idx');
  const phase = (name: string) => `${plan.corpus} ${name}`;

  // Build and size; repeated builds run in rounds across engines and report the median. A build slower
  // than repeatUnderMs is not repeated.
  for (const engine of engines) {
    results.set(engine.key, { engine: engine.key, corpus: plan.corpus, records: records.length, strokeScope: plan.strokeScope });
  }
  const failedBuild = new Set<string>();
  await plan.phase(phase('builds'), async () => {
    for (let round = 0; round < plan.buildRounds; round++) {
      for (const engine of engines) {
        const indexKey = engine.sharesIndexWith ?? engine.key;
        if (failedBuild.has(engine.key)) continue;
        if (engine.sharesIndexWith && engines.some((e) => e.key === engine.sharesIndexWith)) continue;
        const prev = builds.get(indexKey);
        if (round > 0 && (!prev || round >= repeatPlan(prev.buildsMs[0]!, plan.buildRounds, plan.repeatUnderMs))) continue;
        try {
          const built = await buildEngine(engine, records, idxDir(engine));
          const all = [...(prev?.buildsMs ?? []), built.buildMs];
          builds.set(indexKey, { ...built, buildMs: median(all), buildsMs: all });
        } catch (error) {
          failedBuild.add(engine.key);
          results.get(engine.key)!.skipped = `build failed: ${(error as Error).message.split('\n')[0]}`;
          log(`  ${engine.key}: ${results.get(engine.key)!.skipped}`);
        }
      }
    }
  });
  await plan.phase(phase('index sizes'), async () => {
    const effort = plan.corpus === '1x' ? 'high' : 'fast';
    const ok = engines.filter((e) => builds.has(e.sharesIndexWith ?? e.key) && !failedBuild.has(e.key));
    // Untimed: every engine's files compressed at once on the thread pool (both cores).
    const sized = await Promise.all(ok.map((e) => indexSizes(e, builds.get(e.sharesIndexWith ?? e.key)!.files, idxDir(e), effort)));
    for (const [i, engine] of ok.entries()) {
      const built = builds.get(engine.sharesIndexWith ?? engine.key)!;
      const result = results.get(engine.key)!;
      const sizes = sized[i]!;
      result.buildMs = built.buildMs;
      result.buildsMs = built.buildsMs;
      result.buildsPlanned = plan.buildRounds;
      result.indexBytes = sizes.bytes;
      result.indexFiles = sizes.files;
      live.push(engine);
      log(`  ${engine.key}: built in ${built.buildMs.toFixed(0)} ms (median of ${built.buildsMs.length}), index ${(sizes.bytes.gzip / 1024).toFixed(0)} KiB gzip`);
    }
  });

  // Node: load and relevance per engine, then keystrokes interleaved.
  const inNode: { engine: Engine; searcher: Searcher }[] = [];
  await plan.phase(phase('Node load + relevance'), async () => {
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
  });
  await plan.phase(phase('Node warm-up'), async () => {
    for (const x of inNode) await timeStrokes(x.searcher, plan.warmup, plan.warmupMs);
  });
  const nodeSamples = await plan.phase(phase('Node keystrokes'), () =>
    interleaved(inNode, plan.strokes, plan.budgetMs, (x, chunk, left) => timeStrokes(x.searcher, chunk, left)),
  );
  inNode.forEach((x, i) => {
    const r = results.get(x.engine.key)!;
    r.node!.latency = stats(nodeSamples[i]!, plan.strokes.length);
    log(`  ${x.engine.key}: Node load ${r.node!.loadMs.toFixed(0)} ms, keystroke p50/p99 ${r.node!.latency.p50.toFixed(2)}/${r.node!.latency.p99.toFixed(2)} ms (${r.node!.latency.n}/${plan.strokes.length}, ${secs(nodeSamples[i]!)} s searching)`);
  });
  inNode.length = 0;

  if (!plan.browser || !plan.server) return [...results.values()];
  const { browser, server } = plan;

  // Chromium: cold loads in rounds across engines (a second round only for engines whose first load
  // was quicker than repeatUnderMs); each engine's last cold-loaded page stays open for its keystrokes.
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
  const loads = new Map<string, ColdLoad[]>();
  const open = new Map<string, OpenPage>();
  const failed = new Set<string>();
  const fail = async (engine: Engine, error: unknown) => {
    failed.add(engine.key);
    await open.get(engine.key)?.close();
    open.delete(engine.key);
    results.get(engine.key)!.skipped = `Chromium failed: ${(error as Error).message.split('\n')[0]}`;
    log(`  ${engine.key}: ${results.get(engine.key)!.skipped}`);
  };
  await plan.phase(phase('Chromium cold loads'), async () => {
    for (let round = 0; round < plan.coldLoads; round++) {
      const due = live.filter((engine) => {
        const first = loads.get(engine.key)?.[0];
        return !failed.has(engine.key) && (!first || round < repeatPlan(first.ms, plan.coldLoads, plan.repeatUnderMs));
      });
      // Each round starts with another engine (no engine always loads first, into a browser still busy
      // with the previous phase). Untimed: each load's blank page (a fresh context) is opened just before
      // it and left to settle, so no other renderer is starting up while a load is timed.
      const order = due.map((_, i) => due[(i + round) % due.length]!);
      for (const engine of order) {
        const done = loads.get(engine.key) ?? [];
        try {
          const blank = await blankPage(browser);
          await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
          // Every load keeps its page; it is closed (untimed) if the engine has another round to go.
          const l = await coldLoad(browser, server, url(engine), { keep: true, fresh: blank });
          const all = [...done, l];
          loads.set(engine.key, all);
          if (round < repeatPlan(all[0]!.ms, plan.coldLoads, plan.repeatUnderMs) - 1) await l.page?.close();
          else if (l.page) open.set(engine.key, l.page);
        } catch (error) {
          await fail(engine, error);
        }
      }
    }
  });

  // Chromium: ranking where Node could not, then keystrokes interleaved, on the pages left open.
  const pages = live.filter((e) => open.has(e.key)).map((engine) => ({ engine, ...open.get(engine.key)! }));
  await plan.phase(phase('Chromium relevance'), async () => {
    for (const { engine, page } of pages) {
      if (engine.capabilities.node || !plan.queries) continue;
      const ranked = await page.evaluate((q) => window.__bench.rank!(q), plan.queries.map((q) => (q.filters ? { q: q.q, filters: q.filters } : { q: q.q })));
      const r = results.get(engine.key)!;
      r.relevance = score(plan.queries, ranked);
      r.relevanceWhere = 'chromium';
    }
  });
  await plan.phase(phase('Chromium warm-up'), async () => {
    for (const x of pages) await x.page.evaluate((s, b) => window.__bench.keystrokes!(s, b), plan.warmup, plan.warmupMs);
  });
  const pageSamples = await plan.phase(phase('Chromium keystrokes'), () =>
    interleaved(pages, plan.strokes, plan.budgetMs, (x, chunk, left) => x.page.evaluate((s, b) => window.__bench.keystrokes!(s, b), chunk, left)),
  );
  await plan.phase(phase('Chromium close'), async () => {
    for (const { close } of pages) await close();
  });
  for (const [i, { engine }] of pages.entries()) {
    const ls = loads.get(engine.key) ?? [];
    const mid = [...ls].sort((a, b) => a.ms - b.ms)[Math.floor(ls.length / 2)];
    if (!mid) continue;
    const served = mid.served.filter((s) => s.path !== '/__mark');
    const r = results.get(engine.key)!;
    const effort = plan.corpus === '1x' ? 'high' : 'fast';
    const bytes = await Promise.all(served.map((s) => fileSizesAsync(join(plan.siteDir, s.path.endsWith('/') ? `${s.path}index.html` : s.path), effort)));
    r.browser = {
      coldLoadMs: median(ls.map((l) => l.ms)),
      coldLoadsMs: ls.map((l) => l.ms),
      coldLoadsPlanned: plan.coldLoads,
      firstResultTitle: mid.title,
      firstResultBytes: sumSizes(bytes),
      firstResultRequests: served.length,
      latency: stats(pageSamples[i]!, plan.strokes.length),
    };
    log(
      `  ${engine.key}: Chromium cold load ${r.browser.coldLoadMs.toFixed(0)} ms (${ls.length} of ${plan.coldLoads}; ${(ls.reduce((a, l) => a + l.wallMs, 0) / 1000).toFixed(1)} s wall), ${(r.browser.firstResultBytes.raw / 1024).toFixed(0)} KiB before first result, ` +
        `keystroke p50/p99 ${r.browser.latency.p50.toFixed(2)}/${r.browser.latency.p99.toFixed(2)} ms (${r.browser.latency.n}/${plan.strokes.length}, ${secs(pageSamples[i]!)} s searching)`,
    );
  }
  return [...results.values()];
}
