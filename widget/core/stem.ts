/**
 * A light English stemmer (plurals, -ed, -ing, final -e/-y), enough to let `policies` meet
 * `policy` and `enabled` meet `enabling`. Identifiers, numbers and short words are left alone.
 * Used only at query time: the index keeps surface forms, the core groups them by stem.
 */
const VOWEL = /[aeiouy]/;
const WORD = /^[a-z]+$/;

export function stem(word: string): string {
  if (word.length < 4 || !WORD.test(word)) return word;
  let w = word;
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies')) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  const suffix = /(?:ing|ed)$/.exec(w);
  if (suffix && w.length - suffix[0].length >= 3 && VOWEL.test(w.slice(0, suffix.index))) {
    w = w.slice(0, suffix.index);
    if (/([^aeioulsz])\1$/.test(w)) w = w.slice(0, -1);
  }
  if (w.length > 3 && /[^aeiou]y$/.test(w)) w = w.slice(0, -1) + 'i';
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}
