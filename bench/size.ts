/**
 * `npm run size`: the widget's bundle sizes alone (the bench's own measurement, bench/lib/bundles.ts): a fresh
 * `vite build` of vite.config.ts; all-in = dist/changefind-search.js, min + gzip -9 (goal: at most 20 KiB),
 * with what Lit, the search core and the element each add.
 */
import { widgetBuild } from './lib/bundles.ts';

const GOAL = 20 * 1024;
const rows = await widgetBuild();
for (const row of rows) {
  const s = row.sizes;
  console.log(s ? `${String(s.raw).padStart(7)} B min  ${String(s.gzip).padStart(6)} B gzip  ${String(s.brotli).padStart(6)} B brotli  ${row.name}` : `${row.name}: ${row.note}`);
}
const allIn = rows[0]?.sizes?.gzip;
if (allIn !== undefined) console.log(`all-in gzip ${allIn} B: ${allIn <= GOAL ? 'within' : `${allIn - GOAL} B over`} the ${GOAL} B goal`);
