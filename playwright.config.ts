import { chromium, defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium, NO_BROWSER_MESSAGE } from './test/chromium';

const executablePath = findChromium(() => chromium.executablePath());
if (!executablePath) {
  // One line that says how to get a browser, not Playwright's download instructions (downloads
  // are blocked on many build machines).
  console.error(NO_BROWSER_MESSAGE);
  process.exit(1);
}

const PORT = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1400, height: 900 },
    launchOptions: { executablePath, args: CHROMIUM_ARGS },
  },
  webServer: {
    command: `VIEWER_TEST_HOOKS=1 npm run build && npm run preview -- --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
  },
});
