/**
 * Idle-time warm-up (DESIGN.md, "Speed"): searches built from the index's own data, typed a letter at a
 * time the way readers type, so the JIT has compiled every query path (and met the object shapes
 * each one brings) before the reader's keystrokes. Bounded by a CPU budget and a search count.
 */
import { FACETS } from '../../indexer/schema.ts';
import type { SearchOptions } from '../search-types.ts';
import type { IndexData } from './index-data.ts';

/** Total CPU time spent warming, in milliseconds. */
export const WARM_BUDGET_MS = 3000;
/**
 * At most this many warm-up searches: past the ~3,000 calls after which Chromium's V8 fully optimizes
 * small code run once per keystroke (the largest functions need more; DESIGN.md, "Speed").
 */
export const WARM_MAX = 4500;
/** Longest slice where requestIdleCallback is missing (Node, Safari). */
const SLICE_MS = 4;
/** Identifiers of each shape to type (tickets, flags, paths, parameters, versions). */
const PER_SHAPE = 8;
/** Phrases are cut to at most this many characters (at a space): readers type a few words. */
const PHRASE_CHARS = 48;
/** Terms checked for identifier shapes, at most (spread over the vocabulary). */
const SHAPE_SCAN = 20_000;
const SHAPES = [/^[a-z][a-z0-9]*-\d{4,}$/, /^[a-z0-9]+_[a-z0-9_]+$/, /^\/[a-z][\w/-]{2,40}$/, /^[a-z_]+=[\w.-]+$/, /^\d+\.\d+\.\d+$/];
/** Words that take every rule of the stemmer (stem.ts), so none of its branches is new to optimized code. */
const STEM_RULES = 'addresses policies users stopped create easy';
/** A camelCase name (a field or parameter) in a title: the index keeps terms lower-cased, titles keep them as written. */
const CAMEL = /\b[a-z]+(?:[A-Z][a-z0-9]+)+\b/;

/** Swaps two letters in the middle of the title's longest word (a typo the fuzzy path must fix). */
function misspell(title: string): string {
  const words = title.split(' ');
  let at = -1;
  for (let i = 0; i < words.length; i++) if (/^\p{L}{5,}$/u.test(words[i]!) && (at < 0 || words[i]!.length > words[at]!.length)) at = i;
  if (at < 0) return title;
  const w = words[at]!, m = w.length >> 1;
  words[at] = w.slice(0, m - 1) + w[m] + w[m - 1] + w.slice(m + 1);
  return words.join(' ');
}

/**
 * An identifier and the longest word of an unrelated title, one before the other by turns: the
 * identifier is no longer always the query's cheapest word (it gets probed, typed whole or still
 * being typed), and the two seldom meet in one record (the match that drops a word). Without an
 * identifier, the title.
 */
function withWord(id: string | undefined, title: string, first: boolean): string {
  if (id === undefined) return title;
  const word = title.split(' ').reduce((a, b) => (b.length > a.length ? b : a), '');
  return first ? `${id} ${word}` : `${word} ${id}`;
}

/** Six words of the body, lower-cased and without punctuation (a description in the reader's words). */
function describe(text: string, from: number): string {
  const words = text.slice(0, 600).toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const start = words.length > 6 ? from % (words.length - 6) : 0;
  return words.slice(start, start + 6).join(' ');
}

/**
 * The warm-up's searches, in order: every query path once with every option variant, then phrases
 * typed a prefix at a time, taking turns: a title, a title with a typo, words of a body, an identifier
 * as a reader would paste it (tickets and flags in upper case, a path after its HTTP method, a
 * camelCase name as a title writes it).
 */
export function* warmQueries(data: IndexData): Generator<[string, SearchOptions]> {
  const { docs, terms, facets, byDate } = data;
  const date = (i: number) => docs[byDate[i]!]?.date ?? '';
  const variants: SearchOptions[] = [{}, { sort: 'newest' }, { sort: 'oldest' }, { offset: 10 }, { dateRange: { from: date(data.datedCount >> 1), to: date(0) } }];
  for (const f of FACETS) for (const v of facets[f].values.slice(0, 1)) variants.push({ filters: { [f]: [v] } });
  const ids: string[][] = SHAPES.map(() => []);
  const step = Math.ceil(terms.length / SHAPE_SCAN);
  for (let t = 0; t < terms.length; t += step) {
    const s = SHAPES.findIndex((re) => re.test(terms[t]!));
    if (s >= 0 && ids[s]!.length < PER_SHAPE) ids[s]!.push(terms[t]!);
  }
  const typed = ids.flatMap((list, s) => list.map((id) => (s < 2 ? id.toUpperCase() : s === 2 ? `GET ${id}` : id)));
  const docStep = Math.ceil(docs.length / SHAPE_SCAN);
  for (let d = 0, found = 0; d < docs.length && found < PER_SHAPE; d += docStep) {
    const name = CAMEL.exec(docs[d]!.title)?.[0];
    if (name) typed.push(name), found++;
  }
  let i = 0;
  for (const q of ['', `"${docs[0]?.title.split(' ', 2).join(' ')}"`, STEM_RULES, ...ids.map((list) => list[0] ?? '')]) for (const o of variants) yield [q, { ...o, limit: 10 }];
  // A stride coprime with the doc count visits docs all over the index (not one release after another).
  const stride = docs.length > 7 && docs.length % 7 ? 7 : 1;
  for (let n = 0, d = 0; n < docs.length; n++, d = (d + stride) % docs.length) {
    const doc = docs[d]!;
    const turn = n % 4;
    const text = turn === 0 ? doc.title : turn === 1 ? misspell(doc.title) : turn === 2 ? describe(doc.text, n) : withWord(typed[(n >> 2) % typed.length], doc.title, (n & 4) === 0);
    const cut = text.length > PHRASE_CHARS ? text.lastIndexOf(' ', PHRASE_CHARS) : -1;
    const phrase = cut > 0 ? text.slice(0, cut) : text.slice(0, PHRASE_CHARS);
    for (let end = 1; end <= phrase.length; end++) yield [phrase.slice(0, end), { ...variants[i++ % variants.length], limit: 10 }];
  }
}

/**
 * Runs `step` (one search; false when there is nothing left) in idle slices until it returns false,
 * `budget` ms of CPU are spent or `stopped()` holds; resolves with the number of steps run.
 */
export function runIdle(step: () => boolean, stopped: () => boolean, budget: number): Promise<number> {
  const idle = (globalThis as { requestIdleCallback?: (cb: (d: { timeRemaining(): number }) => void) => void }).requestIdleCallback;
  const now = () => performance.now();
  let spent = 0;
  let runs = 0;
  let more = true;
  return new Promise((resolve) => {
    const slice = (deadline?: { timeRemaining(): number }) => {
      const t0 = now();
      const end = t0 + Math.min(deadline ? deadline.timeRemaining() : SLICE_MS, budget - spent);
      while (more && !stopped() && now() < end) if ((more = step())) runs++;
      spent += now() - t0;
      if (more && !stopped() && spent < budget) next();
      else resolve(runs);
    };
    const next = () => (idle ? idle(slice) : setTimeout(slice));
    next();
  });
}
