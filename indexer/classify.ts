/**
 * Classify stage: a change unit -> a ChangeRecord with its facets (product, release, date,
 * lifecycle, kind, areas, tickets, flags), plain title and text, anchor, URL and id. Pure.
 */
import { createHash } from 'node:crypto';
import type { Nodes, RootContent } from 'mdast';
import type { ChangefindConfig } from './config.ts';
import type { ParsedDocument } from './parse.ts';
import type { Profile } from './profiles/profile.ts';
import type { ChangeRecord, Lifecycle } from './schema.ts';
import { slugify } from './slug.ts';
import type { ChangeUnit } from './split.ts';
import { blockText, commentBodies } from './text.ts';

/** What every change of one page shares. */
export interface PageFacts {
  file: string;
  stem: string;
  product: string;
  /** Published page URL without fragment. */
  pageUrl: string;
  /** Year the page is about (front-matter title, else file name), for month headings. */
  year: number | null;
}

const TITLE_LIMIT = 160;
const FRAGMENT_WORDS = 6;

/** Facts of a page from its file name, front matter and page-level tags. */
export function pageFacts(doc: ParsedDocument, profile: Profile, config: ChangefindConfig, baseUrl?: string): PageFacts {
  const stem = doc.file.replace(/\.(?:md|markdown|mdx)$/i, '');
  const title = typeof doc.frontMatter.title === 'string' ? doc.frontMatter.title : null;
  let product: string | null = null;
  for (const rule of config.products ?? []) {
    if ((rule.file !== undefined && new RegExp(rule.file, 'i').test(stem)) || (rule.title !== undefined && title !== null && new RegExp(rule.title, 'i').test(title))) {
      product = rule.product;
      break;
    }
  }
  product ??= profile.product(stem, title);
  if (product === null) {
    for (const node of doc.tree.children) {
      if (node.type === 'heading') break;
      if (node.type === 'html') product ??= tagValues(node.value).map((access) => profile.productOfTag(access)).find(Boolean) ?? null;
    }
  }
  const base = baseUrl ?? config.baseUrl ?? profile.baseUrl;
  const path = (config.pagePath ?? profile.pagePath).replaceAll('{stem}', stem);
  const year = Number(/\b((?:19|20)\d{2})\b/.exec(title ?? '')?.[1] ?? /^((?:19|20)\d{2})\b/.exec(stem)?.[1] ?? Number.NaN);
  return {
    file: doc.file,
    stem,
    product: product ?? config.defaultProduct ?? profile.defaultProduct,
    pageUrl: `${base.endsWith('/') ? base : `${base}/`}${path}`,
    year: Number.isNaN(year) ? null : year,
  };
}

