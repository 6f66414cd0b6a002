/**
 * The Chromium that the e2e tests (playwright.config.ts) and the benches (bench/lib/browser.ts)
 * launch, and its flags. Dependency-free (node:fs only) so the Playwright config can import it.
 */
import { existsSync } from 'node:fs';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * System Chromium first (Debian package `chromium`); CHROMIUM_PATH overrides; undefined falls back
 * to Playwright's own browser where one is installed.
 */
export function chromiumPath(): string | undefined {
  return (
    process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined)
  );
}

/** The one line printed when no browser can be found (instead of Playwright's download hint). */
export const NO_BROWSER_MESSAGE =
  "No Chromium for the browser tests: install Debian's package (apt-get install chromium), " +
  'or set CHROMIUM_PATH=/path/to/chromium, or run `npx playwright install chromium` where ' +
  'browser downloads are allowed.';

/**
 * Where the browser tests' Chromium is, or null when there is none: CHROMIUM_PATH (must exist),
 * the system Chromium, or the browser Playwright downloaded itself (`playwrightOwn`, its
 * expected path, is checked for existence).
 */
export function findChromium(playwrightOwn: () => string): string | null {
  if (process.env.CHROMIUM_PATH) {
    return existsSync(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : null;
  }
  const system = chromiumPath();
  if (system) return system;
  try {
    const own = playwrightOwn();
    return own && existsSync(own) ? own : null;
  } catch {
    return null;
  }
}
