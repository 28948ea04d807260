/**
 * The demo page runs under a strict Content-Security-Policy (`default-src 'self'; script-src 'self';
 * style-src 'self'`): it declares the policy and holds nothing the policy would block (inline scripts,
 * style elements or attributes, event-handler attributes, javascript: URLs). The browser side of the
 * same policy is test/browser/hardening-csp.test.ts.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../helpers/notes.ts';

const page = readFileSync(join(REPO_ROOT, 'demo/index.html'), 'utf8');
const visible = page.replace(/<!--[\s\S]*?-->/g, '');

test('should declare the strict CSP in the demo page', () => {
  const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(page);
  assert.ok(meta, 'no CSP meta tag');
  const directives = new Map(meta[1]!.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
  assert.deepEqual(directives.get('default-src'), ["'self'"]);
  assert.deepEqual(directives.get('script-src'), ["'self'"]);
  assert.deepEqual(directives.get('style-src'), ["'self'"]);
});

test('should have no inline script in the demo page', () => {
  const scripts = [...visible.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
  assert.ok(scripts.length > 0);
  for (const [, attrs, body] of scripts) {
    assert.match(attrs!, /\bsrc="\//, `inline script: ${body!.slice(0, 60)}`);
    assert.equal(body!.trim(), '');
  }
});

test('should have no style element, style attribute, event handler or javascript: URL in the demo page', () => {
  assert.doesNotMatch(visible, /<style\b/i);
  assert.doesNotMatch(visible, /\sstyle\s*=/i);
  assert.doesNotMatch(visible, /\son[a-z]+\s*=/i);
  assert.doesNotMatch(visible, /javascript:/i);
});

test('should ship every script the demo page loads from its own origin', () => {
  for (const [, src] of visible.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/gi)) {
    assert.ok(src!.startsWith('/'), src);
    if (!src!.startsWith('/dist/')) assert.ok(existsSync(join(REPO_ROOT, 'demo', src!)), `${src} is not in demo/`);
  }
});
