/** Inline mode helpers: read a built index directory as one IndexBundle and embed it safely in HTML. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Manifest } from '../indexer/schema.ts';
import type { IndexBundle } from '../widget/search-types.ts';

/** Reads `manifest.json` and every file it names from a built index directory. */
export async function readBundle(dir: string): Promise<IndexBundle> {
  const manifestPath = join(dir, 'manifest.json');
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Manifest;
  } catch (cause) {
    throw new Error(`${manifestPath}: cannot read the index manifest; build the index first (changefind build <notes> --out ${dir})`, { cause });
  }
  const files: Record<string, string> = {};
  for (const name of new Set(Object.values(manifest.files))) files[name] = await readFile(join(dir, name), 'utf8');
  return { manifest, files };
}

/**
 * A `<script type="application/json">` element holding the bundle. Every `<` is written as `\u003c`,
 * so no text in the notes can close the script element early; `JSON.parse` reads it back unchanged.
 */
export function inlineScript(bundle: IndexBundle, id: string): string {
  if (!/^[A-Za-z][\w-]*$/.test(id)) throw new Error(`inline index id "${id}": use letters, digits, "-" and "_", starting with a letter`);
  const json = JSON.stringify(bundle).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  return `<script type="application/json" id="${id}">${json}</script>`;
}
