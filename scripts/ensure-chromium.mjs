#!/usr/bin/env node
/**
 * Makes sure the browser tests have a Chromium to drive: Debian's `chromium` package
 * (never a browser download through npm, which this project's machines cannot reach).
 * Honours CHROME_PATH; installs with apt-get when running as root on Debian; otherwise says what to do.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROMIUM_PATH } from './chromium.mjs';

const wanted = CHROMIUM_PATH;
if (existsSync(wanted)) process.exit(0);

const canApt = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
if (!canApt) {
  console.error(
    `${wanted}: Chromium not found. Install Debian's chromium (sudo apt-get install -y chromium) ` +
      'or point CHROME_PATH at a Chromium or Chrome binary, then run the tests again.',
  );
  process.exit(1);
}
console.error('Chromium not found: installing Debian\'s chromium package for the browser tests...');
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
try {
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
} catch (error) {
  console.error(`apt-get could not install chromium (${error.message}). Install it by hand and retry.`);
  process.exit(1);
}
if (!existsSync(wanted)) {
  console.error(`chromium was installed but ${wanted} does not exist; set CHROME_PATH to its binary.`);
  process.exit(1);
}
