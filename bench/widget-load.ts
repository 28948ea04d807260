/**
 * `npm run bench:widget [-- --rounds 10] [--corpora 1x,20x] [--query passkeys] [--out bench/results/widget-load]`
 *
 * Issue #4's own comparison: time from page load to the first *rendered* result, our `<changefind-search>`
 * element against Pagefind's default UI, on the same records. Unlike the engine bench's cold loads
 * (bench/cold-load.ts, `npm run bench`: each engine's library on a bare page), both pages here are what a
 * site ships, as documented:
 *
 * - **changefind**: the widget as `vite build` ships it (dist/changefind-search.js, built from the current
 *   sources into the site) on a page holding one `<changefind-search src="idx/">` tag (default lazy
 *   loading: the index loads when the element is first visible), opened at `?q=<query>`, the widget's
 *   shareable-link form; the index is what `changefind build --engine auto` writes for the corpus: our
 *   own format up to PAGEFIND_ABOVE records, the Pagefind engine above it (then the tag also says
 *   `engine="pagefind"`, as README advises for Pagefind builds).
 * - **Pagefind UI**: Pagefind 1.6's own pagefind-ui.js and pagefind-ui.css as `writeFiles()` writes them,
 *   `new PagefindUI({ element })` on DOMContentLoaded, then `triggerSearch(<query>)`, its API for a page
 *   that opens with a query; the index is the one the engine bench builds (bench/engines/pagefind.ts).
 *
 * Each page also carries the same watcher: on every animation frame it looks for the first result in the
 * DOM (ours: `[part~="result"]` in the element's shadow root; Pagefind: `.pagefind-ui__result` with its
 * title link) and records `performance.now()` (navigation start = 0) of the frame that first shows one.
 * Loads run as in bench/cold-load.ts: a fresh browser context with the cache disabled per load, rounds
 * that rotate which page goes first, and per-round ratios beside the ratio of medians (this machine is
 * shared, so absolute times swing between rounds). Writes `<out>.md` and `<out>.json`.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { buildRecords } from '../indexer/pipeline.ts';
import { PAGEFIND_ABOVE } from '../indexer/engine-choice.ts';
import { ours } from './engines/ours.ts';
import { oursPagefind } from './engines/ours-pagefind.ts';
import { closePagefind, pagefindEngine } from './engines/pagefind.ts';
import { blankPage, coldLoad, launch } from './lib/browser.ts';
import { FIRST_QUERY } from './lib/measure.ts';
import { BenchServer } from './lib/server.ts';
import { fileSizesAsync, median, sumSizes } from './lib/stats.ts';
import { synthesize } from './lib/synthetic.ts';
import { machine, versions } from './lib/machine.ts';

const benchDir = import.meta.dirname;
const root = resolve(benchDir, '..');
const opts = new Command()
  .name('bench:widget')
  .option('--rounds <n>', 'loads per page and corpus', '10')
  .option('--corpora <names>', 'comma-separated: 1x (the real corpus), 20x (its synthetic copies, as npm run bench makes them)', '1x')
  .option('--query <q>', 'the query the pages open with', FIRST_QUERY)
  .option('--site <dir>', 'where the pages, the widget build and the indexes are written', join(benchDir, '.work', 'widget-site'))
  .option('--out <path>', 'results, without extension (.md and .json are written)', join(benchDir, 'results', 'widget-load'))
  .parse()
  .opts<{ rounds: string; corpora: string; query: string; site: string; out: string }>();
const rounds = Number(opts.rounds);
if (!(Number.isInteger(rounds) && rounds > 0)) throw new Error(`--rounds: expected a positive whole number, got ${opts.rounds}`);
const FACTORS: Record<string, number> = { '1x': 1, '20x': 20 };
const corpora = opts.corpora.split(',').map((name) => {
  const factor = FACTORS[name];
  if (!factor) throw new Error(`--corpora: no corpus ${name}; choose from ${Object.keys(FACTORS).join(', ')}`);
  return { name, factor };
});
const site = resolve(opts.site);

/**
 * The watcher both pages carry, as an inline script in <head>: `window.__bench.first` is what coldLoad()
 * waits for; `/__mark` tells the server which requests came before the first result.
 */
