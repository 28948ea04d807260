/**
 * Match ranges and snippets. Ranges are UTF-16 `[start, end)` spans into the original string;
 * snippets are cut at whitespace (never inside a surrogate pair or before a combining mark).
 */
import type { Range, Snippet } from '../search-types.ts';
import type { IndexData } from './index-data.ts';
import type { PreparedSlot } from './match.ts';
import { isCompound, normalize, pathSuffixes, TOKEN_ASCII_SOURCE, TOKEN_SOURCE } from './tokenize.ts';

/** What counts as a match when marking text: exact terms and typed prefixes. */
export interface Marker {
  exact: Set<string>;
  prefixes: string[];
  /** Every prefix and exact term: the strings a matched token contains. */
  needles: string[];
}

export const SNIPPET_LENGTH = 160;
const CONTEXT_BEFORE = 40;
/** Matches considered when placing the snippet window. */
const MAX_ANCHORS = 40;
const PART = /[\p{L}\p{M}\p{N}]+/gu;
const SPACE = /\s/;

/** Whether character code `c` is white space (what `\s` matches; the pattern only for non-ASCII characters). */
function space(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c > 127 && SPACE.test(String.fromCharCode(c)));
}

/**
 * What to mark for the query's prepared slots; without slots (the empty query), nothing. Every marker
 * comes from here, so its arrays have one elements kind (one map) for the highlighter's optimized code.
 */
export function markerFor(data: IndexData, slots?: readonly PreparedSlot[]): Marker {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  if (slots) for (const p of slots) {
    if (!p.required) continue;
    const found = (alt: PreparedSlot['alts'][number]): boolean => alt.words.every(({ exp }) => exp.ids.length + exp.ranges.length > 0);
    // An identifier found whole is marked whole, not by its parts.
    const alts = p.identifier && p.alts[0] && found(p.alts[0]) ? [p.alts[0]] : p.alts;
    for (const alt of alts) {
      for (const { exp } of alt.words) {
        for (const t of exp.ids) exact.add(data.terms[t]!);
        for (const r of exp.ranges) if (!prefixes.includes(r.prefix)) prefixes.push(r.prefix);
      }
    }
  }
  return { exact, prefixes, needles: [...prefixes, ...exact] };
}

function hit(m: Marker, term: string): boolean {
  if (m.exact.has(term)) return true;
  for (const p of m.prefixes) if (term.startsWith(p)) return true;
  return false;
}

const TOKEN_ASCII = new RegExp(TOKEN_ASCII_SOURCE, 'y');
const TOKEN_ANY = new RegExp(TOKEN_SOURCE, 'gu');

/**
 * Next position at or after `from` where a token holding a marked string may begin: tokens hold no
 * whitespace, so the scan can resume after the last whitespace before the nearest occurrence of a
 * marked string (every match contains one). `next` caches each string's next occurrence.
 */
function resumeAt(text: string, lower: string, needles: readonly string[], next: Int32Array, from: number): number {
  let best = -1;
  for (let k = 0; k < needles.length; k++) {
    if (next[k] !== -1 && next[k]! < from) next[k] = lower.indexOf(needles[k]!, from);
    if (next[k]! >= 0 && (best < 0 || next[k]! < best)) best = next[k]!;
  }
  if (best < 0) return -1;
  while (best > from && !space(text.charCodeAt(best - 1))) best--;
  return best;
}

/** Scratch: each needle's next occurrence (see resumeAt). */
let nextAt = new Int32Array(64);
/** Scratch of snippet(): per anchor its word's id, per id its first anchor and the anchor it was last counted from. */
let anchorIds = new Int32Array(64);
let firstOf = new Int32Array(64);
let seenAt = new Int32Array(64);

/** Whether `text[a0, a1)` and `text[b0, b1)` spell the same word (ASCII case folded; other characters compared as they are). */
function sameWord(text: string, a0: number, a1: number, b0: number, b1: number): boolean {
  if (a1 - a0 !== b1 - b0) return false;
  for (let k = 0; k < a1 - a0; k++) {
    const a = text.charCodeAt(a0 + k), b = text.charCodeAt(b0 + k);
    if ((a >= 65 && a <= 90 ? a + 32 : a) !== (b >= 65 && b <= 90 ? b + 32 : b)) return false;
  }
  return true;
}

/** Scratch: `[start, end)` pairs found by scan() (grows as needed; read before the next scan). */
let spans = new Int32Array(256);

function put(n: number, start: number, end: number): number {
  if (2 * n + 2 > spans.length) {
    const grown = new Int32Array(spans.length * 2);
    grown.set(spans);
    spans = grown;
  }
  spans[2 * n] = start;
  spans[2 * n + 1] = end;
  return n + 1;
}

