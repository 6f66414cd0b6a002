import { afterEach, describe, expect, it } from 'vitest';
import { findChromium, NO_BROWSER_MESSAGE } from './chromium';

describe('finding a Chromium for the browser tests', () => {
  const saved = process.env.CHROMIUM_PATH;
  afterEach(() => {
    if (saved === undefined) delete process.env.CHROMIUM_PATH;
    else process.env.CHROMIUM_PATH = saved;
  });

  it('CHROMIUM_PATH wins, and only when the file exists', () => {
    process.env.CHROMIUM_PATH = process.execPath; // any existing file
    expect(findChromium(() => '/nope')).toBe(process.execPath);
    process.env.CHROMIUM_PATH = '/no/such/chromium';
    expect(findChromium(() => process.execPath)).toBeNull();
  });

  it("falls back to Playwright's own browser only when it was downloaded", () => {
    delete process.env.CHROMIUM_PATH;
    const found = findChromium(() => '/no/such/playwright/chrome');
    // With Debian's chromium installed it is the system one; without it, nothing.
    expect(found === '/usr/bin/chromium' || found === null).toBe(true);
    const own = findChromium(() => {
      throw new Error('browser not downloaded');
    });
    expect(own === '/usr/bin/chromium' || own === null).toBe(true);
  });

  it('says in one line how to get a browser', () => {
    expect(NO_BROWSER_MESSAGE).not.toContain('\n');
    expect(NO_BROWSER_MESSAGE).toMatch(/apt-get install chromium/);
    expect(NO_BROWSER_MESSAGE).toMatch(/CHROMIUM_PATH/);
  });
});
