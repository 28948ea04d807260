import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as searchCore from '../../widget/search-core.ts';
import { indexTerms, normalize, pathSuffixes, tokens } from '../../widget/core/tokenize.ts';
import { stem } from '../../widget/core/stem.ts';
import { fuzzyMatches, prefixRange } from '../../widget/core/vocab.ts';
import { isIdentifier } from '../../widget/core/query.ts';

test('should export exactly SearchCore, loadIndex and IndexError from the entry point', () => {
  assert.deepEqual(Object.keys(searchCore).sort(), ['IndexError', 'SearchCore', 'loadIndex']);
});

test('should index a ticket id whole and by its parts', () => {
  assert.deepEqual(indexTerms('Fixed (OKTA-1099636).'), ['fixed', 'okta-1099636', 'okta', '1099636']);
});

test('should index a feature flag whole and by its words, lower-cased', () => {
  assert.deepEqual(indexTerms('PASSKEYS_REBRAND'), ['passkeys_rebrand', 'passkeys', 'rebrand']);
});

test('should index an API path whole, by its shorter paths and by its parts', () => {
  assert.deepEqual(indexTerms('GET /api/v1/device-assurances now'), [
    'get', '/api/v1/device-assurances', '/v1/device-assurances', '/device-assurances', 'api', 'v1', 'device', 'assurances', 'now',
  ]);
});

test('should keep parameters and dotted versions whole', () => {
  assert.deepEqual(indexTerms('prompt=none in 2026.02.0'), ['prompt=none', 'prompt', 'none', 'in', '2026.02.0', '2026', '02', '0']);
});

test('should not join a sentence end to the next word', () => {
  assert.deepEqual(indexTerms('end. Next'), ['end', 'next']);
});

test('should strip diacritics and apostrophes when normalising', () => {
  assert.equal(normalize('Café Users’ CAN\'T'), 'cafe users cant');
});

test('should give token spans in the original string, combining marks included', () => {
  const text = 'a cafe\u0301 b';
  assert.deepEqual(tokens(text).map((t) => [t.term, text.slice(t.start, t.end)]), [['a', 'a'], ['cafe', 'cafe\u0301'], ['b', 'b']]);
});

test('should list the path suffixes of an API path only', () => {
  assert.deepEqual([pathSuffixes('/api/v1/groups'), pathSuffixes('okta-1')], [['/v1/groups', '/groups'], []]);
});

test('should stem plurals, -ed and -ing forms to one stem', () => {
  assert.deepEqual(['policy', 'policies', 'enable', 'enabled', 'enabling', 'enables'].map(stem), ['polici', 'polici', 'enabl', 'enabl', 'enabl', 'enabl']);
});

test('should leave identifiers, numbers and short words unstemmed', () => {
  assert.deepEqual(['okta-123', 'v1', 'uses', 'api'].map(stem), ['okta-123', 'v1', 'use', 'api']);
});

test('should recognise tickets, flags, paths, parameters and versions as identifiers', () => {
  assert.deepEqual(['okta-1099636', 'passkeys_rebrand', '/groups', 'prompt=none', '2026.02.0', 'sign-on', 'groups'].map(isIdentifier), [true, true, true, true, true, false, false]);
});

test('should find the id range of a prefix in a sorted vocabulary', () => {
  const terms = ['apple', 'pass', 'passkey', 'passkeys', 'password', 'policy'];
  assert.deepEqual(prefixRange(terms, 'passk'), [2, 4]);
});

test('should find terms within the edit distance, transpositions counting once', () => {
  const terms = ['password', 'passwords', 'policy', 'polity'];
  assert.deepEqual(fuzzyMatches(terms, 'ploicy', 1, false).map((m) => terms[m.lo]), ['policy']);
});

test('should not find terms beyond the edit distance', () => {
  assert.deepEqual(fuzzyMatches(['password'], 'pswrd', 2, false), []);
});

test('should match a whole prefix range when a prefix of the terms is within distance', () => {
  const terms = ['authenticate', 'authentication', 'authenticator', 'author'];
  assert.deepEqual(fuzzyMatches(terms, 'authentcat', 1, true).map((m) => [m.lo, m.hi]), [[0, 3]]);
});

test('should index a camelCase name whole and by its words', () => {
  assert.deepEqual(indexTerms('the ipServiceCategories field'), ['the', 'ipservicecategories', 'ip', 'service', 'categories', 'field']);
});
