/** Pagefind 1.6 peer, built through its Node API and searched in Chromium with its own pagefind.js. */
import * as pagefind from 'pagefind';
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { ChangeRecord } from '../../indexer/schema.ts';
import type { Engine } from './types.ts';

async function listFiles(dir: string, root = dir): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(p, root)));
    else out.push(relative(root, p));
  }
  return out.sort();
}

/** Files Pagefind writes that are its UI or runtime code rather than the index itself. */
export const isPagefindCode = (f: string) => /\.(js|css)$/.test(f) || /^wasm\./.test(f);

export const pagefindEngine: Engine = {
  key: 'pagefind',
  label: 'Pagefind 1.6',
  settings:
    'createIndex() with defaults; addCustomRecord({url: /r/<id>, content: title + body + keys, language: en, ' +
    'meta: {title}, filters: lifecycle, kind, product, releaseType, year, area}); writeFiles(); searched with its ' +
    'own pagefind.js (init, search(q, {filters: {facet: {any}}}), data() of the top 10 results).',
  capabilities: { filters: 'native', highlights: 'yes (excerpt with <mark>, HTML string)', node: false },
  async build(records: readonly ChangeRecord[], outDir: string) {
    const { index, errors } = await pagefind.createIndex({});
    if (!index) throw new Error(`pagefind createIndex failed: ${errors.join('; ')}`);
    const batch = 256;
    for (let i = 0; i < records.length; i += batch) {
      await Promise.all(
        records.slice(i, i + batch).map(async (r) => {
          const res = await index.addCustomRecord({
            url: `/r/${encodeURIComponent(r.id)}`,
            content: `${r.title}. ${r.text} ${[...r.tickets, ...r.flags, ...r.areas].join(' ')}`,
            language: 'en',
            meta: { title: r.title },
            filters: {
              lifecycle: [r.lifecycle ?? 'none'],
              kind: [r.kind],
              product: [r.product],
              releaseType: [r.releaseType ?? 'none'],
              year: [r.date ? r.date.slice(0, 4) : 'none'],
              area: r.areas,
            },
          });
          if (res.errors.length) throw new Error(`pagefind addCustomRecord ${r.id}: ${res.errors.join('; ')}`);
        }),
      );
    }
    const written = await index.writeFiles({ outputPath: outDir });
    if (written.errors.length) throw new Error(`pagefind writeFiles: ${written.errors.join('; ')}`);
    await index.deleteIndex();
    return { files: await listFiles(outDir) };
  },
  runtimeModule: 'engines/pagefind.runtime.ts',
  indexFiles: (files) => files.filter((f) => !isPagefindCode(f)),
};

export async function closePagefind(): Promise<void> {
  await pagefind.close();
}
