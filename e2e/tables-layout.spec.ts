/**
 * Tables and panels that size themselves to their content, on a generated two-rank folder with
 * counters, Python call stacks and torch_npu-style sub-µs overlaps: an expanded Operators row is
 * measured (never clipped, never under the next row), and the details panel fits what it shows.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generateCluster } from '../src/generator/cluster';
import type { AppStore } from '../src/store/app-store';
import type { TimelineView } from '../src/timeline/view/timeline-view';
import { ready } from './viewer';

let twoRanks = '';
test.beforeAll(() => {
  const c = generateCluster({
    ranks: 2,
    tp: 2,
    steps: 2,
    kernelsPerStep: 12,
    seed: 41,
    withStack: true,
    pyOverlapNs: 300,
  });
  const root = mkdtempSync(join(tmpdir(), 'atv-tables-'));
  for (const f of c.files) {
    const p = join(root, f.path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, f.data);
  }
  twoRanks = join(root, c.truth.runFolder);
});

async function openFolder(page: Page) {
  await page.addInitScript(() => localStorage.setItem('atv-theme', 'light'));
  await page.goto('./?demo=0');
  await page.getByTestId('open-folder').setInputFiles(twoRanks);
  await ready(page);
}

const rows = (page: Page, table: string) =>
  page.locator(`[data-testid="${table}"] [role=row][data-row]`);

test('an expanded Operators row shows its last line whole and the next row below it', async ({
  page,
}) => {
  await openFolder(page);
  await page.getByTestId('tab-operators').click();
  // Narrow window: long call-stack lines scroll sideways inside the detail block.
  await page.setViewportSize({ width: 640, height: 900 });
  const first = rows(page, 'operator-table').first();
  await expect(first).toBeVisible();
  // Lines taller than the table's estimate (a larger user font, a CJK fallback font): the row
  // must follow what is drawn, not what was estimated.
  await page.evaluate(() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('.op-detail li { line-height: 23px; }');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  });
  for (const i of [0, 1]) {
    const open = rows(page, 'operator-table').nth(i);
    await open.click();
    await expect(open).toHaveClass(/\bopen\b/);
    await expect(open.locator('.dt-detail li').last()).toBeVisible();
    const geo = await open.evaluate((row) => {
      const detail = row.querySelector<HTMLElement>('.dt-detail')!;
      const last = [...detail.querySelectorAll('li')].at(-1)!.getBoundingClientRect();
      const d = detail.getBoundingClientRect();
      const next = row.parentElement!.querySelector<HTMLElement>(
        `[role=row][aria-rowindex="${Number(row.getAttribute('aria-rowindex')) + 1}"]`,
      );
      return {
        lastBottom: last.bottom,
        // The detail block's visible bottom (a horizontal scrollbar takes room from it).
        detailInner: d.top + detail.clientTop + detail.clientHeight,
        rowBottom: row.getBoundingClientRect().bottom,
        nextTop: next ? next.getBoundingClientRect().top : Infinity,
        scrolls: detail.scrollHeight > detail.clientHeight + 1,
      };
    });
    expect(geo.scrolls).toBe(false);
    expect(geo.lastBottom).toBeLessThanOrEqual(geo.detailInner + 0.5);
    expect(geo.lastBottom).toBeLessThanOrEqual(geo.rowBottom + 0.5);
    expect(geo.nextTop).toBeGreaterThanOrEqual(geo.rowBottom - 0.5);
  }
  await page.screenshot({ path: '/tmp/tl2-operators-expanded.png' });
});

type TestWindow = Window & { __viewer: { store: AppStore; timeline?: { view: TimelineView } } };

/** Selects the first slice with args of the first track of process `prefix`. */
const selectSliceOn = (page: Page, prefix: string) =>
  page.evaluate((p) => {
    const w = window as unknown as TestWindow;
    const v = w.__viewer.timeline!.view;
    const t = v.groups[0]!.trace;
    const track = t.sliceTracks.findIndex(
      (s) => t.processes[s.process]!.name === p && s.slices.args.some((a) => a >= 0),
    );
    const table = t.sliceTracks[track]!.slices;
    const index = Math.max(
      0,
      table.args.findIndex((a) => a >= 0),
    );
    w.__viewer.store.getState().selectSlice({ profileId: v.groups[0]!.profileId, track, index });
  }, prefix);

const panelBox = async (page: Page) => {
  const box = page.getByTestId('details-panel-box');
  return box.evaluate((el) => {
    const body = el.querySelector<HTMLElement>('.tl-details-body')!;
    return {
      height: el.getBoundingClientRect().height,
      scrolls: body.scrollHeight > body.clientHeight + 1,
    };
  });
};

