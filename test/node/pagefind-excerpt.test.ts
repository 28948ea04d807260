import assert from 'node:assert/strict';
import { test } from 'node:test';
import { excerptStart, excerptWords, snippetFromExcerpt, titleRanges } from '../../widget/pagefind-excerpt.ts';

const marked = (s: { text: string; ranges: readonly (readonly [number, number])[] }) => s.ranges.map(([a, b]) => s.text.slice(a, b));

test('should split an excerpt into words with their marked spans', () => {
  assert.deepEqual(excerptWords('the <mark>vault</mark> is pre<mark>fix</mark>ed'), [
    { escaped: 'the', marks: [] },
    { escaped: 'vault', marks: [[0, 5]] },
    { escaped: 'is', marks: [] },
    { escaped: 'prefixed', marks: [[3, 6]] },
  ]);
});

test('should place an excerpt at the content word where it starts', () => {
  assert.equal(excerptStart(['a', 'b', 'c', 'b', 'c', 'd'], excerptWords('b c d')), 3);
});

test('should give snippet text from the content, never from the excerpt markup', () => {
  const content = 'Title here Body with <img src=x> and more';
  const s = snippetFromExcerpt(content, 'Title here', 'Title here Body with &lt;<mark>img</mark> src=x&gt; and more', [4]);
  assert.deepEqual([s.text, marked(s)], ['Body with <img src=x> and more', ['img']]);
});

test('should leave the title words out of the snippet', () => {
  const s = snippetFromExcerpt('Webhook retries Failed webhook deliveries', 'Webhook retries', '<mark>Webhook</mark> retries Failed <mark>webhook</mark> deliveries', [0, 3]);
  assert.deepEqual([s.text, marked(s), s.truncatedStart], ['Failed webhook deliveries', ['webhook'], false]);
});

test('should say when the snippet is cut before the end of the body', () => {
  const content = `T ${Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ')}`;
  const s = snippetFromExcerpt(content, 'T', 'w10 <mark>w11</mark> w12', [12]);
  assert.deepEqual([s.text, s.truncatedStart, s.truncatedEnd], ['w10 w11 w12', true, true]);
});

test('should fall back to the start of the body with located words marked when the excerpt does not fit', () => {
  const s = snippetFromExcerpt('Title body word here', 'Title', 'something <mark>else</mark>', [2]);
  assert.deepEqual([s.text, marked(s)], ['body word here', ['word']]);
});

test('should mark title words at the located word indices without their punctuation', () => {
  const title = 'Vault bug fixed (ACME-102)';
  assert.deepEqual(titleRanges(title, [0, 3, 9]).map(([a, b]) => title.slice(a, b)), ['Vault', 'ACME-102']);
});

test('should count UTF-16 offsets in titles with characters outside the BMP', () => {
  const title = '🔐 Passkey rollout';
  assert.deepEqual(titleRanges(title, [1]).map(([a, b]) => title.slice(a, b)), ['Passkey']);
});