/** `access` values of lifecycle tags (`<ApiLifecycle access="ea" />`) outside comments. */
function tagValues(raw: string): string[] {
  const visible = raw.replace(/<!--[\s\S]*?(?:-->|$)/g, ' ');
  return [...visible.matchAll(/<ApiLifecycle\b[^>]*?\baccess\s*=\s*["']?([A-Za-z-]+)/g)].map((match) => match[1] ?? '');
}

/** Builds the record of one unit; `id` is provisional until the pipeline makes ids unique. */
export function classifyUnit(unit: ChangeUnit, doc: ParsedDocument, page: PageFacts, profile: Profile, config: ChangefindConfig): ChangeRecord {
  const head: RootContent[] = unit.shape === 'bullet' ? (unit.item ? [unit.item as RootContent] : []) : [unit.section.heading];
  const all = [...head, ...unit.nodes];
  const raw = all.map((node) => slice(doc.source, node)).join('\n');

  const lines: string[] = [];
  const bodyNodes = unit.shape === 'bullet' ? all : unit.nodes;
  for (const node of bodyNodes) blockText(node as Nodes, lines);
  const text = lines.join('\n');
  const ownTitle = unit.parentTitle ? `${unit.parentTitle} — ${unit.section.title}` : unit.section.title;
  const title = unit.shape === 'bullet' ? truncate(withoutLeadingTicket(lines[0] ?? unit.section.title)) : ownTitle || truncate(lines[0] ?? '') || unit.release.section.title;

  const lifecycle = lifecycleOf(unit, raw, profile);
  const anchor = unit.section.anchor;
  const release = unit.release;
  const date = release.published ?? release.tableDates.get(anchor) ?? release.fallbackDate;
  const tickets = sortTickets([...new Set(profile.tickets(raw))]);
  const flags = [...new Set(commentBodies(raw).flatMap((body) => profile.flags(body)))].sort();
  const areas = areasOf(all, title, profile, config);
  const fragment = unit.shape === 'bullet' ? `:~:text=${textFragment(lines[0] ?? '')}` : '';
  return {
    id: recordId(page.product, release.name ?? date, anchor, unit.shape === 'bullet' ? (tickets[0] ?? shortHash(text)) : null),
    title,
    text,
    file: page.file,
    line: unit.line,
    product: page.product,
    release: release.name,
    releaseType: release.type,
    date,
    lifecycle,
    kind: unit.kind,
    areas,
    tickets,
    flags,
    anchor,
    url: `${page.pageUrl}#${anchor}${fragment}`,
  };
}

function lifecycleOf(unit: ChangeUnit, raw: string, profile: Profile): Lifecycle | null {
  if (unit.shape !== 'bullet') {
    const stated = profile.lifecycleOf(unit.parentTitle ? `${unit.parentTitle} ${unit.section.title}` : unit.section.title);
    if (stated) return stated;
  }
  for (const access of tagValues(raw)) {
    const tagged = profile.lifecycleOfTag(access);
    if (tagged) return tagged;
  }
  return null;
}

function areasOf(nodes: RootContent[], title: string, profile: Profile, config: ChangefindConfig): string[] {
  const areas = new Set<string>();
  const visit = (node: Nodes): void => {
    if (node.type === 'link') {
      const area = profile.areaOfLink(node.url);
      if (area) areas.add(area);
    } else if (node.type === 'html') {
      for (const match of node.value.matchAll(/\bhref\s*=\s*["']([^"']+)["']/g)) {
        const area = profile.areaOfLink(match[1] ?? '');
        if (area) areas.add(area);
      }
    }
    if ('children' in node) for (const child of node.children as Nodes[]) visit(child);
  };
  for (const node of nodes) visit(node as Nodes);
  const words = ` ${title.toLowerCase().replace(/[^a-z0-9.+-]+/g, ' ')} `;
  for (const rule of [...profile.areaKeywords, ...(config.areas ?? [])]) {
    if (rule.keywords.some((keyword) => words.includes(` ${keyword.toLowerCase()} `))) areas.add(rule.area);
  }
  const aliases = config.areaAliases ?? {};
  return [...new Set([...areas].map((area) => aliases[area] ?? area))].sort();
}

/**
 * Makes an area's spelling consistent across all records: `System Log` = `System Logs`, `Policy` =
 * `Policies`, and a run-together tag (`grouprules`, from a newer API reference) takes the words
 * that other areas of the build use (`Group Rules`) when they spell it out completely.
 */
export function unifyAreas(records: ChangeRecord[]): void {
  const vocabulary = new Map<string, string>();
  for (const record of records) for (const area of record.areas) if (area.includes(' ')) for (const word of area.split(' ')) vocabulary.set(word.toLowerCase(), word);
  let text: ReadonlyMap<string, string> | null = null;
  const spelled = (area: string): string => {
    if (area.includes(' ')) return area;
    const byAreas = segment(area, vocabulary);
    if (byAreas !== null) return byAreas;
    // Else the words of the notes themselves, unless the tag is itself a word there (`Applications`).
    text ??= textVocabulary(records, vocabulary);
    return text.has(area.toLowerCase()) ? area : (segment(area, text) ?? area);
  };
  const best = new Map<string, string>();
  for (const record of records) {
    for (const area of record.areas.map(spelled)) {
      const current = best.get(areaKey(area));
      if (current === undefined || better(area, current)) best.set(areaKey(area), area);
    }
  }
  for (const record of records) record.areas = [...new Set(record.areas.map((area) => best.get(areaKey(spelled(area))) ?? area))].sort();
}

/**
 * Words of 3+ letters in the records' titles and texts and their plurals, spelled as an area would
 * (`Server`; `MCP` when the notes mostly write it in capitals), plus the words of multi-word areas
 * (their spelling wins).
 */
function textVocabulary(records: readonly ChangeRecord[], areaWords: ReadonlyMap<string, string>): Map<string, string> {
  const capitals = new Map<string, number>();
  for (const record of records) {
    for (const field of [record.title, record.text]) {
      for (const match of field.matchAll(/[A-Za-z]{3,}/g)) {
        const word = match[0];
        const key = word.toLowerCase();
        capitals.set(key, (capitals.get(key) ?? 0) + (word.length <= 5 && word === word.toUpperCase() ? 1 : -1));
      }
    }
  }
  const words = new Map<string, string>();
  for (const [key, caps] of capitals) words.set(key, caps > 0 ? key.toUpperCase() : key.charAt(0).toUpperCase() + key.slice(1));
  // Tags name collections (`Apiserverregistrations`): plurals of the words count too.
  for (const [key, word] of [...words]) {
    const plural = /[^aeiou]y$/.test(key) ? `${key.slice(0, -1)}ies` : `${key}s`;
    if (!words.has(plural) && !/s$/.test(key)) words.set(plural, /^[A-Z]+$/.test(word) ? `${word}s` : `${word.slice(0, word.length - (plural.endsWith('ies') ? 1 : 0))}${plural.endsWith('ies') ? 'ies' : 's'}`);
  }
  for (const [key, word] of areaWords) words.set(key, word);
  return words;
}

/** Letters and digits only, singular: `System Logs`, `systemlog` and `System Log` share a key. */
function areaKey(area: string): string {
  const key = area.toLowerCase().replace(/[^a-z0-9]/g, '');
  return key.endsWith('ies') ? `${key.slice(0, -3)}y` : key.endsWith('s') ? key.slice(0, -1) : key;
}

/** Splits a run-together word into known words (all of it, fewest words), spelled as seen; else null. */
function segment(word: string, vocabulary: ReadonlyMap<string, string>): string | null {
  const text = word.toLowerCase();
  if (text.length > 64) return null;
  const best: (string[] | null)[] = [[]];
  for (let end = 1; end <= text.length; end += 1) {
    best[end] = null;
    for (let start = 0; start < end; start += 1) {
      const head = best[start];
      const piece = text.slice(start, end);
      if (head && vocabulary.has(piece) && (best[end] === null || head.length + 1 < (best[end]?.length ?? Infinity))) best[end] = [...head, piece];
    }
  }
  const words = best[text.length];
  if (!words || words.length < 2) return null;
  return words.map((piece) => vocabulary.get(piece) ?? piece).join(' ');
}

function better(a: string, b: string): boolean {
  const words = (s: string): number => s.split(' ').length;
  return words(a) !== words(b) ? words(a) > words(b) : a < b;
}

function slice(source: string, node: RootContent): string {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? '' : source.slice(start, end);
}

/** `OKTA-89624 - Base schema ...` -> `Base schema ...` (the ticket stays in `tickets`). */
function withoutLeadingTicket(text: string): string {
  return text.replace(/^\(?[A-Z][A-Z0-9]+-\d+\)?\s*[-–—:]\s*(?=\S)/, '');
}

function truncate(text: string): string {
  if (text.length <= TITLE_LIMIT) return text;
  const cut = text.slice(0, TITLE_LIMIT);
  const space = cut.lastIndexOf(' ');
  return `${(space > TITLE_LIMIT / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/** A `:~:text=` start: the first words of the bullet, percent-encoded (`-`, `,`, `&` too). */
export function textFragment(text: string): string {
  const words = text.split(' ').slice(0, FRAGMENT_WORDS).join(' ');
  return encodeURIComponent(words).replace(/-/g, '%2D').replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function sortTickets(tickets: string[]): string[] {
  const number = (ticket: string): number => Number(/\d+/.exec(ticket)?.[0] ?? 0);
  return tickets.sort((a, b) => number(a) - number(b) || (a < b ? -1 : a > b ? 1 : 0));
}

function shortHash(text: string): string {
  const normalised = text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  return createHash('sha256').update(normalised).digest('hex').slice(0, 10);
}

/** `product/release/anchor[/ticket-or-hash]`, before collisions are numbered. */
export function recordId(product: string, release: string | null, anchor: string, bullet: string | null): string {
  const parts = [slugify(product) || 'product', release ?? 'undated', anchor || 'page'];
  if (bullet !== null) parts.push(bullet);
  return parts.join('/');
}

/** Numbers repeated ids in record order: `id`, `id~2`, `id~3`. */
export function uniqueIds(records: ChangeRecord[]): void {
  const seen = new Set<string>();
  for (const record of records) {
    let id = record.id;
    for (let n = 2; seen.has(id); n += 1) id = `${record.id}~${n}`;
    seen.add(id);
    record.id = id;
  }
}

