/**
 * The details panel as experts use it, on a small generated trace with instants: an instant is
 * selected by click and shows its details, a 20-digit hash arg is shown short with the full value
 * on hover, and the panel keeps the height it was dragged to across a reload.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppStore } from '../src/store/app-store';
import type { TimelineView } from '../src/timeline/view/timeline-view';

type TestWindow = Window & { __viewer: { store: AppStore; timeline?: { view: TimelineView } } };

const BASE_US = 1736412474714000;
const HASH = '18446744073709551615123';

function writeTrace(): string {
  const events = [
    { ph: 'M', name: 'process_name', pid: 10, args: { name: 'Python' } },
    { ph: 'M', name: 'thread_name', pid: 10, tid: 10, args: { name: 'main' } },
    { ph: 'X', name: 'aten::add', pid: 10, tid: 10, ts: BASE_US + 100, dur: 200 },
    { ph: 'X', name: 'aten::mul', pid: 10, tid: 10, ts: BASE_US + 400, dur: 300 },
    {
      ph: 'i',
      s: 't',
      name: 'checkpoint',
      cat: 'mark',
      pid: 10,
      tid: 10,
      ts: BASE_US + 350,
      args: { group: HASH, step: 3 },
    },
  ];
  const dir = mkdtempSync(join(tmpdir(), 'atv-details-'));
  const file = join(dir, 'instants_trace.json');
  writeFileSync(file, JSON.stringify(events));
  return file;
}

async function open(page: Page) {
  await page.goto('./?demo=0');
  await page.getByTestId('open-files').setInputFiles(writeTrace());
  await expect(page.getByTestId('app-status')).toHaveAttribute('data-state', 'ready');
  await page.waitForFunction(() => !!(window as unknown as TestWindow).__viewer.timeline?.view);
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('atv-theme', 'light'));
  await page.setViewportSize({ width: 1400, height: 900 });
});

test('an instant is selected by click and shows its details; a long hash is shown short', async ({
  page,
}) => {
  await open(page);
  // The instant lane sits above the thread's first depth lane.
  const p = await page.evaluate(() => {
    const v = (window as unknown as TestWindow).__viewer.timeline!.view;
    const row = v.layout.rows.find((r) => r.kind === 'slices' && r.thread >= 0)!;
    const t = v.groups[0]!.trace.threads[row.thread]!.instants;
    const box = v.el.scroller.getBoundingClientRect();
    return { x: v.clientXOf(t.ts[0]!), y: box.top + row.y - v.scrollTop + 3 + 6 };
  });
  await page.mouse.click(p.x, p.y);
  await expect(page.getByTestId('instant-details')).toBeVisible();
  await expect(page.getByTestId('details-name')).toContainText('checkpoint');
  await expect(page.getByTestId('instant-where')).toHaveText('Python › main');
  await expect(page.getByTestId('details-start')).toContainText('250,000 ns');
  const hash = page.getByTestId('short-hash');
  await expect(hash).toHaveAttribute('title', HASH);
  await expect(hash.locator('[aria-hidden=true]')).toHaveText('184467…5123');
  const sel = await page.evaluate(
    () => (window as unknown as TestWindow).__viewer.store.getState().selectedInstant,
  );
  expect(sel).toMatchObject({ scope: 'thread', index: 0 });
  // The panel opens to its full height for an instant, as for a slice.
  const h = await page.locator('.tl-panel').evaluate((e) => e.getBoundingClientRect().height);
  expect(h).toBeGreaterThan(150);
  await page.screenshot({ path: '/tmp/timeline-instant.png' });

  // A slice click replaces it.
  const s = await page.evaluate(() => {
    const v = (window as unknown as TestWindow).__viewer.timeline!.view;
    return v.clientPointOf(v.findSlice('aten::mul')!);
  });
  await page.mouse.click(s!.x, s!.y);
  await expect(page.getByTestId('details-name')).toHaveText('aten::mul');
  await expect(page.getByTestId('instant-details')).toHaveCount(0);
});

test('the details panel keeps the height it was dragged to', async ({ page }) => {
  await open(page);
  const splitter = page.locator('.tl-splitter');
  const box = (await splitter.boundingBox())!;
  // The height shown (sized by content until dragged).
  const before = (await page.getByTestId('details-panel-box').boundingBox())!.height;
  await page.mouse.move(box.x + 200, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 200, box.y - 120, { steps: 5 });
  await page.mouse.up();
  const after = await page.evaluate(
    () => (window as unknown as TestWindow).__viewer.store.getState().panelHeight,
  );
  expect(after).toBeGreaterThan(before + 60);
  await page.reload();
  await open(page);
  await expect
    .poll(() =>
      page.evaluate(() => (window as unknown as TestWindow).__viewer.store.getState().panelHeight),
    )
    .toBe(after);
});