/** Marks the token `text[start, end)`, normalised as `term` (whole, or by its parts): spans found so far. */
function markToken(m: Marker, term: string, text: string, start: number, end: number, plain: boolean, n: number): number {
  if (hit(m, term) || (term.startsWith('/') && pathSuffixes(term).some((s) => hit(m, s)))) return put(n, start, end);
  if (isCompound(term)) {
    // The parts in place (no slice of the token, no iterator).
    PART.lastIndex = start;
    for (let p = PART.exec(text); p && p.index < end; p = PART.exec(text)) {
      const partEnd = Math.min(p.index + p[0].length, end);
      const part = partEnd === p.index + p[0].length ? p[0] : text.slice(p.index, partEnd);
      if (hit(m, plain ? part.toLowerCase() : normalize(part))) n = put(n, p.index, partEnd);
    }
  }
  return n;
}

/** Whether `text[at, end)` is ASCII letters and digits only (no connector, no apostrophe). */
function simpleWord(text: string, at: number, end: number): boolean {
  for (let k = at; k < end; k++) {
    const c = text.charCodeAt(k);
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57))) return false;
  }
  return true;
}

/** hit() for the word `lower[at, end)`, read in place: it begins with a marked prefix or is a marked term. */
function hitAt(m: Marker, lower: string, at: number, end: number): boolean {
  const { needles } = m;
  const prefixes = m.prefixes.length;
  for (let k = 0; k < needles.length; k++) {
    const w = needles[k]!;
    if ((k < prefixes ? w.length <= end - at : w.length === end - at) && lower.startsWith(w, at)) return true;
  }
  return false;
}

/** True for a character that can begin a plain-ASCII token: a letter, a digit, `_` or `/`. */
function tokenHead(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 47;
}

/** A letter, mark or digit outside ASCII (its text needs the full Unicode tokenizer). */
const WORDISH = /[\p{L}\p{M}\p{N}]/u;

const NON_ASCII = /[^\0-\x7f]/g;

