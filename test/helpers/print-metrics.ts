/** Prints the corpus metrics: `npx tsx test/helpers/print-metrics.ts [folder]`. */
import { resolve } from 'node:path';
import { buildRecords } from '../../indexer/pipeline.ts';
import { measureCorpus, rate, type Ratio } from './corpus-metrics.ts';

const folder = resolve(process.argv[2] ?? '../shared/corpus/okta');
const started = performance.now();
const { records } = await buildRecords([folder]);
const ms = performance.now() - started;
const metrics = measureCorpus(folder, records);
for (const [name, value] of Object.entries(metrics)) {
  if (Array.isArray(value)) {
    console.log(`${name}: ${value.length}`, value.slice(0, 5));
    continue;
  }
  const r = value as Ratio;
  console.log(`${name}: ${(rate(r) * 100).toFixed(2)}% (${r.hit}/${r.total})`);
  for (const miss of r.misses) console.log(`    ${miss}`);
}
console.log(`${records.length} records in ${Math.round(ms)} ms`);
