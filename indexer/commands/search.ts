/**
 * `changefind search --index DIR [--filter facet=value ...] [--sort ...] [--limit N] [--json] [query]`
 * Reads the index files from disk and answers through SearchCore.fromBundle, so the ranking is
 * the widget's. Without a query it answers one query per standard-input line (blank lines skipped).
 * Exit codes: 0 ok, 2 usage, 3 index directory or file missing, 4 foreign, incompatible or damaged index.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { FACETS, type FacetName } from '../schema.ts';
import { IndexError, SearchCore } from '../../widget/search-core.ts';
import type { Filters, SearchResult, SortOrder } from '../../widget/search-types.ts';
import { ROLES } from '../../widget/core/options.ts';

export const EXIT = { ok: 0, usage: 2, missing: 3, incompatible: 4 } as const;

class CliError extends Error {
  constructor(readonly exitCode: number, message: string) {
    super(message);
  }
}

interface SearchFlags {
  index: string;
  filter: string[];
  sort?: string;
  limit: string;
  json?: boolean;
}

export function parseFilters(specs: readonly string[]): Filters {
  const filters: Filters = {};
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    if (eq <= 0) throw new CliError(EXIT.usage, `--filter ${spec}: expected facet=value, e.g. --filter lifecycle=ea`);
    const facet = spec.slice(0, eq);
    if (!(FACETS as readonly string[]).includes(facet)) {
      throw new CliError(EXIT.usage, `--filter ${spec}: unknown facet "${facet}"; facets are ${FACETS.join(', ')}`);
    }
    (filters[facet as FacetName] ??= []).push(spec.slice(eq + 1));
  }
  return filters;
}

/** Reads an index directory into a SearchCore (hashes checked against the manifest). */
export function openIndex(dir: string): SearchCore {
  const root = resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new CliError(EXIT.missing, `${dir}: index directory not found. Build one with \`changefind build <notes...> --out ${dir}\`.`);
  }
  const manifestPath = join(root, 'manifest.json');
  if (!existsSync(manifestPath)) throw new CliError(EXIT.incompatible, `${manifestPath}: no manifest.json; ${dir} is not a changefind index. Build one with \`changefind build <notes...> --out ${dir}\`.`);
  try {
    let manifest: SearchCore['manifest'];
    try {
      manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    } catch (cause) {
      throw new IndexError('not-json', `${manifestPath}: not valid JSON (${(cause as Error).message}). Rebuild the index.`);
    }
    const files: Record<string, string> = {};
    for (const role of Object.values(ROLES)) {
      const name = manifest?.files?.[role];
      if (typeof name !== 'string') continue; // fromBundle explains what is missing
      const path = join(root, name);
      if (!existsSync(path)) throw new CliError(EXIT.missing, `${path}: listed in manifest.json but missing. Rebuild the index or copy the whole directory.`);
      const bytes = readFileSync(path);
      const expected = manifest.hashes?.[name];
      if (expected && createHash('sha256').update(bytes).digest('hex') !== expected) {
        throw new IndexError('truncated', `${path}: content does not match the sha256 in manifest.json (cut short or from another build). Rebuild the index.`);
      }
      files[name] = bytes.toString('utf8');
    }
    return SearchCore.fromBundle({ manifest, files });
  } catch (err) {
    if (err instanceof IndexError) throw new CliError(err.code === 'not-found' ? EXIT.missing : EXIT.incompatible, err.message);
    throw err;
  }
}

const LIFECYCLE_LABELS: Record<string, string> = { beta: 'Beta', ea: 'Early Access', 'ga-preview': 'GA in Preview', 'ga-production': 'GA in Production', deprecated: 'Deprecated' };

export function formatHuman(result: SearchResult): string {
  const lines = [result.query ? `${result.total} result${result.total === 1 ? '' : 's'} for "${result.query}"` : `${result.total} records, newest first`];
  if (result.suggestion) lines.push(`Did you mean: ${result.suggestion}`);
  result.hits.forEach((h, i) => {
    const meta = [h.release ?? 'no release', h.date ?? 'undated', h.lifecycle ? LIFECYCLE_LABELS[h.lifecycle] ?? h.lifecycle : h.kind, h.product].join(' · ');
    lines.push(`${String(i + 1).padStart(3)}. ${h.title}`, `     ${meta}`, `     ${h.url}`);
  });
  return lines.join('\n') + '\n';
}

export function formatJson(result: SearchResult): string {
  return JSON.stringify({ query: result.query, total: result.total, hits: result.hits.map((h) => ({ id: h.id, title: h.title, score: h.score })) }) + '\n';
}

async function run(queryWords: string[], flags: SearchFlags): Promise<void> {
  const filters = parseFilters(flags.filter);
  const sort = flags.sort;
  if (sort !== undefined && sort !== 'relevance' && sort !== 'newest' && sort !== 'oldest') {
    throw new CliError(EXIT.usage, `--sort ${sort}: expected relevance, newest or oldest`);
  }
  const limit = Number(flags.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new CliError(EXIT.usage, `--limit ${flags.limit}: expected a whole number from 1 to 1000`);
  const core = openIndex(flags.index);
  const answer = (query: string): void => {
    const result = core.search(query, { filters, limit, ...(sort ? { sort: sort as SortOrder } : {}) });
    process.stdout.write(flags.json ? formatJson(result) : formatHuman(result));
  };
  if (queryWords.length > 0) {
    answer(queryWords.join(' '));
    return;
  }
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (line.trim() !== '') answer(line.trim());
  }
}

export function registerSearch(program: Command): void {
  program
    .command('search')
    .description('Search a built index; without a query, answer one query per line of standard input.')
    .argument('[query...]', 'the query (words are joined with spaces)')
    .requiredOption('--index <dir>', 'index directory (holds manifest.json)')
    .option('--filter <facet=value>', `filter by a facet (${FACETS.join(', ')}); repeat it, same facet = OR`, (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--sort <order>', 'relevance, newest or oldest (default: relevance with a query)')
    .option('--limit <n>', 'hits per query', '10')
    .option('--json', 'one JSON line per query: {"query","total","hits":[{"id","title","score"}]}')
    .addHelpText('after', '\nExit codes: 0 ok, 2 usage, 3 index directory or file missing, 4 foreign, incompatible or damaged index.')
    .action(async (query: string[], flags: SearchFlags) => {
      try {
        await run(query, flags);
      } catch (err) {
        if (!(err instanceof CliError)) throw err;
        process.stderr.write(`changefind search: ${err.message}\n`);
        process.exitCode = err.exitCode;
      }
    });
}
