/** The query set (bench/queries.json): loading, resolving expectations against records, scoring. */
import { readFile } from 'node:fs/promises';
import type { ChangeRecord } from '../../indexer/schema.ts';
import type { Filters } from '../../widget/search-types.ts';
import { matchesFilters } from '../engines/peer-doc.ts';
import { toPeerDoc } from '../engines/peer-doc.ts';

export const KINDS = ['navigational', 'prefix', 'typo', 'ticket', 'flag', 'endpoint', 'descriptive', 'filtered'] as const;
export type QueryKind = (typeof KINDS)[number];

export interface Expectation {
  file?: string;
  title?: string;
  text?: string;
  ticket?: string;
  flag?: string;
}

export interface BenchQuery {
  q: string;
  kind: QueryKind;
  filters?: Filters;
  expect: Expectation[];
}

/** A query with the record ids its expectations resolved to. */
export interface ResolvedQuery extends BenchQuery {
  relevant: Set<string>;
}

export interface Unresolved {
  q: string;
  expectation: Expectation;
  reason: string;
}

export async function loadQueries(path: string): Promise<BenchQuery[]> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path, 'utf8'));
  } catch (cause) {
    throw new Error(`${path}: cannot read the query set (${(cause as Error).message}); fix the JSON`, { cause });
  }
  const queries = (data as { queries?: unknown }).queries;
  if (!Array.isArray(queries)) throw new Error(`${path}: expected {"queries": [...]}`);
  queries.forEach((q: BenchQuery, i) => {
    if (typeof q.q !== 'string' || !KINDS.includes(q.kind) || !Array.isArray(q.expect) || q.expect.length === 0) {
      throw new Error(`${path}: query #${i + 1} (${JSON.stringify(q.q)}) needs "q", a known "kind" and a non-empty "expect"`);
    }
  });
  return queries as BenchQuery[];
}

const norm = (s: string) => s.replace(/`/g, '').replace(/\s+/g, ' ').trim().toLowerCase();

export function matches(e: Expectation, r: ChangeRecord): boolean {
  if (e.file !== undefined && r.file !== e.file) return false;
  if (e.title !== undefined && !norm(r.title).includes(norm(e.title))) return false;
  if (e.text !== undefined && !norm(`${r.title} ${r.text}`).includes(norm(e.text))) return false;
  if (e.ticket !== undefined && !r.tickets.some((t) => t.toLowerCase() === e.ticket!.toLowerCase())) return false;
  if (e.flag !== undefined && !r.flags.some((f) => f.toLowerCase() === e.flag!.toLowerCase())) return false;
  return true;
}

/** Resolves every expectation to record ids; reports the ones that match nothing usable. */
export function resolveQueries(
  queries: BenchQuery[],
  records: readonly ChangeRecord[],
): { resolved: ResolvedQuery[]; unresolved: Unresolved[]; dropped: string[] } {
  const unresolved: Unresolved[] = [];
  const dropped: string[] = [];
  const resolved: ResolvedQuery[] = [];
  for (const query of queries) {
    const relevant = new Set<string>();
    for (const e of query.expect) {
      const hits = records.filter((r) => matches(e, r));
      const usable = hits.filter((r) => matchesFilters(toPeerDoc(r), query.filters));
      if (hits.length === 0) unresolved.push({ q: query.q, expectation: e, reason: 'matches no record' });
      else if (usable.length === 0) unresolved.push({ q: query.q, expectation: e, reason: 'matches only records outside the filters' });
      for (const r of usable) relevant.add(r.id);
    }
    if (relevant.size === 0) dropped.push(query.q);
    else resolved.push({ ...query, relevant });
  }
  return { resolved, unresolved, dropped };
}

export interface Relevance {
  mrr: number;
  recall: number;
  n: number;
}

export interface RelevanceReport {
  overall: Relevance;
  byKind: Partial<Record<QueryKind, Relevance>>;
  /** Queries whose expected record was not in the top 10. */
  misses: string[];
}

/** MRR@10 and recall@10 from each query's ranked ids. */
export function score(queries: ResolvedQuery[], ranked: string[][]): RelevanceReport {
  const rr: number[] = queries.map((q, i) => {
    const ids = (ranked[i] ?? []).slice(0, 10);
    const at = ids.findIndex((id) => q.relevant.has(id));
    return at < 0 ? 0 : 1 / (at + 1);
  });
  const agg = (idx: number[]): Relevance => ({
    mrr: idx.length ? idx.reduce((s, i) => s + rr[i]!, 0) / idx.length : 0,
    recall: idx.length ? idx.filter((i) => rr[i]! > 0).length / idx.length : 0,
    n: idx.length,
  });
  const byKind: Partial<Record<QueryKind, Relevance>> = {};
  for (const kind of KINDS) {
    const idx = queries.map((q, i) => (q.kind === kind ? i : -1)).filter((i) => i >= 0);
    if (idx.length) byKind[kind] = agg(idx);
  }
  return {
    overall: agg(queries.map((_, i) => i)),
    byKind,
    misses: queries.filter((_, i) => rr[i] === 0).map((q) => `${q.kind}: ${q.q}`),
  };
}

/** Every prefix of every query, as typed character by character (with the query's filters). */
export function keystrokes(queries: readonly BenchQuery[]): { q: string; filters?: Filters }[] {
  const out: { q: string; filters?: Filters }[] = [];
  for (const query of queries) {
    for (let i = 1; i <= query.q.length; i++) {
      out.push(query.filters ? { q: query.q.slice(0, i), filters: query.filters } : { q: query.q.slice(0, i) });
    }
  }
  return out;
}