const watcher = (find: string) =>
  `<script>
window.__bench = {};
(function look() {
  const el = (${find})();
  if (!el) return requestAnimationFrame(look);
  window.__bench.first = { t: performance.now(), title: el.textContent.trim().slice(0, 200) };
  fetch('/__mark', { cache: 'no-store' });
})();
</script>`;

interface PageKind {
  key: string;
  label: string;
  how: string;
  /** Writes the index into `dir/idx` and the page into `dir/index.html`. */
  make(records: Parameters<typeof ours.build>[0], dir: string): Promise<void>;
  /** The URL path (under the corpus directory) a load opens. */
  path: string;
}

const PAGES: PageKind[] = [
  {
    key: 'changefind',
    label: 'changefind <changefind-search>',
    how:
      'dist/changefind-search.js (vite build, as shipped) + one <changefind-search src="idx/"> tag, default lazy loading, opened at ?q=<query>; ' +
      `the index \`changefind build --engine auto\` writes: our MiniSearch-format files up to ${PAGEFIND_ABOVE.toLocaleString('en-US')} records, ` +
      'above that the Pagefind engine (with engine="pagefind" on the tag, as README advises for Pagefind builds)',
    async make(records, dir) {
      // What `changefind build --engine auto` writes for this many records (indexer/engine-choice.ts).
      const pagefind = records.length > PAGEFIND_ABOVE;
      await (pagefind ? oursPagefind : ours).build(records, join(dir, 'idx'));
      await writeFile(
        join(dir, 'index.html'),
        `<!doctype html><html lang="en"><meta charset="utf-8"><title>changefind widget load</title>\n` +
          watcher(`() => document.querySelector('changefind-search')?.shadowRoot?.querySelector('[part~="result"] [part~="result-title"]')`) +
          `\n<script type="module" src="/js/changefind-search.js"></script>\n` +
          `<main><changefind-search src="idx/"${pagefind ? ' engine="pagefind"' : ''}></changefind-search></main>\n`,
      );
    },
    path: `?q=${encodeURIComponent(opts.query)}`,
  },
  {
    key: 'pagefind-ui',
    label: 'Pagefind 1.6 default UI',
    how: 'pagefind-ui.js + pagefind-ui.css as writeFiles() writes them, new PagefindUI({ element }) on DOMContentLoaded, then triggerSearch(<query>); index as bench/engines/pagefind.ts builds it',
    async make(records, dir) {
      await pagefindEngine.build(records, join(dir, 'idx'));
      await writeFile(
        join(dir, 'index.html'),
        `<!doctype html><html lang="en"><meta charset="utf-8"><title>Pagefind UI load</title>\n` +
          watcher(`() => document.querySelector('.pagefind-ui__result .pagefind-ui__result-link')`) +
          `\n<link rel="stylesheet" href="idx/pagefind-ui.css"><script src="idx/pagefind-ui.js"></script>\n` +
          `<script>addEventListener('DOMContentLoaded', () => new PagefindUI({ element: '#search' }).triggerSearch(${JSON.stringify(opts.query)}));</script>\n` +
          `<main><div id="search"></div></main>\n`,
      );
    },
    path: '',
  },
];

/** Builds the widget from the current sources, as `npm run build` does, into the site's js/ folder. */
async function buildWidget(outDir: string): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: join(root, 'vite.config.ts'), root, logLevel: 'silent', build: { outDir, emptyOutDir: true } });
}

await rm(site, { recursive: true, force: true });
await buildWidget(join(site, 'js'));
const { records } = await buildRecords([resolve(root, '..', 'shared', 'corpus', 'okta')]);
for (const corpus of corpora) {
  const corpusRecords = corpus.factor === 1 ? records : synthesize(records, corpus.factor);
  for (const kind of PAGES) {
    const dir = join(site, corpus.name, kind.key);
    await mkdir(join(dir, 'idx'), { recursive: true });
    await kind.make(corpusRecords, dir);
  }
}
await closePagefind();

