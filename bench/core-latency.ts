/**
 * Per-keystroke latency of the search core against MiniSearch (`prefix: true, fuzzy: 0.2`) and
 * FlexSearch (forward tokenizer), on the same records, in the same process: every prefix of every
 * query in bench/queries.json (+ bench/dev-queries.json), typed in order. For tuning the core;
 * the published comparison is `npm run bench`.
 *
 *   node --import tsx bench/core-latency.ts [--factor 1,20] [--records FILE.json] [--cpu]
 *     [--core-only] [--slowest N [--passes P]] [--relevance] [--generated N]
 *
 * --core-only skips the peers; --slowest N lists the N slowest keystrokes of the core (each timed as
 * the best of P passes, default 3, so a busy machine does not pick them); --relevance prints MRR@10 per query
 * kind for bench/queries.json and bench/dev-queries.json at 1x, and every query not ranked first;
 * --generated N checks rules rather than hand-written queries: for N changes picked at random (seeded)
 * it types each change's name (status suffix dropped), its first half, and the name with two letters
 * of one long word swapped, and prints MRR@10 per kind (any edition of the change counts).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Document } from 'flexsearch';
import MiniSearch from 'minisearch';
import { buildMiniSearchFiles } from '../indexer/build-minisearch.ts';
import { buildRecords } from '../indexer/pipeline.ts';
import { SCHEMA_VERSION, type ChangeRecord, type Manifest } from '../indexer/schema.ts';
import { changeKey } from '../widget/core/editions.ts';
import { SearchCore } from '../widget/search-core.ts';
import type { Filters } from '../widget/search-types.ts';
import { KINDS, loadQueries, resolveQueries, score } from './lib/queries.ts';
import { synthesize } from './lib/synthetic.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({ options: {
  factor: { type: 'string', default: '1,20' }, records: { type: 'string' }, cpu: { type: 'boolean' },
  'core-only': { type: 'boolean' }, slowest: { type: 'string' }, passes: { type: 'string', default: '3' }, relevance: { type: 'boolean' },
  generated: { type: 'string' },
} });

/** Wall-clock ms, or with --cpu this process's CPU ms (robust when other jobs share the cores). */
function now(): number {
  if (!args.cpu) return performance.now();
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function core(records: ChangeRecord[]): SearchCore {
  const out = buildMiniSearchFiles(records);
  const manifest: Manifest = {
    schemaVersion: SCHEMA_VERSION, generator: 'core-latency', engines: ['minisearch'],
    files: Object.fromEntries(out.map((f) => [f.role, f.name])),
    hashes: Object.fromEntries(out.map((f) => [f.name, createHash('sha256').update(f.content).digest('hex')])),
    inputHash: '', inputs: [], recordCount: records.length,
    counts: { lifecycle: {}, kind: {}, product: {}, releaseType: {}, year: {}, area: {} },
  };
  return SearchCore.fromBundle({ manifest, files: Object.fromEntries(out.map((f) => [f.name, f.content])) });
}

function keystrokes(): { q: string; filters?: Filters }[] {
  const files = ['bench/queries.json', 'bench/dev-queries.json'].map((f) => join(root, f)).filter((f) => existsSync(f));
  const out: { q: string; filters?: Filters }[] = [];
  for (const f of files) {
    for (const { q, filters } of JSON.parse(readFileSync(f, 'utf8')).queries as { q: string; filters?: Filters }[]) {
      for (let i = 1; i <= q.length; i++) out.push({ q: q.slice(0, i), ...(filters ? { filters } : {}) });
    }
  }
  return out;
}

function stats(ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number): string => s[Math.min(s.length - 1, Math.floor(p * s.length))]!.toFixed(3);
  return `p50 ${at(0.5)} ms  p99 ${at(0.99)} ms  max ${s[s.length - 1]!.toFixed(3)} ms`;
}

function time(keys: { q: string; filters?: Filters }[], run: (k: { q: string; filters?: Filters }) => unknown): number[] {
  for (const k of keys.slice(0, 200)) run(k); // warm the JIT
  return keys.map((k) => {
    const t = now();
    run(k);
    return now() - t;
  });
}

/** MRR@10 per kind of each query file, and the queries whose expected record is not first. */
async function relevance(records: ChangeRecord[], ours: SearchCore): Promise<void> {
  for (const f of ['bench/queries.json', 'bench/dev-queries.json'].map((x) => join(root, x)).filter((x) => existsSync(x))) {
    const { resolved } = resolveQueries(await loadQueries(f), records);
    const ranked = resolved.map((q) => ours.search(q.q, { limit: 10, ...(q.filters ? { filters: q.filters } : {}) }).hits.map((h) => h.id));
    const report = score(resolved, ranked);
    const kinds = KINDS.filter((k) => report.byKind[k]).map((k) => `${k} ${report.byKind[k]!.mrr.toFixed(3)}`);
    console.log(`${f.slice(root.length + 1)}: MRR@10 ${report.overall.mrr.toFixed(4)} (${resolved.length} queries)\n  ${kinds.join('  ')}`);
    resolved.forEach((q, i) => {
      const at = ranked[i]!.findIndex((id) => q.relevant.has(id));
      if (at !== 0) console.log(`  rank ${at < 0 ? '-' : at + 1} [${q.kind}] ${JSON.stringify(q.q)}${q.filters ? ` ${JSON.stringify(q.filters)}` : ''}  top: ${ranked[i]!.slice(0, 3).join(' | ')}`);
    });
  }
}

