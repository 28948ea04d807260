import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isoWeekMonday, parseDate, releaseNumberDate } from '../../indexer/release.ts';
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
