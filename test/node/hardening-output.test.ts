/**
 * No lost output: `changefind verify` tells every index fault apart; a build SIGKILLed at random points
 * leaves either the previous complete index or the new one (verify passes, never a mix); a target that
 * cannot be written (file size limit, a file where a folder is expected, /proc) is a clear error with
 * the old output intact. Runs as root too: every fault here fails for root.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { VERIFY_EXIT, verifyIndex } from '../../indexer/commands/verify.ts';
import { build } from '../../indexer/pipeline.ts';
import type { Manifest } from '../../indexer/schema.ts';
import { CORPUS, REPO_ROOT } from '../helpers/notes.ts';

const DEMO = join(REPO_ROOT, 'demo/notes');
const SMALL_CORPUS = ['2025-okta-aerial.md', '2026-okta-access-gateway.md', '2026-okta-mcp-server.md'].map((name) => join(CORPUS, name));
const KILLS = Number(process.env.KILL_RUNS) > 0 ? Number(process.env.KILL_RUNS) : 20;

let work: string;
let good: string;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'changefind-output-'));
  good = join(work, 'good');
  await build([DEMO], { out: good });
});

after(() => rm(work, { recursive: true, force: true }));

/** A copy of the good index as a plain folder, to damage. */
async function copyOfGood(): Promise<string> {
  const dir = join(work, `copy-${randomInt(1e9)}`);
  await cp(good, dir, { recursive: true, dereference: true });
  return dir;
}

const readManifest = async (dir: string) => JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Manifest;
const cli = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'indexer/cli.ts', ...args], { cwd: REPO_ROOT, encoding: 'utf8' });

describe('changefind verify', () => {
  test('should pass a complete build with exit code 0', () => {
    const run = cli(['verify', good]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /ok \(\d+ records, 4 files, hashes match\)/);
  });

  test('should report a missing directory with its own exit code', () => {
    const run = cli(['verify', join(work, 'nowhere')]);
    assert.equal(run.status, VERIFY_EXIT.noDirectory);
    assert.match(run.stderr, /no such directory/);
  });

  test('should report a missing manifest.json with its own exit code', async () => {
    const dir = await copyOfGood();
    await unlink(join(dir, 'manifest.json'));
    const report = verifyIndex(dir);
    assert.equal(report.exitCode, VERIFY_EXIT.noManifest);
    assert.match(report.problems[0]!.message, /manifest\.json: missing/);
  });

  test('should report a truncated manifest.json as cut short', async () => {
    const dir = await copyOfGood();
    const text = await readFile(join(dir, 'manifest.json'), 'utf8');
    await writeFile(join(dir, 'manifest.json'), text.slice(0, text.length >> 1));
    const report = verifyIndex(dir);
    assert.equal(report.exitCode, VERIFY_EXIT.manifestNotJson);
    assert.match(report.problems[0]!.message, /cut short/);
  });

  test('should report an HTML error page in place of manifest.json', async () => {
    const dir = await copyOfGood();
    await writeFile(join(dir, 'manifest.json'), '<!doctype html><title>502 Bad Gateway</title>');
    const report = verifyIndex(dir);
    assert.equal(report.exitCode, VERIFY_EXIT.manifestNotJson);
    assert.match(report.problems[0]!.message, /HTML/);
  });

  test('should report JSON that is not a changefind manifest', async () => {
    const dir = await copyOfGood();
    await writeFile(join(dir, 'manifest.json'), '{"name":"something else"}');
    assert.equal(verifyIndex(dir).exitCode, VERIFY_EXIT.notManifest);
  });

  test('should report another schema version naming both versions', async () => {
    const dir = await copyOfGood();
    const manifest = await readManifest(dir);
    await writeFile(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, schemaVersion: manifest.schemaVersion + 1 }));
    const report = verifyIndex(dir);
    assert.equal(report.exitCode, VERIFY_EXIT.schemaVersion);
    assert.match(report.problems[0]!.message, new RegExp(`schema version ${manifest.schemaVersion + 1}, but this changefind reads version ${manifest.schemaVersion}`));
  });

  test('should report a missing index file by name', async () => {
    const dir = await copyOfGood();
    const manifest = await readManifest(dir);
    const name = manifest.files.docs ?? Object.values(manifest.files)[0]!;
    await unlink(join(dir, name));
    const report = verifyIndex(dir);
    assert.equal(report.exitCode, VERIFY_EXIT.missingFile);
    assert.ok(report.problems[0]!.message.includes(name));
  });

  test('should report a truncated index file as a hash mismatch', async () => {
    const dir = await copyOfGood();
    const manifest = await readManifest(dir);
    const name = manifest.files.index ?? Object.values(manifest.files)[0]!;
    const text = await readFile(join(dir, name));
    await writeFile(join(dir, name), text.subarray(0, text.length - 100));
    const report = verifyIndex(dir);
    assert.equal(report.exitCode, VERIFY_EXIT.hashMismatch);
    assert.match(report.problems[0]!.message, /does not match manifest\.json/);
  });

  test('should report files from different builds (another build\'s records.jsonl)', async () => {
    const other = join(work, 'other');
    await build(SMALL_CORPUS, { out: other });
    const dir = await copyOfGood();
    await cp(join(other, 'records.jsonl'), join(dir, 'records.jsonl'));
    assert.equal(verifyIndex(dir).exitCode, VERIFY_EXIT.hashMismatch);
  });

  test('should report a record count that differs from the manifest', async () => {
    const dir = await copyOfGood();
    const manifest = await readManifest(dir);
    await writeFile(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, recordCount: manifest.recordCount + 1 }));
    const report = verifyIndex(dir);
    assert.equal(report.exitCode, VERIFY_EXIT.recordCount);
    assert.match(report.problems[0]!.message, new RegExp(`${manifest.recordCount} records, but manifest.json says ${manifest.recordCount + 1}`));
  });

  test('should refuse a manifest naming a file outside the index directory', async () => {
    const dir = await copyOfGood();
    const manifest = await readManifest(dir);
    await writeFile(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, files: { ...manifest.files, docs: '../../etc/passwd' } }));
    assert.equal(verifyIndex(dir).exitCode, VERIFY_EXIT.notManifest);
  });
});

