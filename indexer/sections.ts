/**
 * The page's outline: headings (with their published anchors and their profile reading) and the
 * blocks each one owns, as a tree. Pure; no knowledge of any dialect beyond `Profile.readHeading`.
 */
import type { Heading, Nodes, Root, RootContent } from 'mdast';
import type { HeadingReading, Profile } from './profiles/profile.ts';
import { PageSlugger } from './slug.ts';
import { headingSlugText, inlineText, sanitize, squash } from './text.ts';

export interface Section {
  heading: Heading;
  depth: number;
  /** Plain heading text (no Markdown, HTML or comments). */
  title: string;
  reading: HeadingReading;
  /** The slug the published page gives this heading. */
  anchor: string;
  line: number;
  /** Blocks after the heading and before its first sub-heading. */
  body: RootContent[];
  children: Section[];
}

export interface Outline {
  /** Blocks before the first heading (front matter excluded). */
  preamble: RootContent[];
  sections: Section[];
  /** Every heading's anchor in document order (nested headings included), for link checks. */
  anchors: Set<string>;
  /** The heading depth at which this page puts its releases, or null when it names none. */
  releaseDepth: number | null;
}

/** Builds the outline of a parsed page. */
export function outline(tree: Root, profile: Profile): Outline {
  const anchorOf = assignAnchors(tree);
  const preamble: RootContent[] = [];
  const sections: Section[] = [];
  const stack: Section[] = [];
  for (const node of tree.children) {
    if (node.type === 'yaml') continue;
    if (node.type === 'heading') {
      const title = squash(sanitize(inlineText(node)));
      const section: Section = {
        heading: node,
        depth: node.depth,
        title,
        reading: profile.readHeading(title),
        anchor: anchorOf.get(node) ?? '',
        line: node.position?.start.line ?? 1,
        body: [],
        children: [],
      };
      while (stack.length > 0 && (stack[stack.length - 1]?.depth ?? 0) >= node.depth) stack.pop();
      const parent = stack[stack.length - 1];
      (parent ? parent.children : sections).push(section);
      stack.push(section);
    } else {
      const current = stack[stack.length - 1];
      (current ? current.body : preamble).push(node);
    }
  }
  return { preamble, sections, anchors: new Set(anchorOf.values()), releaseDepth: releaseDepth(sections) };
}

/** Anchors for every heading of depth 2 and deeper, in document order, as VuePress assigns them. */
function assignAnchors(tree: Root): Map<Heading, string> {
  const slugger = new PageSlugger();
  const anchors = new Map<Heading, string>();
  const visit = (node: Nodes): void => {
    if (node.type === 'heading') {
      if (node.depth >= 2) anchors.set(node, slugger.slug(headingSlugText(node)));
      return;
    }
    if ('children' in node) for (const child of node.children as Nodes[]) visit(child);
  };
  visit(tree);
  return anchors;
}

/**
 * The depth most strong release headings sit at (the shallower one on a tie); on a page that names
 * its releases only weakly (`Okta Identity Engine and Okta Classic Engine 2025.10.0`), the depth of those.
 */
function releaseDepth(sections: Section[]): number | null {
  return likeliestDepth(sections, false) ?? likeliestDepth(sections, true);
}

function likeliestDepth(sections: Section[], weak: boolean): number | null {
  const counts = new Map<number, number>();
  const count = (list: Section[]): void => {
    for (const section of list) {
      if (section.reading.role === 'release' && Boolean(section.reading.weakRelease) === weak) {
        counts.set(section.depth, (counts.get(section.depth) ?? 0) + 1);
      }
      count(section.children);
    }
  };
  count(sections);
  let best: number | null = null;
  for (const [depth, n] of counts) {
    const bestCount = best === null ? -1 : (counts.get(best) ?? 0);
    if (n > bestCount || (n === bestCount && best !== null && depth < best)) best = depth;
  }
  return best;
}

/** A section's role once the page's release depth is known: releases only at that depth. */
export function roleOf(section: Section, depth: number | null): HeadingReading['role'] {
  const role = section.reading.role;
  if (role === 'release') return section.depth === depth ? 'release' : 'change';
  return role;
}

/** All blocks of a section and its descendants, headings included, in document order. */
export function subtreeNodes(section: Section, into: RootContent[] = []): RootContent[] {
  into.push(section.heading, ...section.body);
  for (const child of section.children) subtreeNodes(child, into);
  return into;
}
