/**
 * Inline mode: one index as a single value, an `IndexBundle` (`{ manifest, files }`: the manifest and
 * the content of every file it names), for pages that embed the index instead of fetching it.
 * `build --bundle` writes it beside the other files as `bundle.json` (safe inside
 * `<script type="application/json">`) and `bundle.js` (an ES module whose default export is the bundle).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IndexBundle } from '../widget/search-types.ts';
import type { Manifest } from './schema.ts';

/** The bundle's file names in the output folder. */
export const BUNDLE_FILES = { json: 'bundle.json', module: 'bundle.js' } as const;

/** A bundle that cannot be made; the message says what to do. */
export class BundleError extends Error {
  override name = 'BundleError';
}

/** The bundle of a manifest and the built files (by name); every file the manifest names must be text. */
export function makeBundle(manifest: Manifest, files: readonly { name: string; content: string | Uint8Array }[]): IndexBundle {
  const byName = new Map(files.map((file) => [file.name, file.content]));
  const contents: Record<string, string> = {};
  for (const name of [...new Set(Object.values(manifest.files))].sort()) {
    const content = byName.get(name);
    if (typeof content !== 'string') {
      throw new BundleError(`the index file "${name}" cannot be inlined (${content === undefined ? 'not built' : 'binary or a folder'}); inline bundles hold MiniSearch indexes only, so build with --engine minisearch`);
    }
    contents[name] = content;
  }
  return { manifest, files: contents };
}

/**
 * The bundle as JSON that is safe inside `<script type="application/json">`: every `<` is written as
 * `\u003c` (no text in the notes can close the element), and U+2028/U+2029 are escaped too, so the
 * same text is also a valid JavaScript expression. `JSON.parse` reads it back unchanged.
 */
export function bundleJson(bundle: IndexBundle): string {
  return JSON.stringify(bundle).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** The bundle as an ES module: `export default {...};`. */
export function bundleModule(bundle: IndexBundle): string {
  return `export default ${bundleJson(bundle)};\n`;
}

/** The output entries of `build --bundle`. */
export function bundleEntries(bundle: IndexBundle): { name: string; content: string }[] {
  return [
    { name: BUNDLE_FILES.json, content: `${bundleJson(bundle)}\n` },
    { name: BUNDLE_FILES.module, content: bundleModule(bundle) },
  ];
}

/** A `<script type="application/json" id="...">` element holding the bundle. */
export function inlineScript(bundle: IndexBundle, id: string): string {
  if (!/^[A-Za-z][\w-]*$/.test(id)) throw new Error(`inline index id "${id}": use letters, digits, "-" and "_", starting with a letter`);
  return `<script type="application/json" id="${id}">${bundleJson(bundle)}</script>`;
}

/** Reads `manifest.json` and every file it names from a built index folder as one bundle. */
export async function readBundle(dir: string): Promise<IndexBundle> {
  const manifestPath = join(dir, 'manifest.json');
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Manifest;
  } catch (cause) {
    throw new Error(`${manifestPath}: cannot read the index manifest; build the index first (changefind build <notes> --out ${dir})`, { cause });
  }
  const files: { name: string; content: string }[] = [];
  for (const name of new Set(Object.values(manifest.files))) {
    try {
      files.push({ name, content: await readFile(join(dir, name), 'utf8') });
    } catch (cause) {
      throw new Error(`${join(dir, name)}: cannot read a file the manifest names; rebuild the index`, { cause });
    }
  }
  return makeBundle(manifest, files);
}