interface Runs {
  ms: number[];
  title: string;
  kib: number;
  requests: number;
}
const server = new BenchServer(site);
const origin = await server.start();
const browser = await launch();
const results: { corpus: string; records: number; pages: (Runs & { key: string })[] }[] = [];
try {
  for (const corpus of corpora) {
    const runs = new Map(PAGES.map((p) => [p.key, { ms: [], title: '', kib: 0, requests: 0 } as Runs]));
    for (let round = 0; round < rounds; round++) {
      for (const kind of PAGES.map((_, i) => PAGES[(i + round) % PAGES.length]!)) {
        const blank = await blankPage(browser);
        await new Promise((r) => setTimeout(r, 300)); // the new renderer settles before the clock starts
        const load = await coldLoad(browser, server, `${origin}/${corpus.name}/${kind.key}/${kind.path}`, { fresh: blank });
        const run = runs.get(kind.key)!;
        run.ms.push(load.ms);
        run.title = load.title ?? '';
        const served = load.served.filter((s) => s.path !== '/__mark');
        const sizes = await Promise.all(served.map((s) => fileSizesAsync(join(site, s.path.endsWith('/') ? `${s.path}index.html` : s.path), 'fast')));
        run.kib = sumSizes(sizes).gzip / 1024;
        run.requests = served.length;
      }
    }
    results.push({ corpus: corpus.name, records: corpus.factor * records.length, pages: PAGES.map((p) => ({ key: p.key, ...runs.get(p.key)! })) });
  }
} finally {
  await browser.close();
  await server.stop();
}

const ms = (x: number) => x.toFixed(0);
function describeMachine(): string {
  const m = machine();
  return `${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}; Node ${m.node}; ${m.chromium} (headless, loopback server)`;
}
const lines = [
  '# changefind bench: page load to first rendered result, widget against Pagefind UI',
  '',
  `Generated by \`npm run bench:widget -- --rounds ${rounds} --corpora ${opts.corpora}\` on ${new Date().toISOString()}; query "${opts.query}".`,
  '',
  `**Machine**: ${describeMachine()}; pagefind ${versions(['pagefind']).pagefind}, lit ${versions(['lit']).lit}. Shared with other work while measuring: compare the ratios, not absolute numbers across runs.`,
  '',
  ...PAGES.map((p) => `- **${p.label}**: ${p.how}.`),
  '- Time: `performance.now()` (navigation start = 0) of the first animation frame whose DOM holds a result with its title; a fresh browser context with the cache disabled per load; rounds rotate which page loads first. Bytes: everything the loopback server sent before the first result, re-compressed with gzip.',
  '',
];
for (const r of results) {
  const [mine, theirs] = r.pages as [Runs & { key: string }, Runs & { key: string }];
  const ratios = mine.ms.map((x, i) => x / theirs.ms[i]!);
  lines.push(
    `## ${r.corpus} (${r.records} records; our index: ${r.records > PAGEFIND_ABOVE ? 'the Pagefind engine' : 'MiniSearch-format files'})`,
    '',
    '| page | median ms | every load, ms | fetched before the first result, KiB gzip (requests) | first result shown |',
    '| --- | --- | --- | --- | --- |',
    ...r.pages.map((p) => `| ${PAGES.find((k) => k.key === p.key)!.label} | ${ms(median(p.ms))} | ${p.ms.map(ms).join(' ')} | ${p.kib.toFixed(0)} (${p.requests}) | ${p.title.replaceAll('|', '\\|')} |`),
    '',
    `changefind / Pagefind UI: ratio of medians **${(median(mine.ms) / median(theirs.ms)).toFixed(2)}**; per round ${ratios.map((x) => x.toFixed(2)).join(' ')} (median ${median(ratios).toFixed(2)}; below 1 means our first result is shown sooner).`,
    '',
  );
}
await mkdir(resolve(opts.out, '..'), { recursive: true });
await writeFile(`${opts.out}.md`, `${lines.join('\n')}`);
await writeFile(`${opts.out}.json`, `${JSON.stringify({ generated: new Date().toISOString(), query: opts.query, rounds, results }, null, 2)}\n`);
console.log(lines.join('\n'));
