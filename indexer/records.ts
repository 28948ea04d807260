/**
 * One source text -> its change records, warnings included: parse, split, classify.
 * Pure (no file system); the pipeline calls it for every input.
 */
import { classifyUnit, pageFacts } from './classify.ts';
import type { ChangefindConfig } from './config.ts';
import { parseMarkdown } from './parse.ts';
import type { Profile } from './profiles/profile.ts';
import type { ChangeRecord } from './schema.ts';
import { splitDocument } from './split.ts';
import type { Warning } from './warnings.ts';

export interface RecordOptions {
  profile: Profile;
  config: ChangefindConfig;
  baseUrl?: string;
}

/** Records and warnings of one page (ids not yet unique across pages). */
export function recordsOfSource(file: string, content: string, base: RecordOptions): { records: ChangeRecord[]; warnings: Warning[] } {
  const options = { ...base, profile: configuredProfile(base.profile, base.config) };
  const doc = parseMarkdown(file, content);
  const page = pageFacts(doc, options.profile, options.config, options.baseUrl);
  const split = splitDocument(doc, options.profile, page.year);
  const warnings: Warning[] = [...doc.problems.map((problem) => ({ file, ...problem })), ...split.warnings];
  const records = split.units.map((unit) => classifyUnit(unit, doc, page, options.profile, options.config));
  for (const release of split.releases) {
    for (const link of release.tableLinks) {
      if (!split.outline.anchors.has(link.anchor)) {
        warnings.push({ file, line: link.line, message: `summary table links to #${link.anchor}, but no heading on this page has that anchor` });
      }
    }
  }
  for (const record of records) {
    if (!record.text && record.kind !== 'fix') warnings.push({ file, line: record.line, message: `change "${record.title}" has no text` });
  }
  return { records, warnings };
}

const configured = new WeakMap<ChangefindConfig, { base: Profile; profile: Profile }>();

/** The profile with the config's ticket setting applied (made once per config and profile). */
function configuredProfile(profile: Profile, config: ChangefindConfig): Profile {
  if (config.tickets === undefined) return profile;
  const known = configured.get(config);
  if (known?.base === profile) return known.profile;
  const result = profile.withTickets(config.tickets);
  configured.set(config, { base: profile, profile: result });
  return result;
}
