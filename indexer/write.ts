/**
 * Write stage: everything a build emits, written so that a failed or killed build leaves the
 * previous output complete. The output folder `--out DIR` is a symbolic link to a sibling
 * folder `.DIR.build-*` that holds one complete build; a new build fills a new sibling, fsyncs
 * it, then replaces the link with one `rename` (atomic on POSIX), and only then removes the
 * previous build. A plain folder left at DIR by anything else is moved aside the first time.
 */
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, open, readdir, readlink, rename, rm, symlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/** The output could not be written; the previous output, if any, is unchanged. */
export class WriteError extends Error {
  override name = 'WriteError';
}

export interface OutputEntry {
  name: string;
  content: string | Uint8Array;
}

/** Writes the entries (in order; put the manifest last) as the new content of `outDir`. */
export async function writeOutput(outDir: string, entries: readonly OutputEntry[]): Promise<void> {
  const out = resolve(outDir);
  const parent = dirname(out);
  const name = basename(out);
  const stamp = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const buildName = `.${name}.build-${stamp}`;
  const target = join(parent, buildName);
  try {
    await mkdir(parent, { recursive: true });
    await mkdir(target);
    for (const entry of entries) {
      if (entry.name.includes('/')) await mkdir(dirname(join(target, entry.name)), { recursive: true });
      await writeSynced(join(target, entry.name), entry.content);
    }
    await syncFolder(target);
  } catch (error) {
    await rm(target, { recursive: true, force: true }).catch(() => undefined);
    throw explain(error, out);
  }
  let previous: string | null = null;
  const link = join(parent, `.${name}.link-${stamp}`);
  try {
    await symlink(buildName, link, process.platform === 'win32' ? 'junction' : 'dir');
    const existing = await lstat(out).catch(() => null);
    if (existing?.isSymbolicLink()) {
      previous = resolve(parent, await readlink(out));
    } else if (existing?.isDirectory()) {
      previous = join(parent, `.${name}.build-moved-${stamp}`);
      await rename(out, previous);
    } else if (existing) {
      throw new WriteError(`${out} exists and is not a folder; remove it or choose another --out`);
    }
    await rename(link, out);
    await syncFolder(parent);
  } catch (error) {
    await rm(link, { force: true }).catch(() => undefined);
    await rm(target, { recursive: true, force: true }).catch(() => undefined);
    throw error instanceof WriteError ? error : explain(error, out);
  }
  if (previous && previous !== target) await rm(previous, { recursive: true, force: true }).catch(() => undefined);
  await removeStale(parent, name, buildName);
}

async function writeSynced(path: string, content: string | Uint8Array): Promise<void> {
  const handle = await open(path, 'wx');
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncFolder(path: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'r');
    await handle.sync();
  } catch {
    // Some platforms cannot fsync a folder; the files themselves are synced.
  } finally {
    await handle?.close();
  }
}

/** Removes builds and links left by killed builds of the same output (their process is gone). */
async function removeStale(parent: string, name: string, current: string): Promise<void> {
  const prefix = `.${name}.`;
  const entries = await readdir(parent).catch(() => [] as string[]);
  for (const entry of entries) {
    if (!entry.startsWith(prefix) || entry === current) continue;
    const match = /^(?:build|link|build-moved)-(\d+)-[0-9a-f]+$/.exec(entry.slice(prefix.length));
    if (!match || alive(Number(match[1]))) continue;
    await rm(join(parent, entry), { recursive: true, force: true }).catch(() => undefined);
  }
}

function alive(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function explain(error: unknown, out: string): WriteError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason: Record<string, string> = {
    ENOSPC: 'no space left on the device; free some space or choose another --out',
    EDQUOT: 'disk quota exceeded; free some space or choose another --out',
    EROFS: 'the file system is read-only; choose another --out',
    EACCES: 'permission denied; choose a folder you can write to',
    EPERM: 'operation not permitted; choose a folder you can write to',
    ENOTDIR: 'a part of the path is not a folder; check --out',
    EEXIST: 'a part of the path is a file, not a folder; check --out',
    EFBIG: 'a file is larger than this process may write (file size limit, ulimit -f); raise the limit or choose another --out',
  };
  const why = (code && reason[code]) ?? (error as Error).message;
  return new WriteError(`cannot write the index to ${out}: ${why}. The previous output is unchanged.`, { cause: error });
}
