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
