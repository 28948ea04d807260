/**
 * `npm run bench [-- --quick] [--records FILE.jsonl] [--engines a,b] [--corpora 1x,20x] [--no-browser] [--no-write]`
 *
 * One run: records from ../shared/corpus/okta by our indexer (timed), the same records fed to every
 * engine, build/size/load/latency/relevance on the real corpus, build/size/load/latency on synthetic
 * 20x and 100x corpora, bundle sizes; writes bench/results/latest.{json,md} and prints the table,
 * then where the run's time went (wall and CPU per phase, also in latest.json).
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { ENGINES } from './engines/all.ts';
import { closePagefind } from './engines/pagefind.ts';
import { launch } from './lib/browser.ts';
import { bundlePage } from './lib/bundle.ts';
import { bundleSizes } from './lib/bundles.ts';
import { machine, versions } from './lib/machine.ts';
import { formatPhases, PhaseClock } from './lib/phases.ts';
import { measureCorpus, type EngineResult, type Plan } from './lib/measure.ts';
import { keystrokes, loadQueries, resolveQueries, KINDS, type BenchQuery } from './lib/queries.ts';
import { recordsFromFile, recordsFromIndexer, type IndexerTiming } from './lib/records.ts';
import { renderMarkdown, type BenchResults } from './lib/report.ts';
import { BenchServer } from './lib/server.ts';
import { synthesize } from './lib/synthetic.ts';

const benchDir = import.meta.dirname;
const root = resolve(benchDir, '..');
const corpusDir = resolve(root, '..', 'shared', 'corpus', 'okta');
const workDir = join(benchDir, '.work');
/** Cap of one engine's untimed warm-up before its timed keystrokes, per environment. */
const WARMUP_MS = 3000;

const program = new Command()
  .name('bench')
  .option('--quick', 'smaller pass: fewer keystrokes and cold loads, no 100x corpus')
  .option('--records <file>', 'bench these records (JSON Lines) instead of building them with the indexer')
  .option('--engines <keys>', `comma-separated subset of: ${ENGINES.map((e) => e.key).join(', ')}`)
  .option('--corpora <names>', 'comma-separated subset of: 1x, 20x, 100x (the real corpus is always read; 100x needs 20x)')
  .option('--no-browser', 'skip the Chromium measurements')
  .option('--no-write', 'print the table without writing bench/results/')
  .option('--site <dir>', 'where the served site (pages, engine bundles, indexes) is built', join(workDir, 'site'))
  .parse();
const opts = program.opts<{ quick?: boolean; records?: string; engines?: string; corpora?: string; browser: boolean; write: boolean; site: string }>();
const siteDir = resolve(opts.site);

const started = performance.now();
const clock = new PhaseClock();
const phase = <T>(name: string, fn: () => Promise<T> | T): Promise<T> => clock.run(name, fn);
/**
 * The whole run must stay under 10 minutes on the 2-core machine; it aims at 8 to leave headroom for a
 * busier machine, and 100x engines are admitted only while the projected run fits in these 8.
 */
