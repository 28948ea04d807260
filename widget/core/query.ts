/**
 * Query understanding: text -> slots. A slot is one thing the reader asked for (a word, an
 * identifier, a quoted phrase, a synonym group); a hit must satisfy the required slots.
 * Each slot lists alternatives; an alternative is a sequence of words that must all match.
 */
import { list } from './list.ts';
import { camelParts, isCompound, parts, tokens } from './tokenize.ts';
import { stem } from './stem.ts';
import { SYNONYM_GROUPS } from './synonyms.ts';

/** How a word meets the vocabulary. */
export type WordMode =
  | 'exact' // the term itself only (phrases, identifiers)
  | 'term' // the term, its stem variants, typo fallback
  | 'prefix'; // as 'term', plus every term it begins (the word being typed)

export interface Word {
  text: string;
  mode: WordMode;
}

export interface Alternative {
  words: Word[];
  /** Multiplier of this alternative's score (typed words 1, synonyms less). */
  weight: number;
}

export interface Slot {
  /** Normalised text as typed (for suggestions and cache keys). */
  text: string;
  alts: Alternative[];
  /** Optional slots (stop words) only add score. */
  required: boolean;
  identifier: boolean;
  /** Quoted phrase: hits must hold these terms consecutively. */
  phrase?: string[];
}

/** Words that only add score (a query of nothing else still searches them). */
export const STOP_WORDS = new Set(
  ('a about after all also an and any are as at be been before being both but by can cant could did do does ' +
    'dont each even for from get got had has have how i if in into is it its just let like make many may me more ' +
    'most much must my no not now of on only or other our own same should so some something such than that the ' +
    'their them then there these they this those through to too us use using very via want was way we well were ' +
    'what when where which who why will with would you your').split(' '),
);
const SYNONYM_WEIGHT = 0.6;
const MAX_SLOTS = 32;
const MAX_QUERY_CHARS = 1000;

/** Identifiers: ticket ids, FLAGS_LIKE_THIS, /paths, key=value, dotted versions, names with digits. */
export function isIdentifier(term: string): boolean {
  return (
    term.startsWith('/') || term.includes('_') || term.includes('=') ||
    (isCompound(term) && /\d/.test(term)) || (/\d/.test(term) && /[a-z]/.test(term) && term.length > 3)
  );
}

const GROUPS = SYNONYM_GROUPS.map((g) => g.map((m) => m.split(' ')));
/** The same groups by stem (stemmed once, not on every keystroke). */
const STEMMED = GROUPS.map((g) => g.map((m) => m.map(stem)));

/** The longest synonym member starting at words[i], if any: [group, member index, length]. */
function synonymAt(words: readonly string[], stems: readonly string[], i: number): [string[][], number, number] | undefined {
  let best: [string[][], number, number] | undefined;
  for (let gi = 0; gi < GROUPS.length; gi++) {
    const group = GROUPS[gi]!;
    for (let mi = 0; mi < group.length; mi++) {
      const member = group[mi]!;
      if (member.length <= (best?.[2] ?? 0) || i + member.length > words.length) continue;
      let all = true;
      for (let j = 0; j < member.length && all; j++) all = words[i + j] === member[j] || stems[i + j] === STEMMED[gi]![mi]![j];
      if (all) best = [group, mi, member.length];
    }
  }
  return best;
}

function wordSlots(words: string[], typingLast: boolean): Slot[] {
  const out: Slot[] = [];
  const stems = list(words, stem);
  for (let i = 0; i < words.length; ) {
    const syn = synonymAt(words, stems, i);
    const n = syn?.[2] ?? 1;
    const last = i + n === words.length && typingLast;
    const typed: Word[] = list(words.slice(i, i + n), (text, j) => ({ text, mode: last && j === n - 1 ? 'prefix' : 'term' }));
    const alts: Alternative[] = [{ words: typed, weight: 1 }];
    if (syn) {
      syn[0].forEach((member, mi) => {
        if (mi !== syn[1]) alts.push({ words: list(member, (text) => ({ text, mode: 'term' })), weight: SYNONYM_WEIGHT });
      });
    }
    const text = words.slice(i, i + n).join(' ');
    out.push({ text, alts, required: syn !== undefined || !STOP_WORDS.has(text), identifier: false });
    i += n;
  }
  return out;
}

/** Parses a query into slots; never throws, caps the work for hostile input. */
export function parseQuery(query: string): Slot[] {
  const slots: Slot[] = [];
  query = query.slice(0, MAX_QUERY_CHARS);
  const typingLast = !/[\s"]$/.test(query);
  let rest = query;
  for (const m of query.matchAll(/"([^"]*)"/g)) {
    const phrase = tokens(m[1] ?? '').flatMap((t) => parts(t.term));
    if (phrase.length > 0) {
      slots.push({ text: `"${phrase.join(' ')}"`, alts: [{ words: list(phrase, (text) => ({ text, mode: 'exact' })), weight: 1.2 }], required: true, identifier: false, phrase });
    }
    rest = rest.replace(m[0], ' ');
  }
  rest = rest.replace(/"/g, ' ');
  const typingRest = typingLast && !/"[^"]*"\s*$/.test(query);
  let words: string[] = [];
  const all = tokens(rest);
  all.forEach((t, i) => {
    const lastToken = i === all.length - 1 && typingRest;
    const camel = camelParts(rest.slice(t.start, t.end));
    if (!isIdentifier(t.term) && camel.length === 0) {
      words.push(...parts(t.term));
      return;
    }
    slots.push(...wordSlots(words, false));
    words = [];
    const partWords = camel.length > 0 ? camel : parts(t.term);
    const alts: Alternative[] = [{ words: [{ text: t.term, mode: lastToken ? 'prefix' : 'exact' }], weight: 1 }];
    if (partWords.length > 1 || partWords[0] !== t.term) alts.push({ words: list(partWords, (text) => ({ text, mode: 'exact' })), weight: 0.25 });
    slots.push({ text: t.term, alts, required: true, identifier: true });
  });
  slots.push(...wordSlots(words, typingRest));
  if (slots.length > 0 && slots.every((s) => !s.required)) for (const s of slots) s.required = true;
  return slots.slice(0, MAX_SLOTS);
}