/** MRR@10 of queries made from the changes' own names (navigational, half-typed prefix, one swapped pair of letters). */
function generated(records: ChangeRecord[], ours: SearchCore, count: number): void {
  let seed = 20261128;
  const random = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const named = records.filter((r) => r.kind === 'feature' && changeKey(r.title).split(' ').length >= 2);
  const rr: Record<string, number[]> = { navigational: [], prefix: [], typo: [] };
  const misses: string[] = [];
  for (let n = 0; n < count && named.length > 0; n++) {
    const r = named[Math.floor(random() * named.length)]!;
    const name = changeKey(r.title);
    const words = name.split(' ');
    const queries: [string, string][] = [['navigational', name], ['prefix', name.slice(0, Math.max(4, Math.ceil(name.length / 2)))]];
    const long = words.flatMap((w, i) => (/^[a-z]{6,}$/.test(w) ? [i] : []));
    if (long.length > 0) {
      const i = long[Math.floor(random() * long.length)]!;
      const w = words[i]!, j = 1 + Math.floor(random() * (w.length - 2));
      queries.push(['typo', words.map((x, k) => (k === i ? w.slice(0, j) + w[j + 1] + w[j] + w.slice(j + 2) : x)).join(' ')]);
    }
    for (const [kind, q] of queries) {
      const hits = ours.search(q, { limit: 10 }).hits;
      const at = hits.findIndex((h) => changeKey(h.title) === name);
      rr[kind]!.push(at < 0 ? 0 : 1 / (at + 1));
      if (at !== 0) misses.push(`  rank ${at < 0 ? '-' : at + 1} [${kind}] ${JSON.stringify(q)}  want: ${r.title}  top: ${hits[0]?.title ?? '-'}`);
    }
  }
  const mrr = (v: number[]): string => (v.reduce((a, b) => a + b, 0) / Math.max(1, v.length)).toFixed(3);
  console.log(`generated from ${count} changes: ${Object.entries(rr).map(([k, v]) => `${k} ${mrr(v)} (${v.length})`).join('  ')}`);
  console.log(misses.join('\n'));
}

const base = args.records ? (JSON.parse(readFileSync(args.records, 'utf8')) as ChangeRecord[]) : (await buildRecords([join(root, '../shared/corpus/okta')])).records;
const keys = keystrokes();
const extract = (doc: ChangeRecord, field: string): string => {
  const v: unknown = doc[field as keyof ChangeRecord];
  return Array.isArray(v) ? v.join(' ') : String(v ?? '');
};
for (const factor of args.factor!.split(',').map(Number)) {
  // Ids made unique again: the indexer's `~2` duplicates can collide with synthesize()'s `~k` copies.
  const records = synthesize(base, factor).map((r, i) => (factor > 1 ? { ...r, id: `${r.id}#${i}` } : r));
  let t = performance.now();
  const ours = core(records);
  const oursLoad = performance.now() - t;
  console.log(`\n${factor}x: ${records.length} records, ${keys.length} keystrokes (core build+load ${oursLoad.toFixed(0)} ms)`);
  if (args.relevance || args.generated) {
    if (factor === 1 && args.relevance) await relevance(records, ours);
    if (factor === 1 && args.generated) generated(records, ours, Number(args.generated));
    continue;
  }
  const run = (k: { q: string; filters?: Filters }) => ours.search(k.q, { limit: 10, ...(k.filters ? { filters: k.filters } : {}) });
  if (args.slowest) {
    const best = time(keys, run);
    for (let pass = 1; pass < Number(args.passes); pass++) time(keys, run).forEach((ms, i) => (best[i] = Math.min(best[i]!, ms)));
    console.log(`  changefind core (best of ${args.passes}) ${stats(best)}`);
    const order = best.map((_, i) => i).sort((a, b) => best[b]! - best[a]!);
    for (const i of order.slice(0, Number(args.slowest))) console.log(`    ${best[i]!.toFixed(3)} ms  ${JSON.stringify(keys[i]!.q)}${keys[i]!.filters ? ` ${JSON.stringify(keys[i]!.filters)}` : ''}`);
  }
  if (args['core-only']) {
    if (!args.slowest) console.log(`  changefind core        ${stats(time(keys, run))}`);
    continue;
  }
  const ms = new MiniSearch<ChangeRecord>({ fields: ['title', 'text', 'tickets', 'flags', 'areas'], extractField: extract });
  ms.addAll(records);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const flex = new Document({ document: { id: 'id', index: [{ field: 'title', tokenize: 'forward' }, { field: 'text', tokenize: 'forward' }, { field: 'keys', tokenize: 'forward' }] }, cache: false } as any);
  for (const r of records) flex.add({ id: r.id, title: r.title, text: r.text, keys: [...r.tickets, ...r.flags, ...r.areas].join(' ') });
  console.log(`  changefind core        ${stats(time(keys, run))}`);
  console.log(`  MiniSearch prefix+fuzzy ${stats(time(keys, (k) => ms.search(k.q, { prefix: true, fuzzy: 0.2, boost: { title: 2 } })))}`);
  console.log(`  FlexSearch forward     ${stats(time(keys, (k) => flex.search(k.q, { limit: 10, merge: true } as never)))}`);
}