/** Runs `changefind build` and SIGKILLs it after `delay` ms (or lets it finish). */
function buildAndKill(inputs: string[], out: string, delay: number | null): Promise<{ killed: boolean; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'indexer/cli.ts', 'build', ...inputs, '--out', out, '--quiet'], { cwd: REPO_ROOT, stdio: 'ignore' });
    const timer = delay === null ? undefined : setTimeout(() => child.kill('SIGKILL'), delay);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ killed: signal === 'SIGKILL', code });
    });
  });
}

describe('builds killed or refused', () => {
  test('should leave the previous or the new complete index after every SIGKILL, never a mix', async () => {
    const out = join(work, 'killed', 'index');
    await mkdir(join(work, 'killed'));
    const started = performance.now();
    assert.equal((await buildAndKill([DEMO], out, null)).code, 0);
    const full = performance.now() - started;
    const other = join(work, 'killed-reference');
    await build(SMALL_CORPUS, { out: other });
    const hashOf = new Map([
      [DEMO, (await readManifest(out)).inputHash],
      [SMALL_CORPUS[0]!, (await readManifest(other)).inputHash],
    ]);
    let previous = hashOf.get(DEMO)!;
    let kills = 0;
    for (let i = 0; i < KILLS; i++) {
      const inputs = i % 2 ? [DEMO] : SMALL_CORPUS;
      const result = await buildAndKill(inputs, out, randomInt(Math.max(2, Math.round(full * 1.2))));
      if (result.killed) kills++;
      assert.deepEqual(verifyIndex(out).problems, [], `after kill ${i}`);
      const now = (await readManifest(out)).inputHash;
      assert.ok([previous, hashOf.get(inputs[0]!)].includes(now), `after kill ${i}: the index is neither the previous build nor the new one`);
      if (!result.killed) assert.equal(now, hashOf.get(inputs[0]!), `build ${i} finished but the index is not its output`);
      previous = now;
    }
    assert.ok(kills > 0, 'no build was killed; the delays are too long');
    assert.equal((await buildAndKill([DEMO], out, null)).code, 0);
    const left = (await readdir(join(work, 'killed'))).filter((name) => name !== 'index');
    await rm(other, { recursive: true, force: true });
    assert.equal(left.length, 1, `stale build folders left: ${left.join(', ')}`);
  });

  test('should refuse a write over the file size limit with a clear error and keep the old output', async () => {
    const out = join(work, 'fsize');
    await build([DEMO], { out });
    const before = await readManifest(out);
    const run = spawnSync('bash', ['-c', `ulimit -f 8; exec "${process.execPath}" --import tsx indexer/cli.ts build "${SMALL_CORPUS.join('" "')}" --out "${out}" --quiet`], { cwd: REPO_ROOT, encoding: 'utf8' });
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stderr, /cannot write the index to .*The previous output is unchanged\./);
    assert.deepEqual(await readManifest(out), before);
    assert.deepEqual(verifyIndex(out).problems, []);
  });

  test('should refuse an output path below a regular file with a clear error', async () => {
    const file = join(work, 'plain-file');
    await writeFile(file, 'keep me');
    const run = cli(['build', DEMO, '--out', join(file, 'index'), '--quiet']);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /changefind build: error: cannot write the index to .*(not a folder|--out)/);
    assert.equal(await readFile(file, 'utf8'), 'keep me');
  });

  test('should refuse an output path that is a regular file and leave the file alone', async () => {
    const file = join(work, 'taken');
    await writeFile(file, 'keep me');
    const run = cli(['build', DEMO, '--out', file, '--quiet']);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /exists and is not a folder/);
    assert.equal(await readFile(file, 'utf8'), 'keep me');
  });

  test('should refuse an output folder inside /proc with a clear error', () => {
    const run = cli(['build', DEMO, '--out', '/proc/self/changefind-index', '--quiet']);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /changefind build: error: cannot write the index to \/proc\/self\/changefind-index/);
  });
});
