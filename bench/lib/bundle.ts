/** esbuild bundles: one page script per engine, and min+gzip sizes of libraries and our widget. */
import { build } from 'esbuild';
import { join } from 'node:path';
import { sizesOf, type Sizes } from './stats.ts';

const benchDir = join(import.meta.dirname, '..');

/** Bundles `page/driver.ts` with one engine runtime into `outfile` (minified ES module). */
export async function bundlePage(runtimeModule: string, outfile: string): Promise<void> {
  await build({
    stdin: {
      contents:
        `import { runtime } from ${JSON.stringify('./' + runtimeModule)};\n` +
        `import { startPage } from './page/driver.ts';\nstartPage(runtime);\n`,
      resolveDir: benchDir,
      loader: 'ts',
      sourcefile: `page-${runtimeModule}`,
    },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    outfile,
    logLevel: 'silent',
  });
}

/** min+gzip of a bundle of `contents` (an ES module source resolved from `resolveDir`). */
export async function bundleSize(contents: string, resolveDir = benchDir): Promise<Sizes> {
  const result = await build({
    stdin: { contents, resolveDir, loader: 'ts', sourcefile: 'size-entry.ts' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'silent',
  });
  return sizesOf(result.outputFiles[0]!.contents);
}
