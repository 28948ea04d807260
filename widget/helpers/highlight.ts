/** Turns the search core's match ranges into plain text parts, so the element renders marks as nodes. */
import type { Range } from '../search-types.ts';

/** A run of text; `mark` is true for a matched run. */
export interface TextPart {
  text: string;
  mark: boolean;
}

/**
 * Splits `text` at `ranges` (half-open, UTF-16 offsets) into alternating parts.
 * Ranges may be unsorted, overlapping, touching or out of bounds: they are clamped and merged.
 * Never returns empty parts; an empty text gives `[]`.
 */
export function highlightParts(text: string, ranges: readonly Range[]): TextPart[] {
  const merged: [number, number][] = [];
  const sorted = ranges
    .map(([s, e]): [number, number] => [Math.max(0, Math.min(s, text.length)), Math.max(0, Math.min(e, text.length))])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (const [s, e] of sorted) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  const parts: TextPart[] = [];
  let at = 0;
  for (const [s, e] of merged) {
    if (s > at) parts.push({ text: text.slice(at, s), mark: false });
    parts.push({ text: text.slice(s, e), mark: true });
    at = e;
  }
  if (at < text.length) parts.push({ text: text.slice(at), mark: false });
  return parts;
}
