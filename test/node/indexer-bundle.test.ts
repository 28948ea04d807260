import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import { bundleJson, makeBundle, readBundle } from '../../indexer/bundle.ts';
import { build } from '../../indexer/pipeline.ts';
import type { Manifest } from '../../indexer/schema.ts';
import { FIXTURES, REPO_ROOT, md, tempDir } from '../helpers/notes.ts';

const hostile = md`
  ## Monthly release 2026.02.0

  #### Script tags are escaped

  Requests with size < 10 KB and </script> tags are cached. <!-- OKTA-1 -->
`;

/** The bundle as the files on disk give it: manifest.json and each file it names. */
async function bundleOnDisk(out: string) {
  const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as Manifest;
  const files: Record<string, string> = {};
  for (const name of Object.values(manifest.files)) files[name] = await readFile(join(out, name), 'utf8');
  return { manifest, files };
}

describe('inline bundle', () => {
  test('should write bundle.json holding the manifest and every file it names', async () => {
    const tmp = await tempDir();
    try {
      const out = join(tmp.path, 'index');
      await build([FIXTURES], { out, bundle: true });
      assert.deepEqual(JSON.parse(await readFile(join(out, 'bundle.json'), 'utf8')), await bundleOnDisk(out));
    } finally {
      await tmp.cleanup();
    }
  });

  test('should write bundle.js whose default export is the same bundle', async () => {
    const tmp = await tempDir();
    try {
      const out = join(tmp.path, 'index');
      await build([FIXTURES], { out, bundle: true });
      const module = (await import(pathToFileURL(join(out, 'bundle.js')).href)) as { default: unknown };
      assert.deepEqual(module.default, await bundleOnDisk(out));
    } finally {
      await tmp.cleanup();
    }
  });

  test('should write no "<" into bundle.json even when the records hold one', async () => {
    const tmp = await tempDir();
    try {
      await writeFile(join(tmp.path, '2026.md'), hostile);
      const out = join(tmp.path, 'index');
      await build([join(tmp.path, '2026.md')], { out, bundle: true });
      const json = await readFile(join(out, 'bundle.json'), 'utf8');
      assert.equal(json.includes('<'), false);
      assert.match(JSON.parse(json).files['records.jsonl'], /size < 10 KB/);
    } finally {
      await tmp.cleanup();
    }
  });

  test('should escape </script> and line separators so the JSON is safe in a script element and parses back', () => {
    const bundle = { manifest: { schemaVersion: 1 } as Manifest, files: { 'docs.json': '["</script><script>alert(1)</script>", "\u2028\u2029"]' } };
    const json = bundleJson(bundle);
    assert.equal(/[<\u2028\u2029]/.test(json), false);
    assert.deepEqual(JSON.parse(json), bundle);
  });

  test('should write no bundle files without the bundle option', async () => {
    const tmp = await tempDir();
    try {
      const out = join(tmp.path, 'index');
      await build([FIXTURES], { out });
      const names = await readdir(out);
      assert.equal(names.includes('bundle.json') || names.includes('bundle.js'), false);
    } finally {
      await tmp.cleanup();
    }
  });

  test('should read a built folder back as the bundle the build wrote', async () => {
    const tmp = await tempDir();
    try {
      const out = join(tmp.path, 'index');
      await build([FIXTURES], { out, bundle: true });
      assert.equal(`${bundleJson(await readBundle(out))}\n`, await readFile(join(out, 'bundle.json'), 'utf8'));
    } finally {
      await tmp.cleanup();
    }
  });

  test('should refuse to bundle a file the manifest names that is binary', () => {
    const manifest = { files: { records: 'records.jsonl', pagefind: 'pagefind/' } } as unknown as Manifest;
    assert.throws(
      () => makeBundle(manifest, [{ name: 'records.jsonl', content: '' }, { name: 'pagefind/', content: new Uint8Array(1) }]),
      /^BundleError: the index file "pagefind\/" cannot be inlined \(binary or a folder\); .* --engine minisearch/,
    );
  });

  test('should write the bundle from the CLI with --bundle', async () => {
    const tmp = await tempDir();
    try {
      const out = join(tmp.path, 'index');
      const result = spawnSync(process.execPath, [join(REPO_ROOT, 'bin/changefind.js'), 'build', FIXTURES, '--out', out, '--bundle', '-q'], { cwd: REPO_ROOT, encoding: 'utf8' });
      assert.equal(result.status, 0, result.stderr);
      assert.deepEqual(JSON.parse(await readFile(join(out, 'bundle.json'), 'utf8')), await bundleOnDisk(out));
    } finally {
      await tmp.cleanup();
    }
  });
});
