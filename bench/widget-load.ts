/**
 * `npm run bench:widget [-- --rounds 10] [--corpora 1x,20x] [--query passkeys] [--typed 20] [--key-ms 100] [--out bench/results/widget-load]`
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
 * shared, so absolute times swing between rounds).
 *
 * Then, per page, typing: the page is opened once more, left 4 s after its first result (a reader reads
 * first: idle work such as our warm-up or Pagefind's preloads runs then), and `--typed` queries of
 * bench/queries.json (unfiltered ones, spread over the set) are typed over each other with real key
 * events, `--key-ms` apart. The watcher notes the time from each query's last key to the first frame
 * showing that query's results, and from each key to the frame showing its own results (when they were
 * shown before the next key's). Writes `<out>.md` and `<out>.json`.
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
import { loadQueries } from './lib/queries.ts';
import { BenchServer } from './lib/server.ts';
import { fileSizesAsync, latencyStats, median, sumSizes } from './lib/stats.ts';
import { synthesize } from './lib/synthetic.ts';
import { machine, versions } from './lib/machine.ts';

const benchDir = import.meta.dirname;
const root = resolve(benchDir, '..');
const opts = new Command()
  .name('bench:widget')
  .option('--rounds <n>', 'loads per page and corpus', '10')
  .option('--corpora <names>', 'comma-separated: 1x (the real corpus), 20x (its synthetic copies, as npm run bench makes them)', '1x')
  .option('--query <q>', 'the query the pages open with', FIRST_QUERY)
  .option('--typed <n>', 'queries of bench/queries.json typed into each page after its first result (0: none)', '20')
  .option('--key-ms <ms>', 'time between keystrokes while typing', '100')
  .option('--site <dir>', 'where the pages, the widget build and the indexes are written', join(benchDir, '.work', 'widget-site'))
  .option('--out <path>', 'results, without extension (.md and .json are written)', join(benchDir, 'results', 'widget-load'))
  .parse()
  .opts<{ rounds: string; corpora: string; query: string; typed: string; keyMs: string; site: string; out: string }>();
const rounds = Number(opts.rounds);
if (!(Number.isInteger(rounds) && rounds > 0)) throw new Error(`--rounds: expected a positive whole number, got ${opts.rounds}`);
const typedCount = Number(opts.typed);
const keyMs = Number(opts.keyMs);
if (!(Number.isInteger(typedCount) && typedCount >= 0)) throw new Error(`--typed: expected a whole number, got ${opts.typed}`);
if (!(keyMs >= 0)) throw new Error(`--key-ms: expected a number of milliseconds, got ${opts.keyMs}`);
const FACTORS: Record<string, number> = { '1x': 1, '20x': 20 };
const corpora = opts.corpora.split(',').map((name) => {
  const factor = FACTORS[name];
  if (!factor) throw new Error(`--corpora: no corpus ${name}; choose from ${Object.keys(FACTORS).join(', ')}`);
  return { name, factor };
});
const site = resolve(opts.site);

/**
 * The watcher both pages carry, as an inline script in <head>: `window.__bench.first` is what coldLoad()
 * waits for; `/__mark` tells the server which requests came before the first result. For the typing
 * phase it also notes, on every animation frame, when the DOM first shows the results for the text of
 * each keystroke (`strokes`: ms from the input event; a keystroke whose results never showed before
 * the next one's is counted in `superseded`) and for the query the bench is typing (`typing.done`).
 * `shows(q)`: the page's own test that the results on screen are those for `q`.
 */
const watcher = (find: string, shows: string) =>
  `<script>
window.__bench = {};
const typing = (window.__typing = { want: null, done: null, last: 0, strokes: [], superseded: 0 });
let pending = [];
const shows = ${shows};
document.addEventListener('input', (e) => {
  typing.last = e.timeStamp;
  pending.push({ at: e.timeStamp, q: e.composedPath()[0].value });
}, true);
(function look() {
  const now = performance.now();
  if (!window.__bench.first) {
    const el = (${find})();
    if (el) {
      window.__bench.first = { t: now, title: el.textContent.trim().slice(0, 200) };
      fetch('/__mark', { cache: 'no-store' });
    }
  }
  const at = pending.findIndex((p) => shows(p.q));
  if (at >= 0) {
    typing.superseded += at;
    typing.strokes.push(now - pending[at].at);
    pending = pending.slice(at + 1);
  }
  if (typing.want !== null && typing.done === null && shows(typing.want)) typing.done = now;
  requestAnimationFrame(look);
})();
</script>`;

