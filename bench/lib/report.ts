/** The published table: bench/results/latest.md, rendered from the results JSON. */
import type { Capabilities } from '../engines/types.ts';
import type { BundleRow } from './bundles.ts';
import type { Machine } from './machine.ts';
import type { Phase } from './phases.ts';
import type { EngineResult } from './measure.ts';
import { KINDS, type Unresolved } from './queries.ts';
import type { IndexerTiming } from './records.ts';
import type { LatencyStats } from './stats.ts';

export interface BenchResults {
  date: string;
  quick: boolean;
  machine: Machine;
  versions: Record<string, string>;
  corpus: { dir: string; records: number; fromIndexer: boolean };
  indexer: IndexerTiming | null;
  queries: { total: number; scored: number; unresolved: Unresolved[]; dropped: string[] };
  engines: { key: string; label: string; settings: string; capabilities: Capabilities }[];
  results: EngineResult[];
  skippedCorpora: string[];
  bundles: BundleRow[];
  durationS: number;
  /** Wall and CPU time per phase of the run (absent in results written before phases were recorded). */
  phases?: { phases: Phase[]; totalMs: number; totalCpuMs: number | null };
}

const OURS = 'changefind';
const kib = (n: number | undefined) => (n === undefined ? '—' : (n / 1024).toFixed(n < 10240 ? 1 : 0));
const ms = (n: number | undefined) => (n === undefined ? '—' : n < 1 ? n.toFixed(3) : n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : n.toFixed(0));
const lat = (l: (LatencyStats & { planned: number }) | undefined) =>
  l ? `${ms(l.p50)} / ${ms(l.p95)} / ${ms(l.p99)} / ${ms(l.max)}${l.n < l.planned ? ` (${l.n} of ${l.planned})` : ''}` : 'n/a';
/** "(1 of 2 runs)" where a measurement was not repeated because its first run was long. */
const runs = (done: number | undefined, planned: number | undefined) =>
  done !== undefined && planned !== undefined && done < planned ? ` (${done} of ${planned} runs)` : '';
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || b === 0 ? '—' : (a / b).toFixed(2));

function row(cells: (string | number)[]): string {
  return `| ${cells.join(' | ')} |`;
}

function corpusTable(res: BenchResults, corpus: string, withRelevance: boolean): string[] {
  const label = (key: string) => res.engines.find((e) => e.key === key)?.label ?? key;
  const caps = (key: string) => res.engines.find((e) => e.key === key)?.capabilities;
  const order = (key: string) => res.engines.findIndex((e) => e.key === key);
  const rows = res.results.filter((r) => r.corpus === corpus).sort((a, b) => order(a.engine) - order(b.engine));
  const lines: string[] = [];
  const head = [
    'engine',
    'build ms',
    'index KiB raw / gzip / br',
    'fetched before 1st result KiB raw / gzip (requests)',
    'cold load to 1st result, ms (Chromium)',
    'load ms (Node)',
    'keystroke ms p50 / p95 / p99 / max (Node)',
    'keystroke ms p50 / p95 / p99 / max (Chromium)',
    ...(withRelevance ? ['MRR@10', 'recall@10', 'filters', 'highlights'] : []),
  ];
  lines.push(row(head), row(head.map(() => '---')));
  for (const r of rows) {
    if (r.skipped) {
      lines.push(row([label(r.engine), `skipped: ${r.skipped}`, ...head.slice(2).map(() => '')]));
      continue;
    }
    const c = caps(r.engine);
    const b = r.browser;
    lines.push(
      row([
        label(r.engine),
        `${ms(r.buildMs)}${runs(r.buildsMs?.length, r.buildsPlanned)}`,
        `${kib(r.indexBytes?.raw)} / ${kib(r.indexBytes?.gzip)} / ${kib(r.indexBytes?.brotli)}`,
        b ? `${kib(b.firstResultBytes.raw)} / ${kib(b.firstResultBytes.gzip)} (${b.firstResultRequests})` : 'n/a',
        b ? `${ms(b.coldLoadMs)}${runs(b.coldLoadsMs.length, b.coldLoadsPlanned)}` : 'n/a',
        r.node ? ms(r.node.loadMs) : 'n/a (browser runtime only)',
        r.node ? lat(r.node.latency) : 'n/a (browser runtime only)',
        b ? lat(b.latency) : 'n/a',
        ...(withRelevance
          ? [
              r.relevance ? r.relevance.overall.mrr.toFixed(3) : '—',
              r.relevance ? r.relevance.overall.recall.toFixed(3) : '—',
              c ? (c.filters === 'app' ? 'app code (post-filter)' : c.filters) : '—',
              c?.highlights ?? '—',
            ]
          : []),
      ]),
    );
  }
  const scope = rows.find((r) => r.strokeScope)?.strokeScope;
  if (scope) lines.push('', `Keystrokes: ${scope}; "(n of m)" marks a run cut by its time budget. "(1 of k runs)": a build or cold load whose first run was already long was not repeated for the median.`);
  return lines;
}

