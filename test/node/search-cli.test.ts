import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { bundleOf, tempDir, writeIndexDir } from '../fixtures/search/bundle.ts';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const index = writeIndexDir();

function cli(args: string[], input = ''): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'indexer/cli.ts'), 'search', ...args], { cwd: root, input, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const lines = (s: string): unknown[] => s.trim().split('\n').map((l) => JSON.parse(l));

test('should print one JSON line per query with query, total and hits', () => {
  const r = cli(['--index', index, '--json', 'passkey']);
  const [line] = lines(r.stdout) as { query: string; total: number; hits: { id: string; title: string; score: number }[] }[];
  assert.deepEqual([r.code, line!.query, line!.total, line!.hits.map((h) => [h.id, h.title, typeof h.score])], [0, 'passkey', 1, [['passkeys', 'Passkey rebrand is GA in Preview', 'number']]]);
});

test('should answer each standard-input line in turn when no query is given', () => {
  const r = cli(['--index', index, '--json'], 'OKTA-1099636\nidentity provider\n\n/device-assurances\n');
  assert.deepEqual(lines(r.stdout).map((l) => { const x = l as { query: string; hits: { id: string }[] }; return [x.query, x.hits[0]?.id]; }), [
    ['OKTA-1099636', 'bug-login'], ['identity provider', 'idp-routing'], ['/device-assurances', 'device-assurance'],
  ]);
});

test('should OR repeated filters of one facet and AND different facets', () => {
  const browse = (filters: string[]): string[] => {
    const r = cli(['--index', index, '--json', '--sort', 'newest', ...filters.flatMap((f) => ['--filter', f])], '*\n'); // '*' holds no words: browse
    return (lines(r.stdout)[0] as { hits: { id: string }[] }).hits.map((h) => h.id);
  };
  assert.deepEqual([browse(['lifecycle=ea', 'lifecycle=beta']), browse(['lifecycle=ea', 'lifecycle=beta', 'product=Classic Engine'])], [['device-assurance', 'sdk'], ['sdk']]);
});

test('should print a readable list with release, date, lifecycle and URL', () => {
  const r = cli(['--index', index, 'number challenge']);
  assert.equal(r.stdout, '1 result for "number challenge"\n  1. Okta Verify 5.14.1 supports number challenge\n     2022.01.0 · 2022-01-10 · Beta · Classic Engine\n     https://example.test/notes#sdk\n');
});

test('should limit the hits per query', () => {
  const r = cli(['--index', index, '--json', '--limit', '2', '--sort', 'newest'], '*\n');
  assert.deepEqual((lines(r.stdout)[0] as { hits: unknown[] }).hits.length, 2);
});

test('should exit 2 with the facet names for an unknown facet', () => {
  const r = cli(['--index', index, '--filter', 'colour=red', 'x']);
  assert.deepEqual([r.code, /unknown facet "colour".*lifecycle, kind, product, releaseType, year, area/.test(r.stderr)], [2, true]);
});

test('should exit 2 for a bad sort order', () => {
  assert.equal(cli(['--index', index, '--sort', 'random', 'x']).code, 2);
});

test('should exit 2 when --index is missing', () => {
  assert.equal(cli(['x']).code, 2);
});

test('should exit 3 with a build hint for a missing index directory', () => {
  const r = cli(['--index', join(tmpdir(), 'changefind-no-such-dir'), 'x']);
  assert.deepEqual([r.code, /index directory not found.*changefind build/.test(r.stderr)], [3, true]);
});

test('should exit 4 for a directory that is not a changefind index', () => {
  const dir = tempDir('changefind-foreign-');
  writeFileSync(join(dir, 'index.json'), '{}');
  const r = cli(['--index', dir, 'x']);
  assert.deepEqual([r.code, /not a changefind index/.test(r.stderr)], [4, true]);
});

test('should exit 4 naming both versions for an index of another schema version', () => {
  const bundle = bundleOf();
  const dir = writeIndexDir({ ...bundle, manifest: { ...bundle.manifest, schemaVersion: 99 } });
  const r = cli(['--index', dir, 'x']);
  assert.deepEqual([r.code, /schema version 99.*Rebuild/.test(r.stderr)], [4, true]);
});

test('should exit 4 for an index file that does not match its manifest hash', () => {
  const bundle = bundleOf();
  const dir = writeIndexDir({ ...bundle, files: { ...bundle.files, 'docs.json': bundle.files['docs.json']!.slice(0, 100) } });
  assert.equal(cli(['--index', dir, 'x']).code, 4);
});
