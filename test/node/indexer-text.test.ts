import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseMarkdown } from '../../indexer/parse.ts';
import { blockText, commentBodies, decodeEntities, htmlToText, sanitize } from '../../indexer/text.ts';
import { PageSlugger, slugify } from '../../indexer/slug.ts';
import { md } from '../helpers/notes.ts';

describe('text', () => {
  test('should decode named and numeric character references', () => {
    assert.equal(decodeEntities('a &amp; b &mdash; &#169; &#x41; &unknown;'), 'a & b — © A &unknown;');
  });

  test('should list comment bodies, an unterminated one running to the end', () => {
    assert.deepEqual(commentBodies('x <!-- OKTA-1 --> y <!--FF: A_B--> z <!-- open'), [' OKTA-1 ', 'FF: A_B', ' open']);
  });

  test('should keep the visible text of raw HTML only', () => {
    assert.equal(htmlToText('<a href="/rss/x.xml">\n  <img src="x.svg" alt="RSS" />\n  Subscribe to RSS\n</a><br><!-- hidden -->'), ' \n   \n  Subscribe to RSS\n  ');
  });

  test('should leave no markup residue', () => {
    assert.equal(sanitize('**bold** `code` [a](b) &amp; <url-pattern> <!-- c -->'), 'bold code [a] (b) & url-pattern   c  ');
  });

  test('should give block text line by line without comments, images or table rules', () => {
    const doc = parseMarkdown('x.md', md`
      Intro with [a link](https://example.com) and \`code\`. <!-- OKTA-123 -->

      ![Screen shot](/img/x.png)

      | Name | Value |
      | ---- | ----- |
      | A    | 1     |

      * One
        * Nested
    `);
    assert.deepEqual(blockText(doc.tree), ['Intro with a link and code.', 'Name Value', 'A 1', 'One', 'Nested']);
  });
});

describe('slug', () => {
  test('should slug headings the way VuePress publishes them', () => {
    const headings = ['Bug fixed in 2026.02.2', 'Okta Sign-In Widget, version 5.14.1', 'Rate Limits for /oauth2 endpoints', 'The word "source" is now allowed', '2017.52', 'Let’s go – fast', 'Café API'];
    assert.deepEqual(headings.map(slugify), ['bug-fixed-in-2026-02-2', 'okta-sign-in-widget-version-5-14-1', 'rate-limits-for-oauth2-endpoints', 'the-word-source-is-now-allowed', '_2017-52', 'let-s-go-fast', 'cafe-api']);
  });

  test('should number repeated slugs on a page from -2', () => {
    const slugger = new PageSlugger();
    assert.deepEqual(['Bugs fixed', 'Bugs fixed', 'Bugs fixed-2', 'Bugs fixed'].map((text) => slugger.slug(text)), ['bugs-fixed', 'bugs-fixed-2', 'bugs-fixed-2-2', 'bugs-fixed-3']);
  });
});

describe('parse', () => {
  test('should read front matter, tables and positions', () => {
    const doc = parseMarkdown('x.md', md`
      ---
      title: Okta Classic Engine API release notes 2026
      ---

      | A | B |
      | - | - |
      | 1 | 2 |
    `);
    assert.deepEqual(
      { frontMatter: doc.frontMatter, types: doc.tree.children.map((node) => node.type), line: doc.tree.children[1]?.position?.start.line, problems: doc.problems },
      { frontMatter: { title: 'Okta Classic Engine API release notes 2026' }, types: ['yaml', 'table'], line: 5, problems: [] },
    );
  });

  test('should report invalid front matter and keep parsing', () => {
    const doc = parseMarkdown('x.md', '---\ntitle: [oops\n---\n\n## Heading\n');
    assert.deepEqual([doc.tree.children.map((node) => node.type), doc.problems.map((problem) => problem.line)], [['yaml', 'heading'], [1]]);
  });

  test('should read a very long line as plain text with true offsets and say so', () => {
    const long = `${'*_['.repeat(5000)} OKTA-123`;
    const source = `## Heading\n\n${long}\n`;
    const doc = parseMarkdown('x.md', source);
    const paragraph = doc.tree.children[1];
    assert.deepEqual(
      [paragraph?.type, source.slice(paragraph?.position?.start.offset, paragraph?.position?.end.offset) === long, doc.problems.map((problem) => problem.line)],
      ['paragraph', true, [3]],
    );
  });
});
