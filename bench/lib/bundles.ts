/** Bundle sizes, min+gzip: our widget all-in and its parts, the peers' libraries, Pagefind's UI + runtime. */
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bundleSize } from './bundle.ts';
import { fileSizes, sumSizes, type Sizes } from './stats.ts';

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

/**
 * Our widget as shipped: a fresh Vite library build (vite.config.ts, into a temporary folder, so a stale
 * dist/ is never measured). All-in = the one file a page loads for the element, the search core and Lit
 * (the ES module; the classic script is the same code). The Pagefind adapter is its own file, fetched only
 * for Pagefind indexes, so it is a separate row and not part of the all-in size.
 */
async function widgetBuild(): Promise<BundleRow[]> {
  const how = 'vite build (vite.config.ts: minified, templates minified) as shipped';
  const out = await mkdtemp(join(tmpdir(), 'changefind-bench-build-'));
  try {
    const { build } = await import('vite');
    await build({ configFile: join(root, 'vite.config.ts'), root, logLevel: 'silent', build: { outDir: out, sourcemap: false } });
    return [
      { name: 'changefind widget, all-in (element + core + Lit): dist/changefind-search.js', how, sizes: fileSizes(join(out, 'changefind-search.js')) },
      { name: 'changefind widget, all-in, classic script: dist/changefind-search.iife.js', how, sizes: fileSizes(join(out, 'changefind-search.iife.js')) },
      { name: 'changefind Pagefind adapter: dist/changefind-pagefind.js (only for Pagefind indexes)', how, sizes: fileSizes(join(out, 'changefind-pagefind.js')) },
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