/** Whether `text` holds a letter, mark or digit outside ASCII (the pattern finds each non-ASCII character, checked alone). */
function wide(text: string): boolean {
  NON_ASCII.lastIndex = 0;
  while (NON_ASCII.test(text)) {
    const i = NON_ASCII.lastIndex - 1, c = text.charCodeAt(i);
    if (WORDISH.test(c >= 0xd800 && c <= 0xdbff ? text.slice(i, i + 2) : text[i]!)) return true;
  }
  return false;
}
const APOSTROPHE = /['’]/;

/**
 * Finds match spans in `text`, in order, not overlapping, into `spans`; stops after `max`; returns
 * how many. `lower` may be `text.toLowerCase()` kept by a caller that shows the same text on every
 * keystroke (used only when it lines up with `text`).
 */
function scan(text: string, m: Marker, max: number, lower?: string): number {
  let n = 0;
  if (m.exact.size === 0 && m.prefixes.length === 0) return n;
  if (wide(text)) {
    const re = TOKEN_ANY;
    re.lastIndex = 0;
    for (let t = re.exec(text); t && n < max; t = re.exec(text)) n = markToken(m, normalize(t[0]), text, t.index, t.index + t[0].length, false, n);
    return n;
  }
  // Words in ASCII (other characters are punctuation): jump from one occurrence of a marked string
  // to the next instead of reading every token, and read tokens with a sticky pattern (the tokens a
  // global scan finds, without match arrays). A word with an apostrophe is indexed without it, so
  // each apostrophe is a place to look too.
  if (lower?.length !== text.length) lower = text.toLowerCase();
  const needles = APOSTROPHE.test(text) ? [...m.needles, "'", '’'] : m.needles;
  if (nextAt.length < needles.length) nextAt = new Int32Array(2 * needles.length);
  const next = nextAt;
  next.fill(-2, 0, needles.length);
  const re = TOKEN_ASCII;
  for (let at = resumeAt(text, lower, needles, next, 0); at >= 0 && at < text.length && n < max; ) {
    if (!tokenHead(text.charCodeAt(at))) {
      at++;
      continue;
    }
    re.lastIndex = at;
    if (!re.test(text)) {
      at++;
      continue;
    }
    const end = re.lastIndex;
    if (simpleWord(text, at, end)) {
      // Letters and digits only (most tokens): matched in place, no string made.
      if (hitAt(m, lower, at, end)) n = put(n, at, end);
    } else {
      let term = lower.slice(at, end);
      const plain = !APOSTROPHE.test(term);
      if (!plain) term = normalize(text.slice(at, end));
      n = markToken(m, term, text, at, end, plain, n);
    }
    at = resumeAt(text, lower, needles, next, end);
  }
  return n;
}

/** Match ranges in `text`, in order, not overlapping; stops after `max` ranges. */
export function matchRanges(text: string, m: Marker, max = Infinity, lower?: string): Range[] {
  const n = scan(text, m, max, lower);
  const out: Range[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = [spans[2 * i]!, spans[2 * i + 1]!];
  return out;
}

/** Moves `i` off the middle of a surrogate pair or a combining sequence. */
function safeCut(text: string, i: number, forward: boolean): number {
  const bad = (j: number): boolean => j > 0 && j < text.length && (/[\uDC00-\uDFFF]/.test(text[j]!) || /\p{M}|\u200D|[\uFE00-\uFE0F]/u.test(text[j]!));
  while (bad(i)) i += forward ? 1 : -1;
  return i;
}

const REACH = 30;

/** Start of the word at or after `i` (within reach), else a safe cut at `i`. */
function wordStart(text: string, i: number): number {
  if (i <= 0) return 0;
  for (let j = i; j < Math.min(text.length, i + REACH); j++) {
    if (space(text.charCodeAt(j - 1)) && !space(text.charCodeAt(j))) return j;
  }
  return safeCut(text, i, true);
}

/** End of the word at or before `i` (within reach, trailing spaces dropped), else a safe cut at `i`. */
function wordEnd(text: string, i: number): number {
  if (i >= text.length) return text.length;
  for (let j = i; j > Math.max(0, i - REACH); j--) {
    if (space(text.charCodeAt(j)) && !space(text.charCodeAt(j - 1))) return j;
  }
  return safeCut(text, i, false);
}

/** ~160 characters of `text` around the densest run of matches, cut at word boundaries. */
export function snippet(text: string, m: Marker, length = SNIPPET_LENGTH, lower?: string): Snippet {
  // The window is placed among the first MAX_ANCHORS matches: no need to find the later ones.
  const n = scan(text, m, MAX_ANCHORS, lower);
  let anchor = 0;
  if (n > 0) {
    // The anchor starting the window with the most distinct matched words: each match gets the id
    // of the first match spelling the same word, compared in place.
    if (anchorIds.length < n) (anchorIds = new Int32Array(2 * n)), (firstOf = new Int32Array(2 * n));
    const ids = anchorIds;
    let distinct = 0;
    for (let i = 0; i < n; i++) {
      const s0 = spans[2 * i]!, s1 = spans[2 * i + 1]!;
      let id = 0;
      while (id < distinct && !sameWord(text, spans[2 * firstOf[id]!]!, spans[2 * firstOf[id]! + 1]!, s0, s1)) id++;
      if (id === distinct) firstOf[distinct++] = i;
      ids[i] = id;
    }
    if (seenAt.length < distinct) seenAt = new Int32Array(2 * distinct);
    seenAt.fill(-1, 0, distinct);
    let bestCount = -1;
    for (let i = 0; i < n; i++) {
      let distinct = 0;
      for (let j = i; j < n && spans[2 * j + 1]! <= spans[2 * i]! + length - CONTEXT_BEFORE; j++) {
        if (seenAt[ids[j]!] !== i) (seenAt[ids[j]!] = i), distinct++;
      }
      if (distinct > bestCount) {
        bestCount = distinct;
        anchor = spans[2 * i]!;
      }
    }
  }
  let start = anchor <= CONTEXT_BEFORE ? 0 : wordStart(text, anchor - CONTEXT_BEFORE);
  if (start > anchor) start = anchor;
  let end = start + length >= text.length ? text.length : wordEnd(text, start + length);
  if (end <= start) end = Math.min(text.length, safeCut(text, start + length, true));
  // With every match found, keep those in the window; otherwise later ones may fall in it: mark the window itself.
  let ranges: Range[];
  if (n < MAX_ANCHORS) {
    ranges = [];
    for (let i = 0; i < n; i++) if (spans[2 * i]! >= start && spans[2 * i + 1]! <= end) ranges.push([spans[2 * i]! - start, spans[2 * i + 1]! - start]);
  } else {
    // The kept lower-case text lines up with `text` only when lower-casing kept every length.
    ranges = matchRanges(text.slice(start, end), m, Infinity, lower?.length === text.length ? lower.slice(start, end) : undefined);
  }
  return { text: text.slice(start, end), ranges, truncatedStart: start > 0, truncatedEnd: end < text.length };
}