interface PageKind {
  key: string;
  label: string;
  how: string;
  /** The search box, for puppeteer (`>>>` pierces shadow roots). */
  input: string;
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
          watcher(
            `() => document.querySelector('changefind-search')?.shadowRoot?.querySelector('[part~="result"] [part~="result-title"]')`,
            // The element's changefind-search event says which query the result set on screen answers.
            `(() => { let shown = null; document.addEventListener('changefind-search', (e) => (shown = e.detail.query), true); return (q) => shown === q; })()`,
          ) +
          `\n<script type="module" src="/js/changefind-search.js"></script>\n` +
          `<main><changefind-search src="idx/"${pagefind ? ' engine="pagefind"' : ''}></changefind-search></main>\n`,
      );
    },
    path: `?q=${encodeURIComponent(opts.query)}`,
    input: 'changefind-search >>> #q',
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
          watcher(
            `() => document.querySelector('.pagefind-ui__result .pagefind-ui__result-link')`,
            // Pagefind UI's message names the query its results answer ("20 results for passkeys").
            `(q) => { const m = /^(?:[\\d,]+ results? for|No results for) (.*)$/.exec(document.querySelector('.pagefind-ui__message')?.textContent?.trim() ?? ''); return !!m && m[1] === q.trim() && (m[0].startsWith('No') || !!document.querySelector('.pagefind-ui__result-link')); }`,
          ) +
          `\n<link rel="stylesheet" href="idx/pagefind-ui.css"><script src="idx/pagefind-ui.js"></script>\n` +
          `<script>addEventListener('DOMContentLoaded', () => new PagefindUI({ element: '#search' }).triggerSearch(${JSON.stringify(opts.query)}));</script>\n` +
          `<main><div id="search"></div></main>\n`,
      );
    },
    path: '',
    input: '.pagefind-ui__search-input',
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
// Queries typed after the first result: unfiltered ones of the bench's query set, spread over it.
const unfiltered = [...new Set((await loadQueries(join(benchDir, 'queries.json'))).filter((q) => !q.filters).map((q) => q.q))];
const typed = typedCount ? unfiltered.filter((_, i) => i % Math.max(1, Math.floor(unfiltered.length / typedCount)) === 0).slice(0, typedCount) : [];
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

declare global {
  interface Window {
    /** Set by the pages' watcher (see `watcher`). */
    __typing: { want: string | null; done: number | null; last: number; strokes: number[]; superseded: number };
  }
}

/** The typing phase on one page: per query, ms from its last keystroke to the frame showing its results; per keystroke shown, ms from the key. */
interface Typing {
  settle: number[];
  strokes: number[];
  superseded: number;
  keys: number;
}

/** Opens `url` (its first result shown), leaves it 4 s to settle, then types each query over the last one. */
async function typeInto(url: string, kind: PageKind): Promise<Typing> {
  const load = await coldLoad(browser, server, url, { keep: true });
  const page = load.page!.page;
  try {
    await new Promise((r) => setTimeout(r, 4000)); // a reader reads before typing: idle work (our warm-up, Pagefind's preloads) runs here
    const box = await page.waitForSelector(kind.input);
    const settle: number[] = [];
    let keys = 0;
    for (const q of typed) {
      await page.evaluate((want) => Object.assign(window.__typing, { want, done: null }), q);
      await box!.click({ count: 3 });
      await page.keyboard.type(q, { delay: keyMs });
      keys += q.length;
      await page.waitForFunction(() => window.__typing.done !== null, { timeout: 20_000, polling: 'raf' });
      settle.push(await page.evaluate(() => window.__typing.done! - window.__typing.last));
      await new Promise((r) => setTimeout(r, 300));
    }
    const { strokes, superseded } = await page.evaluate(() => ({ strokes: window.__typing.strokes, superseded: window.__typing.superseded }));
    return { settle, strokes, superseded, keys };
  } finally {
    await load.page!.close();
  }
}
const server = new BenchServer(site);
const origin = await server.start();
const browser = await launch();
const results: { corpus: string; records: number; pages: (Runs & { key: string; typing?: Typing })[] }[] = [];
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
    const typings = new Map<string, Typing>();
    if (typed.length) for (const kind of PAGES) typings.set(kind.key, await typeInto(`${origin}/${corpus.name}/${kind.key}/${kind.path}`, kind));
    results.push({
      corpus: corpus.name,
      records: corpus.factor * records.length,
      pages: PAGES.map((p) => ({ key: p.key, ...runs.get(p.key)!, ...(typings.has(p.key) ? { typing: typings.get(p.key)! } : {}) })),
    });
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
  const [mine, theirs] = r.pages as [Runs & { key: string; typing?: Typing }, Runs & { key: string; typing?: Typing }];
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
  if (mine.typing && theirs.typing) {
    const pct = (xs: number[], p: number) => (xs.length ? ms(latencyStats(xs)[p === 50 ? 'p50' : p === 95 ? 'p95' : 'max']) : '-');
    lines.push(
      `Typing after the first result: ${typed.length} queries of bench/queries.json, one key every ${keyMs} ms, each typed over the last one.`,
      '',
      '| page | last key to the frame showing the query\'s results, ms p50 / p95 / max | keystrokes whose own results were shown | those: key to frame, ms p50 / p95 / max |',
      '| --- | --- | --- | --- |',
      ...r.pages.map((p) => {
        const t = p.typing!;
        return `| ${PAGES.find((k) => k.key === p.key)!.label} | ${pct(t.settle, 50)} / ${pct(t.settle, 95)} / ${pct(t.settle, 100)} | ${t.strokes.length} of ${t.keys} | ${pct(t.strokes, 50)} / ${pct(t.strokes, 95)} / ${pct(t.strokes, 100)} |`;
      }),
      '',
      `changefind / Pagefind UI, last key to results: ratio of medians **${(median(mine.typing.settle) / median(theirs.typing.settle)).toFixed(2)}**. Pagefind's UI waits for a pause in typing (its \`debounceTimeoutMs\`, 300 ms by default) before it searches, so it shows results for few keystrokes but the last; ours searches on every key.`,
      '',
    );
  }
}
await mkdir(resolve(opts.out, '..'), { recursive: true });
await writeFile(`${opts.out}.md`, `${lines.join('\n')}`);
await writeFile(`${opts.out}.json`, `${JSON.stringify({ generated: new Date().toISOString(), query: opts.query, rounds, results }, null, 2)}\n`);
console.log(lines.join('\n'));
