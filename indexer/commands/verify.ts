/**
 * `changefind verify <dir>`: checks that a built index directory is complete and from one build:
 * manifest.json present and parseable, its schema version, every file it names present, every sha256
 * matching, and records.jsonl holding `recordCount` records. One exit code per fault (see VERIFY_EXIT),
 * so scripts and deploy checks can tell a missing upload from a truncated one.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { SCHEMA_VERSION, type Manifest } from '../schema.ts';

export const VERIFY_EXIT = {
  ok: 0,
  usage: 2,
  /** The directory does not exist or is not a folder. */
  noDirectory: 3,
  /** No manifest.json in the directory. */
  noManifest: 4,
  /** manifest.json is not JSON (cut short, or an error page). */
  manifestNotJson: 5,
  /** manifest.json is JSON but not a changefind manifest. */
  notManifest: 6,
  /** Built by a changefind with another schema version. */
  schemaVersion: 7,
  /** A file the manifest names is missing. */
  missingFile: 8,
  /** A file's sha256 differs from the manifest's (truncated, edited or from another build). */
  hashMismatch: 9,
  /** records.jsonl does not hold the manifest's record count (or a line is not a record). */
  recordCount: 10,
} as const;

export type VerifyFault = Exclude<keyof typeof VERIFY_EXIT, 'ok' | 'usage'>;

export interface VerifyProblem {
  fault: VerifyFault;
  message: string;
}

export interface VerifyReport {
  dir: string;
  /** Exit code of the first (most basic) fault, 0 when none. */
  exitCode: number;
  problems: VerifyProblem[];
  recordCount?: number;
  files?: string[];
}

const fail = (dir: string, fault: VerifyFault, message: string): VerifyReport => ({ dir, exitCode: VERIFY_EXIT[fault], problems: [{ fault, message }] });

