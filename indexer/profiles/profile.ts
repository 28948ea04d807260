/**
 * A release-notes dialect: the language its headings and comments use.
 * The split and classify stages are generic; everything dialect-specific is asked of a profile.
 */
import type { Lifecycle, ReleaseType } from '../schema.ts';
import type { TicketSetting } from '../tickets.ts';

/** What a heading is, judged from its text alone. */
export type HeadingRole =
  | 'release' // a release: `Monthly release 2026.02.0`, `## 2017.52`, `### 5.14.1`
  | 'period' // a month or year grouping releases: `## December`, `## March 2025`
  | 'roundup' // a reminder of earlier changes that adds none: `Previously Released Early Access ...`
  | 'bugs' // a bug-fix section: one change per top-level bullet
  | 'docs' // a documentation-updates section: one change per top-level bullet
  | 'group' // a category that only groups changes: `Feature Enhancements`, `Advance Notices`
  | 'change'; // a change of its own

export interface HeadingReading {
  role: HeadingRole;
  /** True when the heading names a release only weakly (a version at the end of other words). */
  weakRelease?: boolean;
  /** For `Category: Title` change headings: the category's kind (`Bug Fix: ...` -> fix). */
  kind?: 'fix' | 'docs';
}

export interface ReleaseName {
  /** The release as written, e.g. `2026.02.0`, `2017.52`, `5.14.1`; null when none given. */
  name: string | null;
  type: ReleaseType | null;
}

export interface Profile {
  readonly name: string;
  /** Reads a heading's plain text. */
  readHeading(text: string): HeadingReading;
  /** The release a release heading names. */
  releaseName(text: string): ReleaseName;
  /** Month (1-12) and/or year a period heading names. */
  period(text: string): { month: number | null; year: number | null };
  /** The lifecycle a heading's words state, or null. */
  lifecycleOf(text: string): Lifecycle | null;
  /** The lifecycle of an `access` value of a lifecycle tag (`<ApiLifecycle access="ea" />`), or null. */
  lifecycleOfTag(access: string): Lifecycle | null;
  /** Ticket ids in raw text (comments included), normalised, in order of appearance. */
  tickets(raw: string): string[];
  /** Feature flags in one comment body. */
  flags(comment: string): string[];
  /** The publication timestamp a comment states (`Published on: 2026-02-20T12:00:00Z`), as yyyy-mm-dd. */
  publishedDate(comment: string): string | null;
  /** Product from the page's file stem and front-matter title, or null when they say nothing. */
  product(stem: string, title: string | null): string | null;
  /** Product for a page whose file name and title name none. */
  readonly defaultProduct: string;
  /** Page-level product marker tags (`<ApiLifecycle access="ie" />` -> Identity Engine). */
  productOfTag(access: string): string | null;
  /** Area name of an API reference link, or null when the URL is no API reference. */
  areaOfLink(url: string): string | null;
  /** Default keyword rules for areas. */
  readonly areaKeywords: readonly { area: string; keywords: readonly string[] }[];
  /** Headings down to this depth can be changes of their own; deeper ones are parts of a change. */
  readonly changeDepth: number;
  /** Default base URL (ends with `/`) and page path pattern (`{stem}` is replaced). */
  readonly baseUrl: string;
  readonly pagePath: string;
  /** The same profile reading ticket ids as the config's `tickets` setting says. */
  withTickets(setting: TicketSetting): Profile;
}
