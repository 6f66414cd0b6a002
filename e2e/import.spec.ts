// Big-file behaviours of the import: cancel, and reopening from the cache.
import { expect, test, type Page } from '@playwright/test';
import { closeSync, mkdtempSync, openSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { streamAscendTrace } from '../src/generator/trace-stream';

function bigTrace(mb: number, seed: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'atv-e2e-'));
  const path = join(dir, 'trace_view.json');
  const fd = openSync(path, 'w');
  streamAscendTrace({ targetMB: mb, seed }, (chunk) => writeSync(fd, chunk));
  closeSync(fd);
  return path;
}

const state = (page: Page) => page.getByTestId('app-status');

test('an import can be cancelled, and the app stays usable', async ({ page }) => {
  const big = bigTrace(150, 21);
  await page.goto('./?demo=0');
  await page.getByTestId('open-files').setInputFiles(big);
  await expect(page.getByTestId('progress')).toBeVisible();
  await page.getByTestId('cancel-import').click();
  await expect(state(page)).toHaveAttribute('data-state', 'idle');
  // Still usable: a small file opens.
  await page.getByTestId('open-files').setInputFiles('fixtures/trace-json/unterminated-array.json');
  await expect(state(page)).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('view-timeline')).toBeVisible();
});

test('a single trace_view.json opens (a profile at the root of what was opened)', async ({
  page,
}) => {
  await page.goto('./?demo=0');
  await page.getByTestId('open-files').setInputFiles(bigTrace(1, 23));
  await expect(state(page)).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('view-timeline')).toBeVisible();
  await page.getByTestId('tab-report').click();
  await expect(page.getByTestId('trace-report')).toBeVisible();
});

test('reopening the same file is served from the cache', async ({ page }) => {
  const path = bigTrace(12, 22);
  await page.goto('./?demo=0');
  await page.getByTestId('open-files').setInputFiles(path);
  await expect(state(page)).toHaveAttribute('data-state', 'ready');
  const events = await page.evaluate(() => {
    const s = (
      window as unknown as {
        __viewer: {
          store: {
            getState(): {
              profiles: Record<
                string,
                { trace: { stats: { events: number } }; fromCache?: boolean }
              >;
            };
          };
        };
      }
    ).__viewer.store.getState();
    const p = Object.values(s.profiles)[0]!;
    return { events: p.trace.stats.events, fromCache: p.fromCache ?? false };
  });
  expect(events.fromCache).toBe(false);
  await page.getByTestId('open-files').setInputFiles(path);
  // Wait for the second import itself (the status may still read "ready" from the first).
  await expect
    .poll(() =>
      page.evaluate(() => {
        const s = (
          window as unknown as {
            __viewer: {
              store: {
                getState(): {
                  status: string;
                  profiles: Record<
                    string,
                    { fromCache?: boolean; trace: { stats: { events: number } } }
                  >;
                };
              };
            };
          }
        ).__viewer.store.getState();
        const p = Object.values(s.profiles)[0];
        return s.status === 'ready' && p?.fromCache ? p.trace.stats.events : -1;
      }),
    )
    .toBe(events.events);
  await page.getByTestId('tab-report').click();
  await expect(page.getByTestId('from-cache')).toBeVisible();
  // The cache can be cleared.
  await page.getByTestId('clear-cache').click();
  await expect(page.getByTestId('cache-section')).toContainText('It holds 0 profiles');
});
