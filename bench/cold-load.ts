/**
 * `npm run bench:cold [-- --rounds 10] [--engines changefind,pagefind] [--corpora 1x,20x] [--waterfall]`
 *
 * Cold loads only, the same way the full bench measures them (bench/lib/browser.ts: a fresh context
 * per load, cache disabled, the page loads the engine, searches "passkeys" and reports when the first
 * result is in the DOM), repeated in rounds that rotate the engine order, on the real corpus (1x) and
 * on the bench's synthetic copies (20x: bench/lib/synthetic.ts, as `npm run bench` makes them). On a
 * machine shared with other work the absolute times swing 2x between rounds, so it prints, per corpus
 * and engine, the median time, its main-thread CPU time to the first result (CDP TaskDuration, thread
 * ticks: much less sensitive to other load), the CPU time of all of Chromium's processes over the load
 * (SystemInfo.getProcessInfo, 10 ms steps: main thread, Pagefind's worker, network, browser; read when
 * the bench sees the first result, so it includes up to ~50 ms of any work started after it), what was
 * fetched before the first result, and, against the last engine, the ratio of medians and the per-round ratios.
 *
 * `--waterfall` also prints, for each engine's last load, every request the page and its workers made
 * (from the DevTools protocol: sent, response headers, finished, in ms since the page's request, and
 * the bytes on the wire), to see which requests wait for which. `--reuse` keeps indexes built by an
 * earlier run in the same `--site` (a 20x Pagefind build takes a minute or more); the page scripts are
 * always rebundled from the current sources.
 */
