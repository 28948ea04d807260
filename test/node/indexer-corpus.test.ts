/**
 * Integration tests over the real corpus (../shared/corpus/okta, read in place): the invariants an
 * independent judge measures, determinism, and a kill during a build.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { build, buildRecords } from '../../indexer/pipeline.ts';
import type { ChangeRecord } from '../../indexer/schema.ts';
import { measureCorpus, rate, type CorpusMetrics } from '../helpers/corpus-metrics.ts';
import { CORPUS, REPO_ROOT, tempDir } from '../helpers/notes.ts';

let records: ChangeRecord[] = [];
let metrics: CorpusMetrics;

before(async () => {
  records = (await buildRecords([CORPUS])).records;
  metrics = measureCorpus(CORPUS, records);
});

function atLeast(name: keyof CorpusMetrics, minimum: number): void {
  const ratio = metrics[name];
  assert.ok(!Array.isArray(ratio));
  assert.ok(rate(ratio) >= minimum, `${name} ${rate(ratio)} < ${minimum}; misses: ${ratio.misses.join('; ')}`);
}

describe('corpus invariants', () => {
  test('should turn at least 99% of change headings into records', () => atLeast('headingRecall', 0.99));
  test('should give change-heading records the release of their section', () => atLeast('releaseAccuracy', 0.99));
  test('should carry every OKTA ticket of a file in a record of that file', () => atLeast('ticketRecall', 0.999));
  test('should carry a ticket written once in exactly one record', () => atLeast('singleMentionOneRecord', 0.99));
  test('should resolve at least 95% of summary-table anchors to record anchors', () => atLeast('anchorResolution', 0.95));
  test('should classify the lifecycle phrases of headings', () => atLeast('explicitLifecycle', 0.99));
  test('should leave no markup residue in titles and texts', () => atLeast('markupResidue', 1));
  test('should give every record a unique id', () => assert.deepEqual(metrics.duplicateIds, []));
  test('should index no change from the release life-cycle page', () => {
    assert.deepEqual(records.filter((record) => record.file === 'releases-at-okta.md'), []);
  });
});

async function files(dir: string): Promise<Record<string, string>> {
  const names = (await readdir(dir)).sort();
  return Object.fromEntries(await Promise.all(names.map(async (name) => [name, createHash('sha256').update(await readFile(join(dir, name))).digest('hex')] as const)));
}

/** True when the folder holds a manifest whose hashes match every file it names. */
async function complete(dir: string): Promise<boolean> {
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as { hashes: Record<string, string> };
  const actual = await files(dir);
  return Object.entries(manifest.hashes).every(([name, hash]) => actual[name] === hash);
}

describe('corpus builds', () => {
  test('should build byte-identical output twice', async () => {
    const tmp = await tempDir();
    try {
      await build([CORPUS], { out: join(tmp.path, 'a') });
      await build([CORPUS], { out: join(tmp.path, 'b') });
      assert.deepEqual(await files(join(tmp.path, 'b')), await files(join(tmp.path, 'a')));
    } finally {
      await tmp.cleanup();
    }
  });

  test('should give the same records on worker threads as in one thread', async () => {
    process.env.CHANGEFIND_THREADS = '2';
    try {
      assert.deepEqual((await buildRecords([CORPUS])).records, records);
    } finally {
      delete process.env.CHANGEFIND_THREADS;
    }
  });

  test('should keep the previous output complete when a build is killed', async () => {
    const tmp = await tempDir();
    try {
      const out = join(tmp.path, 'out');
      await build([CORPUS], { out });
      const before = await files(out);
      for (const waitForWrite of [false, true]) {
        const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/changefind.js'), 'build', CORPUS, '--out', out, '--quiet'], { stdio: 'ignore' });
        if (waitForWrite) {
          // Kill while the new build is being written next to the old one.
          while (!(await readdir(tmp.path)).some((name) => name.startsWith('.out.build-') && name.includes(`-${child.pid}-`))) {
            if (child.exitCode !== null) break;
            await new Promise((resolve) => setTimeout(resolve, 2));
          }
        }
        child.kill('SIGKILL');
        await new Promise((resolve) => child.once('exit', resolve));
        assert.ok(await complete(out), `output incomplete after a kill (waitForWrite=${waitForWrite})`);
        assert.deepEqual(await files(out), before);
      }
    } finally {
      await tmp.cleanup();
    }
  });
});
