/**
 * Invariants of the indexer's output over a folder of real release notes, measured the way an
 * independent judge would: from the raw Markdown with plain line rules, never with the indexer's
 * own code. Used by the corpus integration tests and printable with `tsx test/helpers/print-metrics.ts`.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ChangeRecord } from '../../indexer/schema.ts';

export interface Ratio {
  hit: number;
  total: number;
  /** Up to 20 examples of misses, `file:line what`. */
  misses: string[];
}

export interface CorpusMetrics {
  headingRecall: Ratio;
  releaseAccuracy: Ratio;
  ticketRecall: Ratio;
  singleMentionOneRecord: Ratio;
  anchorResolution: Ratio;
  explicitLifecycle: Ratio;
  markupResidue: Ratio;
  duplicateIds: string[];
}

interface Line {
  n: number;
  text: string;
  /** Inside a fenced code block or an HTML comment. */
  hidden: boolean;
}

/** The lines of a file, marking those in fences and comments (which publish no headings). */
export function sourceLines(source: string): Line[] {
  const lines: Line[] = [];
  let fence: string | null = null;
  let comment = false;
  source.split(/\r?\n/).forEach((text, index) => {
    const hidden = fence !== null || comment;
    const fenceMark = /^\s*(```+|~~~+)/.exec(text)?.[1];
    if (fenceMark && !comment) {
      if (fence === null) fence = fenceMark.slice(0, 3);
      else if (fenceMark.startsWith(fence)) fence = null;
    }
    if (fence === null) {
      const opens = text.lastIndexOf('<!--');
      const closes = text.lastIndexOf('-->');
      if (opens > closes) comment = true;
      else if (comment && closes >= 0) comment = false;
    }
    lines.push({ n: index + 1, text, hidden: hidden || (fenceMark !== undefined) });
  });
  return lines;
}

const RELEASE_HEADING = /^#{2,3}\s+(?:(?:weekly|monthly)\s+release\b.*|\d{4}\.\d{1,2}\s*$|.*\b\d{4}\.\d{2}\.\d+\s*$)/i;
const VERSION = /\d{4}\.\d{1,2}(?:\.\d+)?/;
const NOT_A_CHANGE = /^(?:bugs? fixed|previously released|(?:developer )?documentation updates?)\b/i;

function ratio(): Ratio {
  return { hit: 0, total: 0, misses: [] };
}

function count(r: Ratio, ok: boolean, miss: () => string): void {
  r.total += 1;
  if (ok) r.hit += 1;
  else if (r.misses.length < 20) r.misses.push(miss());
}

/** Expected change headings of a page: `####` changes and old-era `### Category: Title`, with their release. */
export function changeHeadings(source: string): { line: number; title: string; release: string | null }[] {
  const found: { line: number; title: string; release: string | null }[] = [];
  let release: string | null = null;
  for (const line of sourceLines(source)) {
    if (line.hidden) continue;
    if (/^#{1,2}\s+(?:january|february|march|april|may|june|july|august|september|october|november|december)\b/i.test(line.text)) release = null;
    if (RELEASE_HEADING.test(line.text)) {
      release = VERSION.exec(line.text)?.[0] ?? null;
      continue;
    }
    const four = /^####\s+(.+?)\s*$/.exec(line.text);
    const three = /^###\s+([^:]+:\s*.+?)\s*$/.exec(line.text);
    const title = four?.[1] ?? three?.[1];
    if (title && !NOT_A_CHANGE.test(title)) found.push({ line: line.n, title, release });
  }
  return found;
}

const LIFECYCLE_PHRASES: [RegExp, string][] = [
  [/\bdeprecated\b|\bdeprecation\b|\bend of life\b/i, 'deprecated'],
  [/\bis (?:now )?(?:GA|generally available) in production\b/i, 'ga-production'],
  [/\bis (?:now )?(?:GA|generally available) in preview\b/i, 'ga-preview'],
  [/\bis (?:now )?(?:self-service |limited )?(?:EA|early access)\b/i, 'ea'],
  [/\bis (?:now )?(?:in )?beta\b/i, 'beta'],
];

export function measureCorpus(folder: string, records: readonly ChangeRecord[]): CorpusMetrics {
  const m: CorpusMetrics = {
    headingRecall: ratio(),
    releaseAccuracy: ratio(),
    ticketRecall: ratio(),
    singleMentionOneRecord: ratio(),
    anchorResolution: ratio(),
    explicitLifecycle: ratio(),
    markupResidue: ratio(),
    duplicateIds: [],
  };
  const byFile = new Map<string, ChangeRecord[]>();
  for (const record of records) byFile.set(record.file, [...(byFile.get(record.file) ?? []), record]);
  for (const file of readdirSync(folder).filter((name) => name.endsWith('.md')).sort()) {
    const source = readFileSync(join(folder, file), 'utf8');
    const own = byFile.get(file) ?? [];
    if (!/^#{2,3}\s+(?:weekly|monthly)?\s*release|^##\s+\d{4}\.\d+|^###\s+.*\d{4}\.\d{2}\.\d+\s*$/im.test(source)) continue;
    const atLine = new Map(own.map((record) => [record.line, record]));
    for (const heading of changeHeadings(source)) {
      const record = atLine.get(heading.line);
      count(m.headingRecall, record !== undefined, () => `${file}:${heading.line} ${heading.title}`);
      if (record) count(m.releaseAccuracy, record.release === heading.release, () => `${file}:${heading.line} ${record.release} != ${heading.release}`);
      for (const [phrase, lifecycle] of LIFECYCLE_PHRASES) {
        if (!phrase.test(heading.title)) continue;
        count(m.explicitLifecycle, record?.lifecycle === lifecycle, () => `${file}:${heading.line} ${heading.title}: ${record?.lifecycle} != ${lifecycle}`);
        break;
      }
    }
    const mentions = new Map<string, number>();
    for (const match of source.matchAll(/OKTA-\d+/g)) mentions.set(match[0], (mentions.get(match[0]) ?? 0) + 1);
    for (const [ticket, times] of mentions) {
      const carriers = own.filter((record) => record.tickets.includes(ticket)).length;
      count(m.ticketRecall, carriers > 0, () => `${file} ${ticket}`);
      if (times === 1) count(m.singleMentionOneRecord, carriers === 1, () => `${file} ${ticket} in ${carriers} records`);
    }
    const anchors = new Set(own.map((record) => record.anchor));
    for (const line of sourceLines(source)) {
      if (line.hidden || !line.text.trimStart().startsWith('|')) continue;
      for (const match of line.text.matchAll(/\]\(#([^)\s]+)\)/g)) {
        count(m.anchorResolution, anchors.has(match[1] ?? ''), () => `${file}:${line.n} #${match[1]}`);
      }
    }
  }
  const residue = /<[A-Za-z!/]|\]\(|\*\*|`|&amp;|&lt;|&gt;|&quot;|<!--/;
  const seen = new Set<string>();
  for (const record of records) {
    count(m.markupResidue, !residue.test(record.title) && !residue.test(record.text), () => `${record.file}:${record.line} ${record.title}`);
    if (seen.has(record.id)) m.duplicateIds.push(record.id);
    seen.add(record.id);
  }
  return m;
}

export function rate(r: Ratio): number {
  return r.total === 0 ? 1 : r.hit / r.total;
}
