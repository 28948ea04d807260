/**
 * The Okta developer release-notes dialect (2016 to today, all products), written as rules over
 * heading language and comment conventions, never as lists of files or particular headings.
 */
import { isoDate } from '../release.ts';
import type { Lifecycle } from '../schema.ts';
import { DEFAULT_TICKETS, ticketReader, type TicketSetting } from '../tickets.ts';
import type { HeadingReading, Profile, ReleaseName } from './profile.ts';

/** A release version token: `2026.02.0`, `2017.52`, `5.14.1`, `1.0.0-beta.2`. */
const VERSION = String.raw`\d+(?:\.\d+)+(?:[-+][0-9A-Za-z.-]+)?`;
const RELEASE_WORDS = String.raw`(?:(?:weekly|monthly|quarterly|patch|hotfix|maintenance|minor|major|service|security|feature)\s+)?`;
/** `Monthly release 2026.02.0`, `Weekly Release`, `Release 1.2.0`, `Version 5.14.1 (2021-12-01)`. */
const STRONG_RELEASE = new RegExp(
  String.raw`^${RELEASE_WORDS}(?:release|version|build)\s*(?:v?${VERSION})?\s*(?:\(.*\)|[-–—:].*)?$`,
  'i',
);
/** A heading that is a version alone: `2017.52`, `v5.14.1`, `[1.2.0] - 2020-01-01`. */
const VERSION_ONLY = new RegExp(String.raw`^\[?v?${VERSION}\]?(?:\s*(?:\(.*\)|[-–—:].*))?$`, 'i');
/** Other words ending in a version: `Okta Identity Engine and Okta Classic Engine 2025.10.0`. */
const WEAK_RELEASE = new RegExp(String.raw`\sv?${VERSION}\s*(?:\(.*\))?$`, 'i');
const VERSION_TOKEN = new RegExp(String.raw`v?(${VERSION})`, 'gi');

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september',
  'october', 'november', 'december'];
const PERIOD = new RegExp(String.raw`^(?:(${MONTHS.join('|')})\s*,?\s*)?((?:19|20)\d{2})?$`, 'i');

