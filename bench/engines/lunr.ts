/** Lunr 2 peer. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import lunr from 'lunr';
import type { ChangeRecord } from '../../indexer/schema.ts';
import type { LunrDocs } from './lunr.runtime.ts';
import { toPeerDoc } from './peer-doc.ts';
import type { Engine } from './types.ts';

export const lunrEngine: Engine = {
  key: 'lunr',
  label: 'Lunr 2',
  settings:
    'numeric refs (record positions); fields title (boost 2), text, keys with the default English pipeline (stemmer, stop words); each query term ' +
    'searched as typed (x10), the last one also as a trailing wildcard (x5), terms of 5+ letters also with edit ' +
    'distance 1 (x1); display/facet fields in a docs.json beside the index; filters applied in application code.',
  capabilities: { filters: 'app', highlights: 'positions only (metadataWhitelist, opt-in)', node: true },
  async build(records: readonly ChangeRecord[], outDir: string) {
    const docs = records.map(toPeerDoc);
    const index = lunr(function () {
      this.ref('ref');
      this.field('title', { boost: 2 });
      this.field('text');
      this.field('keys');
      docs.forEach((d, i) => this.add({ ...d, ref: String(i) }));
    });
    const side: LunrDocs = docs.map(({ id, title, url, lifecycle, kind, product, releaseType, year, areas }) => ({
      id,
      title,
      url,
      lifecycle,
      kind,
      product,
      releaseType,
      year,
      areas,
    }));
    await writeFile(join(outDir, 'index.json'), JSON.stringify(index));
    await writeFile(join(outDir, 'docs.json'), JSON.stringify(side));
    return { files: ['index.json', 'docs.json'] };
  },
  runtimeModule: 'engines/lunr.runtime.ts',
};
