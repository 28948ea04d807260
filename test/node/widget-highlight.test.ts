import assert from 'node:assert/strict';
import { test } from 'node:test';
import { highlightParts } from '../../widget/helpers/highlight.ts';

test('should split text into unmarked and marked parts at the ranges', () => {
  assert.deepEqual(highlightParts('Passkey rebrand is GA', [[0, 7], [19, 21]]), [
    { text: 'Passkey', mark: true },
    { text: ' rebrand is ', mark: false },
    { text: 'GA', mark: true },
  ]);
});

test('should merge overlapping and touching ranges given in any order', () => {
  assert.deepEqual(highlightParts('abcdefgh', [[4, 6], [1, 3], [2, 4]]), [
    { text: 'a', mark: false },
    { text: 'bcdef', mark: true },
    { text: 'gh', mark: false },
  ]);
});

test('should clamp ranges that reach past the text and drop empty ones', () => {
  assert.deepEqual(highlightParts('token', [[3, 99], [-4, 0], [2, 2]]), [
    { text: 'tok', mark: false },
    { text: 'en', mark: true },
  ]);
});

test('should return the whole text unmarked when there are no ranges', () => {
  assert.deepEqual(highlightParts('<img src=x onerror=alert(1)>', []), [{ text: '<img src=x onerror=alert(1)>', mark: false }]);
});

test('should return no parts for an empty text', () => {
  assert.deepEqual(highlightParts('', [[0, 3]]), []);
});
