import assert from 'node:assert/strict';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { writeOutput, WriteError } from '../../indexer/write.ts';
import { tempDir } from '../helpers/notes.ts';

async function contents(dir: string): Promise<Record<string, string>> {
  const names = (await readdir(dir)).sort();
  return Object.fromEntries(await Promise.all(names.map(async (name) => [name, await readFile(join(dir, name), 'utf8')] as const)));
}

describe('atomic write', () => {
  test('should write every entry into a new output folder', async () => {
    const tmp = await tempDir();
    try {
      const out = join(tmp.path, 'index');
      await writeOutput(out, [{ name: 'a.json', content: '1' }, { name: 'manifest.json', content: '{}' }]);
      assert.deepEqual(await contents(out), { 'a.json': '1', 'manifest.json': '{}' });
    } finally {
      await tmp.cleanup();
    }
  });

  test('should replace the previous output and leave no other build behind', async () => {
    const tmp = await tempDir();
    try {
      const out = join(tmp.path, 'index');
      await writeOutput(out, [{ name: 'old.json', content: 'old' }]);
      await writeOutput(out, [{ name: 'new.json', content: 'new' }]);
      assert.deepEqual(await contents(out), { 'new.json': 'new' });
      assert.equal((await readdir(tmp.path)).filter((name) => name !== 'index').length, 1);
    } finally {
      await tmp.cleanup();
    }
  });

  test('should keep the previous output when writing the new one fails', async () => {
    const tmp = await tempDir();
    try {
      const out = join(tmp.path, 'index');
      await writeOutput(out, [{ name: 'manifest.json', content: 'old' }]);
      // Two entries with one name: the second exclusive create fails half-way through the build.
      await assert.rejects(writeOutput(out, [{ name: 'x.json', content: 'new' }, { name: 'x.json', content: 'again' }]), (error: unknown) => error instanceof WriteError && /previous output is unchanged/.test(error.message));
      assert.deepEqual(await contents(out), { 'manifest.json': 'old' });
      assert.equal((await readdir(tmp.path)).length, 2);
    } finally {
      await tmp.cleanup();
    }
  });

  test('should move a plain output folder aside the first time', async () => {
    const tmp = await tempDir();
    try {
      const out = join(tmp.path, 'index');
      await writeOutput(join(tmp.path, 'scratch'), [{ name: 'x', content: 'x' }]);
      await import('node:fs/promises').then((fs) => fs.mkdir(out));
      await writeFile(join(out, 'stale.txt'), 'stale');
      await writeOutput(out, [{ name: 'manifest.json', content: 'new' }]);
      assert.deepEqual(await contents(out), { 'manifest.json': 'new' });
    } finally {
      await tmp.cleanup();
    }
  });

  test('should refuse an output path that is a file', async () => {
    const tmp = await tempDir();
    try {
      const out = join(tmp.path, 'index');
      await writeFile(out, 'not a folder');
      await assert.rejects(writeOutput(out, [{ name: 'manifest.json', content: 'x' }]), /exists and is not a folder/);
      assert.equal(await readFile(out, 'utf8'), 'not a folder');
    } finally {
      await tmp.cleanup();
    }
  });
});
