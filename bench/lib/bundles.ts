/** Bundle sizes, min+gzip: our widget all-in and its parts, the peers' libraries, Pagefind's UI + runtime. */
import { existsSync, readdirSync } from 'node:fs';
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

/** `pagefindDir`: a Pagefind output directory (its shipped UI and runtime files are measured as written). */
export async function bundleSizes(pagefindDir: string): Promise<BundleRow[]> {
  const rows: BundleRow[] = [];
  const widget = join(root, 'widget', 'index.ts');
  if (existsSync(widget)) {
    rows.push(await entry('changefind widget, all-in (element + core + Lit)', 'esbuild --bundle --minify widget/index.ts', `export * from ${JSON.stringify(widget)};`));
  } else {
    rows.push({ name: 'changefind widget, all-in', how: 'widget/index.ts', sizes: null, note: 'widget/index.ts does not exist yet' });
  }
  rows.push(await entry('changefind search core (widget/search-core.ts)', 'esbuild --bundle --minify', `export * from ${JSON.stringify(join(root, 'widget', 'search-core.ts'))};`));
  const dist = join(root, 'dist');
  if (existsSync(dist)) {
    for (const f of readdirSync(dist).filter((f) => /\.(m?js)$/.test(f)).sort()) {
      rows.push({ name: `changefind dist/${f}`, how: 'the Vite library build as shipped', sizes: fileSizes(join(dist, f)) });
    }
  }
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
