import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readViewState, safeHref, writeViewState } from '../../widget/helpers/url.ts';

test('should keep http, https and relative links', () => {
  assert.deepEqual(
    ['https://example.com/a#b', 'http://example.com/', '/docs/x#y', '#anchor', 'notes.html'].map(safeHref),
    ['https://example.com/a#b', 'http://example.com/', '/docs/x#y', '#anchor', 'notes.html'],
  );
});

test('should refuse javascript, data and other schemes however they are written', () => {
  assert.deepEqual(
    ['javascript:alert(1)', ' JavaScript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd'].map(safeHref),
    [undefined, undefined, undefined, undefined, undefined, undefined],
  );
});

test('should refuse an empty or missing url', () => {
  assert.deepEqual([safeHref(''), safeHref(null), safeHref(undefined)], [undefined, undefined, undefined]);
});

test('should read query, repeated facet values, sort and dates from a query string', () => {
  assert.deepEqual(readViewState('?q=passkey&lifecycle=beta&lifecycle=ea&kind=fix&sort=newest&from=2026-01-01&to=2026-03-31'), {
    query: 'passkey',
    filters: { lifecycle: ['beta', 'ea'], kind: ['fix'] },
    sort: 'newest',
    dateRange: { from: '2026-01-01', to: '2026-03-31' },
  });
});

test('should ignore an unknown sort, malformed dates and unknown parameters', () => {
  assert.deepEqual(readViewState('?sort=random&from=yesterday&page=2&colour=red'), { query: '', filters: {}, dateRange: {} });
});

test('should write the state while keeping the page’s own parameters', () => {
  const out = writeViewState(
    { query: 'token hook', filters: { product: ['Gateway'], year: ['2026'] }, sort: 'oldest', dateRange: { to: '2026-02-28' } },
    '?page=intro&q=old',
  );
  assert.equal(out, '?page=intro&q=token+hook&product=Gateway&year=2026&sort=oldest&to=2026-02-28');
});

test('should write nothing for an empty state on a bare URL', () => {
  assert.equal(writeViewState({ query: '', filters: {}, dateRange: {} }, ''), '');
});

test('should use the prefix for every parameter it reads and writes', () => {
  const search = writeViewState({ query: 'sso', filters: { kind: ['fix'] }, dateRange: {} }, '?q=site', 'cf-');
  assert.equal(search, '?q=site&cf-q=sso&cf-kind=fix');
  assert.deepEqual(readViewState(search, 'cf-'), { query: 'sso', filters: { kind: ['fix'] }, dateRange: {} });
});