/** Checks the index directory `dir`; never throws for a damaged index. */
export function verifyIndex(dir: string): VerifyReport {
  const root = resolve(dir);
  const info = (() => {
    try {
      return statSync(root);
    } catch {
      return null;
    }
  })();
  if (!info) return fail(dir, 'noDirectory', `${dir}: no such directory. Build an index there with \`changefind build <notes...> --out ${dir}\`.`);
  if (!info.isDirectory()) return fail(dir, 'noDirectory', `${dir}: not a directory. Pass the folder that holds manifest.json.`);
  const manifestPath = join(root, 'manifest.json');
  let text: string;
  try {
    text = readFileSync(manifestPath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return fail(dir, 'noManifest', `${manifestPath}: missing; ${dir} is not a complete changefind index (a build may have been interrupted or the upload is partial). Rebuild it.`);
    return fail(dir, 'noManifest', `${manifestPath}: cannot read it (${code ?? 'error'}); check its permissions.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const head = text.trimStart().slice(0, 1);
    const why = head === '<' ? 'it holds HTML (an error page?), not JSON' : head === '{' ? `it is cut short or damaged (${(error as Error).message})` : `it is not JSON (${(error as Error).message})`;
    return fail(dir, 'manifestNotJson', `${manifestPath}: ${why}. Rebuild the index or re-upload manifest.json.`);
  }
  const m = value as Partial<Manifest> | null;
  if (!m || typeof m !== 'object' || Array.isArray(m) || typeof m.schemaVersion !== 'number' || !isNameMap(m.files) || !isNameMap(m.hashes) || !Number.isInteger(m.recordCount)) {
    return fail(dir, 'notManifest', `${manifestPath}: not a changefind manifest (needs schemaVersion, files, hashes and recordCount). Rebuild the index with \`changefind build\`.`);
  }
  if (m.schemaVersion !== SCHEMA_VERSION) {
    return fail(dir, 'schemaVersion', `${manifestPath}: schema version ${m.schemaVersion}, but this changefind reads version ${SCHEMA_VERSION}. Rebuild the index with this version of changefind.`);
  }
  const manifest = m as Manifest;
  const names = [...new Set([...Object.values(manifest.files), ...Object.keys(manifest.hashes)])].sort();
  const problems: VerifyProblem[] = [];
  const contents = new Map<string, Buffer>();
  for (const name of names) {
    if (!/^[^/\\]+$/.test(name) || name === '.' || name === '..') {
      problems.push({ fault: 'notManifest', message: `${manifestPath}: file name ${JSON.stringify(name)} is not a plain file name in the index directory. Rebuild the index.` });
      continue;
    }
    const path = join(root, name);
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      problems.push({ fault: 'missingFile', message: `${path}: ${code === 'ENOENT' ? 'missing' : `cannot read it (${code ?? 'error'})`}, but manifest.json lists it. Copy the whole index directory or rebuild it.` });
      continue;
    }
    contents.set(name, bytes);
    const expected = manifest.hashes[name];
    if (expected === undefined) {
      problems.push({ fault: 'hashMismatch', message: `${manifestPath}: no sha256 for ${name}. Rebuild the index.` });
      continue;
    }
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== expected) {
      problems.push({ fault: 'hashMismatch', message: `${path}: sha256 ${actual.slice(0, 12)}… does not match manifest.json (${expected.slice(0, 12)}…): the file is truncated, edited or from another build. Rebuild or re-upload the whole directory.` });
    }
  }
  const recordsName = manifest.files.records;
  const records = recordsName === undefined ? undefined : contents.get(recordsName);
  if (recordsName === undefined) {
    problems.push({ fault: 'notManifest', message: `${manifestPath}: names no "records" file. Rebuild the index.` });
  } else if (records) {
    const lines = records.toString('utf8').split('\n').filter((line) => line !== '');
    const bad = lines.findIndex((line) => !isRecordLine(line));
    if (bad >= 0) {
      problems.push({ fault: 'recordCount', message: `${join(root, recordsName)}:${bad + 1}: not a JSON record (cut short?). Rebuild the index.` });
    } else if (lines.length !== manifest.recordCount) {
      problems.push({ fault: 'recordCount', message: `${join(root, recordsName)}: ${lines.length} records, but manifest.json says ${manifest.recordCount}: the files come from different builds. Rebuild or re-upload the whole directory.` });
    }
  }
  const order: VerifyFault[] = ['notManifest', 'missingFile', 'hashMismatch', 'recordCount'];
  problems.sort((a, b) => order.indexOf(a.fault) - order.indexOf(b.fault));
  return { dir, exitCode: problems[0] ? VERIFY_EXIT[problems[0].fault] : VERIFY_EXIT.ok, problems, recordCount: manifest.recordCount, files: names };
}

function isNameMap(value: unknown): value is Record<string, string> {
  return !!value && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');
}

function isRecordLine(line: string): boolean {
  try {
    const value = JSON.parse(line) as unknown;
    return !!value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string';
  } catch {
    return false;
  }
}

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('Check that a built index directory is complete and from one build (manifest, schema version, files, sha256 hashes, record count)')
    .argument('<dir>', 'index directory (holds manifest.json)')
    .option('--json', 'print the report as one JSON object')
    .addHelpText(
      'after',
      `\nExit codes: ${Object.entries(VERIFY_EXIT)
        .map(([fault, code]) => `${code} ${fault}`)
        .join(', ')}.`,
    )
    .action((dir: string, flags: { json?: boolean }) => {
      const report = verifyIndex(dir);
      if (flags.json) process.stdout.write(`${JSON.stringify(report)}\n`);
      else if (report.exitCode === 0) process.stdout.write(`${dir}: ok (${report.recordCount} records, ${report.files?.length ?? 0} files, hashes match)\n`);
      for (const problem of report.problems) process.stderr.write(`changefind verify: error: ${problem.message}\n`);
      process.exitCode = report.exitCode;
    });
}
