/**
 * `npm run bench [-- --quick] [--records FILE.jsonl] [--engines a,b] [--no-browser] [--no-write]`
 *
 * One run: records from ../shared/corpus/okta by our indexer (timed), the same records fed to every
 * engine, build/size/load/latency/relevance on the real corpus, build/size/load/latency on synthetic
 * 20x and 100x corpora, bundle sizes; writes bench/results/latest.{json,md} and prints the table.
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

const program = new Command()
  .name('bench')
  .option('--quick', 'smaller pass: fewer keystrokes and cold loads, no 100x corpus')
  .option('--records <file>', 'bench these records (JSON Lines) instead of building them with the indexer')
  .option('--engines <keys>', `comma-separated subset of: ${ENGINES.map((e) => e.key).join(', ')}`)
  .option('--no-browser', 'skip the Chromium measurements')
  .option('--no-write', 'print the table without writing bench/results/')
  .option('--site <dir>', 'where the served site (pages, engine bundles, indexes) is built', join(workDir, 'site'))
  .parse();
const opts = program.opts<{ quick?: boolean; records?: string; engines?: string; browser: boolean; write: boolean; site: string }>();
const siteDir = resolve(opts.site);

const started = performance.now();
/** The whole run stays under 10 minutes on the 2-core machine; 100x engines are admitted only within this. */
const RUN_BUDGET_S = 9 * 60;
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

async function main(): Promise<void> {
  const quick = !!opts.quick;
  const engines = opts.engines ? ENGINES.filter((e) => opts.engines!.split(',').includes(e.key)) : [...ENGINES];
  if (engines.length === 0) throw new Error(`--engines ${opts.engines}: no such engine; choose from ${ENGINES.map((e) => e.key).join(', ')}`);
  await rm(siteDir, { recursive: true, force: true });
  await mkdir(siteDir, { recursive: true });

  log(`records from ${opts.records ?? corpusDir}`);
  let indexer: IndexerTiming | null = null;
  let records;
  if (opts.records) records = await recordsFromFile(opts.records);
  else ({ records, timing: indexer } = await recordsFromIndexer(corpusDir, workDir, quick ? 1 : 2));
  log(`${records.length} records${indexer ? `, indexer ${indexer.firstMs.toFixed(0)} ms cold / ${indexer.warmMs.toFixed(0)} ms warm` : ''}`);

  const queries = await loadQueries(join(benchDir, 'queries.json'));
  const { resolved, unresolved, dropped } = resolveQueries(queries, records);
  for (const u of unresolved) log(`unresolved: ${JSON.stringify(u.q)} ${JSON.stringify(u.expectation)}: ${u.reason}`);
  if (dropped.length) log(`left out of relevance (nothing resolved): ${dropped.join(' | ')}`);

  const server = opts.browser ? new BenchServer(siteDir) : undefined;
  const origin = server ? await server.start() : '';
  const browser = opts.browser ? await launch() : undefined;
  if (browser) {
    for (const e of engines) await bundlePage(e.runtimeModule, join(siteDir, 'js', `${e.key}.js`));
    log('page bundles built');
  }

  const corpora = [
    { name: '1x', factor: 1, perKind: quick ? 4 : Infinity, budgetMs: 45_000, coldLoads: quick ? 2 : 3, buildRounds: quick ? 1 : 2 },
    { name: '20x', factor: 20, perKind: quick ? 1 : 2, budgetMs: 20_000, coldLoads: quick ? 1 : 2, buildRounds: 1 },
    ...(quick ? [] : [{ name: '100x', factor: 100, perKind: 1, budgetMs: 20_000, coldLoads: 1, buildRounds: 1 }]),
  ];
  const results: EngineResult[] = [];
  const skippedCorpora: string[] = quick ? ['100x: skipped by --quick'] : [];
  for (const corpus of corpora) {
    const recs = corpus.factor === 1 ? records : synthesize(records, corpus.factor);
    const qs = corpus.perKind === Infinity ? sample(queries, 1000) : sample(queries, corpus.perKind);
    const strokes = keystrokes(qs);
    const plan: Plan = {
      corpus: corpus.name,
      siteDir,
      origin,
      strokes,
      strokeScope: `${strokes.length} keystrokes: every prefix of ${qs.length === queries.length ? 'all' : 'a fixed sample of'} ${qs.length} queries`,
      budgetMs: corpus.budgetMs,
      coldLoads: corpus.coldLoads,
      buildRounds: corpus.buildRounds,
      ...(corpus.factor === 1 ? { queries: resolved } : {}),
      ...(browser && server ? { browser, server } : {}),
    };
    log(`corpus ${corpus.name}: ${recs.length} records, ${plan.strokeScope}`);
    const active = [];
    let projected = 0;
    for (const engine of engines) {
      const skip = skipReason(engine.key, corpus.factor, results, (performance.now() - started) / 1000, projected);
      if (!skip && corpus.factor === 100) projected += projection(engine.key, results);
      if (!skip) active.push(engine);
      else {
        results.push({ engine: engine.key, corpus: corpus.name, records: recs.length, skipped: skip });
        log(`  ${engine.key}: skipped (${skip})`);
      }
    }
    results.push(...(await measureCorpus(active, recs, plan, log)));
  }

  await browser?.close();
  await server?.stop();
  await closePagefind();

  log('bundle sizes');
  const bundles = await bundleSizes(join(siteDir, '1x', 'pagefind', 'idx'));
  const out: BenchResults = {
    date: new Date().toISOString(),
    quick,
    machine: machine(),
    versions: versions(['minisearch', 'flexsearch', '@orama/orama', 'lunr', 'pagefind', 'lit', 'puppeteer-core', 'esbuild', 'tsx']),
    corpus: { dir: '../shared/corpus/okta', records: records.length, fromIndexer: !opts.records },
    indexer,
    queries: { total: queries.length, scored: resolved.length, unresolved, dropped },
    engines: ENGINES.filter((e) => engines.includes(e)).map((e) => ({ key: e.key, label: e.label, settings: e.settings, capabilities: e.capabilities })),
    results,
    skippedCorpora,
    bundles,
    durationS: (performance.now() - started) / 1000,
  };
  const md = renderMarkdown(out);
  if (opts.write) {
    await mkdir(join(benchDir, 'results'), { recursive: true });
    await writeFile(join(benchDir, 'results', 'latest.json'), `${JSON.stringify(out, null, 2)}\n`);
    await writeFile(join(benchDir, 'results', 'latest.md'), md);
    log('wrote bench/results/latest.json and bench/results/latest.md');
  }
  console.log(md);
  log(`done in ${out.durationS.toFixed(0)} s`);
}

