/**
 * Parse stage: Markdown text -> mdast Root (CommonMark + GFM tables + YAML front matter).
 * Pure: no file system access. Node positions (line, column, offset) are kept for line numbers.
 */
import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfmTable } from 'micromark-extension-gfm-table';
import { parse as parseYaml } from 'yaml';

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

/** Parses one Markdown source into a tree. Never throws on malformed Markdown. */
export function parseMarkdown(file: string, source: string): ParsedDocument {
  const tree = fromMarkdown(source, {
    extensions: [frontmatter(['yaml']), gfmTable()],
    mdastExtensions: [frontmatterFromMarkdown(['yaml']), gfmTableFromMarkdown()],
  });
  const problems: ParsedDocument['problems'] = [];
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