function ratioTable(res: BenchResults, corpus: string, withRelevance: boolean): string[] {
  const rows = res.results.filter((r) => r.corpus === corpus && !r.skipped);
  const ours = rows.find((r) => r.engine === OURS);
  if (!ours) return ['changefind was not measured on this corpus.'];
  const label = (key: string) => res.engines.find((e) => e.key === key)?.label ?? key;
  const head = ['ours / peer', 'build', 'index gzip', 'bytes before 1st result (gzip)', 'cold load', 'Node p99', 'Chromium p99', ...(withRelevance ? ['MRR@10 (higher is better)'] : [])];
  const lines = [row(head), row(head.map(() => '---'))];
  for (const p of rows.filter((r) => !r.engine.startsWith(OURS))) {
    lines.push(
      row([
        label(p.engine),
        ratio(ours.buildMs, p.buildMs),
        ratio(ours.indexBytes?.gzip, p.indexBytes?.gzip),
        ratio(ours.browser?.firstResultBytes.gzip, p.browser?.firstResultBytes.gzip),
        ratio(ours.browser?.coldLoadMs, p.browser?.coldLoadMs),
        ratio(ours.node?.latency.p99, p.node?.latency.p99),
        ratio(ours.browser?.latency.p99, p.browser?.latency.p99),
        ...(withRelevance ? [ratio(ours.relevance?.overall.mrr, p.relevance?.overall.mrr)] : []),
      ]),
    );
  }
  const ourPf = rows.find((r) => r.engine === `${OURS}-pagefind`);
  const pf = rows.find((r) => r.engine === 'pagefind');
  if (ourPf && pf) {
    lines.push(
      row([
        `${label(ourPf.engine)} / ${label(pf.engine)}`,
        ratio(ourPf.buildMs, pf.buildMs),
        ratio(ourPf.indexBytes?.gzip, pf.indexBytes?.gzip),
        ratio(ourPf.browser?.firstResultBytes.gzip, pf.browser?.firstResultBytes.gzip),
        ratio(ourPf.browser?.coldLoadMs, pf.browser?.coldLoadMs),
        '—',
        ratio(ourPf.browser?.latency.p99, pf.browser?.latency.p99),
        ...(withRelevance ? [ratio(ourPf.relevance?.overall.mrr, pf.relevance?.overall.mrr)] : []),
      ]),
    );
  }
  lines.push('', 'Below 1 means changefind is smaller/faster (for MRR, above 1 means better).');
  return lines;
}

function kindTable(res: BenchResults): string[] {
  const rows = res.results.filter((r) => r.corpus === '1x' && r.relevance);
  const label = (key: string) => res.engines.find((e) => e.key === key)?.label ?? key;
  const head = ['kind (queries)', ...rows.map((r) => label(r.engine))];
  const lines = [row(head), row(head.map(() => '---'))];
  for (const kind of KINDS) {
    const n = rows[0]?.relevance?.byKind[kind]?.n ?? 0;
    lines.push(row([`${kind} (${n})`, ...rows.map((r) => {
      const k = r.relevance!.byKind[kind];
      return k ? `${k.mrr.toFixed(2)} / ${k.recall.toFixed(2)}` : '—';
    })]));
  }
  lines.push(row(['**overall**', ...rows.map((r) => `**${r.relevance!.overall.mrr.toFixed(3)} / ${r.relevance!.overall.recall.toFixed(3)}**`)]));
  return lines;
}

