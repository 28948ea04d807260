import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import * as pipeline from '../../indexer/pipeline.ts';
import { build, buildRecords } from '../../indexer/pipeline.ts';
import { SCHEMA_VERSION } from '../../indexer/schema.ts';
import { FIXTURES, tempDir } from '../helpers/notes.ts';

describe('pipeline', () => {
  test('should export exactly the public API', () => {
    assert.deepEqual(Object.keys(pipeline).sort(), ['build', 'buildRecords']);
  });

  test('should write records, engine files and a manifest whose hashes match the files', async () => {
    const tmp = await tempDir();
    try {
      const out = join(tmp.path, 'index');
      await build([FIXTURES], { out });
      const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
      const names = (await readdir(out)).filter((name) => name !== 'manifest.json').sort();
      assert.deepEqual(Object.keys(manifest.hashes).sort(), names);
      for (const name of names) {
        assert.equal(manifest.hashes[name], createHash('sha256').update(await readFile(join(out, name))).digest('hex'), name);
      }
      assert.equal(manifest.files.records, 'records.jsonl');
      assert.equal(manifest.schemaVersion, SCHEMA_VERSION);
      assert.deepEqual(manifest.engines, ['minisearch']);
      assert.deepEqual(manifest.inputs, ['2018.md', '2027-okta-privileged-access.md', 'okta-sample-sdk.md']);
    } finally {
      await tmp.cleanup();
    }
  });

  test('should count records per facet value in the manifest', async () => {
    const tmp = await tempDir();
    try {
      const out = join(tmp.path, 'index');
      const { manifest } = await build([join(FIXTURES, '2027-okta-privileged-access.md')], { out });
      assert.equal(manifest.recordCount, 4);
      assert.deepEqual(manifest.counts, {
        lifecycle: { ea: 1 },
        kind: { docs: 2, feature: 1, fix: 1 },
        product: { 'Privileged Access': 4 },
        releaseType: { monthly: 3, weekly: 1 },
        year: { '2027': 4 },
        area: { 'Secret Folders': 1 },
      });
    } finally {
      await tmp.cleanup();
    }
  });

  test('should write one JSON record per line', async () => {
    const tmp = await tempDir();
    try {
      const out = join(tmp.path, 'index');
      const { records } = await build([FIXTURES], { out });
      const lines = (await readFile(join(out, 'records.jsonl'), 'utf8')).trimEnd().split('\n');
      assert.deepEqual(lines.map((line) => JSON.parse(line)), records);
    } finally {
      await tmp.cleanup();
    }
  });

  test('should use the base URL it is given', async () => {
    const { records } = await buildRecords([join(FIXTURES, 'okta-sample-sdk.md')], { baseUrl: 'https://docs.example.com/notes' });
    assert.equal(records[0]?.url, 'https://docs.example.com/notes/okta-sample-sdk/#bug-fixes:~:text=Fixed%20a%20crash%20when%20the%20token');
  });

  test('should reject a missing input with its path', async () => {
    await assert.rejects(buildRecords(['no/such/notes.md']), /no\/such\/notes\.md: no such file or folder/);
  });
});
