/**
 * Guards the parser against input that makes micromark superlinear even on short lines:
 * hundreds of nested container markers on one line (`1. 1. 1. ...`, `- - - ...`, `> > > ...`) and
 * paragraphs dense with emphasis or code-span delimiters (`*_*_...` over many lines). Real release
 * notes never come near the limits, so only hostile or broken input is touched. Every change is one
 * character for one (a no-break space), so offsets and line numbers into the source stay true.
 */

/** Container markers (blockquote, bullet, ordered) beyond this many at the start of one line are read as text. */
export const MAX_CONTAINERS = 32;
/** A paragraph (run of non-blank lines) with more delimiters of one kind than this reads them as text. */
export const MAX_DELIMITERS = 1000;

const NBSP = '\u00a0';
const CONTAINER = /[ \t]{0,3}(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))[ \t]?/y;
const KINDS = [/[*_]/g, /`/g, /[[\]]/g] as const;

export interface Defused {
  text: string;
  /** 1-based line of the first change. */
  line: number;
  what: string;
}

/** The source with pathological nesting and delimiter runs neutralised, or null when it has none. */
export function defuseDense(source: string): Defused | null {
  const lines = source.split(/(?<=\n)/);
  let first: { line: number; what: string } | null = null;
  const note = (index: number, what: string) => (first ??= { line: index + 1, what });
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    let at = 0;
    let depth = 0;
    CONTAINER.lastIndex = 0;
    while (at < line.length) {
      CONTAINER.lastIndex = at;
      const match = CONTAINER.exec(line);
      if (!match || match[0].length === 0) break;
      depth++;
      if (depth > MAX_CONTAINERS) {
        const marker = match[0].replace(/[>*+\-.)\d]/g, NBSP);
        lines[i] = line.slice(0, at) + marker + line.slice(at + marker.length);
        note(i, `more than ${MAX_CONTAINERS} nested list or quote markers`);
        break;
      }
      at += match[0].length;
    }
  }
  for (let start = 0; start < lines.length; ) {
    if (lines[start]!.trim() === '') {
      start++;
      continue;
    }
    let end = start;
    while (end < lines.length && lines[end]!.trim() !== '') end++;
    for (const kind of KINDS) {
      let count = 0;
      for (let i = start; i < end && count <= MAX_DELIMITERS; i++) count += lines[i]!.match(kind)?.length ?? 0;
      if (count <= MAX_DELIMITERS) continue;
      for (let i = start; i < end; i++) lines[i] = lines[i]!.replace(kind, NBSP);
      note(start, `a paragraph with more than ${MAX_DELIMITERS} ${kind.source} delimiters`);
    }
    start = end;
  }
  const found = first as { line: number; what: string } | null;
  return found ? { text: lines.join(''), line: found.line, what: found.what } : null;
}
