/**
 * The one tokenizer shared by the index writer and the search core.
 *
 * A compound token keeps its connectors (`OKTA-1099636`, `PASSKEYS_REBRAND`, `/api/v1/groups`,
 * `prompt=none`, `2026.02.0`) and is indexed whole as well as by its alphanumeric parts; an API
 * path is also indexed by each of its `/`-suffixes so `/device-assurances` finds
 * `/api/v1/device-assurances`. Terms are lower-cased, apostrophes dropped and diacritics stripped.
 */

/** One token of a text with its UTF-16 span `[start, end)` in that text. */
export interface Token {
  /** Normalised whole token (lower case, no diacritics). */
  term: string;
  start: number;
  end: number;
}

// A word run (letters incl. combining marks, digits, apostrophes inside words), optionally a
// leading `/`, joined by connectors that are directly followed by another word run.
/** Source of the token pattern (compile with the `gu` flags). */
export const TOKEN_SOURCE = String.raw`\/?[\p{L}\p{M}\p{N}_]+(?:['’][\p{L}\p{M}\p{N}]+)*(?:[-./=:@+#~][\p{L}\p{M}\p{N}_{}]+(?:['’][\p{L}\p{M}\p{N}]+)*)*`;
const TOKEN = new RegExp(TOKEN_SOURCE, 'gu');
/** The same pattern for plain-ASCII text (much faster than Unicode property classes). */
export const TOKEN_ASCII_SOURCE = TOKEN_SOURCE.replace(/\\p\{L\}\\p\{M\}\\p\{N\}/g, 'A-Za-z0-9');
const PART = /[\p{L}\p{N}]+/gu;
const MARKS = /\p{M}+/gu;
const APOSTROPHES = /['’]/g;
const CONNECTOR = /[-./=:@+#~_{}]/;

/** ASCII without apostrophes: normalising is just lower-casing. */
export const PLAIN = /^[\x00-\x26\x28-\x7f]*$/;

/** Lower-cases, strips diacritics and apostrophes. */
export function normalize(text: string): string {
  if (PLAIN.test(text)) return text.toLowerCase();
  return text.normalize('NFD').replace(MARKS, '').replace(APOSTROPHES, '').toLowerCase();
}

/** Whole tokens of `text` with their spans (no parts). */
export function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const term = normalize(m[0]);
    if (term) out.push({ term, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** True when a normalised whole token holds a connector, i.e. it also has parts. */
export function isCompound(term: string): boolean {
  return CONNECTOR.test(term);
}

/** The alphanumeric parts of a normalised term (`okta-1099636` -> `okta`, `1099636`). */
export function parts(term: string): string[] {
  return term.match(PART) ?? [];
}

/** `/api/v1/groups` -> [`/v1/groups`, `/groups`]: the shorter paths it also answers to. */
export function pathSuffixes(term: string): string[] {
  if (!term.startsWith('/')) return [];
  const out: string[] = [];
  for (let i = term.indexOf('/', 1); i > 0 && i < term.length - 1; i = term.indexOf('/', i + 1)) {
    out.push(term.slice(i));
  }
  return out;
}

const CAMEL = /[a-z][A-Z]/;
const CAMEL_PART = /[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+/g;

/** `ipServiceCategories` -> [`ip`, `service`, `categories`]; [] for a word that is not camelCase. */
export function camelParts(raw: string): string[] {
  if (!CAMEL.test(raw) || /[^A-Za-z0-9]/.test(raw)) return [];
  return (raw.match(CAMEL_PART) ?? []).map((p) => p.toLowerCase());
}

/** Every term the index holds for `text`: whole tokens, their parts and path suffixes. */
export function indexTerms(text: string): string[] {
  const out: string[] = [];
  for (const { term, start, end } of tokens(text)) {
    if (!isCompound(term)) {
      out.push(term, ...camelParts(text.slice(start, end)));
      continue;
    }
    out.push(term, ...pathSuffixes(term), ...parts(term));
  }
  return out;
}
