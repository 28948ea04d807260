/**
 * `changefind build <paths...> --out DIR [--base-url URL] [--config FILE] [--bundle]`:
 * argument handling, progress and the summary only; the work is `build()` in pipeline.ts.
 */
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { BundleError } from '../bundle.ts';
import { ConfigError } from '../config.ts';
import { engineAdvice, ENGINE_OPTIONS, isEngineOption } from '../engine-choice.ts';
import { build } from '../pipeline.ts';
import { InputError, readConfig } from '../read.ts';
import type { ChangeRecord } from '../schema.ts';
import { formatWarning } from '../warnings.ts';
import { WriteError } from '../write.ts';

interface BuildFlags {
  out: string;
  baseUrl?: string;
  config?: string;
  quiet?: boolean;
  engine: string;
  bundle?: boolean;
}

/** Inputs larger than this get a progress bar (on a terminal only). */
const PROGRESS_BYTES = 512 * 1024;

export function registerBuild(program: Command): void {
  program
    .command('build')
    .description('Index release notes (Markdown files or folders) into an output folder')
    .argument('<paths...>', 'Markdown files or folders (folders are scanned for *.md)')
    .requiredOption('-o, --out <dir>', 'output folder; replaced atomically, the old output stays if the build fails')
    .option('--base-url <url>', 'base URL of the published pages (default: the profile\'s)')
    .option('--config <file>', 'JSON config: products, areas, tickets, baseUrl, pagePath (see DESIGN.md)')
    .option('--bundle', 'also write bundle.json and bundle.js: the whole index as one value, to embed in a page (MiniSearch only)')
    .option('-q, --quiet', 'print warnings and errors only')
    .option('--engine <name>', `search engine files to write: ${ENGINE_OPTIONS.join('|')} (auto: Pagefind above the record count in DESIGN.md)`, 'minisearch')
    .addHelpText('after', '\nExample:\n  changefind build ../shared/corpus/okta --out .changefind\n')
    .action(async (paths: string[], flags: BuildFlags) => {
      process.exitCode = await runBuild(paths, flags);
    });
}

async function runBuild(paths: string[], flags: BuildFlags): Promise<number> {
  const started = performance.now();
  let bar: SingleBar | null = null;
  try {
    if (flags.baseUrl !== undefined && !/^https?:\/\//.test(flags.baseUrl)) {
      throw new InputError(`--base-url ${flags.baseUrl}: must start with http:// or https://`);
    }
    if (!isEngineOption(flags.engine)) throw new InputError(`--engine ${flags.engine}: must be one of ${ENGINE_OPTIONS.join(', ')}`);
    const config = flags.config ? await readConfig(flags.config) : undefined;
    const { records, warnings, manifest } = await build(paths, {
      out: flags.out,
      engine: flags.engine,
      ...(flags.bundle ? { bundle: true } : {}),
      ...(flags.baseUrl ? { baseUrl: flags.baseUrl } : {}),
      ...(config ? { config } : {}),
      onProgress: (done, total, _file, bytes) => {
        if (done === 1 && !flags.quiet && process.stderr.isTTY && bytes > PROGRESS_BYTES) {
          bar = new SingleBar({ format: 'indexing [{bar}] {value}/{total} files', stream: process.stderr, clearOnComplete: true, hideCursor: true });
          bar.start(total, 0);
        }
        (bar as SingleBar | null)?.update(done);
        if (done === total) (bar as SingleBar | null)?.stop();
      },
    });
    for (const warning of warnings) process.stderr.write(`${formatWarning(warning)}\n`);
    if (!flags.quiet) process.stdout.write(summary(records, warnings.length, flags.out, performance.now() - started));
    const advice = engineAdvice(records.length, manifest.engines);
    if (advice && !flags.quiet) process.stdout.write(`note: ${advice}\n`);
    return 0;
  } catch (error) {
    (bar as SingleBar | null)?.stop();
    if (error instanceof InputError || error instanceof ConfigError || error instanceof WriteError || error instanceof BundleError || isPagefindError(error)) {
      process.stderr.write(`changefind build: error: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

/** Records per product, lifecycle and kind, then the warning count. */
function summary(records: ChangeRecord[], warningCount: number, out: string, ms: number): string {
  const lines: string[] = [];
  const table = (title: string, pick: (record: ChangeRecord) => string): void => {
    const counts = new Map<string, number>();
    for (const record of records) counts.set(pick(record), (counts.get(pick(record)) ?? 0) + 1);
    const rows = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const width = Math.max(title.length, ...rows.map(([name]) => name.length));
    lines.push(`${title.padEnd(width)}  records`);
    for (const [name, count] of rows) lines.push(`${name.padEnd(width)}  ${String(count).padStart(7)}`);
    lines.push('');
  };
  table('product', (record) => record.product);
  table('lifecycle', (record) => record.lifecycle ?? '(none)');
  table('kind', (record) => record.kind);
  lines.push(`${records.length} records, ${warningCount} warning${warningCount === 1 ? '' : 's'}, written to ${out} in ${Math.round(ms)} ms`);
  return `${lines.join('\n')}\n`;
}

/** `PagefindBuildError` by name: importing its class would load Pagefind (a devDependency) on every build. */
function isPagefindError(error: unknown): error is Error {
  return error instanceof Error && error.name === 'PagefindBuildError';
}
