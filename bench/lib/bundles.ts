/** Bundle sizes, min+gzip: our widget all-in and its parts, the peers' libraries, Pagefind's UI + runtime. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bundleSize } from './bundle.ts';
import { fileSizes, sizesOf, sumSizes, type Sizes } from './stats.ts';

export interface BundleRow {
  name: string;
  /** How it was measured. */
  how: string;
  sizes: Sizes | null;
  note?: string;
}

const root = resolve(import.meta.dirname, '..', '..');

async function entry(name: string, how: string, contents: string): Promise<BundleRow> {
  try {
    return { name, how, sizes: await bundleSize(contents) };
  } catch (error) {
    return { name, how, sizes: null, note: `could not bundle: ${(error as Error).message.split('\n')[0]}` };
  }
}

/** The parts of the all-in bundle, by the source a byte maps to. */
const PARTS: [name: string, test: (source: string) => boolean][] = [
  ['Lit', (s) => /node_modules\/(?:lit|lit-html|lit-element|@lit\/[^/]+)\//.test(s)],
  ['search core (widget/core/, widget/search-core.ts)', (s) => /\/widget\/(?:core\/|search-core\.ts$)/.test(s)],
  ['element (component, styles, ui/, controllers/, helpers/, loading, indexer/ constants)', (s) => /\/(?:widget|indexer)\//.test(s)],
];

/**
 * What each part of the minified all-in bundle costs: every byte goes to the source of the nearest
 * source-map segment at or before it (bytes before any mapped segment, or mapped to another source, to "other").
 * `raw` is the part's minified bytes; `gzip` and `brotli` are what the part adds to the compressed bundle
 * (the bundle's size minus its size without that part's bytes), so they do not add up to the total exactly.
 */
export function bundleParts(code: string, map: SourceMapPayload): { name: string; sizes: Sizes }[] {
  const sm = new SourceMap(map);
  const part = new Uint8Array(code.length).fill(PARTS.length);
  let line = 0;
  let col = 0;
  let current = PARTS.length;
  for (let i = 0; i < code.length; i++) {
    const e = sm.findEntry(line, col) as { originalSource?: string; generatedLine?: number; generatedColumn?: number };
    if (e.generatedLine === line && e.generatedColumn === col) {
      const source = e.originalSource;
      // A generated-only segment (no source: e.g. the rest of an `html` template the template minifier
      // rewrote) continues the part before it.
      if (source !== undefined) {
        const found = PARTS.findIndex(([, test]) => test(source));
        current = found < 0 ? PARTS.length : found;
      }
    }
    part[i] = current;
    if (code.charCodeAt(i) === 10) (line++, (col = 0));
    else col++;
  }
  const whole = sizesOf(Buffer.from(code));
  return [...PARTS.map(([name]) => name), 'other (bundler glue)'].map((name, p) => {
    let own = 0;
    let rest = '';
    let from = 0;
    for (let i = 0; i <= code.length; i++) {
      const mine = i < code.length && part[i] === p;
      if (mine) own++;
      if (i === code.length || mine) {
        if (i > from) rest += code.slice(from, i);
        from = i + 1;
      }
    }
    const without = sizesOf(Buffer.from(rest));
    return { name, sizes: { raw: own, gzip: whole.gzip - without.gzip, brotli: whole.brotli - without.brotli } };
  });
}

/**
 * Our widget as shipped: a fresh Vite library build (vite.config.ts, into a temporary folder, so a stale
 * dist/ is never measured). All-in = the one file a page loads for the element, the search core and Lit
 * (the ES module; the classic script is the same code). The Pagefind adapter is its own file, fetched only
 * for Pagefind indexes, so it is a separate row and not part of the all-in size.
 */
export async function widgetBuild(): Promise<BundleRow[]> {
  const how = 'vite build (vite.config.ts: minified, templates minified) as shipped';
  const out = await mkdtemp(join(tmpdir(), 'changefind-bench-build-'));
  try {
    const { build } = await import('vite');
    await build({ configFile: join(root, 'vite.config.ts'), root, logLevel: 'silent', build: { outDir: out, sourcemap: true } });
    // Sizes without the trailing `//# sourceMappingURL=` comment, as a build without source maps.
    const shipped = (file: string) => readFileSync(join(out, file), 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '');
    const main = shipped('changefind-search.js');
    const parts = bundleParts(main, JSON.parse(readFileSync(join(out, 'changefind-search.js.map'), 'utf8')) as SourceMapPayload);
    return [
      { name: 'changefind widget, all-in (element + core + Lit): dist/changefind-search.js', how, sizes: sizesOf(Buffer.from(main)) },
      ...parts.filter(({ sizes }) => sizes.raw > 0).map(({ name, sizes }) => ({
        name: `- part of the all-in bundle: ${name}`,
        how: 'minified bytes mapped to it by the source map; gzip/brotli: what it adds to the compressed bundle',
        sizes,
      })),
      { name: 'changefind widget, all-in, classic script: dist/changefind-search.iife.js', how, sizes: sizesOf(Buffer.from(shipped('changefind-search.iife.js'))) },
      { name: 'changefind Pagefind adapter: dist/changefind-pagefind.js (only for Pagefind indexes)', how, sizes: sizesOf(Buffer.from(shipped('changefind-pagefind.js'))) },
    ];
  } catch (error) {
    return [{ name: 'changefind widget, all-in', how, sizes: null, note: `could not build: ${(error as Error).message.split('\n')[0]}` }];
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

/** `pagefindDir`: a Pagefind output directory (its shipped UI and runtime files are measured as written). */
export async function bundleSizes(pagefindDir: string): Promise<BundleRow[]> {
  const rows: BundleRow[] = [];
  rows.push(...(await widgetBuild()));
  rows.push(await entry('changefind search core (widget/search-core.ts)', 'esbuild --bundle --minify', `export * from ${JSON.stringify(join(root, 'widget', 'search-core.ts'))};`));
  rows.push(await entry('MiniSearch 7', 'esbuild --bundle --minify', `export { default } from 'minisearch';`));
  rows.push(await entry('Lit 3', 'esbuild --bundle --minify', `export * from 'lit';`));
  rows.push(await entry('FlexSearch 0.8 (bundle)', 'esbuild --bundle --minify', `export * from 'flexsearch';`));
  rows.push(await entry('Orama 3', 'esbuild --bundle --minify', `export * from '@orama/orama';`));
  rows.push(await entry('Lunr 2', 'esbuild --bundle --minify', `export { default } from 'lunr';`));
  if (existsSync(pagefindDir)) {
    const files = readdirSync(pagefindDir);
    const pick = (re: RegExp) => files.filter((f) => re.test(f)).sort();
    const ui = pick(/^pagefind-ui\.(js|css)$/);
    const wasm = pick(/^wasm\.en\.pagefind$/).length ? pick(/^wasm\.en\.pagefind$/) : pick(/^wasm\.[^.]+\.pagefind$/).slice(0, 1);
    const runtime = [...pick(/^pagefind\.js$/), ...wasm];
    const sized = (list: string[]) => sumSizes(list.map((f) => fileSizes(join(pagefindDir, f))));
    rows.push({ name: 'Pagefind default UI + runtime', how: `as written by writeFiles(): ${[...ui, ...runtime].join(' + ')}`, sizes: sized([...ui, ...runtime]) });
    rows.push({ name: 'Pagefind runtime only', how: runtime.join(' + '), sizes: sized(runtime) });
  } else {
    rows.push({ name: 'Pagefind default UI + runtime', how: 'writeFiles() output', sizes: null, note: 'Pagefind was not built in this run' });
  }
  return rows;
}
