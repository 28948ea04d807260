/**
 * A validator for the record schema (indexer/schema.ts), written independently of the indexer so that
 * property tests can check any output: it returns every violation as `path: what` (empty = valid).
 */
import { FACETS, KINDS, LIFECYCLES, RELEASE_TYPES, SCHEMA_VERSION, type ChangeRecord, type Manifest } from '../../indexer/schema.ts';
import type { Warning } from '../../indexer/warnings.ts';

const RECORD_KEYS = ['id', 'title', 'text', 'file', 'line', 'product', 'release', 'releaseType', 'date', 'lifecycle', 'kind', 'areas', 'tickets', 'flags', 'anchor', 'url'];

const isString = (value: unknown): value is string => typeof value === 'string';

/** True when `value` has no lone UTF-16 surrogate (would not survive a UTF-8 round trip). */
export function wellFormed(value: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value);
}

function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const plainOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** Ticket ids may be sorted by number (`OKTA-955102` before `OKTA-1165876`). */
const numericOrder = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

/** Unique strings, sorted in plain code-unit order or in numeric-aware order. */
function sortedUniqueStrings(value: unknown): boolean {
  if (!Array.isArray(value) || !value.every(isString) || new Set(value).size !== value.length) return false;
  const sorted = (order: (a: string, b: string) => number) => value.every((v, i) => i === 0 || order(value[i - 1] as string, v) <= 0);
  return sorted(plainOrder) || sorted(numericOrder);
}

export interface RecordContext {
  /** Expected `file` value. */
  file?: string;
  /** Number of lines in the source (a record's line must lie within). */
  lineCount?: number;
}

/** Every way `value` breaks the ChangeRecord schema, as `field: problem`. */
export function recordProblems(value: unknown, context: RecordContext = {}): string[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return ['record: not an object'];
  const r = value as Record<string, unknown>;
  const problems: string[] = [];
  const need = (ok: boolean, field: string, what: string) => {
    if (!ok) problems.push(`${field}: ${what} (got ${JSON.stringify(r[field])?.slice(0, 80)})`);
  };
  for (const key of RECORD_KEYS) if (!(key in r)) problems.push(`${key}: missing`);
  need(isString(r.id) && r.id.length > 0 && !/\s/.test(r.id), 'id', 'a non-empty string without spaces');
  need(isString(r.title) && r.title.trim().length > 0, 'title', 'a non-empty string');
  need(isString(r.text), 'text', 'a string');
  need(isString(r.file) && r.file.length > 0 && !r.file.includes('/'), 'file', 'a base file name');
  if (context.file !== undefined) need(r.file === context.file, 'file', `equal to ${context.file}`);
  need(Number.isInteger(r.line) && (r.line as number) >= 1, 'line', 'an integer >= 1');
  if (context.lineCount !== undefined) need((r.line as number) <= context.lineCount, 'line', `at most the source's ${context.lineCount} lines`);
  need(isString(r.product) && r.product.trim().length > 0, 'product', 'a non-empty string');
  need(r.release === null || (isString(r.release) && r.release.length > 0), 'release', 'null or a non-empty string');
  need(r.releaseType === null || (RELEASE_TYPES as readonly unknown[]).includes(r.releaseType), 'releaseType', `null or one of ${RELEASE_TYPES.join(', ')}`);
  need(r.date === null || (isString(r.date) && isIsoDate(r.date)), 'date', 'null or a real yyyy-mm-dd date');
  need(r.lifecycle === null || (LIFECYCLES as readonly unknown[]).includes(r.lifecycle), 'lifecycle', `null or one of ${LIFECYCLES.join(', ')}`);
  need((KINDS as readonly unknown[]).includes(r.kind), 'kind', `one of ${KINDS.join(', ')}`);
  need(sortedUniqueStrings(r.areas), 'areas', 'sorted unique strings');
  need(sortedUniqueStrings(r.tickets), 'tickets', 'sorted unique strings');
  need(sortedUniqueStrings(r.flags), 'flags', 'sorted unique strings');
  need(isString(r.anchor) && !r.anchor.startsWith('#') && !/\s/.test(r.anchor), 'anchor', 'a slug without # or spaces');
  let url: URL | null = null;
  try {
    url = isString(r.url) ? new URL(r.url) : null;
  } catch {
    url = null;
  }
  need(url !== null && (url.protocol === 'https:' || url.protocol === 'http:'), 'url', 'an absolute http(s) URL');
  for (const key of ['id', 'title', 'text', 'product', 'anchor', 'url']) {
    if (isString(r[key]) && !wellFormed(r[key] as string)) problems.push(`${key}: holds a lone UTF-16 surrogate`);
  }
  return problems;
}

/** Every way a warning breaks `file:line: message`. */
export function warningProblems(warning: Warning, lineCount?: number): string[] {
  const problems: string[] = [];
  if (!isString(warning.file) || warning.file.length === 0) problems.push('warning: no file');
  if (!Number.isInteger(warning.line) || warning.line < 1) problems.push(`warning: line ${warning.line} is not an integer >= 1`);
  if (lineCount !== undefined && warning.line > lineCount) problems.push(`warning: line ${warning.line} beyond the source's ${lineCount} lines`);
  if (!isString(warning.message) || warning.message.trim().length === 0) problems.push('warning: empty message');
  return problems;
}

/** Every way `value` breaks the Manifest schema. */
export function manifestProblems(value: unknown): string[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return ['manifest: not an object'];
  const m = value as Partial<Manifest>;
  const problems: string[] = [];
  if (m.schemaVersion !== SCHEMA_VERSION) problems.push(`schemaVersion: expected ${SCHEMA_VERSION}`);
  if (!Array.isArray(m.engines) || !m.engines.every(isString)) problems.push('engines: not a string array');
  if (!m.files || typeof m.files !== 'object' || !Object.values(m.files).every(isString)) problems.push('files: not a name map');
  if (!m.hashes || typeof m.hashes !== 'object' || !Object.values(m.hashes).every((h) => isString(h) && /^[0-9a-f]{64}$/.test(h))) problems.push('hashes: not sha256 hex values');
  if (!Number.isInteger(m.recordCount) || (m.recordCount as number) < 0) problems.push('recordCount: not a count');
  if (!m.counts || typeof m.counts !== 'object' || !FACETS.every((f) => m.counts?.[f] && typeof m.counts[f] === 'object')) problems.push('counts: not per facet');
  return problems;
}

/** Throws with every problem of every record (for tests). */
export function assertValidRecords(records: readonly ChangeRecord[], context: RecordContext = {}): void {
  const problems: string[] = [];
  const ids = new Set<string>();
  records.forEach((record, i) => {
    for (const problem of recordProblems(record, context)) problems.push(`record ${i} (${record?.file}:${record?.line}): ${problem}`);
    if (ids.has(record.id)) problems.push(`record ${i}: duplicate id ${record.id}`);
    ids.add(record.id);
  });
  if (problems.length) throw new Error(`${problems.length} schema problem(s):\n${problems.slice(0, 20).join('\n')}`);
}
