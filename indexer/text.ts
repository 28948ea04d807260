/**
 * Plain text from mdast nodes and raw HTML: link text kept; comments, tags, table rules,
 * images, Markdown punctuation and character references gone. Pure helpers, linear time.
 */
import type { Nodes } from 'mdast';

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', mdash: '—', ndash: '–',
  hellip: '…', rsquo: '’', lsquo: '‘', ldquo: '“', rdquo: '”', copy: '©', reg: '®',
  trade: '™', check: '✓', cross: '✗', times: '×', rarr: '→', larr: '←', bull: '•',
  middot: '·', deg: '°', shy: '',
};

/** Decodes `&name;`, `&#123;` and `&#x1F;` references; unknown names stay as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[ref] ?? whole;
  });
}

/** Every `<!-- ... -->` body in raw text, in order (an unterminated comment runs to the end). */
export function commentBodies(raw: string): string[] {
  const bodies: string[] = [];
  let from = 0;
  for (;;) {
    const start = raw.indexOf('<!--', from);
    if (start < 0) return bodies;
    const end = raw.indexOf('-->', start + 4);
    bodies.push(raw.slice(start + 4, end < 0 ? raw.length : end));
    if (end < 0) return bodies;
    from = end + 3;
  }
}

/**
 * Raw HTML -> its visible text: comments and tags removed, references decoded. Tags become
 * `separator` (a space for block HTML; nothing inside a line, so `<a>docs</a>.` stays `docs.`).
 */
export function htmlToText(html: string, separator = ' '): string {
  let out = '';
  let from = 0;
  for (;;) {
    const start = html.indexOf('<!--', from);
    if (start < 0) {
      out += html.slice(from);
      break;
    }
    out += html.slice(from, start);
    const end = html.indexOf('-->', start + 4);
    if (end < 0) break;
    from = end + 3;
  }
  return decodeEntities(out.replace(/<\/?[A-Za-z][^<>]*>/g, separator));
}

/** Collapses runs of whitespace to one space and trims. */
export function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Last line of defence for the record's text fields: no Markdown emphasis or code markers,
 * no link syntax, no tags, no comment openers, no undecoded `&amp;`.
 */
export function sanitize(text: string): string {
  return decodeEntities(text)
    .replace(/<!--|-->/g, ' ')
    .replace(/<(\/?[A-Za-z][^<>]*)>/g, '$1')
    .replace(/<(?=[A-Za-z/!])/g, '‹')
    .replace(/\*\*+|__+|`+/g, '')
    .replace(/\]\(/g, '] (');
}

/** Inline text of a node: text, inline code and link text; HTML stripped; images dropped. */
export function inlineText(node: Nodes): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      return node.value;
    case 'html':
      return htmlToText(node.value, /^<br\b/i.test(node.value) ? ' ' : '');
    case 'break':
      return ' ';
    case 'image':
    case 'imageReference':
    case 'yaml':
    case 'definition':
    case 'footnoteDefinition':
      return '';
    case 'code':
      return node.value;
    default:
      return 'children' in node ? (node.children as Nodes[]).map(inlineText).join('') : '';
  }
}

/**
 * Block text of a node: paragraphs, list items, table rows and code blocks on their own lines,
 * whitespace inside a line collapsed. Fenced code is skipped unless `withCode`.
 */
export function blockText(node: Nodes, lines: string[] = [], withCode = false): string[] {
  switch (node.type) {
    case 'paragraph':
    case 'heading':
    case 'tableCell':
      push(lines, inlineText(node));
      return lines;
    case 'html':
      push(lines, htmlToText(node.value));
      return lines;
    case 'code':
      if (withCode) push(lines, node.value);
      return lines;
    case 'tableRow':
      push(lines, node.children.map((cell) => squash(inlineText(cell))).filter(Boolean).join(' '));
      return lines;
    case 'thematicBreak':
    case 'yaml':
    case 'definition':
      return lines;
    default:
      if ('children' in node) for (const child of node.children as Nodes[]) blockText(child, lines, withCode);
      return lines;
  }
}

function push(lines: string[], text: string): void {
  const line = squash(sanitize(text));
  if (line) lines.push(line);
}

/** Plain text of a heading as VuePress slugs it: text and inline code only (no HTML, no images). */
export function headingSlugText(node: Nodes): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value;
  if (node.type === 'html' || node.type === 'image' || node.type === 'imageReference') return '';
  return 'children' in node ? (node.children as Nodes[]).map(headingSlugText).join('') : '';
}
