/**
 * changefind: the indexer's own engine output (indexer/build-minisearch.ts) and manifest
 * (indexer/manifest.ts), i.e. the files `changefind build` writes for the widget, searched by
 * widget/search-core.ts. records.jsonl is left out: the widget never loads it.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildMiniSearchFiles } from '../../indexer/build-minisearch.ts';
import { makeManifest } from '../../indexer/manifest.ts';
import type { ChangeRecord } from '../../indexer/schema.ts';
import type { Engine } from './types.ts';

export const ours: Engine = {
  key: 'changefind',
  label: 'changefind (ours)',
  settings:
    'the build output the widget loads (indexer/build-minisearch.ts files + manifest via makeManifest), loaded with ' +
    'loadIndex() (fetch + sha256 check) and searched with SearchCore.search(query, {filters, limit: 10}) as the widget does.',
  capabilities: { filters: 'native', highlights: 'yes (title ranges + snippet ranges)', node: true },
  async build(records: readonly ChangeRecord[], outDir: string) {
    const files = buildMiniSearchFiles(records);
    const sources = [{ name: 'bench-records', content: records.map((r) => r.id).join('\n') }];
    const manifest = makeManifest({ records, sources, files, engines: ['minisearch'] });
    for (const f of files) await writeFile(join(outDir, f.name), f.content);
    await writeFile(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    return { files: [...files.map((f) => f.name), 'manifest.json'] };
  },
  runtimeModule: 'engines/ours.runtime.ts',
};
