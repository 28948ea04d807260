/**
 * `npm run fuzz [-- --long] [--runs N] [--seed S]`: the hardening properties at scale, plus a check
 * that indexing time grows linearly with input size on pathological inputs.
 *
 *   short (default): 2,000 cases, for a quick local run;  --long: 100,000 cases (the bench machine).
 *
 * Cases are split over three categories: mutated corpus pages (indexer), mutated bytes through the
 * read stage, and hostile queries with hostile options (search core). Prints cases tried and
 * failures per category and exits non-zero on any failure or superlinear growth. Timing lives here,
 * never in tests: each pathological input is timed at 1x, 4x and 16x size and the 16x/1x ratio must
 * stay under 16 x 4 (generous: linear growth gives about 16).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { build, buildRecords } from '../indexer/pipeline.ts';
import { parseMarkdown } from '../indexer/parse.ts';
import { loadIndex } from '../widget/search-core.ts';
import { indexerProperty, outputProblems, sampleArb } from '../test/helpers/fuzz.ts';
import { optionsArb, queryArb, resultProblems } from '../test/helpers/hostile-queries.ts';
import { REPO_ROOT } from '../test/helpers/notes.ts';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const total = Number(flag('--runs') ?? (args.includes('--long') ? 100_000 : 2_000));
const seed = flag('--seed') === undefined ? Date.now() % 2 ** 31 : Number(flag('--seed'));
const hugeLine = args.includes('--long') ? 1024 * 1024 : 64 * 1024;

interface Tally {
  category: string;
  cases: number;
  failures: number;
  ms: number;
  first?: string;
}
const tallies: Tally[] = [];

function run(category: string, property: fc.IProperty<never> | fc.IAsyncProperty<never>, numRuns: number): Promise<void> | void {
  const tally: Tally = { category, cases: 0, failures: 0, ms: 0 };
  tallies.push(tally);
  const started = performance.now();
  const settle = (result: fc.RunDetails<unknown>) => {
    tally.cases = result.numRuns;
    tally.failures = result.failed ? 1 : 0;
    if (result.failed) tally.first = `${String(result.errorInstance).slice(0, 2000)}\n(reproduce with --seed ${result.seed}; path ${result.counterexamplePath})`;
    tally.ms = performance.now() - started;
    process.stderr.write(`${category}: ${tally.cases} cases, ${tally.failures} failures, ${(tally.ms / 1000).toFixed(1)} s\n`);
  };
  const details = fc.check(property as fc.IProperty<unknown>, { numRuns, seed, endOnFailure: true });
  if (details instanceof Promise) return details.then(settle);
  settle(details);
}

// 1. Mutated corpus pages through parse -> split -> classify (70% of the cases).
run('indexer: mutated corpus pages', indexerProperty(hugeLine) as unknown as fc.IProperty<never>, Math.round(total * 0.7));

// 2. Mutated bytes (invalid UTF-8, NUL, BOM) through the read stage (5%).
const dir = await mkdtemp(join(tmpdir(), 'changefind-fuzz-'));
let n = 0;
await run(
  'read stage: invalid UTF-8 bytes',
  fc.asyncProperty(sampleArb(80), fc.array(fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 4 })), { minLength: 1, maxLength: 6 }), async (sample, inserts) => {
    let bytes = Buffer.from(sample.text, 'utf8');
    for (const [position, junk] of inserts) {
      const i = position % (bytes.length + 1);
      bytes = Buffer.concat([bytes.subarray(0, i), Buffer.from(junk.map((x) => 0x80 | x)), bytes.subarray(i)]);
    }
    const name = `${n++}-${sample.name}`;
    await writeFile(join(dir, name), bytes);
    const { records, warnings } = await buildRecords([join(dir, name)]);
    const problems = outputProblems(name, new TextDecoder().decode(bytes), { records, warnings: warnings.map((w) => ({ ...w, file: name })) });
    await rm(join(dir, name));
    if (problems.length) throw new Error(problems.slice(0, 5).join('\n'));
  }) as unknown as fc.IAsyncProperty<never>,
  Math.max(10, Math.round(total * 0.05)),
);

// 3. Hostile queries and options against a real index (25%).
const out = join(dir, 'index');
await build([join(REPO_ROOT, '../shared/corpus/okta')], { out, baseUrl: 'https://developer.okta.com/' });
const { readFile } = await import('node:fs/promises');
const core = await loadIndex(new URL(`file://${out}/`), {
  fetch: (async (input: RequestInfo | URL) => new Response(await readFile(new URL(String(input))))) as typeof fetch,
});
run(
  'search core: hostile queries and options',
  fc.property(queryArb, optionsArb, (query, options) => {
    const problems = resultProblems(core.search(query, options), query);
    if (problems.length) throw new Error(`${JSON.stringify(query).slice(0, 80)}: ${problems.slice(0, 5).join('; ')}`);
  }) as unknown as fc.IProperty<never>,
  Math.round(total * 0.25),
);
await rm(dir, { recursive: true, force: true });

// 3b. Query time grows at most linearly with query length and filter count (1x / 4x / 16x).
const QUERY_SHAPES: Record<string, (k: number) => [string, object]> = {
  'long query (words)': (k) => ['policy sign in '.repeat(40 * k), {}],
  'long query (one token)': (k) => ['a'.repeat(600 * k), {}],
  'long query (metacharacters)': (k) => ['.*+?^${}()|[]\\/'.repeat(40 * k), {}],
  'many filter values': (k) => ['policy', { filters: { area: Array.from({ length: 2000 * k }, (_, i) => `area-${i}`), lifecycle: ['ea', 'beta'] } }],
};
const queryTime = (query: string, options: object) => {
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    core.search(query, options);
    runs.push(performance.now() - started);
  }
  return Math.max(Math.min(...runs), 0.05);
};
const slowQueries: string[] = [];
for (const [name, make] of Object.entries(QUERY_SHAPES)) {
  const ms = [1, 4, 16].map((k) => queryTime(...make(k)));
  const ratio = ms[2]! / ms[0]!;
  if (ratio > 16 * 4) slowQueries.push(name);
  process.stderr.write(`query time: ${name.padEnd(30)} ${ms.map((m) => `${m.toFixed(2)} ms`).join(' / ')}  16x/1x = ${ratio.toFixed(1)}${ratio > 16 * 4 ? '  SUPERLINEAR' : ''}\n`);
}

// 4. Linear time on pathological inputs: parse time at 1x, 4x and 16x size.
const PATHOLOGICAL: Record<string, (size: number) => string> = {
  'nested ordered lists': (s) => '1. '.repeat(s / 3),
  'nested bullets': (s) => '- '.repeat(s / 2),
  'nested quotes': (s) => '> '.repeat(s / 2),
  'emphasis paragraph': (s) => '*_ a\n'.repeat(s / 5),
  'emphasis line': (s) => '*_'.repeat(s / 2),
  'unclosed brackets': (s) => '[a \n'.repeat(s / 4),
  'unclosed tags': (s) => '<a \n'.repeat(s / 4),
  'code-span runs': (s) => '`` a `\n'.repeat(s / 7),
  'unclosed comments': (s) => '<!-- x\n'.repeat(s / 7),
  'table rows': (s) => `| a | b |\n| - | - |\n${'| x |\n'.repeat(s / 6)}`,
  'headings without body': (s) => '#### x\n'.repeat(s / 7),
};
const BASE = 8192;
const LIMIT = 16 * 4;
let superlinear = 0;
const time = (text: string) => {
  const best: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    parseMarkdown('fuzz.md', text);
    best.push(performance.now() - started);
  }
  return Math.max(Math.min(...best), 0.5);
};
time('warm *up* [x](y) `z`\n'.repeat(200));
for (const [name, make] of Object.entries(PATHOLOGICAL)) {
  const ms = [1, 4, 16].map((k) => time(`# Fuzz\n\n${make(BASE * k)}\n`));
  const ratio = ms[2]! / ms[0]!;
  const ok = ratio <= LIMIT;
  if (!ok) superlinear++;
  process.stderr.write(`linear time: ${name.padEnd(24)} ${ms.map((m) => `${m.toFixed(1)} ms`).join(' / ')}  16x/1x = ${ratio.toFixed(1)}${ok ? '' : `  > ${LIMIT}: SUPERLINEAR`}\n`);
}

process.stdout.write(`\nfuzz (seed ${seed}, ${total} cases requested)\n`);
for (const t of tallies) process.stdout.write(`${t.category.padEnd(42)} ${String(t.cases).padStart(7)} cases  ${t.failures} failures\n`);
process.stdout.write(`${'linear time (pathological inputs)'.padEnd(42)} ${String(Object.keys(PATHOLOGICAL).length).padStart(7)} inputs  ${superlinear} superlinear\n`);
for (const t of tallies) if (t.first) process.stdout.write(`\n${t.category}: first failure\n${t.first}\n`);
process.stdout.write(`${'linear time (hostile query shapes)'.padEnd(42)} ${String(Object.keys(QUERY_SHAPES).length).padStart(7)} shapes  ${slowQueries.length} superlinear\n`);
process.exitCode = tallies.some((t) => t.failures > 0) || superlinear > 0 || slowQueries.length > 0 ? 1 : 0;
