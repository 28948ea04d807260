import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { resolvePath, serve } from '../../demo/static-server.ts';

let dir = '';
let base = '';
let close: () => void = () => {};

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'changefind-demo-'));
  await mkdir(join(dir, 'site', 'sub'), { recursive: true });
  await mkdir(join(dir, 'index'));
  await writeFile(join(dir, 'site', 'index.html'), '<h1>home</h1>');
  await writeFile(join(dir, 'site', 'sub', 'index.html'), '<h1>sub</h1>');
  await writeFile(join(dir, 'index', 'manifest.json'), '{"plain":true}');
  await writeFile(join(dir, 'index', 'manifest.json.gz'), gzipSync('{"gzipped":true}'));
  await writeFile(join(dir, 'secret.txt'), 'outside the mounts');
  const { server } = await serve({ '/': join(dir, 'site'), '/index/': join(dir, 'index') }, 0);
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});

after(async () => {
  close();
  await rm(dir, { recursive: true, force: true });
});

test('should map a URL path to the file of the longest matching mount', () => {
  assert.equal(resolvePath({ '/': '/srv/site', '/index/': '/srv/idx' }, '/index/manifest.json'), '/srv/idx/manifest.json');
});

test('should serve index.html for a folder path', () => {
  assert.equal(resolvePath({ '/': '/srv/site' }, '/notes/'), '/srv/site/notes/index.html');
});

test('should ignore the query string and the fragment', () => {
  assert.equal(resolvePath({ '/': '/srv/site' }, '/app.js?ts=1732791234#x'), '/srv/site/app.js');
});

test('should refuse paths that climb out of their mount, encoded or not', () => {
  const mounts = { '/index/': '/srv/idx' };
  assert.deepEqual(
    ['/index/../secret', '/index/%2e%2e/secret', '/index/..%2Fsecret', '/other/file', '/index/%E0%A4%A'].map((p) => resolvePath(mounts, p)),
    [null, null, null, null, null],
  );
});

test('should answer a cache-busted URL with the file', async () => {
  const res = await fetch(`${base}/sub/?ts=123`);
  assert.deepEqual([res.status, res.headers.get('content-type'), await res.text()], [200, 'text/html; charset=utf-8', '<h1>sub</h1>']);
});

test('should serve the precompressed file to a client that accepts gzip', async () => {
  const res = await fetch(`${base}/index/manifest.json?ts=9`, { headers: { 'accept-encoding': 'gzip' } });
  assert.deepEqual([res.headers.get('content-encoding'), await res.json()], ['gzip', { gzipped: true }]);
});

test('should serve the plain file to a client that accepts no encoding', async () => {
  const res = await fetch(`${base}/index/manifest.json`, { headers: { 'accept-encoding': 'identity' } });
  assert.deepEqual([res.headers.get('content-encoding'), await res.json()], [null, { plain: true }]);
});

test('should answer 404 for a missing file and for a file outside every mount', async () => {
  const statuses = await Promise.all(['/missing.js', '/../secret.txt', '/%2e%2e/secret.txt'].map(async (p) => (await fetch(base + p)).status));
  assert.deepEqual(statuses, [404, 404, 404]);
});

test('should refuse methods other than GET and HEAD', async () => {
  assert.equal((await fetch(`${base}/`, { method: 'POST' })).status, 405);
});
