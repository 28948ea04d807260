/**
 * `npm run demo [-- --source <folder>] [--port 5173] [--host 127.0.0.1]`
 *
 * Indexes release notes with the real indexer (default: demo/notes, the fictional Quillstack notes),
 * builds the widget bundles with Vite, precompresses everything (.br, .gz), writes an offline page
 * (inline index + classic script, opens from file://) and serves the doc-portal demo page.
 */
import { mkdir, readdir, readFile, rm, writeFile, copyFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build as viteBuild } from 'vite';
import { build } from '../indexer/pipeline.ts';
import { readConfig } from '../indexer/read.ts';
import { inlineScript, readBundle } from './inline.ts';
import { escapeHtml, pagesOf } from './pages.ts';
import { serve } from './static-server.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    source: { type: 'string' },
    port: { type: 'string', default: '5173' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`demo: --port ${values.port}: expected a port number (0-65535)`);
  process.exit(2);
}
const ownNotes = values.source === undefined;
const source = resolve(values.source ?? join(root, 'demo', 'notes'));
const work = join(root, 'demo', '.index');
const indexDir = join(work, 'index');
const pagesDir = join(work, 'pages');
const offlineDir = join(work, 'offline');
const dist = join(root, 'dist');

/** Writes `.br` and `.gz` siblings for every text file in `dir` that compresses. */
async function precompress(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    if (!/\.(js|json|jsonl|html|css|map)$/.test(name)) continue;
    const data = await readFile(join(dir, name));
    await writeFile(join(dir, `${name}.gz`), gzipSync(data, { level: 9 }));
    await writeFile(join(dir, `${name}.br`), brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  }
}

console.log(`demo: indexing ${source}`);
// The Quillstack notes name their tickets `QS-1234`: demo/changefind.config.json says so.
const ownConfig = ownNotes ? { baseUrl: '/release-notes/', config: await readConfig(join(root, 'demo', 'changefind.config.json')) } : {};
const { records, warnings, manifest } = await build([source], { out: indexDir, ...ownConfig });
console.log(`demo: ${records.length} records from ${manifest.inputs.length} files (${warnings.length} warnings) -> ${indexDir}`);
await precompress(indexDir);

console.log('demo: building the widget (vite build)');
await viteBuild({ configFile: join(root, 'vite.config.ts'), root, logLevel: 'warn' });
await precompress(dist);

await rm(pagesDir, { recursive: true, force: true });
if (ownNotes) {
  for (const [path, html] of pagesOf(records)) {
    await mkdir(dirname(join(pagesDir, path)), { recursive: true });
    await writeFile(join(pagesDir, path), html);
  }
}

await rm(offlineDir, { recursive: true, force: true });
await mkdir(offlineDir, { recursive: true });
await copyFile(join(dist, 'changefind-search.iife.js'), join(offlineDir, 'changefind-search.iife.js'));
await writeFile(
  join(offlineDir, 'index.html'),
  `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Offline release notes search</title>
<script src="changefind-search.iife.js"></script></head>
<body style="max-width: 70rem; margin: 2rem auto; padding: 0 1rem; font-family: system-ui, sans-serif">
<h1>Release notes (${escapeHtml(basename(source))}), offline</h1>
<p>This page works from <code>file://</code>: the index is embedded below and the widget is a classic script.</p>
${inlineScript(await readBundle(indexDir), 'changefind-index')}
<changefind-search bundle-id="changefind-index" loading="eager"></changefind-search>
</body></html>
`,
);

const { port: bound } = await serve(
  { '/': join(root, 'demo'), '/index/': indexDir, '/dist/': dist, '/release-notes/': pagesDir, '/offline/': offlineDir },
  port,
  values.host,
);
console.log(`demo: offline page (open from disk): file://${join(offlineDir, 'index.html')}`);
console.log(`demo: serving http://${values.host}:${bound}/  (Ctrl+C to stop)`);
