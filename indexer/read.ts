/**
 * Read stage: the only module that touches the file system for input.
 * Expands files and folders into a sorted list of Markdown files and reads them.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { parseConfig, type ChangefindConfig } from './config.ts';

/** An input that cannot be read; the message names the path and says what to do. */
export class InputError extends Error {
  override name = 'InputError';
}

export interface SourceFile {
  /** Absolute path. */
  path: string;
  /** Base name, e.g. `2026.md`. */
  name: string;
  content: string;
}

const MARKDOWN = new Set(['.md', '.markdown']);

/** Files and folders -> absolute paths of Markdown files (folders scanned recursively), sorted, unique. */
export async function listInputs(inputs: readonly string[]): Promise<string[]> {
  if (inputs.length === 0) throw new InputError('no input given: pass one or more Markdown files or folders');
  const found = new Set<string>();
  for (const input of inputs) {
    const path = resolve(input);
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      throw new InputError(`${input}: no such file or folder; check the path`, { cause: error });
    }
    if (info.isDirectory()) {
      for (const file of await scan(path)) found.add(file);
    } else if (info.isFile()) {
      found.add(path);
    } else {
      throw new InputError(`${input}: not a file or folder`);
    }
  }
  return [...found].sort(byName);
}

async function scan(folder: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    throw new InputError(`${folder}: cannot list this folder (${(error as NodeJS.ErrnoException).code ?? 'error'}); check its permissions`, { cause: error });
  }
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) files.push(...(await scan(path)));
    else if (entry.isFile() && MARKDOWN.has(extname(entry.name).toLowerCase())) files.push(path);
  }
  return files;
}

/** Sorts by base name first so a page's place does not depend on where its folder is. */
function byName(a: string, b: string): number {
  const [na, nb] = [basename(a), basename(b)];
  if (na !== nb) return na < nb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Reads the files as UTF-8 (a BOM is dropped; CRLF is kept as written). */
export async function readSources(paths: readonly string[]): Promise<SourceFile[]> {
  return Promise.all(
    paths.map(async (path) => {
      let content: string;
      try {
        content = await readFile(path, 'utf8');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? 'error';
        throw new InputError(`${path}: cannot read this file (${code}); check that it exists and is readable`, { cause: error });
      }
      return { path, name: basename(path), content: content.startsWith('\uFEFF') ? content.slice(1) : content };
    }),
  );
}

/** Reads and validates a `--config` JSON file. */
export async function readConfig(path: string): Promise<ChangefindConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new InputError(`${path}: cannot read the config file (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${path}: not valid JSON (${(error as Error).message}); fix the file`, { cause: error });
  }
  return parseConfig(value, path);
}
