/**
 * The build's `manifest.json` and `records.jsonl`: deterministic serialisations (sorted keys where
 * order is free, no timestamps) so identical input gives byte-identical output.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { FACETS, SCHEMA_VERSION, type ChangeRecord, type FacetName, type Manifest } from './schema.ts';

const pkg = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

/** `changefind <version>`. */
export const GENERATOR = `${pkg.name} ${pkg.version}`;

export function sha256(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

/** sha256 over each input's name and content, in build order. */
export function inputHash(sources: readonly { name: string; content: string }[]): string {
  const hash = createHash('sha256');
  for (const source of sources) hash.update(source.name).update('\0').update(source.content).update('\0');
  return hash.digest('hex');
}

/** One record per line, fields in schema order. */
export function recordsJsonl(records: readonly ChangeRecord[]): string {
  return records.map((record) => JSON.stringify(orderedRecord(record))).join('\n') + (records.length > 0 ? '\n' : '');
}

function orderedRecord(r: ChangeRecord): ChangeRecord {
  return {
    id: r.id, title: r.title, text: r.text, file: r.file, line: r.line, product: r.product,
    release: r.release, releaseType: r.releaseType, date: r.date, lifecycle: r.lifecycle, kind: r.kind,
    areas: r.areas, tickets: r.tickets, flags: r.flags, anchor: r.anchor, url: r.url,
  };
}

/** The values a record has for a facet (none when the field is null). */
export function facetValues(record: ChangeRecord, facet: FacetName): string[] {
  switch (facet) {
    case 'year':
      return record.date ? [record.date.slice(0, 4)] : [];
    case 'area':
      return record.areas;
    default: {
      const value = record[facet];
      return value === null ? [] : [value];
    }
  }
}

/** Record counts per facet value, keys sorted. */
export function facetCounts(records: readonly ChangeRecord[]): Manifest['counts'] {
  const counts = {} as Manifest['counts'];
  for (const facet of FACETS) {
    const tally = new Map<string, number>();
    for (const record of records) for (const value of facetValues(record, facet)) tally.set(value, (tally.get(value) ?? 0) + 1);
    counts[facet] = Object.fromEntries([...tally].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
  return counts;
}

export interface ManifestInput {
  records: readonly ChangeRecord[];
  sources: readonly { name: string; content: string }[];
  /** Output files other than the manifest: role, name, content. */
  files: readonly { role: string; name: string; content: string | Uint8Array }[];
  engines: string[];
}

export function makeManifest({ records, sources, files, engines }: ManifestInput): Manifest {
  const sortedFiles = [...files].sort((a, b) => (a.role < b.role ? -1 : a.role > b.role ? 1 : 0));
  return {
    schemaVersion: SCHEMA_VERSION,
    generator: GENERATOR,
    engines,
    files: Object.fromEntries(sortedFiles.map((file) => [file.role, file.name])),
    hashes: Object.fromEntries([...files].sort((a, b) => (a.name < b.name ? -1 : 1)).map((file) => [file.name, sha256(file.content)])),
    inputHash: inputHash(sources),
    inputs: sources.map((source) => source.name),
    recordCount: records.length,
    counts: facetCounts(records),
  };
}
