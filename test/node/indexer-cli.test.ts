import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { FIXTURES, REPO_ROOT, tempDir } from '../helpers/notes.ts';

const BIN = join(REPO_ROOT, 'bin/changefind.js');

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('changefind build', () => {
  test('should print help for the build command', () => {
    const result = run('build', '--help');
    assert.equal(result.code, 0);
    assert.match(result.stdout, /Usage: changefind build \[options\] <paths\.\.\.>/);
  });

  test('should build and print a summary of records per product, lifecycle and kind', async () => {
    const tmp = await tempDir();
    try {
      const result = run('build', join(FIXTURES, '2027-okta-privileged-access.md'), '--out', join(tmp.path, 'out'));
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /^product\s+records\nPrivileged Access\s+4\n/);
      assert.match(result.stdout, /\nkind\s+records\ndocs\s+2\nfeature\s+1\nfix\s+1\n/);
      assert.match(result.stdout, /4 records, 0 warnings, written to /);
    } finally {
      await tmp.cleanup();
    }
  });

  test('should fail with a clear message for a missing path', async () => {
    const tmp = await tempDir();
    try {
      const result = run('build', 'no-such-folder', '--out', join(tmp.path, 'out'));
      assert.equal(result.code, 1);
      assert.equal(result.stderr, 'changefind build: error: no-such-folder: no such file or folder; check the path\n');
    } finally {
      await tmp.cleanup();
    }
  });

  test('should fail on an unknown option', () => {
    const result = run('build', FIXTURES, '--out', 'x', '--colour');
    assert.equal(result.code, 2);
    assert.match(result.stderr, /unknown option '--colour'/);
  });

  test('should fail with the file name for a broken config', async () => {
    const tmp = await tempDir();
    try {
      const config = join(tmp.path, 'cf.json');
      await writeFile(config, '{ "areas": 3 }');
      const result = run('build', FIXTURES, '--out', join(tmp.path, 'out'), '--config', config);
      assert.equal(result.code, 1);
      assert.equal(result.stderr, `changefind build: error: ${config}: "areas" must be an array of { area, keywords }\n`);
    } finally {
      await tmp.cleanup();
    }
  });

  test('should print warnings as file:line: message', async () => {
    const tmp = await tempDir();
    try {
      const page = join(tmp.path, 'guide.md');
      await writeFile(page, '# A guide\n\n## Setup\n\nNot release notes.\n');
      const result = run('build', page, '--out', join(tmp.path, 'out'), '--quiet');
      assert.equal(result.code, 0);
      assert.match(result.stderr, /guide\.md:1: no release headings found/);
      assert.equal(result.stdout, '');
    } finally {
      await tmp.cleanup();
    }
  });
});
