import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { buildRecords } from '../../indexer/pipeline.ts';
import { FIXTURES, pick } from '../helpers/notes.ts';

/** Pages of other products and years in the same family, written for these tests. */
describe('other pages of the family', () => {
  test('should read a 2018 weekly page and skip its Early Access roundup', async () => {
    const { records } = await buildRecords([join(FIXTURES, '2018.md')]);
    assert.deepEqual(pick(records, 'line', 'title', 'release', 'releaseType', 'date', 'lifecycle', 'kind', 'tickets', 'flags'), [
      { line: 16, title: 'Requests to the /api/v1/apps endpoint sometimes timed out. (OKTA-199001)', release: '2018.49', releaseType: 'weekly', date: '2018-12-05', lifecycle: null, kind: 'fix', tickets: ['OKTA-199001'], flags: [] },
      { line: 17, title: 'The Sign-In Widget showed a blank page.', release: '2018.49', releaseType: 'weekly', date: '2018-12-05', lifecycle: null, kind: 'fix', tickets: ['OKTA-199002'], flags: [] },
      { line: 34, title: 'Custom URL Domains are in Early Access', release: '2018.48', releaseType: 'weekly', date: '2018-11-28', lifecycle: 'ea', kind: 'feature', tickets: ['OKTA-198001'], flags: [] },
      { line: 38, title: 'Linked Objects API is Generally Available in Production', release: '2018.48', releaseType: 'weekly', date: '2018-11-28', lifecycle: 'ga-production', kind: 'feature', tickets: ['OKTA-198002'], flags: ['LINKED_OBJECTS'] },
    ]);
  });

  test('should read an SDK page whose releases are bare versions', async () => {
    const { records } = await buildRecords([join(FIXTURES, 'okta-sample-sdk.md')]);
    assert.deepEqual(pick(records, 'line', 'title', 'product', 'release', 'lifecycle', 'kind', 'anchor'), [
      { line: 11, title: 'Fixed a crash when the token expired during a refresh. (OKTA-450001)', product: 'Sample SDK', release: '5.14.1', lifecycle: null, kind: 'fix', anchor: 'bug-fixes' },
      { line: 12, title: 'Fixed the redirectUri check for custom schemes.', product: 'Sample SDK', release: '5.14.1', lifecycle: null, kind: 'fix', anchor: 'bug-fixes' },
      { line: 18, title: 'Token refresh is Beta', product: 'Sample SDK', release: '5.14.0', lifecycle: 'beta', kind: 'feature', anchor: 'token-refresh-is-beta' },
      { line: 22, title: 'Old storage adapter deprecated', product: 'Sample SDK', release: '5.14.0', lifecycle: 'deprecated', kind: 'feature', anchor: 'old-storage-adapter-deprecated' },
      { line: 26, title: '5.13.0', product: 'Sample SDK', release: '5.13.0', lifecycle: null, kind: 'feature', anchor: '_5-13-0' },
    ]);
  });

  test('should read a new product page with documentation bullets and a paragraph-only bug fix', async () => {
    const { records } = await buildRecords([join(FIXTURES, '2027-okta-privileged-access.md')]);
    assert.deepEqual(pick(records, 'line', 'product', 'release', 'releaseType', 'date', 'lifecycle', 'kind', 'areas', 'flags'), [
      { line: 17, product: 'Privileged Access', release: '2027.01.0', releaseType: 'monthly', date: '2027-01-07', lifecycle: 'ea', kind: 'feature', areas: ['Secret Folders'], flags: ['SECRET_ROTATION'] },
      { line: 23, product: 'Privileged Access', release: '2027.01.0', releaseType: 'monthly', date: '2027-01-07', lifecycle: null, kind: 'docs', areas: [], flags: [] },
      { line: 24, product: 'Privileged Access', release: '2027.01.0', releaseType: 'monthly', date: '2027-01-07', lifecycle: null, kind: 'docs', areas: [], flags: [] },
      { line: 28, product: 'Privileged Access', release: '2027.01.1', releaseType: 'weekly', date: '2027-01-01', lifecycle: null, kind: 'fix', areas: [], flags: [] },
    ]);
  });

  test('should scan a folder for Markdown files in name order', async () => {
    const { files } = await buildRecords([FIXTURES]);
    assert.deepEqual(files.map((file) => file.slice(FIXTURES.length + 1)), ['2018.md', '2027-okta-privileged-access.md', 'okta-sample-sdk.md']);
  });
});
