/**
 * What the library build (vite.config.ts) does to the widget's code beyond the minifier's defaults: private
 * member names shortened, public names and record fields kept, the style sheet minified as CSS without Lit's
 * css tag function, and a source map that still points into the sources after the terser pass.
 * (Behaviour of the built bundle: `npm run test:bundle` runs the browser tests against it.)
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { after, before, test } from 'node:test';
import { build } from 'vite';
import { REPO_ROOT } from '../helpers/notes.ts';

let out: string;
let bundle: string;
let map: SourceMapPayload;

before(async () => {
  out = await mkdtemp(join(tmpdir(), 'changefind-minify-'));
  await build({ configFile: join(REPO_ROOT, 'vite.config.ts'), root: REPO_ROOT, logLevel: 'silent', build: { outDir: out, sourcemap: true } });
  bundle = await readFile(join(out, 'changefind-search.js'), 'utf8');
  map = JSON.parse(await readFile(join(out, 'changefind-search.js.map'), 'utf8')) as SourceMapPayload;
});
after(() => rm(out, { recursive: true, force: true }));

/** True when `name` occurs as a property (`.name`, `name:`, or a method/field `name(`/`name=`) in the bundle. */
const hasProperty = (name: string) => new RegExp(`(?:\\.${name}(?![\\w$])|(?<![\\w$.])${name}[:(=])`).test(bundle);

test('should shorten the names of TypeScript-private members', () => {
  for (const name of ['textsPending', 'searcher', 'returnFocus', 'onDialogKey', 'renderPanel']) assert.equal(hasProperty(name), false, name);
});

test("should keep the element's public properties and methods", () => {
  for (const name of ['src', 'bundleId', 'engineName', 'loadTimeout', 'noShortcuts', 'urlPrefix', 'pageSize', 'show', 'close', 'focus']) {
    assert.equal(hasProperty(name), true, name);
  }
});

test('should keep the field names of records and search results', () => {
  for (const name of ['releaseType', 'lifecycle', 'product', 'areas', 'titleRanges', 'snippet', 'truncatedStart', 'suggestion', 'facets']) {
    assert.equal(hasProperty(name), true, name);
  }
});

test('should ship the styles as minified CSS', () => {
  const css = /:host\{[^`"']*/.exec(bundle)?.[0] ?? '';
  assert.ok(css.length > 1000, 'the :host rules are in the bundle');
  assert.doesNotMatch(css, /\n|\{ | \}|; /);
});

test("should leave Lit's css tag function out of the bundle", () => {
  assert.doesNotMatch(bundle, /Value passed to 'css' function/);
});

test('should map the minified code back to its sources after the second minifier pass', () => {
  // The element's default label and the loader's download error, each found in the bundle and mapped back.
  const sourceAt = (text: string): string | undefined => {
    const at = bundle.indexOf(text);
    assert.ok(at >= 0, `${text} is in the bundle`);
    const lines = bundle.slice(0, at).split('\n');
    const entry = new SourceMap(map).findEntry(lines.length - 1, lines[lines.length - 1]!.length) as { originalSource?: string };
    return entry.originalSource?.replace(/^.*\/(widget\/)/, '$1');
  };
  assert.deepEqual(
    [sourceAt('Search release notes'), sourceAt('could not fetch')],
    ['widget/changefind-search.component.ts', 'widget/core/load.ts'],
  );
});
