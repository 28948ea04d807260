/**
 * `npm run bench:cold [-- --rounds 10] [--engines changefind,pagefind]`
 *
 * Cold loads only, at 1x, the same way the full bench measures them (bench/lib/browser.ts: a fresh
 * context per load, cache disabled, the page loads the engine, searches "passkeys" and reports when
 * the first result is in the DOM), repeated in rounds that rotate the engine order. On a machine
 * shared with other work the absolute times swing 2x between rounds, so it prints, per engine, the
 * median time, its main-thread CPU time to the first result (CDP TaskDuration, thread ticks: much less
 * sensitive to other load), what was fetched before the first result, and, against the last engine,
 * the ratio of medians and the per-round ratios.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { buildRecords } from '../indexer/pipeline.ts';
import { ENGINES } from './engines/all.ts';
import { closePagefind } from './engines/pagefind.ts';
import { blankPage, coldLoad, launch } from './lib/browser.ts';
import { bundlePage } from './lib/bundle.ts';
import { FIRST_QUERY } from './lib/measure.ts';
import { BenchServer } from './lib/server.ts';
import { fileSizesAsync, median, sumSizes } from './lib/stats.ts';

const benchDir = import.meta.dirname;
const opts = new Command()
  .name('bench:cold')
  .option('--rounds <n>', 'cold loads per engine', '10')
  .option('--engines <keys>', 'comma-separated engines; ratios are against the last', 'changefind,pagefind')
  .option('--site <dir>', 'where the pages and indexes are built', join(benchDir, '.work', 'cold-site'))
  .parse()
  .opts<{ rounds: string; engines: string; site: string }>();
const site = resolve(opts.site);
const rounds = Number(opts.rounds);
const engines = opts.engines.split(',').map((key) => {
  const engine = ENGINES.find((e) => e.key === key);
  if (!engine) throw new Error(`--engines: no engine ${key}; choose from ${ENGINES.map((e) => e.key).join(', ')}`);
  if (engine.sharesIndexWith) throw new Error(`--engines: ${key} searches another engine's index; not supported here`);
  return engine;
});

const { records } = await buildRecords([resolve(benchDir, '..', '..', 'shared', 'corpus', 'okta')]);
await rm(site, { recursive: true, force: true });
for (const engine of engines) {
  const dir = join(site, '1x', engine.key);
  await mkdir(join(dir, 'idx'), { recursive: true });
  await engine.build(records, join(dir, 'idx'));
  await bundlePage(engine.runtimeModule, join(site, 'js', `${engine.key}.js`));
  await writeFile(
    join(dir, 'index.html'),
    `<!doctype html><meta charset="utf-8"><title>cold ${engine.key}</title>\n` +
      `<script>window.__BENCH_CONFIG = ${JSON.stringify({ base: 'idx/', firstQuery: FIRST_QUERY })};</script>\n` +
      `<script type="module" src="/js/${engine.key}.js"></script>\n`,
  );
}
await closePagefind();

const server = new BenchServer(site);
const origin = await server.start();
const browser = await launch();
const runs = new Map(engines.map((e) => [e.key, { ms: [] as number[], cpu: [] as number[], kib: 0, requests: 0 }]));
for (let round = 0; round < rounds; round++) {
  for (const engine of engines.map((_, i) => engines[(i + round) % engines.length]!)) {
    const blank = await blankPage(browser);
    const cdp = await blank.page.createCDPSession();
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    const busy = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
    await new Promise((r) => setTimeout(r, 300));
    const before = await busy();
    const load = await coldLoad(browser, server, `${origin}/1x/${engine.key}/`, { keep: true, fresh: blank });
    const run = runs.get(engine.key)!;
    run.ms.push(load.ms);
    run.cpu.push((await busy()) - before);
    const served = load.served.filter((s) => s.path !== '/__mark');
    const sizes = await Promise.all(served.map((s) => fileSizesAsync(join(site, s.path.endsWith('/') ? `${s.path}index.html` : s.path), 'fast')));
    run.kib = sumSizes(sizes).gzip / 1024;
    run.requests = served.length;
    await load.page?.close();
  }
}
await browser.close();
await server.stop();

const ref = runs.get(engines[engines.length - 1]!.key)!;
for (const [key, run] of runs) {
  const ratios = run.ms.map((ms, i) => ms / ref.ms[i]!);
  console.log(
    `${key}: cold load median ${median(run.ms).toFixed(0)} ms (${run.ms.map((x) => x.toFixed(0)).join(' ')}); main thread ${(median(run.cpu) * 1000).toFixed(0)} ms; ` +
      `${run.kib.toFixed(0)} KiB gzip in ${run.requests} requests before the first result` +
      (run === ref ? '' : `; vs ${engines[engines.length - 1]!.key}: ratio of medians ${(median(run.ms) / median(ref.ms)).toFixed(2)}, per round ${ratios.map((r) => r.toFixed(2)).join(' ')} (median ${median(ratios).toFixed(2)})`),
  );
}
