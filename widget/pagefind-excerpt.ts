/**
 * Pure helpers of the Pagefind engine: Pagefind's `<mark>`-ed HTML excerpt and word locations ->
 * plain text + match ranges (the renderer decides how to mark them; no HTML ever passes through).
 *
 * Pagefind stores a record's content with white space collapsed and counts words by white space:
 * `locations` are word indices into that content, and the excerpt is a run of those words with
 * `<` and `>` escaped and matched words wrapped in `<mark>`. The text always comes from the plain
 * content; the excerpt only says where the run starts and which parts of its words are marked.
 */
import type { Range, Snippet } from './search-types.ts';

/** Content words as Pagefind counts them. */
export function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

const escapeHtml = (s: string): string => (s.includes('<') || s.includes('>') ? s.replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;')) : s);

interface ExcerptWord {
  /** The word as Pagefind wrote it (escaped), tags removed. */
  escaped: string;
  /** Marked spans in `escaped`. */
  marks: Range[];
}

/** Splits an excerpt into words, noting which parts of each word sat inside `<mark>`. */
export function excerptWords(excerpt: string): ExcerptWord[] {
  const out: ExcerptWord[] = [];
  for (const raw of words(excerpt)) {
    let escaped = '';
    const marks: Range[] = [];
    let open = -1;
    // The word's text between `<mark>` and `</mark>` tags (found with indexOf: no regex to compile on the first answer).
    for (let at = 0; at < raw.length; ) {
      const tag = raw.indexOf('<', at);
      const end = tag < 0 ? raw.length : tag;
      escaped += raw.slice(at, end);
      if (tag < 0) break;
      if (raw.startsWith('<mark>', tag)) {
        open = escaped.length;
        at = tag + 6;
      } else if (raw.startsWith('</mark>', tag)) {
        if (open >= 0 && escaped.length > open) marks.push([open, escaped.length]);
        open = -1;
        at = tag + 7;
      } else {
        escaped += '<';
        at = tag + 1;
      }
    }
    if (open >= 0 && escaped.length > open) marks.push([open, escaped.length]);
    if (escaped.length > 0) out.push({ escaped, marks });
  }
  return out;
}

/** Maps a range of `escapeHtml(word)` back onto `word`; the whole word when the escaping differs. */
function unescapeRange(word: string, escaped: string, [start, end]: Range): Range {
  if (escapeHtml(word) !== escaped) return [0, word.length];
  let e = 0, from = -1, to = word.length;
  for (let i = 0; i <= word.length; i++) {
    if (from < 0 && e >= start) from = i;
    if (e >= end) {
      to = i;
      break;
    }
    if (i < word.length) e += escapeHtml(word[i]!).length;
  }
  return [Math.max(0, from), Math.max(Math.max(0, from), to)];
}

/** Index of the content word where the excerpt starts (-1 when it cannot be placed). */
export function excerptStart(content: readonly string[], excerpt: readonly ExcerptWord[], hint = 0): number {
  if (excerpt.length === 0) return -1;
  const fits = (s: number): boolean => excerpt.every((w, k) => content[s + k] !== undefined && escapeHtml(content[s + k]!) === w.escaped);
  const last = content.length - excerpt.length;
  for (let d = 0; d <= Math.max(hint, last - hint); d++) {
    if (hint - d >= 0 && hint - d <= last && fits(hint - d)) return hint - d;
    if (d > 0 && hint + d <= last && fits(hint + d)) return hint + d;
  }
  return -1;
}

/** Ranges of the matched parts of a word list joined by single spaces, from `from` (inclusive) on. */
function joinWithRanges(content: readonly string[], from: number, to: number, marked: ReadonlyMap<number, Range[]>): { text: string; ranges: Range[] } {
  let text = '';
  const ranges: Range[] = [];
  for (let i = from; i < to; i++) {
    if (text.length > 0) text += ' ';
    for (const [a, b] of marked.get(i) ?? []) ranges.push([text.length + a, text.length + b]);
    text += content[i]!;
  }
  return { text, ranges };
}

/** ASCII letter or digit. */
const alnum = (c: number): boolean => (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);

/** The part of a word worth marking: without leading/trailing punctuation (`(ACME-91)` -> `ACME-91`). */
function core(word: string): Range {
  // ASCII words (nearly all) without the Unicode-property regex, whose first compilation costs milliseconds.
  if (/^[\x00-\x7f]*$/.test(word)) {
    let start = 0;
    let end = word.length;
    while (start < end && !alnum(word.charCodeAt(start))) start++;
    if (start === end) return [0, word.length];
    while (!alnum(word.charCodeAt(end - 1))) end--;
    return [start, end];
  }
  const start = word.search(/[\p{L}\p{N}]/u);
  if (start < 0) return [0, word.length];
  let end = word.length;
  while (end > start && !/[\p{L}\p{N}]/u.test(word[end - 1]!)) end--;
  return [start, end];
}

/** Match ranges in the title: the title is the first words of the content, `locations` index words. */
export function titleRanges(title: string, locations: readonly number[]): Range[] {
  const hits = new Set(locations);
  const ranges: Range[] = [];
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  for (let i = 0; (m = re.exec(title)); i++) {
    if (!hits.has(i)) continue;
    const [a, b] = core(m[0]);
    ranges.push([m.index + a, m.index + b]);
  }
  return ranges;
}

/**
 * The snippet: Pagefind's excerpt as plain content words with the marked parts as ranges, without
 * the title words it may start with (the title is shown above it). Falls back to the start of the body
 * with the `locations` it holds marked when the excerpt cannot be placed in the content.
 */
export function snippetFromExcerpt(content: string, title: string, excerpt: string, locations: readonly number[]): Snippet {
  const all = words(content);
  const titleCount = words(title).length;
  const ex = excerptWords(excerpt);
  const firstBody = Math.min(all.length, ...locations.filter((l) => l >= titleCount));
  let start = excerptStart(all, ex, Math.max(0, firstBody - Math.floor(ex.length / 2)));
  const marked = new Map<number, Range[]>();
  let end: number;
  if (start >= 0) {
    ex.forEach((w, k) => {
      if (w.marks.length > 0) marked.set(start + k, w.marks.map((r) => unescapeRange(all[start + k]!, w.escaped, r)));
    });
    end = start + ex.length;
  } else {
    start = titleCount;
    end = Math.min(all.length, titleCount + Math.max(ex.length, 24));
    for (const l of locations) if (l >= start && l < end) marked.set(l, [core(all[l]!)]);
  }
  const from = Math.max(start, titleCount);
  if (from >= end && end < all.length) {
    // The excerpt held only title words: show the start of the body instead.
    const to = Math.min(all.length, from + Math.max(ex.length, 24));
    for (const l of locations) if (l >= from && l < to && !marked.has(l)) marked.set(l, [core(all[l]!)]);
    return { ...joinWithRanges(all, from, to, marked), truncatedStart: false, truncatedEnd: to < all.length };
  }
  return { ...joinWithRanges(all, from, end, marked), truncatedStart: from > titleCount, truncatedEnd: end < all.length };
}
