/** FlexSearch 0.8 Document peer. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Document } from 'flexsearch';
import type { ChangeRecord } from '../../indexer/schema.ts';
import { flexOptions } from './flexsearch.runtime.ts';
import { toPeerDoc } from './peer-doc.ts';
import type { Engine } from './types.ts';

export const flexSearch: Engine = {
  key: 'flexsearch',
  label: 'FlexSearch 0.8 Document',
  settings:
    "Document over title, text, keys with tokenize 'forward' (prefix match), encoder Charset.LatinBalance, numeric document ids, " +
    'resolution 9; facets as tags, display fields stored; search with suggest: true, merge, enrich, limit 10; ' +
    'one filter value natively via tag, several values/facets narrowed by tag then post-filtered (tags OR across facets).',
  capabilities: { filters: 'native', highlights: 'yes (highlight option, needs store)', node: true },
  async build(records: readonly ChangeRecord[], outDir: string) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const index = new Document(flexOptions() as any);
    records.forEach((r, i) => index.add({ ...toPeerDoc(r), id: i, rid: r.id } as never));
    const data: Record<string, string> = {};
    await index.export((key: string | number, value: string) => {
      data[String(key)] = value;
    });
    await writeFile(join(outDir, 'index.json'), JSON.stringify(data));
    return { files: ['index.json'] };
  },
  runtimeModule: 'engines/flexsearch.runtime.ts',
};
