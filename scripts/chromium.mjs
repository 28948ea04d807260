/**
 * The one place that says which Chromium the project drives and how: Debian's package (or CHROME_PATH),
 * with the flags this closed network needs. Used by the browser tests, the bench and ensure-chromium.
 */
export const CHROMIUM_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';

/** Launch flags besides headless (launchers set that themselves): root, no GPU, no background traffic. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];
