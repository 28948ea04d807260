/**
 * Property tests: real release notes, mutated the ways notes break, never crash the indexer and
 * always give schema-valid records and `file:line` warnings. Short runs here (FUZZ_RUNS overrides);
 * `npm run fuzz -- --long` runs the same properties 100k times.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { buildRecords } from '../../indexer/pipeline.ts';
import { formatWarning } from '../../indexer/warnings.ts';
import { corpusFiles, indexerProperty, indexPage, lineCount, mutationArb, outputProblems, runs, sampleArb } from '../helpers/fuzz.ts';

const RUNS = runs(30);

describe('indexer under hostile input', () => {
  test('should give schema-valid records and warnings for every unmutated corpus page', () => {
    for (const file of corpusFiles()) {
      const output = indexPage(file.name, file.text);
      assert.deepEqual(outputProblems(file.name, file.text, output), [], file.name);
    }
  });

  test('should never throw and always give schema-valid records for mutated corpus pages', () => {
    fc.assert(indexerProperty(16 * 1024), { numRuns: RUNS, endOnFailure: true });
  });

  test('should format every warning of a mutated page as file:line: message', () => {
    fc.assert(
      fc.property(sampleArb(), fc.array(mutationArb(1024), { minLength: 1, maxLength: 4 }), (sample, mutations) => {
        const text = mutations.reduce((t, m) => m.apply(t), sample.text);
        for (const warning of indexPage(sample.name, text).warnings) {
          const match = /^(.+):(\d+): (.+)$/s.exec(formatWarning(warning));
          assert.ok(match, formatWarning(warning));
          assert.equal(match[1], sample.name);
          assert.ok(Number(match[2]) >= 1 && Number(match[2]) <= lineCount(text), `line ${match[2]} outside 1..${lineCount(text)}`);
        }
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  });

  test('should index a page holding a 1 MB line without throwing', () => {
    const file = corpusFiles().find((f) => f.name === '2026-okta-mcp-server.md') ?? corpusFiles()[0]!;
    const lines = file.text.split('\n');
    for (const unit of ['a', '[', '*_', '<b>', '`']) {
      const huge = unit.repeat(Math.ceil((1024 * 1024) / unit.length));
      const text = [...lines.slice(0, 20), huge, ...lines.slice(20)].join('\n');
      const output = indexPage(file.name, text);
      assert.deepEqual(outputProblems(file.name, text, output), [], `1 MB line of ${unit}`);
    }
  });

  test('should index a heading-only page (headings with no body at every level)', () => {
    const text = '---\ntitle: Okta Identity Engine release notes (2026)\n---\n\n# Release notes\n\n## January\n\n### Monthly release 2026.01.0\n\n####\n\n#### \n\n#### Change A\n\n#### <br>\n\n### Bugs fixed in 2026.01.0\n';
    const output = indexPage('2026-okta-identity-engine.md', text);
    assert.deepEqual(outputProblems('2026-okta-identity-engine.md', text, output), []);
  });
});

describe('read stage under hostile bytes', () => {
  test('should read files with invalid UTF-8, BOMs and NUL bytes through the pipeline with valid records', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'changefind-fuzz-'));
    try {
      let n = 0;
      await fc.assert(
        fc.asyncProperty(
          sampleArb(80),
          fc.array(fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 4 }).map((b) => b.map((x) => 0x80 | x))), { minLength: 1, maxLength: 6 }),
          fc.boolean(),
          async (sample, inserts, bom) => {
            let bytes = Buffer.from(sample.text, 'utf8');
            for (const [position, junk] of inserts) {
              const i = position % (bytes.length + 1);
              bytes = Buffer.concat([bytes.subarray(0, i), junk, Buffer.from([0]), bytes.subarray(i)]);
            }
            if (bom) bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
            const path = join(dir, `${n++}-${sample.name}`);
            await writeFile(path, bytes);
            const { records, warnings } = await buildRecords([path]);
            const text = new TextDecoder().decode(bytes).replace(/^\uFEFF/, '');
            const problems = outputProblems(`${n - 1}-${sample.name}`, text, { records, warnings: warnings.map((w) => ({ ...w, file: `${n - 1}-${sample.name}` })) });
            assert.deepEqual(problems, []);
            await rm(path);
          },
        ),
        { numRuns: Math.max(5, Math.round(RUNS / 3)), endOnFailure: true },
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
