/**
 * Runs a Pagefind bundle's own `pagefind.js` in Node: the bundle folder is served over loopback HTTP
 * (pagefind.js fetches its chunks; Node's fetch cannot read file: URLs) and the module is imported
 * from disk with `basePath` pointing at the server.
 */
import { createServer } from 'node:http';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { buildPagefindFiles, pagefindManifestEntry, type PagefindBuildOptions } from '../../indexer/build-pagefind.ts';
import { makeManifest } from '../../indexer/manifest.ts';
import type { ChangeRecord, Manifest } from '../../indexer/schema.ts';
import type { PagefindBundle } from '../../widget/pagefind-bundles.ts';
import { PagefindEngine, type PagefindApi } from '../../widget/pagefind-engine.ts';

export interface Served {
  origin: string;
  /** Paths requested so far, in order. */
  requests: string[];
  close(): Promise<void>;
}

/** Serves `root` on 127.0.0.1 (query strings such as Pagefind's `?ts=` are ignored). */
export async function serveFolder(root: string): Promise<Served> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    requests.push(path);
    readFile(join(root, path)).then(
      (body) => res.end(body),
      () => res.writeHead(404).end('not found'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Imports `<folder>/pagefind.js` and initialises it against `<origin>/<path>/`. */
export async function openPagefind(folder: string, baseUrl: string): Promise<PagefindApi> {
  const api = (await import(join(folder, 'pagefind.js'))) as PagefindApi;
  await api.options({ basePath: baseUrl, baseUrl: '/', excerptLength: 26 });
  await api.init();
  return api;
}

/** Writes the Pagefind output of `records` under `out` (as `out/pagefind/...`); returns its manifest entry. */
export async function writePagefindBundle(records: readonly ChangeRecord[], out: string, options: PagefindBuildOptions = {}): Promise<{ role: string; name: string; content: Uint8Array }> {
  const files = await buildPagefindFiles(records, undefined, options);
  for (const file of files) {
    await mkdir(dirname(join(out, file.name)), { recursive: true });
    await writeFile(join(out, file.name), file.content);
  }
  return pagefindManifestEntry(files);
}

/**
 * Writes a Pagefind-only index of `records` to `out` (plain files, no atomic swap): the Pagefind output
 * split into bundles of at most `bundleRecords` records, and its manifest.json.
 */
export async function writePagefindIndex(records: readonly ChangeRecord[], out: string, options: PagefindBuildOptions = {}): Promise<Manifest> {
  const entry = await writePagefindBundle(records, out, options);
  const manifest = makeManifest({ records, sources: [], files: [entry], engines: ['pagefind'] });
  await writeFile(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** A record with every field set; override what a test is about. */
export function record(fields: Partial<ChangeRecord> & Pick<ChangeRecord, 'id' | 'title'>): ChangeRecord {
  return {
    text: '',
    file: 'notes.md',
    line: 1,
    product: 'Acme Widgets',
    release: '2026.01.0',
    releaseType: 'monthly',
    date: '2026-01-07',
    lifecycle: null,
    kind: 'feature',
    areas: [],
    tickets: [],
    flags: [],
    anchor: fields.id,
    url: `https://docs.acme.example/notes/#${fields.id}`,
    ...fields,
  };
}

/**
 * A Pagefind engine over the Pagefind output written under `root` (`root/pagefind/...`) and served at
 * `origin`: the layout file read from disk, the runtime imported from disk, one Pagefind instance per
 * bundle (`createInstance`), as loadPagefindEngine does in a browser (Node cannot import http URLs).
 */
export async function openEngine(root: string, origin: string, manifest: Manifest): Promise<PagefindEngine> {
  const layout = JSON.parse(await readFile(join(root, 'pagefind', 'changefind-bundles.json'), 'utf8')) as { bundles: PagefindBundle[] };
  const mod = (await import(join(root, 'pagefind', layout.bundles[0]!.dir, 'pagefind.js'))) as PagefindApi;
  const connect = async (i: number): Promise<PagefindApi> => {
    const api = mod.createInstance!({ basePath: `${origin}/pagefind/${layout.bundles[i]!.dir}`, baseUrl: '/', excerptLength: 26 });
    await api.init();
    return api;
  };
  return PagefindEngine.create(manifest, connect, [], layout.bundles);
}
