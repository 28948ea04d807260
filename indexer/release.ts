/**
 * What a release section says about its changes' release and dates: the release name and type,
 * a `Published on` comment, and the preview dates of its summary tables. Pure.
 */
import type { Nodes, Table } from 'mdast';
import type { Profile } from './profiles/profile.ts';
import type { ReleaseType } from './schema.ts';
import { subtreeNodes, type Section } from './sections.ts';
import { commentBodies, inlineText, squash } from './text.ts';

export interface ReleaseContext {
  section: Section;
  name: string | null;
  type: ReleaseType | null;
  /** From a `Published on` comment of the release section, yyyy-mm-dd. */
  published: string | null;
  /** Preview date per anchor, from the summary tables of the release. */
  tableDates: Map<string, string>;
  /** Summary-table links: anchor and the line of the row, for link checks. */
  tableLinks: { anchor: string; line: number }[];
  /** The best date the notes give when a change has no date of its own. */
  fallbackDate: string | null;
}

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WRITTEN_DATE = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/i;
const SLASH_DATE = /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/;
const ISO_DATE = /\b(\d{4})-(\d{2})-(\d{2})(?!\d)/;

/** `December 28, 2017`, `Dec 13, 2017`, `8/7/2017`, `2026-02-20` -> yyyy-mm-dd (first one found). */
export function parseDate(text: string): string | null {
  let match = WRITTEN_DATE.exec(text);
  if (match) return isoDate(Number(match[3]), MONTH_NAMES.indexOf((match[1] ?? '').toLowerCase()) + 1, Number(match[2]));
  match = SLASH_DATE.exec(text);
  if (match) return isoDate(Number(match[3]), Number(match[1]), Number(match[2]));
  match = ISO_DATE.exec(text);
  if (match) return isoDate(Number(match[1]), Number(match[2]), Number(match[3]));
  return null;
}

export function isoDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** Monday of ISO week `week` of `year`. */
export function isoWeekMonday(year: number, week: number): string | null {
  if (week < 1 || week > 53) return null;
  const jan4 = Date.UTC(year, 0, 4);
  const dayOfWeek = (new Date(jan4).getUTCDay() + 6) % 7;
  const monday = new Date(jan4 - dayOfWeek * 86_400_000 + (week - 1) * 7 * 86_400_000);
  return monday.toISOString().slice(0, 10);
}

/** The date a release number implies: `2017.52` (year.week) or `2026.02.1` (year.month.n). */
export function releaseNumberDate(name: string | null): string | null {
  if (!name) return null;
  const yearMonth = /^((?:19|20)\d{2})\.(\d{2})\.\d+$/.exec(name);
  if (yearMonth) return isoDate(Number(yearMonth[1]), Number(yearMonth[2]), 1);
  const yearWeek = /^((?:19|20)\d{2})\.(\d{1,2})$/.exec(name);
  if (yearWeek) return isoWeekMonday(Number(yearWeek[1]), Number(yearWeek[2]));
  return null;
}

/** Reads a release section. `month`/`year` come from the period headings and the page. */
export function readRelease(
  section: Section,
  profile: Profile,
  period: { year: number | null; month: number | null },
): ReleaseContext {
  const { name, type } = profile.releaseName(section.title);
  let published: string | null = null;
  for (const node of section.body) {
    if (node.type !== 'html') continue;
    for (const body of commentBodies(node.value)) published ??= profile.publishedDate(body);
  }
  const monthDate = period.year && period.month ? isoDate(period.year, period.month, 1) : null;
  const stated = parseDate(section.title);
  const implied = releaseNumberDate(name) ?? monthDate;
  const tableDates = new Map<string, string>();
  const tableLinks: ReleaseContext['tableLinks'] = [];
  let firstTableDate: string | null = null;
  for (const node of subtreeNodes(section)) {
    if (node.type !== 'table') continue;
    for (const row of summaryRows(node)) {
      tableLinks.push({ anchor: row.anchor, line: row.line });
      // A date far from the release's own is when the change first reached Preview (a "GA in Production"
      // row of a later release) or a typo in the notes: the change then takes the release's date.
      if (!row.date || !withinRelease(row.date, implied)) continue;
      if (!tableDates.has(row.anchor)) tableDates.set(row.anchor, row.date);
      firstTableDate ??= row.date;
    }
  }
  return {
    section,
    name,
    type,
    published,
    tableDates,
    tableLinks,
    fallbackDate: firstTableDate ?? stated ?? implied,
  };
}

const DAY_MS = 86_400_000;
/** How far before / after the date its number or month implies a release's changes may be dated. */
export const RELEASE_WINDOW_DAYS = { before: 45, after: 62 } as const;

/**
 * True when `date` can be the date of a change of a release whose number (or month heading) implies
 * `implied` (monthly releases reach Preview up to a month early; weekly ones follow through the month).
 * Without an implied date every date can.
 */
export function withinRelease(date: string, implied: string | null): boolean {
  if (!implied) return true;
  const days = (Date.parse(date) - Date.parse(implied)) / DAY_MS;
  return days >= -RELEASE_WINDOW_DAYS.before && days <= RELEASE_WINDOW_DAYS.after;
}

/** Rows of a summary table whose first cell links to an anchor on the page, with their preview date. */
function summaryRows(table: Table): { anchor: string; date: string | null; line: number }[] {
  const [header, ...rows] = table.children;
  if (!header) return [];
  const headings = header.children.map((cell) => squash(inlineText(cell)));
  let dateColumn = headings.findIndex((text) => /preview/i.test(text));
  if (dateColumn < 1) dateColumn = 1;
  const result: { anchor: string; date: string | null; line: number }[] = [];
  for (const row of rows) {
    const anchor = firstAnchor(row.children[0]);
    if (anchor === null) continue;
    const cell = row.children[dateColumn];
    result.push({ anchor, date: cell ? parseDate(inlineText(cell)) : null, line: row.position?.start.line ?? 1 });
  }
  return result;
}

function firstAnchor(node: Nodes | undefined): string | null {
  if (!node) return null;
  if (node.type === 'link' && node.url.startsWith('#')) {
    try {
      return decodeURIComponent(node.url.slice(1));
    } catch {
      return node.url.slice(1);
    }
  }
  if ('children' in node) {
    for (const child of node.children as Nodes[]) {
      const found = firstAnchor(child);
      if (found !== null) return found;
    }
  }
  return null;
}
