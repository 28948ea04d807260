/**
 * Hostile-input generators for the indexer's property tests and `npm run fuzz`: real release notes
 * from ../shared/corpus/okta (read at run time, never copied) mutated the ways notes really break:
 * truncation, dropped and duplicated lines, unbalanced fences and comments, empty headings, tables
 * with missing cells, CRLF, BOM, tabs, huge lines, control characters, invalid UTF-8, random HTML/JSX.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { unifyAreas, uniqueIds } from '../../indexer/classify.ts';
import { oktaProfile } from '../../indexer/profiles/okta.ts';
import { recordsOfSource } from '../../indexer/records.ts';
import type { ChangeRecord } from '../../indexer/schema.ts';
import type { Warning } from '../../indexer/warnings.ts';
import { CORPUS } from './notes.ts';
import { recordProblems, warningProblems } from './record-schema.ts';

export interface CorpusFile {
  name: string;
  text: string;
}

let corpus: CorpusFile[] | undefined;
/** The corpus files (sorted by name), read once. */
export function corpusFiles(): CorpusFile[] {
  corpus ??= readdirSync(CORPUS)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(CORPUS, name), 'utf8') }));
  if (corpus.length === 0) throw new Error(`${CORPUS}: no Markdown files; the fuzz tests need the shared corpus beside the repo`);
  return corpus;
}

/** A real page or a window of up to `maxLines` consecutive lines of one (keeps its front matter). */
export function sampleArb(maxLines = 160): fc.Arbitrary<CorpusFile> {
  const files = corpusFiles();
  return fc
    .tuple(fc.integer({ min: 0, max: files.length - 1 }), fc.nat(), fc.integer({ min: 1, max: maxLines }), fc.boolean())
    .map(([index, start, length, keepHead]) => {
      const file = files[index]!;
      const lines = file.text.split('\n');
      if (lines.length <= maxLines) return file;
      const from = start % (lines.length - length);
      const head = keepHead ? lines.slice(0, Math.min(from, 12)) : [];
      return { name: file.name, text: [...head, ...lines.slice(from, from + length)].join('\n') };
    });
}

/** One mutation of a text, with a label for failure reports. */
export interface Mutation {
  label: string;
  apply(text: string): string;
}

const at = (text: string, position: number) => position % (text.length + 1);

function lineEdit(label: string, edit: (lines: string[], index: number) => string[]): fc.Arbitrary<Mutation> {
  return fc.nat().map((n) => ({
    label: `${label}@${n}`,
    apply: (text: string) => {
      const lines = text.split('\n');
      return edit(lines, n % lines.length).join('\n');
    },
  }));
}

function insertLine(label: string, line: fc.Arbitrary<string>): fc.Arbitrary<Mutation> {
  return fc.tuple(fc.nat(), line).map(([n, inserted]) => ({
    label: `${label}@${n}:${JSON.stringify(inserted.slice(0, 40))}`,
    apply: (text: string) => {
      const lines = text.split('\n');
      lines.splice(n % (lines.length + 1), 0, inserted);
      return lines.join('\n');
    },
  }));
}

function insertText(label: string, inserted: fc.Arbitrary<string>): fc.Arbitrary<Mutation> {
  return fc.tuple(fc.nat(), inserted).map(([n, value]) => ({
    label: `${label}@${n}:${JSON.stringify(value.slice(0, 40))}`,
    apply: (text: string) => {
      const i = at(text, n);
      return text.slice(0, i) + value + text.slice(i);
    },
  }));
}

const words = fc.array(fc.constantFrom('Okta', 'API', 'policy', 'is', 'GA', 'in', 'Production', 'OKTA-123456', 'EA', 'Beta', '2026.02.0', 'fix', '`code`', '**bold**', '[link](https://x.example/a)', '<br>', '&amp;', '&lt;b&gt;'), { maxLength: 8 }).map((w) => w.join(' '));

/** Random HTML and JSX, well-formed or not, including script-like payloads. */
export const htmlArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '<div>', '</div>', '<br>', '<br/>', '<img src=x onerror=alert(1)>', '<script>alert(1)</script>', '<script>', '</script>',
    '<ApiLifecycle access="ea" />', '<ApiLifecycle access="ie" />', '<ApiLifecycle access=', '<a href="javascript:alert(1)">x</a>',
    '<a href="', '<Foo bar={1}>', '</Foo>', '{/* jsx comment */}', '<!-- OKTA-1 FF: SOME_FLAG preview date: Feb 4, 2026 -->',
    '<style>body{}</style>', '<svg onload=alert(1)>', '<iframe src="data:text/html,x">', '<<>>', '</>', '<x-y z>', '<table><tr><td>',
    '<!-- Published on: 2026-13-45T99:00:00Z -->', '<!-- Published on: not a date -->', '<details><summary>s</summary>',
  ),
  fc.tuple(fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,8}$/), fc.array(fc.stringMatching(/^[a-z]{1,6}(="[^"]{0,8}")?$/), { maxLength: 3 }), fc.boolean(), fc.boolean()).map(
    ([tag, attrs, close, selfClose]) => `<${tag}${attrs.map((a) => ` ${a}`).join('')}${selfClose ? ' /' : ''}>${close ? `</${tag}>` : ''}`,
  ),
);

const controlArb = fc.array(fc.constantFrom('\u0000', '\u0001', '\u0007', '\u0008', '\u000b', '\u000c', '\u001b', '\u007f', '\u0085', '\u00a0', '\u200b', '\u200e', '\u2028', '\u2029', '\ufeff', '\ufffd', '\ufffe', '\r'), { minLength: 1, maxLength: 6 }).map((c) => c.join(''));

