/**
 * Hostile queries against the search core and `changefind search`: random Unicode, regex
 * metacharacters, 10,000-character queries, thousands of filters, unknown facets and options.
 * The core never throws and always returns a well-formed result; the CLI answers or fails with a
 * clear message and its documented exit code.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { build } from '../../indexer/pipeline.ts';
import { FACETS } from '../../indexer/schema.ts';
import { loadIndex, SearchCore } from '../../widget/search-core.ts';
import type { SearchOptions } from '../../widget/search-types.ts';
import { runs } from '../helpers/fuzz.ts';
import { optionsArb, queryArb, resultProblems } from '../helpers/hostile-queries.ts';
import { REPO_ROOT } from '../helpers/notes.ts';

let work: string;
let index: string;
let core: SearchCore;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'changefind-hostile-'));
  index = join(work, 'index');
  await build([join(REPO_ROOT, 'demo/notes')], { out: index });
  core = await loadIndex(new URL(`file://${index}/`), { fetch: fileFetch });
});

after(() => rm(work, { recursive: true, force: true }));

/** fetch over file: URLs (Node's fetch has none), so the test loads the index as the widget does. */
async function fileFetch(input: RequestInfo | URL): Promise<Response> {
  const { readFile } = await import('node:fs/promises');
  try {
    return new Response(await readFile(new URL(String(input))));
  } catch {
    return new Response('not found', { status: 404 });
  }
}

function search(query: string, options?: SearchOptions) {
  const result = core.search(query, options);
  assert.deepEqual(resultProblems(result, query, options?.limit ?? 20), []);
  return result;
}

describe('search core under hostile queries', () => {
  test('should answer random queries with random options without throwing, with a well-formed result', () => {
    fc.assert(
      fc.property(queryArb, optionsArb, (query, options) => {
        const result = core.search(query, options);
        assert.deepEqual(resultProblems(result, query), [], `${JSON.stringify(query).slice(0, 80)} ${JSON.stringify(options).slice(0, 200)}`);
      }),
      { numRuns: runs(150), endOnFailure: true },
    );
  });

  test('should answer a 10,000-character query', () => {
    for (const unit of ['a', 'policy ', '"', '(', '\\', '𝔘', 'OKTA-']) {
      const query = unit.repeat(Math.ceil(10_000 / unit.length)).slice(0, 10_000);
      search(query, { limit: 20 });
    }
  });

  test('should answer a query made only of regex metacharacters', () => {
    const result = search('.*+?^${}()|[]\\/ (a|b)* [^x] \\d+ $1', { limit: 20 });
    assert.equal(typeof result.total, 'number');
  });

  test('should apply three thousand filter values across every facet', () => {
    const many = Array.from({ length: 3000 }, (_, i) => `value-${i}`);
    const filters = Object.fromEntries(FACETS.map((facet) => [facet, many]));
    const result = search('', { filters, limit: 20 });
    assert.equal(result.total, 0);
  });

  test('should not throw on unknown facet names, including prototype keys', () => {
    const filters = JSON.parse('{"bogus":["x"],"__proto__":["y"],"constructor":["z"],"toString":["w"]}') as SearchOptions['filters'];
    search('policy', { filters, limit: 20 });
  });

  test('should return at most the largest page for an absurd limit and offset', () => {
    const result = search('', { limit: 1e12, offset: -3 });
    assert.ok(result.hits.length <= result.total);
    search('', { limit: Number.NaN, offset: Number.NaN });
  });

  test('should return no hits for an empty date range and no throw for garbage dates', () => {
    assert.equal(search('', { dateRange: { from: '2030-01-01', to: '2000-01-01' } }).total, 0);
    search('', { dateRange: { from: '<script>', to: 'garbage' } });
  });
});

const cli = (args: string[], input?: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'indexer/cli.ts', ...args], { cwd: REPO_ROOT, input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

describe('changefind search under hostile arguments', () => {
  test('should refuse an unknown facet with exit code 2 and a message listing the facets', () => {
    const run = cli(['search', '--index', index, '--filter', 'bogus=1', 'policy']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /unknown facet "bogus"/);
    assert.match(run.stderr, new RegExp(FACETS.join(', ')));
  });

  test('should refuse a filter without a value with exit code 2', () => {
    const run = cli(['search', '--index', index, '--filter', 'lifecycle', 'policy']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /expected facet=value/);
  });

  test('should refuse a bad limit and a bad sort with exit code 2', () => {
    assert.equal(cli(['search', '--index', index, '--limit', '1e9x', 'a']).status, 2);
    assert.equal(cli(['search', '--index', index, '--sort', 'random', 'a']).status, 2);
  });

  test('should answer a 10,000-character query and two thousand filters', () => {
    const query = 'policy '.repeat(1500).slice(0, 10_000);
    const filters = Array.from({ length: 2000 }, (_, i) => ['--filter', i % 2 ? `lifecycle=v${i}` : 'kind=feature']).flat();
    const run = cli(['search', '--index', index, '--json', ...filters, query]);
    assert.equal(run.status, 0, run.stderr);
    const answer = JSON.parse(run.stdout) as { query: string; total: number };
    assert.equal(answer.query, query.trim());
  });

  test('should answer one JSON line per hostile stdin line', () => {
    const lines = ['.*', '(((', '\\', '"unclosed', '𝔘𝔫𝔦', '\u0000\u0001', '<script>alert(1)</script>', 'x'.repeat(100_000), 'OKTA-', '[a-z]+'];
    const run = cli(['search', '--index', index, '--json'], `${lines.join('\n')}\n`);
    assert.equal(run.status, 0, run.stderr);
    const answers = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { query: string });
    assert.deepEqual(answers.map((a) => a.query), lines.map((line) => line.trim()));
  });

  test('should say the index is missing with exit code 3', () => {
    const run = cli(['search', '--index', join(work, 'nope'), 'a']);
    assert.equal(run.status, 3);
    assert.match(run.stderr, /index directory not found/);
  });
});
