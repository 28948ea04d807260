/**
 * Parse stage: Markdown text -> mdast Root (CommonMark + GFM tables + YAML front matter).
 * Pure: no file system access. Node positions (line, column, offset) are kept for line numbers.
 */
import type { Nodes, Parent, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfmTable } from 'micromark-extension-gfm-table';
import { parse as parseYaml } from 'yaml';
import { defuseDense } from './defuse.ts';

/** A parsed source file: its syntax tree, its raw text and its front matter. */
export interface ParsedDocument {
  /** Base file name, e.g. `2026-okta-identity-engine.md`. */
  file: string;
  /** The exact source text (offsets in `tree` index into it). */
  source: string;
  tree: Root;
  /** YAML front matter as an object (empty when absent or not a mapping). */
  frontMatter: Record<string, unknown>;
  /** Problems found while parsing, e.g. invalid YAML front matter. */
  problems: { line: number; message: string }[];
}

/** Lines longer than this are read as plain text (real release notes stay under 2,000 characters). */
export const LONG_LINE = 10_000;

/**
 * micromark is quadratic on some very long lines (runs of `*_`, `[`, `<`, backticks), and its GFM
 * table extension on any long paragraph line. Such lines only come from hostile or broken input, so
 * their markup characters are read as no-break spaces (one character for one, so every offset into
 * `source` stays true, and no line turns into indented code) and the page is read without GFM tables. Returns null when no line is that long.
 */
function defuseLongLines(source: string): string | null {
  if (source.length <= LONG_LINE) return null;
  let long = false;
  let out = '';
  let from = 0;
  while (from < source.length) {
    const end = source.indexOf('\n', from);
    const stop = end < 0 ? source.length : end + 1;
    const line = source.slice(from, stop);
    if (line.length > LONG_LINE) long = true;
    out += line.length > LONG_LINE ? line.replace(/[*_`[\]<>!&\\|~]/g, '\u00a0') : line;
    from = stop;
  }
  return long ? out : null;
}

/** Parses one Markdown source into a tree. Never throws on malformed Markdown. */
export function parseMarkdown(file: string, source: string): ParsedDocument {
  const defused = defuseLongLines(source);
  const dense = defuseDense(defused ?? source);
  const tree = fromMarkdown(dense?.text ?? defused ?? source, {
    extensions: defused === null ? [frontmatter(['yaml']), gfmTable()] : [frontmatter(['yaml'])],
    mdastExtensions: defused === null ? [frontmatterFromMarkdown(['yaml']), gfmTableFromMarkdown()] : [frontmatterFromMarkdown(['yaml'])],
  });
  const problems: ParsedDocument['problems'] = [];
  if (defused !== null) {
    const line = source.split('\n').findIndex((text) => text.length > LONG_LINE) + 1;
    problems.push({ line, message: `line longer than ${LONG_LINE} characters: this page is read without Markdown on that line and without tables; break the line up` });
  }
  if (dense !== null) problems.push({ line: dense.line, message: `${dense.what}: read as plain text there (the parser would be too slow); fix the markup` });
  const flattened = flattenDeep(tree);
  if (flattened !== null) {
    problems.push({ line: flattened, message: `content nested more than ${MAX_DEPTH} levels deep (blockquotes, lists or emphasis) was indexed as plain text; check the markers on this line` });
  }
  let frontMatter: Record<string, unknown> = {};
  const first = tree.children[0];
  if (first?.type === 'yaml') {
    try {
      const value: unknown = parseYaml(first.value);
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        frontMatter = value as Record<string, unknown>;
      }
    } catch (error) {
      problems.push({
        line: first.position?.start.line ?? 1,
        message: `invalid YAML front matter (${(error as Error).message.split('\n')[0]}); fix the YAML between the --- lines`,
      });
    }
  }
  return { file, source, tree, frontMatter, problems };
}

/** Deeper nodes are flattened to their text: the later stages walk the tree recursively. */
const MAX_DEPTH = 64;
const BLOCKS = new Set(['blockquote', 'list', 'listItem', 'footnoteDefinition', 'table', 'tableRow']);

/** Replaces every node deeper than MAX_DEPTH by its plain text (iteratively); the line of the first, or null. */
function flattenDeep(tree: Root): number | null {
  let first: number | null = null;
  const stack: [Parent, number][] = [[tree, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    node.children.forEach((child, i) => {
      if (!('children' in child)) return;
      if (depth + 1 < MAX_DEPTH) {
        stack.push([child, depth + 1]);
        return;
      }
      const value = plainText(child);
      const text = { type: 'text' as const, value, ...(child.position ? { position: child.position } : {}) };
      (node.children as Nodes[])[i] = BLOCKS.has(child.type) ? { type: 'paragraph', children: [text], ...(child.position ? { position: child.position } : {}) } : text;
      first ??= child.position?.start.line ?? 1;
    });
  }
  return first;
}

/** Text and inline code of a subtree, without recursion. */
function plainText(root: Nodes): string {
  const out: string[] = [];
  const stack: Nodes[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'text' || node.type === 'inlineCode') out.push(node.value);
    else if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
  }
  return out.join(' ');
}
