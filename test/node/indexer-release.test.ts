import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { md, page, pick, recordsOf } from '../helpers/notes.ts';
import { isoWeekMonday, parseDate, releaseNumberDate, withinRelease } from '../../indexer/release.ts';
import { parseConfig } from '../../indexer/config.ts';

describe('dates', () => {
  test('should read the date spellings of summary tables and comments', () => {
    assert.deepEqual(
      ['December 28, 2017', 'Dec 13, 2017', 'December 02, 2021', 'Generally Available beginning 8/7/2017', '2026-02-20T12:00:00Z', 'Available now', 'February 30, 2020'].map(parseDate),
      ['2017-12-28', '2017-12-13', '2021-12-02', '2017-08-07', '2026-02-20', null, null],
    );
  });

  test('should give the Monday of an ISO week', () => {
    assert.deepEqual([isoWeekMonday(2017, 52), isoWeekMonday(2016, 1), isoWeekMonday(2020, 53)], ['2017-12-25', '2016-01-04', '2020-12-28']);
  });

  test('should date release numbers by year and week or year and month', () => {
    assert.deepEqual(['2017.52', '2026.02.1', '5.14.1', null].map(releaseNumberDate), ['2017-12-25', '2026-02-01', null, null]);
  });
});

describe('config', () => {
  test('should accept a full configuration', () => {
    const config = {
      profile: 'okta',
      baseUrl: 'https://docs.example.com/notes/',
      pagePath: '{stem}.html',
      products: [{ file: '^sdk-', product: 'SDK' }],
      defaultProduct: 'Platform',
      areas: [{ area: 'Billing', keywords: ['invoice'] }],
      areaAliases: { 'Network Zones': 'Zones' },
    };
    assert.deepEqual(parseConfig(config, 'cf.json'), config);
  });

  test('should name the file and the key when a configuration is wrong', () => {
    assert.throws(() => parseConfig({ product: [] }, 'cf.json'), /^ConfigError: cf\.json: unknown key "product"/);
    assert.throws(() => parseConfig({ products: [{ file: '(', product: 'X' }] }, 'cf.json'), /cf\.json: "products\[0\]\.file" is not a valid regular expression/);
    assert.throws(() => parseConfig({ baseUrl: 'docs.example.com' }, 'cf.json'), /"baseUrl" must start with http/);
    assert.throws(() => parseConfig([], 'cf.json'), /cf\.json: expected a JSON object/);
  });
});

describe('dates of changes announced again in a later release', () => {
  test('should date a change whose summary row gives its first Preview date by its own release instead', () => {
    const records = recordsOf(page('Acme API release notes', md`
      ## July

      ### Monthly release 2025.07.0

      | Change | Expected in Preview Orgs |
      |--------|--------------------------|
      | [Faster sync is GA in Preview](#faster-sync-is-ga-in-preview) | July 2, 2025 |
      | [Old widget is GA in Production](#old-widget-is-ga-in-production) | December 11, 2024 |

      #### Faster sync is GA in Preview

      Sync is faster.

      #### Old widget is GA in Production

      The widget first shown in December is now generally available.
    `), '2025-acme.md');
    assert.deepEqual(pick(records, 'title', 'date'), [
      { title: 'Faster sync is GA in Preview', date: '2025-07-02' },
      { title: 'Old widget is GA in Production', date: '2025-07-02' },
    ]);
  });

  test('should keep a monthly release\'s Preview date from the month before and a weekly one\'s later in the month', () => {
    assert.deepEqual(
      [withinRelease('2021-12-08', '2022-01-01'), withinRelease('2025-07-23', '2025-07-01'), withinRelease('2018-02-06', '2019-02-01'), withinRelease('2020-12-20', null)],
      [true, true, false, true],
    );
  });
});

describe('release headings of other products', () => {
  test('should date a release by the date its heading states', () => {
    const records = recordsOf(page('Acme SDK release notes', md`
      ## Release 1.41.0 (2026-01-10)

      ### Faster sync

      Sync is faster.

      ## Version 1.40.0 - March 3, 2025

      Only a paragraph of changes.
    `), 'acme-sdk.md');
    assert.deepEqual(pick(records, 'title', 'release', 'date'), [
      { title: 'Faster sync', release: '1.41.0', date: '2026-01-10' },
      { title: 'Version 1.40.0 - March 3, 2025', release: '1.40.0', date: '2025-03-03' },
    ]);
  });

  test('should read Build and Weekly Release headings with Title Case sections', () => {
    const records = recordsOf(page('Acme release notes', md`
      ## Build 2026.03.5

      ### Bugs Fixed In 2026.03.5

      * Fixed a crash. (OKTA-2)

      ## Weekly Release 2020.01.1

      ### Token Hooks Are GA In Production

      Text.
    `), 'acme.md');
    assert.deepEqual(pick(records, 'title', 'release', 'releaseType', 'kind', 'lifecycle'), [
      { title: 'Fixed a crash. (OKTA-2)', release: '2026.03.5', releaseType: 'weekly', kind: 'fix', lifecycle: null },
      { title: 'Token Hooks Are GA In Production', release: '2020.01.1', releaseType: 'weekly', kind: 'feature', lifecycle: 'ga-production' },
    ]);
  });
});