/** Seconds the engine is expected to need at 100x: five times its 20x build, loads and latency runs. */
function projection(key: string, results: readonly EngineResult[]): number {
  const r = results.find((x) => x.engine === key && x.corpus === '20x');
  if (!r) return Infinity;
  const latency = (r.node?.latency.mean ?? 0) * (r.node?.latency.n ?? 0) + (r.browser?.latency.mean ?? 0) * (r.browser?.latency.n ?? 0);
  return (5 * ((r.buildMs ?? 0) + (r.node?.loadMs ?? 0) + 2 * (r.browser?.coldLoadMs ?? 0)) + latency) / 1000;
}

/** 100x only for engines whose 20x numbers project to a build under a minute and fit the run's time budget. */
function skipReason(key: string, factor: number, results: readonly EngineResult[], elapsedS: number, alreadyS: number): string | undefined {
  if (factor !== 100) return undefined;
  const at20 = results.find((r) => r.engine === key && r.corpus === '20x');
  if (!at20 || at20.skipped) return 'not measured at 20x';
  if ((at20.buildMs ?? 0) * 5 > 60_000) return `20x build took ${(at20.buildMs! / 1000).toFixed(1)} s; a 100x build projects past 60 s`;
  const need = projection(key, results);
  if (elapsedS + alreadyS + need > RUN_BUDGET_S) {
    return `projected ${need.toFixed(0)} s at 100x would take the run past its ${RUN_BUDGET_S / 60}-minute budget`;
  }
  return undefined;
}

main().catch((error: unknown) => {
  console.error(`bench: ${(error as Error).stack ?? error}`);
  process.exitCode = 1;
});