export function renderMarkdown(res: BenchResults): string {
  const m = res.machine;
  const out: string[] = [];
  out.push('# changefind bench: latest results', '');
  out.push(`Generated by \`npm run bench${res.quick ? ' -- --quick' : ''}\` on ${res.date} (run took ${res.durationS.toFixed(0)} s).`, '');
  out.push(`**Machine**: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}; Node ${m.node}; ${m.chromium} (headless, loopback server, fresh context per cold load). Shared with other work while measuring: compare ratios within this table, not absolute numbers across runs.`, '');
  out.push(`**Versions**: ${Object.entries(res.versions).map(([k, v]) => `${k} ${v}`).join(', ')}.`, '');
  out.push(`**Records**: ${res.corpus.records} from \`${res.corpus.dir}\`${res.corpus.fromIndexer ? ', built by our indexer' : ' (read from a file)'}; every engine gets the same records (title, text, lifecycle; tickets, flags and areas as one identifier field; facets for filters).`, '');
  if (res.indexer) {
    const i = res.indexer;
    const ours = res.results.find((r) => r.engine === OURS && r.corpus === '1x');
    out.push(
      `**Indexer time** (read + parse + split + classify, \`buildRecords\`): ${ms(i.firstMs)} ms cold, ${ms(i.warmMs)} ms warm (median of ${i.warmRuns}); ` +
        `index build (\`buildMiniSearchFiles\` + manifest): ${ms(ours?.buildMs)} ms; ` +
        `full \`build(inputs, {out})\` with atomic write: ${i.buildAllMs === null ? 'n/a' : `${ms(i.buildAllMs)} ms`}; ${i.warnings} warnings.`,
      '',
    );
  }
  out.push(`**Queries**: ${res.queries.total} in \`bench/queries.json\` (${res.queries.scored} scored). Relevance: MRR@10 and recall@10 (an expected record in the top 10).`, '');
  out.push('## Real corpus (1x)', '', ...corpusTable(res, '1x', true), '', '### changefind / peer (1x)', '', ...ratioTable(res, '1x', true), '');
  out.push('### Relevance per query kind (MRR@10 / recall@10)', '', ...kindTable(res), '');
  for (const corpus of ['20x', '100x']) {
    const rows = res.results.filter((r) => r.corpus === corpus);
    if (!rows.length) continue;
    out.push(`## Synthetic ${corpus} (${rows[0]!.records} records: ids suffixed, body words reshuffled, seeded)`, '', ...corpusTable(res, corpus, false), '', `### changefind / peer (${corpus})`, '', ...ratioTable(res, corpus, false), '');
  }
  for (const s of res.skippedCorpora) out.push(`- ${s}`);
  if (res.skippedCorpora.length) out.push('');
  out.push('## Bundle sizes (min + gzip)', '', row(['bundle', 'min KiB', 'min+gzip KiB', 'min+brotli KiB', 'how']), row(['---', '---', '---', '---', '---']));
  for (const b of res.bundles) out.push(row([b.name, kib(b.sizes?.raw), kib(b.sizes?.gzip), kib(b.sizes?.brotli), b.note ? `${b.how} (${b.note})` : b.how]));
  out.push('', "Files already gzip-compressed as written (Pagefind's index files and wasm) are counted at their served size in every column.", '');
  out.push('## Engine settings', '');
  for (const e of res.engines) out.push(`- **${e.label}**: ${e.settings} Filters: ${e.capabilities.filters === 'app' ? 'not in the engine (post-filtered in app code)' : e.capabilities.filters}. Highlights: ${e.capabilities.highlights}.`);
  out.push('', '## Notes', '');
  out.push('- Build: records -> index files on disk, in Node (1x: median of the builds, run in rounds across engines). Index size: the files a browser downloads for the index (Pagefind: its index, fragment, filter and meta files; not its JS/wasm); gzip -9 / brotli 9 at 1x, gzip -6 / brotli 5 on synthetic corpora (brotli 11 costs seconds per MB here); bundles: gzip -9 / brotli 11.');
  out.push('- Cold load: a fresh incognito context with the cache disabled opens the engine page; the time is `performance.now()` when the first result for "passkeys" is in the DOM (navigation start = 0). Bytes fetched: everything the loopback server sent until then (page, engine code, index files), raw and re-compressed.');
  out.push('- Keystroke latency: each prefix of each query searched in order as typed (with the query\'s filters), top 10 with titles (Pagefind: `search()` then `data()` of the top 10), timed with `performance.now()`.');
  if (res.phases) {
    const p = res.phases;
    const sec = (n: number | null) => (n === null ? 'n/a' : (n / 1000).toFixed(1));
    out.push('', `**Run time by phase** (wall, and CPU of the bench process and its children, Chromium included; total ${sec(p.totalMs)} s wall, ${sec(p.totalCpuMs)} s CPU):`, '');
    out.push(row(['phase', 'wall s', 'CPU s']), row(['---', '---', '---']));
    for (const ph of p.phases) out.push(row([ph.name, sec(ph.wallMs), sec(ph.cpuMs)]));
  }
  const unresolved = res.queries.unresolved;
  if (unresolved.length) {
    out.push('', `**Unresolved expectations** (${unresolved.length}; an indexer gap or a stale query):`, '');
    for (const u of unresolved) out.push(`- \`${u.q}\`: ${JSON.stringify(u.expectation)}: ${u.reason}`);
  }
  const ours = res.results.find((r) => r.engine === OURS && r.corpus === '1x');
  if (ours?.relevance?.misses.length) {
    out.push('', `**changefind misses** (no expected record in the top 10): ${ours.relevance.misses.map((m) => `\`${m}\``).join(', ')}`);
  }
  out.push('');
  return out.join('\n');
}