const RUN_BUDGET_S = 8 * 60;
/** What the run still does after the last corpus (bundle sizes, machine, writing), seconds. */
const TAIL_S = 10;
const log = (s: string) => console.error(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${s}`);

/** The first `n` queries of every kind, interleaved kind by kind (so any budget cut spreads over kinds). */
function sample(queries: readonly BenchQuery[], n: number): BenchQuery[] {
  const out: BenchQuery[] = [];
  for (let i = 0; i < n; i++) {
    for (const kind of KINDS) {
      const q = queries.filter((x) => x.kind === kind)[i];
      if (q) out.push(q);
    }
  }
  return out;
}

/** Every corpus the run measures: the real one and the synthetic ones (see README "What is measured"). */
function corpora(quick: boolean) {
  return [
    // 1x: every keystroke of every query (15 s of search time per engine and environment: on a quiet
    // machine only the Pagefind-based engines in Chromium need more, and still type over 1,000
    // keystrokes); builds and cold loads repeated for a median unless the first run took over 2 s.
    { name: '1x', factor: 1, perKind: quick ? 4 : Infinity, budgetMs: quick ? 8_000 : 15_000, coldLoads: quick ? 2 : 3, buildRounds: quick ? 1 : 2, repeatUnderMs: 30_000 },
    // Synthetic: a fixed sample of queries, 6 s of search time per engine and environment.
    { name: '20x', factor: 20, perKind: quick ? 1 : 2, budgetMs: quick ? 3_000 : 6_000, coldLoads: quick ? 1 : 2, buildRounds: 1, repeatUnderMs: 3_000 },
    ...(quick ? [] : [{ name: '100x', factor: 100, perKind: 1, budgetMs: 6_000, coldLoads: 1, buildRounds: 1, repeatUnderMs: 3_000 }]),
  ];
}

async function main(): Promise<void> {
  const quick = !!opts.quick;
  const engines = opts.engines ? ENGINES.filter((e) => opts.engines!.split(',').includes(e.key)) : [...ENGINES];
  if (engines.length === 0) throw new Error(`--engines ${opts.engines}: no such engine; choose from ${ENGINES.map((e) => e.key).join(', ')}`);
  const wanted = opts.corpora?.split(',').map((c) => c.trim());
  const unknown = wanted?.filter((c) => !['1x', '20x', '100x'].includes(c)) ?? [];
  if (unknown.length) throw new Error(`--corpora ${opts.corpora}: no corpus ${unknown.join(', ')}; choose from 1x, 20x, 100x`);
  await phase('setup', async () => {
    await rm(siteDir, { recursive: true, force: true });
    await mkdir(siteDir, { recursive: true });
  });

  log(`records from ${opts.records ?? corpusDir}`);
  let indexer: IndexerTiming | null = null;
  let records!: Awaited<ReturnType<typeof recordsFromFile>>;
  await phase('indexer (records)', async () => {
    if (opts.records) records = await recordsFromFile(opts.records);
    else ({ records, timing: indexer } = await recordsFromIndexer(corpusDir, workDir, quick ? 1 : 2));
  });
  const idx = indexer as IndexerTiming | null;
  log(`${records.length} records${idx ? `, indexer ${idx.firstMs.toFixed(0)} ms cold / ${idx.warmMs.toFixed(0)} ms warm` : ''}`);

  const queries = await loadQueries(join(benchDir, 'queries.json'));
  // Warm-up strokes: queries written apart from the measured ones (never timed, never scored here).
  const devQueries = await loadQueries(join(benchDir, 'dev-queries.json'));
  const { resolved, unresolved, dropped } = resolveQueries(queries, records);
  for (const u of unresolved) log(`unresolved: ${JSON.stringify(u.q)} ${JSON.stringify(u.expectation)}: ${u.reason}`);
  if (dropped.length) log(`left out of relevance (nothing resolved): ${dropped.join(' | ')}`);

  const server = opts.browser ? new BenchServer(siteDir) : undefined;
  const origin = server ? await server.start() : '';
  const browser = opts.browser ? await phase('Chromium launch', () => launch()) : undefined;
  if (browser) {
    await phase('page bundles', () => Promise.all(engines.map((e) => bundlePage(e.runtimeModule, join(siteDir, 'js', `${e.key}.js`)))));
    log('page bundles built');
  }

  const results: EngineResult[] = [];
  const skippedCorpora: string[] = quick ? ['100x: skipped by --quick'] : [];
  for (const corpus of corpora(quick)) {
    if (wanted && !wanted.includes(corpus.name)) {
      skippedCorpora.push(`${corpus.name}: not in --corpora ${opts.corpora}`);
      continue;
    }
    const qs = corpus.perKind === Infinity ? sample(queries, 1000) : sample(queries, corpus.perKind);
    const strokes = keystrokes(qs);
    const warmup = keystrokes(devQueries);
    const size = records.length * corpus.factor;
    const plan: Plan = {
      corpus: corpus.name,
      siteDir,
      origin,
      strokes,
      strokeScope: `${strokes.length} keystrokes: every prefix of ${qs.length === queries.length ? 'all' : 'a fixed sample of'} ${qs.length} queries, timed after an untimed warm-up (every prefix of the ${devQueries.length} queries of bench/dev-queries.json, at most ${WARMUP_MS / 1000} s per engine, the same in Node and in Chromium)`,
      warmup,
      warmupMs: WARMUP_MS,
      budgetMs: corpus.budgetMs,
      coldLoads: corpus.coldLoads,
      buildRounds: corpus.buildRounds,
      repeatUnderMs: corpus.repeatUnderMs,
      phase,
      ...(corpus.factor === 1 ? { queries: resolved } : {}),
      ...(browser && server ? { browser, server } : {}),
    };
    log(`corpus ${corpus.name}: ${size} records, ${plan.strokeScope}`);
    const active = [];
    let projected = 0;
    for (const engine of engines) {
      const need = corpus.factor === 100 ? projection(engine.key, results, corpus.budgetMs, strokes.length) : 0;
      const skip = skipReason(engine.key, corpus.factor, results, (performance.now() - started) / 1000, projected, need);
      if (!skip) {
        projected += need;
        active.push(engine);
      } else {
        results.push({ engine: engine.key, corpus: corpus.name, records: size, skipped: skip });
        log(`  ${engine.key}: skipped (${skip})`);
      }
    }
    if (active.length === 0) continue;
    // Made once per corpus and shared by every engine (minisearch-tuned also shares minisearch's index).
    const recs = corpus.factor === 1 ? records : await phase(`${corpus.name} synthesize`, () => synthesize(records, corpus.factor));
    results.push(...(await measureCorpus(active, recs, plan, log)));
  }

  await phase('shutdown', async () => {
    await browser?.close();
    await server?.stop();
    await closePagefind();
  });

  log('bundle sizes');
  const bundles = await phase('bundle sizes', () => bundleSizes(join(siteDir, '1x', 'pagefind', 'idx')));
  const host = await phase('machine and versions', () => machine());
  const timing = clock.summary();
  const out: BenchResults = {
    date: new Date().toISOString(),
    quick,
    machine: host,
    versions: versions(['minisearch', 'flexsearch', '@orama/orama', 'lunr', 'pagefind', 'lit', 'puppeteer-core', 'esbuild', 'tsx']),
    corpus: { dir: '../shared/corpus/okta', records: records.length, fromIndexer: !opts.records },
    indexer,
    queries: { total: queries.length, scored: resolved.length, unresolved, dropped },
    engines: ENGINES.filter((e) => engines.includes(e)).map((e) => ({ key: e.key, label: e.label, settings: e.settings, capabilities: e.capabilities })),
    results,
    skippedCorpora,
    bundles,
    durationS: timing.totalMs / 1000,
    phases: timing,
  };
  const md = renderMarkdown(out);
  if (opts.write) {
    await mkdir(join(benchDir, 'results'), { recursive: true });
    await writeFile(join(benchDir, 'results', 'latest.json'), `${JSON.stringify(out, null, 2)}\n`);
    await writeFile(join(benchDir, 'results', 'latest.md'), md);
    log('wrote bench/results/latest.json and bench/results/latest.md');
  }
  console.log(md);
  console.error(`\nwhere the time went (this process and its children; CPU over wall above 1 means both cores):\n${formatPhases(timing)}`);
  log(`done in ${out.durationS.toFixed(0)} s`);
}

/**
 * Seconds the engine is expected to need at 100x, from its 20x row: five times its build, Node load and
 * one cold load; its keystroke runs at five times their 20x mean per stroke, up to the time budget
 * (plus one slowest stroke of overrun); and its share of making the 100x corpus and sizing the index.
 */
function projection(key: string, results: readonly EngineResult[], budgetMs: number, strokes: number): number {
  const r = results.find((x) => x.engine === key && x.corpus === '20x');
  if (!r || r.skipped) return Infinity;
  const run = (l: { mean: number; max: number } | undefined) => (l ? Math.min(5 * l.mean * strokes, budgetMs + 5 * l.max) : 0);
  const sizing = ((r.indexBytes?.raw ?? 0) * 5) / SIZING_BYTES_PER_MS;
  return (5 * ((r.buildMs ?? 0) + (r.node?.loadMs ?? 0) + (r.browser?.coldLoadMs ?? 0)) + run(r.node?.latency) + run(r.browser?.latency) + sizing + SYNTH_100X_MS) / 1000;
}
/** gzip -6 + brotli 5 over the thread pool, measured on this machine (about 40 MB/s). */
const SIZING_BYTES_PER_MS = 40_000;
/** Making the 100x corpus (194,600 records), measured on this machine. */
const SYNTH_100X_MS = 8_000;

/** 100x only for engines whose 20x numbers project to a build under a minute and fit the run's time budget. */
function skipReason(key: string, factor: number, results: readonly EngineResult[], elapsedS: number, alreadyS: number, needS: number): string | undefined {
  if (factor !== 100) return undefined;
  const at20 = results.find((r) => r.engine === key && r.corpus === '20x');
  if (!at20 || at20.skipped) return 'not measured at 20x';
  if ((at20.buildMs ?? 0) * 5 > 60_000) {
    return `20x build took ${(at20.buildMs! / 1000).toFixed(1)} s; a 100x build projects to ${((at20.buildMs! * 5) / 1000).toFixed(0)} s, past 60 s (whole engine at 100x: ${needS.toFixed(0)} s projected)`;
  }
  if (elapsedS + alreadyS + needS + TAIL_S > RUN_BUDGET_S) {
    return `projected ${needS.toFixed(0)} s at 100x; with ${elapsedS.toFixed(0)} s already spent${alreadyS ? ` and ${alreadyS.toFixed(0)} s for engines admitted before it` : ''}, the run would pass its ${RUN_BUDGET_S / 60}-minute target`;
  }
  return undefined;
}

main().catch((error: unknown) => {
  console.error(`bench: ${(error as Error).stack ?? error}`);
  process.exitCode = 1;
});
