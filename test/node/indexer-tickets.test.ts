import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseConfig } from '../../indexer/config.ts';
import { ticketReader } from '../../indexer/tickets.ts';
import { md, page, pick, recordsOf } from '../helpers/notes.ts';

const notes = page(
  'Quillstack Edge release notes 2026',
  md`
    ## Monthly release 2026.02.0

    #### Header routing is GA in Production

    Route by header. <!-- QS-30010 FF: EDGE_HEADER_ROUTING -->

    #### Bugs fixed in 2026.02.0

    * Cached responses lost the request id. (QS-30151)
    * Health checks kept a removed upstream. <!-- QS_30163 -->

    QS 30170 The admin page showed a blank chart.
  `,
);

describe('ticket setting', () => {
  test('should read no QS tickets with the default Okta setting', () => {
    assert.deepEqual(pick(recordsOf(notes), 'tickets'), [{ tickets: [] }, { tickets: [] }, { tickets: [] }]);
  });

  test('should read tickets of the configured prefixes, normalising _ and space spellings', () => {
    assert.deepEqual(pick(recordsOf(notes, '2026.md', { tickets: ['QS'] }), 'title', 'tickets'), [
      { title: 'Header routing is GA in Production', tickets: ['QS-30010'] },
      { title: 'Cached responses lost the request id. (QS-30151)', tickets: ['QS-30151'] },
      { title: 'Health checks kept a removed upstream.', tickets: ['QS-30163'] },
      { title: 'QS 30170 The admin page showed a blank chart.', tickets: ['QS-30170'] },
    ]);
  });

  test('should not take a ticket spelled with an underscore for a feature flag', () => {
    assert.deepEqual(pick(recordsOf(notes, '2026.md', { tickets: ['QS'] }), 'flags'), [{ flags: ['EDGE_HEADER_ROUTING'] }, { flags: [] }, { flags: [] }, { flags: [] }]);
  });

  test('should name bullets by their configured ticket in the id', () => {
    const ids = recordsOf(notes, '2026.md', { tickets: ['QS'] }).map((record) => record.id);
    assert.equal(ids[1], 'quillstack-edge/2026.02.0/bugs-fixed-in-2026-02-0/QS-30151');
  });

  test('should read several prefixes, the longest first', () => {
    assert.deepEqual(ticketReader(['QS', 'QSX', 'OKTA']).tickets('QSX-1 OKTA-22 (QS-333)'), ['QSX-1', 'OKTA-22', 'QS-333']);
  });

  test('should take the whole match of a regular expression setting as the id', () => {
    assert.deepEqual(ticketReader(String.raw`\bGH-\d+\b|#\d{2,}\b`).tickets('fixed #123 and GH-9, not #1'), ['#123', 'GH-9']);
  });

  test('should read tickets with a regular expression setting from the config file', () => {
    const records = recordsOf(notes, '2026.md', parseConfig({ tickets: String.raw`\bQS-\d+\b` }, 'cf.json'));
    assert.deepEqual(pick(records, 'tickets'), [{ tickets: ['QS-30010'] }, { tickets: ['QS-30151'] }, { tickets: [] }]);
  });
});

describe('ticket setting validation', () => {
  test('should accept a list of prefixes and a regular expression source', () => {
    assert.deepEqual(parseConfig({ tickets: ['OKTA', 'QS'] }, 'cf.json'), { tickets: ['OKTA', 'QS'] });
    assert.deepEqual(parseConfig({ tickets: 'QS-\\d+' }, 'cf.json'), { tickets: 'QS-\\d+' });
  });

  test('should refuse a prefix that is not letters and digits', () => {
    assert.throws(() => parseConfig({ tickets: ['QS-'] }, 'cf.json'), /^ConfigError: cf\.json: "tickets" prefix "QS-" must be a letter followed by letters or digits/);
  });

  test('should refuse an empty prefix list', () => {
    assert.throws(() => parseConfig({ tickets: [] }, 'cf.json'), /cf\.json: "tickets" must list at least one prefix/);
  });

  test('should refuse an invalid regular expression', () => {
    assert.throws(() => parseConfig({ tickets: 'QS-(' }, 'cf.json'), /cf\.json: "tickets" is not a valid regular expression/);
  });

  test('should refuse a regular expression that matches the empty string', () => {
    assert.throws(() => parseConfig({ tickets: '\\d*' }, 'cf.json'), /cf\.json: "tickets" pattern "\\\\d\*" matches the empty string/);
  });

  test('should refuse a value that is neither a list nor a string', () => {
    assert.throws(() => parseConfig({ tickets: 42 }, 'cf.json'), /cf\.json: "tickets" must be a list of ticket prefixes/);
  });
});

describe('demo notes with the demo config', () => {
  test('should carry every QS ticket written in the demo notes on a record of its file', async () => {
    const { readFile, readdir } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const { buildRecords } = await import('../../indexer/pipeline.ts');
    const { readConfig } = await import('../../indexer/read.ts');
    const { REPO_ROOT } = await import('../helpers/notes.ts');
    const dir = join(REPO_ROOT, 'demo', 'notes');
    const config = await readConfig(join(REPO_ROOT, 'demo', 'changefind.config.json'));
    const { records } = await buildRecords([dir], { config });
    let written = 0;
    for (const name of (await readdir(dir)).filter((file) => file.endsWith('.md'))) {
      const ids = new Set((await readFile(join(dir, name), 'utf8')).match(/\bQS-\d+/g) ?? []);
      written += ids.size;
      const carried = new Set(records.filter((record) => record.file === name).flatMap((record) => record.tickets));
      assert.deepEqual([...ids].filter((id) => !carried.has(id)), [], name);
    }
    assert.ok(written > 0);
  });
});