const ROUNDUP = /\bpreviously released\b|\broundup\b|\brecap\b/i;
/** `Platform Bugs Fixed`, `API Bug Fix`, `Bugs fixed in 2026.02.2`, `Fixes`, `Resolved issues`. */
const BUGS = /^(?:(?:platform|api|sdk|preview|production|security|widget|other|minor)\s+)*(?:bugs?\s+fix(?:e[sd])?|fix(?:e[sd])?|bugs?|resolved\s+issues|fixed\s+issues)(?:\s+(?:in|for)\b.*)?$/i;
/** `Developer documentation updates in 2026.02.0`, `Docs updates`. */
const DOCS = /^(?:developer\s+)?(?:documentation|docs?)\s+(?:updates?|changes)\b(?:\s+(?:in|for)\b.*)?$/i;
/** Words that only name a category of changes (`New and Enhanced Features`, `Advance Notices`). */
const CATEGORY_WORD = /^(?:new|enhanced|enhancements?|features?|improvements?|improved|platform|api|and|advance|notices?|other|general|misc(?:ellaneous)?|changes|updates|additions|highlights|what's|whats|breaking|&)$/i;

const DEPRECATED = /\bdeprecat|\bend[- ]of[- ](?:life|support)\b|\bretire(?:d|ment|s)?\b|\bsunset/i;
/** `is GA in Production`, `are now Early Access`, `is self-service EA`: a stage stated of the change. */
const STAGE_PREDICATE = /\b(?:is|are)\s+(?:now\s+)?(?:self-service\s+)?(?:GA|generally available|EA|early access|beta)\b/i;
const STAGES: [RegExp, 'ga' | 'ea' | 'beta'][] = [
  [/\bGA\b|\bgenerally available\b|\bgeneral availability\b/i, 'ga'],
  [/\bEA\b|\bearly (?:access|availability)\b/i, 'ea'],
  [/\bbeta\b/i, 'beta'],
];

const FLAG_TOKEN = /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g;
const FF_MARKER = /\bFF\b\s*:?\s*([A-Z][A-Z0-9_]*)/g;

const ACRONYMS = new Set(['mcp', 'api', 'sdk', 'sso', 'oidc', 'saml', 'scim', 'js', 'ui', 'oin', 'ad', 'ai', 'iam', 'mfa']);

function titleWord(word: string): string {
  if (ACRONYMS.has(word.toLowerCase())) return word.toUpperCase();
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Plural of an area's last word: Policy -> Policies, Schema -> Schemas; acronyms stay. */
function pluralise(word: string): string {
  if (/^[A-Z0-9]+$/.test(word) || /s$/i.test(word)) return word;
  if (/[^aeiou]y$/i.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(?:x|ch|sh)$/i.test(word)) return `${word}es`;
  return `${word}s`;
}

/** `NetworkZone`, `application-behavior`, `CustomAS` -> words. */
function tagWords(tag: string): string[] {
  if (/[-_]/.test(tag) || tag === tag.toLowerCase()) return tag.split(/[-_]+/).filter(Boolean);
  return tag.match(/[A-Z0-9]+(?![a-z])|[A-Z]?[a-z0-9]+/g) ?? [tag];
}

/** The canonical area name of an API reference tag, pluralised consistently. */
export function areaName(tag: string): string {
  const words = tagWords(tag).map(titleWord);
  const last = words.length - 1;
  if (last >= 0) words[last] = pluralise(words[last] ?? '');
  return words.join(' ');
}

function readRelease(text: string): boolean {
  return STRONG_RELEASE.test(text) || VERSION_ONLY.test(text);
}

/** The Okta profile reading tickets as `setting` says (default `OKTA-123`). */
export function oktaProfileWith(setting: TicketSetting = DEFAULT_TICKETS): Profile {
  const reader = ticketReader(setting);
  return {
    ...oktaRules,
    tickets: reader.tickets,
    flags(comment: string): string[] {
      const flags = new Set<string>();
      for (const match of comment.matchAll(FF_MARKER)) if (match[1] && match[1].length > 2) flags.add(match[1]);
      for (const match of comment.matchAll(FLAG_TOKEN)) if (!reader.isTicketToken(match[0])) flags.add(match[0]);
      return [...flags];
    },
    withTickets: oktaProfileWith,
  };
}

const oktaRules: Omit<Profile, 'tickets' | 'flags' | 'withTickets'> = {
  name: 'okta',

  readHeading(text: string): HeadingReading {
    if (ROUNDUP.test(text)) return { role: 'roundup' };
    const colon = /^([^:]{2,80}):\s*\S/.exec(text);
    if (colon && !readRelease(text)) {
      const prefix = colon[1] ?? '';
      if (BUGS.test(prefix)) return { role: 'change', kind: 'fix' };
      if (DOCS.test(prefix)) return { role: 'change', kind: 'docs' };
      return { role: 'change' };
    }
    if (BUGS.test(text)) return { role: 'bugs' };
    if (DOCS.test(text)) return { role: 'docs' };
    if (readRelease(text)) return { role: 'release' };
    if (text && PERIOD.test(text)) return { role: 'period' };
    if (WEAK_RELEASE.test(text)) return { role: 'release', weakRelease: true };
    const words = text.split(/\s+/).filter(Boolean);
    if (words.length > 0 && words.every((word) => CATEGORY_WORD.test(word))) return { role: 'group' };
    return { role: 'change' };
  },

  releaseName(text: string): ReleaseName {
    const versions = [...text.matchAll(VERSION_TOKEN)].map((match) => match[1] ?? '');
    const name = versions.length > 0 ? (versions[0] ?? null) : null;
    if (/\bweekly\b/i.test(text)) return { name, type: 'weekly' };
    if (/\bmonthly\b/i.test(text)) return { name, type: 'monthly' };
    const numbered = name ? /^\d{4}\.\d{2}\.(\d+)$/.exec(name) : null;
    if (numbered) return { name, type: numbered[1] === '0' ? 'monthly' : 'weekly' };
    return { name, type: null };
  },

  period(text: string) {
    const match = PERIOD.exec(text);
    const month = match?.[1] ? MONTHS.indexOf(match[1].toLowerCase()) + 1 : null;
    const year = match?.[2] ? Number(match[2]) : null;
    return { month, year };
  },

  lifecycleOf(text: string): Lifecycle | null {
    // A deprecation is itself a change that can roll out in stages: "X deprecated is GA in Production"
    // is the stage; a bare "X is deprecated" is the deprecated stage.
    const deprecated = DEPRECATED.exec(text);
    if (deprecated && !STAGE_PREDICATE.test(text.slice(deprecated.index))) return 'deprecated';
    // The stage named first wins: "X is EA in Production and GA in Preview" is EA.
    let best: { at: number; lifecycle: Lifecycle } | null = null;
    for (const [pattern, stage] of STAGES) {
      const match = pattern.exec(text);
      if (!match || (best && best.at <= match.index)) continue;
      let lifecycle: Lifecycle = stage === 'ga' ? 'ga-production' : stage;
      if (stage === 'ga') {
        const after = text.slice(match.index);
        const preview = after.search(/\bpreview\b/i);
        const production = after.search(/\bproduction\b/i);
        if (preview >= 0 && (production < 0 || preview < production)) lifecycle = 'ga-preview';
      }
      best = { at: match.index, lifecycle };
    }
    return best?.lifecycle ?? null;
  },

  lifecycleOfTag(access: string): Lifecycle | null {
    switch (access.toLowerCase()) {
      case 'ea':
        return 'ea';
      case 'beta':
        return 'beta';
      case 'deprecated':
        return 'deprecated';
      case 'ga':
        return 'ga-production';
      default:
        return null;
    }
  },

  publishedDate(comment: string): string | null {
    const match = /\bpublished\s+on\s*:?\s*(\d{4})-(\d{2})-(\d{2})/i.exec(comment);
    return match ? isoDate(Number(match[1]), Number(match[2]), Number(match[3])) : null;
  },

  product(stem: string, title: string | null): string | null {
    const suffix = /^(?:\d{4}-)?okta-([a-z0-9-]+)$/i.exec(stem)?.[1];
    if (suffix) return suffix.split('-').filter(Boolean).map(titleWord).join(' ');
    if (title) {
      const named = /^\s*(?:okta\s+)?(.*?)\s*\b(?:api\b.*|release notes\b.*|changelog\b.*)$/i.exec(title)?.[1]?.trim();
      if (named) return named;
    }
    return null;
  },

  defaultProduct: 'Classic Engine',

  productOfTag(access: string): string | null {
    return access.toLowerCase() === 'ie' ? 'Identity Engine' : null;
  },

  areaOfLink(url: string): string | null {
    if (!/\/(?:docs\/api|openapi)\//i.test(url)) return null;
    const tag = /\/tags?\/([A-Za-z0-9][A-Za-z0-9_-]*)/.exec(url)?.[1];
    return tag ? areaName(tag) : null;
  },

  areaKeywords: [
    { area: 'System Log', keywords: ['system log'] },
    { area: 'Rate Limits', keywords: ['rate limit', 'rate limits'] },
    { area: 'Sign-In Widget', keywords: ['sign-in widget'] },
    { area: 'Inline Hooks', keywords: ['inline hook', 'inline hooks'] },
    { area: 'Event Hooks', keywords: ['event hook', 'event hooks'] },
    { area: 'Identity Providers', keywords: ['identity provider', 'identity providers', 'idp', 'idps'] },
    { area: 'Authorization Servers', keywords: ['authorization server', 'authorization servers'] },
    { area: 'Policies', keywords: ['policy', 'policies'] },
    { area: 'Authenticators', keywords: ['authenticator', 'authenticators'] },
    { area: 'OpenID Connect', keywords: ['openid connect', 'oidc'] },
    { area: 'OAuth 2.0', keywords: ['oauth', 'oauth 2.0'] },
    { area: 'SAML', keywords: ['saml'] },
    { area: 'SCIM', keywords: ['scim'] },
    { area: 'AI Agents', keywords: ['ai agent', 'ai agents'] },
  ],

  changeDepth: 4,

  baseUrl: 'https://developer.okta.com/docs/release-notes/',
  pagePath: '{stem}/',
};

/** The Okta developer release-notes profile, with `OKTA-123` tickets. */
export const oktaProfile: Profile = oktaProfileWith();
