/** MiniSearch 7 peers: defaults, and `prefix: true, fuzzy: 0.2, boost: {title: 2}`. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import type { ChangeRecord } from '../../indexer/schema.ts';
import { MINISEARCH_FIELDS } from './minisearch.runtime.ts';
import { toPeerDoc, type PeerDoc } from './peer-doc.ts';
import type { Engine } from './types.ts';

async function build(records: readonly ChangeRecord[], outDir: string) {
  const index = new MiniSearch<PeerDoc>(MINISEARCH_FIELDS);
  index.addAll(records.map(toPeerDoc));
  await writeFile(join(outDir, 'index.json'), JSON.stringify(index));
  return { files: ['index.json'] };
}

const capabilities = { filters: 'native' as const, highlights: 'no (matched terms only)', node: true };

export const miniSearchDefaults: Engine = {
  key: 'minisearch',
  label: 'MiniSearch 7 (defaults)',
  settings:
    'fields title, text, keys (tickets+flags+areas); display and facet fields stored; default search options ' +
    '(no prefix, no fuzzy, OR); filters through the `filter` callback over stored fields.',
  capabilities,
  build,
  runtimeModule: 'engines/minisearch-defaults.runtime.ts',
};

export const miniSearchTuned: Engine = {
  key: 'minisearch-tuned',
  label: 'MiniSearch 7 (prefix, fuzzy 0.2, title x2)',
  settings:
    'same index as MiniSearch defaults; searchOptions `{prefix: true, fuzzy: 0.2, boost: {title: 2}}`.',
  capabilities,
  build,
  runtimeModule: 'engines/minisearch-tuned.runtime.ts',
  sharesIndexWith: 'minisearch',
};
