/**
 * The browser tests against the shipped bundle: the same tests and routes as web-test-runner.config.mjs, but
 * `widget/changefind-search.ts` (which the tests import to register the element) is answered with a fresh
 * `vite build` of dist/changefind-search.js (and its Pagefind adapter is served next to it), so what the minifier did (shortened private member names
 * included, vite.config.ts) is tested as readers get it. `npm run test:bundle`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import base from './web-test-runner.config.mjs';

const root = fileURLToPath(new URL('.', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'changefind-wtr-bundle-'));
await build({ configFile: join(root, 'vite.config.ts'), root, logLevel: 'warn', build: { outDir: out, sourcemap: false } });
// The element, and the Pagefind adapter it imports from next to itself (here /widget/).
const files = {
  '/widget/changefind-search.ts': readFileSync(join(out, 'changefind-search.js'), 'utf8'),
  '/widget/changefind-pagefind.js': readFileSync(join(out, 'changefind-pagefind.js'), 'utf8'),
};
rmSync(out, { recursive: true, force: true });

async function shippedBundle(ctx, next) {
  if (!Object.hasOwn(files, ctx.path)) return next();
  ctx.type = 'application/javascript';
  ctx.body = files[ctx.path];
}

export default { ...base, middleware: [shippedBundle, ...base.middleware] };
