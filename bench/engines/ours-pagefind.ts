/**
 * changefind with its Pagefind engine: the bundle `changefind build --engine pagefind` writes
 * (indexer/build-pagefind.ts + manifest), searched in Chromium through widget/load-engine.ts.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { makeManifest } from '../../indexer/manifest.ts';
import type { ChangeRecord } from '../../indexer/schema.ts';
import { isPagefindCode } from './pagefind.ts';
import type { Engine } from './types.ts';

export const oursPagefind: Engine = {
  key: 'changefind-pagefind',
  label: 'changefind (Pagefind engine)',
  settings:
    'the bundle `changefind build --engine pagefind` writes (indexer/build-pagefind.ts: every facet a Pagefind filter, ' +
    'meta for rendering, date sort, plus the latest-changes file) and its manifest, loaded with loadEngine(base, {engine: "pagefind"}) ' +
    'and searched with its search(query, {filters, limit: 10}) as the widget does (Chromium only: Pagefind runs in the browser).',
  capabilities: { filters: 'native', highlights: 'yes (title ranges + snippet ranges from Pagefind excerpts)', node: false },
  async build(records: readonly ChangeRecord[], outDir: string) {
    const { buildPagefindFiles, pagefindManifestEntry } = await import('../../indexer/build-pagefind.ts');
    const bundle = await buildPagefindFiles(records);
    const sources = [{ name: 'bench-records', content: records.map((r) => r.id).join('\n') }];
    const manifest = makeManifest({ records, sources, files: [pagefindManifestEntry(bundle)], engines: ['pagefind'] });
    for (const f of bundle) {
      await mkdir(dirname(join(outDir, f.name)), { recursive: true });
      await writeFile(join(outDir, f.name), f.content);
    }
    await writeFile(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    return { files: [...bundle.map((f) => f.name), 'manifest.json'] };
  },
  runtimeModule: 'engines/ours-pagefind.runtime.ts',
  indexFiles: (files) => files.filter((f) => !isPagefindCode(basename(f))),
};
