/**
 * Split stage: a parsed page -> change units, one per change heading, per top-level bullet of a
 * bug-fix or documentation-updates section, or per section that holds no change of its own.
 * Roundups and pages without release headings give none.
 */
import type { ListItem, RootContent } from 'mdast';
import type { ParsedDocument } from './parse.ts';
import type { Profile } from './profiles/profile.ts';
import { readRelease, type ReleaseContext } from './release.ts';
import type { Kind } from './schema.ts';
import { outline, roleOf, type Outline, type Section } from './sections.ts';
import { htmlToText, squash } from './text.ts';
import type { Warning } from './warnings.ts';

export interface ChangeUnit {
  /** `heading`: a change heading; `bullet`: one bullet (or stray paragraph) of a list section;
   * `section`: a section that holds no change of its own and is therefore one. */
  shape: 'heading' | 'bullet' | 'section';
  kind: Kind;
  /** The heading the change belongs to (its own heading unless it is a bullet). */
  section: Section;
  /** For bullets: the list item or paragraph. */
  item: ListItem | RootContent | null;
  /** Title of the change this one is a part of (`Advance Notice: ...` for its `#### Preview Orgs`). */
  parentTitle?: string;
  /** Blocks of the change after its heading (for bullets: comments and blocks that follow it). */
  nodes: RootContent[];
  line: number;
  release: ReleaseContext;
}

export interface SplitResult {
  units: ChangeUnit[];
  outline: Outline;
  releases: ReleaseContext[];
  warnings: Warning[];
}

/** Splits one parsed page into change units. */
export function splitDocument(doc: ParsedDocument, profile: Profile, pageYear: number | null): SplitResult {
  const page = outline(doc.tree, profile);
  const units: ChangeUnit[] = [];
  const releases: ReleaseContext[] = [];
  const warnings: Warning[] = [];
  if (page.releaseDepth === null) {
    warnings.push({ file: doc.file, line: 1, message: 'no release headings found, so no changes indexed (not a release-notes page?)' });
    return { units, outline: page, releases, warnings };
  }
  const walk = (sections: Section[], period: { year: number | null; month: number | null }): void => {
    for (const section of sections) {
      const role = roleOf(section, page.releaseDepth);
      if (role === 'release') {
        const release = readRelease(section, profile, period);
        releases.push(release);
        const before = units.length;
        for (const child of section.children) collect(child, release, units, page.releaseDepth, profile);
        if (units.length === before && hasContent(section.body)) {
          units.push(sectionUnit(section, 'feature', release, section.body.filter((node) => node.type !== 'table')));
        }
        if (!release.name && !release.published && !release.fallbackDate) {
          warnings.push({ file: doc.file, line: section.line, message: `release heading "${section.title}" names no version and no date can be found for it` });
        }
      } else if (role === 'period') {
        const named = profile.period(section.title);
        walk(section.children, { year: named.year ?? period.year, month: named.month ?? period.month });
      } else {
        walk(section.children, period);
      }
    }
  };
  walk(page.sections, { year: pageYear, month: null });
  return { units, outline: page, releases, warnings };
}

function collect(section: Section, release: ReleaseContext, units: ChangeUnit[], depth: number | null, profile: Profile, parentTitle?: string): void {
  const role = roleOf(section, depth);
  if (role === 'roundup') return;
  if (role === 'bugs' || role === 'docs') {
    listUnits(section, role === 'bugs' ? 'fix' : 'docs', release, units, profile);
    for (const child of section.children) collect(child, release, units, depth, profile);
    return;
  }
  if (role === 'group') {
    const before = units.length;
    for (const child of section.children) collect(child, release, units, depth, profile);
    // A group with no sub-headings (`#### Feature Enhancements` above sibling changes) still gets
    // a record when it says anything, even only a summary table.
    const says = hasContent(section.body) || (section.children.length === 0 && section.body.some((node) => node.type === 'table'));
    if (units.length === before && says) units.push(sectionUnit(section, 'feature', release, section.body));
    return;
  }
  // A change: its heading, its body and every sub-section that is not a change of its own: list
  // sections are split as usual, and sub-headings down to the profile's change depth are changes
  // too (`### Advance Notice: ...` > `#### Preview Orgs`); deeper ones are parts of this change.
  const nodes: RootContent[] = [...section.body];
  const absorb = (children: Section[]): void => {
    for (const child of children) {
      const childRole = roleOf(child, depth);
      if (childRole === 'roundup') continue;
      if (childRole === 'bugs' || childRole === 'docs') {
        collect(child, release, units, depth, profile);
        continue;
      }
      if (child.depth <= profile.changeDepth) {
        collect(child, release, units, depth, profile, section.title);
        continue;
      }
      nodes.push(child.heading, ...child.body);
      absorb(child.children);
    }
  };
  const unit: ChangeUnit = {
    shape: 'heading',
    kind: section.reading.kind ?? 'feature',
    section,
    item: null,
    nodes,
    line: section.line,
    release,
    ...(parentTitle ? { parentTitle } : {}),
  };
  units.push(unit);
  absorb(section.children);
}

/** One unit per top-level bullet; comments and blocks that follow a bullet belong to it. */
function listUnits(section: Section, kind: Kind, release: ReleaseContext, units: ChangeUnit[], profile: Profile): void {
  const own: ChangeUnit[] = [];
  const leading: RootContent[] = [];
  let last: ChangeUnit | null = null;
  const hasList = section.body.some((node) => node.type === 'list');
  if (!hasList) {
    if (hasContent(section.body)) units.push(sectionUnit(section, kind, release, section.body));
    return;
  }
  for (const node of section.body) {
    if (node.type === 'list') {
      for (const item of node.children) {
        last = { shape: 'bullet', kind, section, item, nodes: [], line: item.position?.start.line ?? section.line, release };
        own.push(last);
      }
    } else if (node.type === 'paragraph' && profile.tickets(paragraphSource(node)).length > 0) {
      last = { shape: 'bullet', kind, section, item: node, nodes: [], line: node.position?.start.line ?? section.line, release };
      own.push(last);
    } else if (node.type === 'paragraph') {
      // An introduction or interlude ("The following issues are fixed:"): not a change.
      continue;
    } else if (last) {
      last.nodes.push(node);
    } else {
      leading.push(node);
    }
  }
  const first = own[0];
  if (first) first.nodes.unshift(...leading.filter((node) => node.type === 'html'));
  units.push(...own);
}

function paragraphSource(node: RootContent): string {
  const parts: string[] = [];
  const visit = (child: RootContent | { type: string; value?: string; children?: unknown[] }): void => {
    if ('value' in child && typeof child.value === 'string') parts.push(child.value);
    if ('children' in child && Array.isArray(child.children)) for (const grand of child.children) visit(grand as RootContent);
  };
  visit(node);
  return parts.join(' ');
}

function sectionUnit(section: Section, kind: Kind, release: ReleaseContext, nodes: RootContent[]): ChangeUnit {
  return { shape: 'section', kind, section, item: null, nodes, line: section.line, release };
}

/** True when the blocks hold published content beyond tables and comments. */
function hasContent(nodes: RootContent[]): boolean {
  return nodes.some((node) => {
    if (node.type === 'table' || node.type === 'definition' || node.type === 'thematicBreak') return false;
    if (node.type === 'html') return squash(htmlToText(node.value)) !== '';
    return true;
  });
}
