import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChangeRecord, Manifest } from '../../indexer/schema.ts';
import { inlineScript } from '../../demo/inline.ts';
import { escapeHtml, pagesOf } from '../../demo/pages.ts';

const bundle = { manifest: { schemaVersion: 1 } as Manifest, files: { 'docs.json': '["</script><script>alert(1)</script>", "\u2028"]' } };

test('should embed a bundle that no text inside can break out of', () => {
  const html = inlineScript(bundle, 'changefind-index');
  assert.equal(html.match(/<\/script>/gi)?.length, 1);
  assert.ok(html.startsWith('<script type="application/json" id="changefind-index">'));
});

test('should embed JSON that parses back to the same bundle', () => {
  const html = inlineScript(bundle, 'idx');
  const json = html.slice(html.indexOf('>') + 1, html.lastIndexOf('</script>'));
  assert.deepEqual(JSON.parse(json), bundle);
});

test('should refuse an id that is not a plain HTML id', () => {
  assert.throws(() => inlineScript(bundle, 'x" onload="alert(1)'), /use letters, digits/);
});

test('should escape text for the demo note pages', () => {
  assert.equal(escapeHtml(`<img src=x onerror="a('b')"> & more`), '&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt; &amp; more');
});

test('should write one page per source file with each anchor as an id once', () => {
  const record = (file: string, anchor: string, title: string) =>
    ({ file, anchor, title, text: 't', product: 'P', release: '1.0', date: null, lifecycle: null, kind: 'fix' }) as unknown as ChangeRecord;
  const pages = pagesOf([record('a.md', 'bugs', 'One'), record('a.md', 'bugs', 'Two'), record('b.md', 'x', '<b>')]);
  assert.deepEqual([...pages.keys()], ['a/index.html', 'b/index.html']);
  assert.equal(pages.get('a/index.html')!.match(/id="bugs"/g)?.length, 1);
  assert.ok(pages.get('b/index.html')!.includes('<h2 id="x">&lt;b&gt;</h2>'));
});