/** Every mutation kind, weighted equally. `hugeLine` is the length of generated long lines. */
export function mutationArb(hugeLine = 64 * 1024): fc.Arbitrary<Mutation> {
  return fc.oneof(
    fc.nat().map((n) => ({ label: `truncate@${n}`, apply: (text: string) => text.slice(0, at(text, n)) })),
    lineEdit('drop-line', (lines, i) => lines.filter((_, j) => j !== i)),
    fc.tuple(fc.nat(), fc.integer({ min: 1, max: 20 })).map(([n, length]) => ({
      label: `duplicate-lines@${n}+${length}`,
      apply: (text: string) => {
        const lines = text.split('\n');
        const i = n % lines.length;
        return [...lines.slice(0, i + length), ...lines.slice(i, i + length), ...lines.slice(i + length)].join('\n');
      },
    })),
    insertLine('fence', fc.constantFrom('```', '~~~', '```js', '````', '   ```', '> ```')),
    insertLine('comment', fc.constantFrom('<!--', '-->', '<!-- OKTA-999999', '<!-- unclosed', '--> stray', '<!---->', '<!-- -- -->')),
    insertLine('empty-heading', fc.tuple(fc.integer({ min: 1, max: 6 }), fc.oneof(fc.constantFrom('', ' ', '#', '<!-- x -->', '<br>', '`` ``'), words)).map(([level, title]) => `${'#'.repeat(level)} ${title}`)),
    insertLine('table', fc.tuple(fc.integer({ min: 1, max: 4 }), fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 4 })).map(([columns, rows]) =>
      [`|${' h |'.repeat(columns)}`, `|${' --- |'.repeat(columns)}`, ...rows.map((cells) => `|${' [c](#anchor) |'.repeat(cells)}`)].join('\n'),
    )),
    lineEdit('cut-table-cells', (lines, i) => {
      const j = lines.findIndex((line, k) => k >= i && line.trimStart().startsWith('|'));
      if (j < 0) return lines;
      const copy = [...lines];
      copy[j] = copy[j]!.split('|').slice(0, -2).join('|');
      return copy;
    }),
    fc.constant({ label: 'crlf', apply: (text: string) => text.replace(/\r?\n/g, '\r\n') }),
    fc.constant({ label: 'cr-only', apply: (text: string) => text.replace(/\r?\n/g, '\r') }),
    fc.constant({ label: 'bom', apply: (text: string) => `\uFEFF${text}` }),
    fc.constant({ label: 'tabs', apply: (text: string) => text.replace(/^( {2})+/gm, (spaces) => '\t'.repeat(spaces.length / 2)) }),
    insertText('tab', fc.constantFrom('\t', '\t\t', ' \t ')),
    insertLine('huge-line', fc.tuple(fc.constantFrom('a', 'word ', '*', '[', '<', '`', '|', '#', '>', '\\', '_', '&amp;', 'OKTA-1 '), fc.integer({ min: hugeLine / 4, max: hugeLine })).map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)))),
    insertText('control', controlArb),
    insertText('html', htmlArb),
    insertLine('html-line', htmlArb),
    insertText('unicode', fc.string({ unit: 'grapheme', maxLength: 12 })),
  );
}

/** The line count of a source as micromark counts lines (CRLF, CR and LF all end a line). */
export function lineCount(text: string): number {
  return text.split(/\r\n|\r|\n/).length;
}

/** Indexes one page as the pipeline does (records of the page, areas unified, ids made unique). */
export function indexPage(name: string, text: string): { records: ChangeRecord[]; warnings: Warning[] } {
  const { records, warnings } = recordsOfSource(name, text, { profile: oktaProfile, config: {} });
  unifyAreas(records);
  uniqueIds(records);
  return { records, warnings };
}

/** Every problem of an indexer output for `text` (empty when the output is valid). */
export function outputProblems(name: string, text: string, output: { records: ChangeRecord[]; warnings: Warning[] }): string[] {
  const lines = lineCount(text);
  const problems: string[] = [];
  const ids = new Set<string>();
  output.records.forEach((record, i) => {
    for (const problem of recordProblems(record, { file: name, lineCount: lines })) problems.push(`record ${i} (line ${record.line}): ${problem}`);
    if (ids.has(record.id)) problems.push(`record ${i}: duplicate id ${record.id}`);
    ids.add(record.id);
  });
  for (const warning of output.warnings) for (const problem of warningProblems(warning, lines)) problems.push(`${problem}: ${JSON.stringify(warning).slice(0, 200)}`);
  return problems;
}

/** A property: a sample, 1..4 mutations; indexing never throws and its output is valid. */
export function indexerProperty(hugeLine?: number) {
  return fc.property(sampleArb(), fc.array(mutationArb(hugeLine), { minLength: 1, maxLength: 4 }), (sample, mutations) => {
    const text = mutations.reduce((t, m) => m.apply(t), sample.text);
    const output = indexPage(sample.name, text);
    const problems = outputProblems(sample.name, text, output);
    if (problems.length) throw new Error(`${sample.name} after ${mutations.map((m) => m.label).join(', ')}:\n${problems.slice(0, 10).join('\n')}`);
  });
}

/** Run count for a property: FUZZ_RUNS overrides the short default. */
export function runs(fallback: number): number {
  const n = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}