test('the details panel fits its content within limits; a dragged height wins', async ({
  page,
}) => {
  await openFolder(page);
  await page.getByTestId('tab-timeline').click();
  await page.waitForFunction(() => !!(window as unknown as TestWindow).__viewer.timeline?.view);
  // Empty: a hint, small.
  const empty = await panelBox(page);
  expect(empty.height).toBeLessThan(72);
  expect(empty.scrolls).toBe(false);
  // A CANN launch with a few args: taller, all of it shown without scrolling.
  await selectSliceOn(page, 'CANN');
  await expect(page.getByTestId('details-args')).toBeVisible();
  const few = await panelBox(page);
  expect(few.height).toBeGreaterThan(empty.height + 60);
  await page.screenshot({ path: '/tmp/tl2-details-few.png' });
  expect(few.scrolls).toBe(false);
  // A kernel with its kernel_details.csv row: capped at 45 % of the window, the rest scrolls.
  await selectSliceOn(page, 'Ascend Hardware');
  await expect(page.getByTestId('details-args')).toBeVisible();
  await expect.poll(async () => (await panelBox(page)).scrolls).toBe(true);
  const kernel = await panelBox(page);
  expect(kernel.height).toBeLessThanOrEqual(900 * 0.45 + 1);
  expect(kernel.height).toBeGreaterThan(few.height);
  await page.screenshot({ path: '/tmp/tl2-details-kernel.png' });

  // Dragged: that height, whatever is selected.
  const splitter = page.locator('.tl-splitter');
  const box = (await splitter.boundingBox())!;
  await page.mouse.move(box.x + 200, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 200, box.y - 150, { steps: 5 });
  await page.mouse.up();
  const dragged = await page.evaluate(
    () => (window as unknown as TestWindow).__viewer.store.getState().panelHeight,
  );
  expect(dragged).toBeGreaterThan(kernel.height + 100);
  await selectSliceOn(page, 'CANN');
  await expect.poll(async () => Math.round((await panelBox(page)).height)).toBe(dragged);
  await page.getByTestId('timeline-tracks').focus();
  await page.keyboard.press('Escape');
  await selectSliceOn(page, 'Ascend Hardware');
  await expect.poll(async () => Math.round((await panelBox(page)).height)).toBe(dragged);
});

/** Text of the cells of the first rows of a table whose content is cut (scrollWidth > width). */
const cutCells = (page: Page, table: string) =>
  page
    .locator(`[data-testid="${table}"] [role=row][data-row]`)
    .evaluateAll((rs) =>
      rs
        .slice(0, 20)
        .flatMap((r) =>
          [...r.querySelectorAll<HTMLElement>('[role=gridcell]')]
            .filter((c) => c.scrollWidth > c.clientWidth + 1)
            .map((c) => c.textContent),
        ),
    );

test('grouped Kernels, L2 and op statistics columns size to their content', async ({ page }) => {
  await openFolder(page);
  await page.getByTestId('tab-kernels').click();
  await page.getByTestId('group-by').selectOption('name');
  await expect(rows(page, 'kernel-groups').first()).toBeVisible();
  expect(await cutCells(page, 'kernel-groups')).toEqual([]);
  await page.screenshot({ path: '/tmp/tl2-kernel-groups.png' });
  await page.getByTestId('tab-statistics').click();
  for (const kind of ['op_statistic.csv', 'l2_cache.csv']) {
    await page.getByTestId(`stats-${kind}`).click();
    await expect(rows(page, 'stats-table').first()).toBeVisible();
    expect(await cutCells(page, 'stats-table')).toEqual([]);
    await page.screenshot({ path: `/tmp/tl2-stats-${kind}.png` });
  }
});

test('a group column of 20-digit hashes shows a short form, the full value on hover', async ({
  page,
}) => {
  await openFolder(page);
  await page.getByTestId('tab-communication').click();
  const cell = page
    .locator('[data-testid="comm-table"] [role=row][data-row] [role=gridcell]')
    .filter({ hasText: /^\d{6}…\d{4}$/ })
    .first();
  await expect(cell).toBeVisible();
  // The generator's tp / dp group hashes (20 digits).
  await expect(cell).toHaveAttribute('title', /^\d{20}$/);
  const title = (await cell.getAttribute('title'))!;
  await expect(cell).toHaveText(`${title.slice(0, 6)}…${title.slice(-4)}`);
  await page.screenshot({ path: '/tmp/tl2-comm-hash.png' });
});

test('Acc PMU plots its bandwidths, not acc_id', async ({ page }) => {
  await openFolder(page);
  await page.getByTestId('tab-timeline').click();
  await page.waitForFunction(() => !!(window as unknown as TestWindow).__viewer.timeline?.view);
  await page.getByRole('button', { name: 'Expand all' }).click();
  const acc = await page.evaluate(() => {
    const v = (window as unknown as TestWindow).__viewer.timeline!.view;
    const t = v.groups[0]!.trace;
    return v.layout.rows
      .filter((r) => r.kind === 'counter' && t.processes[r.process]!.name === 'Acc PMU')
      .map((r) => t.counters[r.track]!.series[r.series]!.name);
  });
  expect(acc.length).toBeGreaterThan(0);
  expect(acc).not.toContain('acc_id');
});
