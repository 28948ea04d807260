/**
 * Browser tests of <changefind-search> in Debian's Chromium (headless), TypeScript compiled by esbuild
 * with tsconfig.json (legacy decorators, useDefineForClassFields: false). Before the tests, the real
 * indexer builds the fixture indexes (test/fixtures/widget/build.ts).
 *
 * Test-only routes (no timing involved):
 *   /fx/<token>/<file>          the fixture index (a fresh URL per test, to observe lazy loading)
 *   /fx-flaky/<token>/<file>    the first manifest.json request per token answers 404, later ones succeed
 *   /fx-slow/<token>/<file>     manifest.json is held until /fx-release/<token>/ is requested
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './scripts/chromium.mjs';

const root = fileURLToPath(new URL('.', import.meta.url));
const chromium = CHROMIUM_PATH;
if (!existsSync(chromium)) {
  throw new Error(`${chromium}: Chromium not found. Install it (apt-get install -y chromium) or set CHROME_PATH.`);
}
execFileSync(process.execPath, ['--import', 'tsx', 'test/fixtures/widget/build.ts'], { cwd: root, stdio: 'inherit' });
execFileSync(process.execPath, ['--import', 'tsx', 'test/fixtures/hardening/build.ts'], { cwd: root, stdio: 'inherit' });

const INDEX = '/test/fixtures/widget/out/index/';
const failedOnce = new Set();
const released = new Set();
const held = new Map();

async function fixtureRoutes(ctx, next) {
  const m = /^\/(fx|fx-flaky|fx-slow|fx-release)\/([\w-]+)\/(.*)$/.exec(ctx.path);
  if (!m) return next();
  const [, kind, token, file] = m;
  if (kind === 'fx-release') {
    released.add(token);
    for (const resolve of held.get(token) ?? []) resolve();
    held.delete(token);
    ctx.body = 'released';
    return;
  }
  if (kind === 'fx-flaky' && file === 'manifest.json' && !failedOnce.has(token)) {
    failedOnce.add(token);
    ctx.status = 404;
    ctx.body = 'Not found';
    return;
  }
  if (kind === 'fx-slow' && file === 'manifest.json' && !released.has(token)) {
    await new Promise((resolve) => held.set(token, [...(held.get(token) ?? []), resolve]));
  }
  ctx.url = INDEX + file;
  return next();
}

export default {
  rootDir: root,
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  middleware: [fixtureRoutes],
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: chromium,
        headless: true,
        args: CHROMIUM_FLAGS,
      },
    }),
  ],
  testFramework: { config: { timeout: 10000 } },
};