import { access, mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import type { CDPSession, Page } from 'puppeteer-core';
import { buildRecords } from '../indexer/pipeline.ts';
import { ENGINES } from './engines/all.ts';
import { closePagefind } from './engines/pagefind.ts';
import { blankPage, coldLoad, launch } from './lib/browser.ts';
import { bundlePage } from './lib/bundle.ts';
import { FIRST_QUERY } from './lib/measure.ts';
import { BenchServer } from './lib/server.ts';
import { fileSizesAsync, median, sumSizes } from './lib/stats.ts';
import { synthesize } from './lib/synthetic.ts';

const benchDir = import.meta.dirname;
const opts = new Command()
  .name('bench:cold')
  .option('--rounds <n>', 'cold loads per engine and corpus', '10')
  .option('--engines <keys>', 'comma-separated engines; ratios are against the last', 'changefind,pagefind')
  .option('--corpora <names>', 'comma-separated: 1x (the real corpus), 20x (its synthetic copies, as npm run bench makes them)', '1x')
  .option('--waterfall', "print each engine's requests (start, response, end) for its last load")
  .option('--reuse', 'keep the indexes an earlier run built in --site (only the page scripts are rebundled)')
  .option('--site <dir>', 'where the pages and indexes are built', join(benchDir, '.work', 'cold-site'))
  .parse()
  .opts<{ rounds: string; engines: string; corpora: string; waterfall?: boolean; reuse?: boolean; site: string }>();
const site = resolve(opts.site);
const rounds = Number(opts.rounds);
const engines = opts.engines.split(',').map((key) => {
  const engine = ENGINES.find((e) => e.key === key);
  if (!engine) throw new Error(`--engines: no engine ${key}; choose from ${ENGINES.map((e) => e.key).join(', ')}`);
  if (engine.sharesIndexWith) throw new Error(`--engines: ${key} searches another engine's index; not supported here`);
  return engine;
});
const FACTORS: Record<string, number> = { '1x': 1, '20x': 20 };
const corpora = opts.corpora.split(',').map((name) => {
  const factor = FACTORS[name];
  if (!factor) throw new Error(`--corpora: no corpus ${name}; choose from ${Object.keys(FACTORS).join(', ')}`);
  return { name, factor };
});

const exists = (path: string) => access(path).then(() => true, () => false);
const { records } = await buildRecords([resolve(benchDir, '..', '..', 'shared', 'corpus', 'okta')]);
if (!opts.reuse) await rm(site, { recursive: true, force: true });
for (const engine of engines) await bundlePage(engine.runtimeModule, join(site, 'js', `${engine.key}.js`));
for (const corpus of corpora) {
  const corpusRecords = corpus.factor === 1 ? records : synthesize(records, corpus.factor);
  for (const engine of engines) {
    const dir = join(site, corpus.name, engine.key);
    const page = join(dir, 'index.html');
    if (opts.reuse && (await exists(page))) continue;
    await rm(dir, { recursive: true, force: true });
    await mkdir(join(dir, 'idx'), { recursive: true });
    await engine.build(corpusRecords, join(dir, 'idx'));
    await writeFile(
      page,
      `<!doctype html><meta charset="utf-8"><title>cold ${engine.key}</title>\n` +
        `<script>window.__BENCH_CONFIG = ${JSON.stringify({ base: 'idx/', firstQuery: FIRST_QUERY })};</script>\n` +
        `<script type="module" src="/js/${engine.key}.js"></script>\n`,
    );
  }
}
await closePagefind();

/** One request as the browser saw it: times in ms since the page's own request. */
interface Request {
  url: string;
  sent: number;
  response?: number;
  end?: number;
  bytes: number;
  from: string;
}

/** Records every request of the page and of the workers it starts (DevTools Network domain). */
async function watchRequests(page: Page, cdp: CDPSession): Promise<() => Request[]> {
  const requests = new Map<string, Request>();
  const listen = async (session: CDPSession, from: string) => {
    session.on('Network.requestWillBeSent', (e) => requests.set(`${from}:${e.requestId}`, { url: e.request.url, sent: e.timestamp * 1000, bytes: 0, from }));
    session.on('Network.responseReceived', (e) => {
      const r = requests.get(`${from}:${e.requestId}`);
      if (r) r.response = e.timestamp * 1000;
    });
    session.on('Network.loadingFinished', (e) => {
      const r = requests.get(`${from}:${e.requestId}`);
      if (r) Object.assign(r, { end: e.timestamp * 1000, bytes: e.encodedDataLength });
    });
    await session.send('Network.enable');
  };
  await listen(cdp, 'page');
  page.on('workercreated', (worker) => void listen(worker.client as CDPSession, 'worker').catch(() => undefined));
  return () => {
    const list = [...requests.values()].sort((a, b) => a.sent - b.sent);
    const t0 = list[0]?.sent ?? 0;
    return list.map((r) => ({ ...r, sent: r.sent - t0, ...(r.response !== undefined ? { response: r.response - t0 } : {}), ...(r.end !== undefined ? { end: r.end - t0 } : {}) }));
  };
}

const server = new BenchServer(site);
const origin = await server.start();
const browser = await launch();
const system = await browser.target().createCDPSession();
/** CPU seconds of all of Chromium's processes so far. */
const chromiumCpu = async () => (await system.send('SystemInfo.getProcessInfo')).processInfo.reduce((sum, p) => sum + p.cpuTime, 0);
for (const corpus of corpora) {
  const runs = new Map(engines.map((e) => [e.key, { ms: [] as number[], cpu: [] as number[], all: [] as number[], kib: 0, requests: 0, waterfall: [] as Request[] }]));
  for (let round = 0; round < rounds; round++) {
    for (const engine of engines.map((_, i) => engines[(i + round) % engines.length]!)) {
      const blank = await blankPage(browser);
      const cdp = await blank.page.createCDPSession();
      await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
      const busy = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
      const requests = opts.waterfall && round === rounds - 1 ? await watchRequests(blank.page, cdp) : undefined;
      await new Promise((r) => setTimeout(r, 300));
      const before = await busy();
      const beforeAll = await chromiumCpu();
      const load = await coldLoad(browser, server, `${origin}/${corpus.name}/${engine.key}/`, { keep: true, fresh: blank });
      const run = runs.get(engine.key)!;
      run.all.push((await chromiumCpu()) - beforeAll);
      run.ms.push(load.ms);
      run.cpu.push((await busy()) - before);
      const served = load.served.filter((s) => s.path !== '/__mark');
      const sizes = await Promise.all(served.map((s) => fileSizesAsync(join(site, s.path.endsWith('/') ? `${s.path}index.html` : s.path), 'fast')));
      run.kib = sumSizes(sizes).gzip / 1024;
      run.requests = served.length;
      if (requests) run.waterfall = requests();
      await load.page?.close();
    }
  }
  const ref = runs.get(engines[engines.length - 1]!.key)!;
  for (const [key, run] of runs) {
    const ratios = run.ms.map((ms, i) => ms / ref.ms[i]!);
    console.log(
      `${corpus.name} ${key}: cold load median ${median(run.ms).toFixed(0)} ms (${run.ms.map((x) => x.toFixed(0)).join(' ')}); main thread ${(median(run.cpu) * 1000).toFixed(0)} ms; all of Chromium ${(median(run.all) * 1000).toFixed(0)} ms CPU; ` +
        `${run.kib.toFixed(0)} KiB gzip in ${run.requests} requests before the first result` +
        (run === ref ? '' : `; vs ${engines[engines.length - 1]!.key}: ratio of medians ${(median(run.ms) / median(ref.ms)).toFixed(2)}, per round ${ratios.map((r) => r.toFixed(2)).join(' ')} (median ${median(ratios).toFixed(2)})`),
    );
    if (run.waterfall.length) {
      console.log(`  requests of the last load (ms since the page's request: sent / response / end, bytes; the first result at ${run.ms[run.ms.length - 1]!.toFixed(0)} ms):`);
      for (const r of run.waterfall) {
        const path = r.url.replace(origin, '').replace(/^\/[^/]+\/[^/]+\//, '');
        const at = (t: number | undefined) => (t === undefined ? '-' : t.toFixed(0)).padStart(6);
        console.log(`  ${at(r.sent)} ${at(r.response)} ${at(r.end)} ${String(r.bytes).padStart(8)}  ${r.from === 'worker' ? '[worker] ' : ''}${path}`);
      }
    }
  }
}
await browser.close();
await server.stop();
