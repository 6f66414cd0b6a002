import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import type { ProfileModel } from '../src/model/profile';
import { hasSamples, MI, samplePath, SKIP_REASON } from '../test/real-samples';
import { type ViewerWindow } from './viewer';

// The views over real profiler folders: Kernels, Steps, Communication, Memory, Overview,
// and their links to the timeline (asserted on the store, exposed as window.__viewer.store).

interface StoreView {
  tab: string;
  selected: { profileId: string; track: number; index: number } | null;
  range: { start: number; end: number } | null;
  visibleWindow: { start: number; end: number };
}

const state = (page: Page) =>
  page.evaluate((): StoreView => {
    const s = (window as unknown as ViewerWindow).__viewer.store.getState();
    return { tab: s.tab, selected: s.selected, range: s.range, visibleWindow: s.visibleWindow };
  });

async function openFolder(page: Page, rel: string) {
  await page.goto('./?demo=0');
  await page.getByTestId('open-folder').setInputFiles(samplePath(rel));
  await expect(page.getByTestId('app-status')).toHaveAttribute('data-state', 'ready');
}

const rows = (page: Page, table: string) =>
  page.locator(`[data-testid="${table}"] [role=row][data-row]`);

test.describe('views of a real Level2 folder', () => {
  test.skip(!hasSamples, SKIP_REASON);
  test.beforeEach(async ({ page }) => openFolder(page, `${MI}/text/level2/rank0_ascend_pt`));

  test('kernels: sort by duration, group by name, export what is shown', async ({ page }) => {
    await page.getByTestId('tab-kernels').click();
    await expect(page.getByTestId('row-count')).toHaveText('191 kernels');
    await page.getByTestId('sort-Duration(us)').click();
    await expect(rows(page, 'kernel-table').first()).toContainText('hcom_allReduce__271_0_1');
    await expect(page.getByTestId('sort-Duration(us)').locator('..')).toHaveAttribute(
      'aria-sort',
      'descending',
    );

    await page.getByTestId('group-by').selectOption('core');
    await expect(page.getByTestId('row-count')).toHaveText('5 groups of 191 kernels');
    const first = rows(page, 'kernel-groups').first();
    await expect(first).toContainText('HCCL');
    await expect(first.locator('[role=gridcell]').nth(1)).toHaveText('4');
    await page.getByTestId('group-by').selectOption('name');
    await expect(page.getByTestId('row-count')).toHaveText('82 groups of 191 kernels');

    // Opening a group filters the rows to it.
    await rows(page, 'kernel-groups').nth(4).click();
    await expect(page.getByTestId('focus-chip')).toContainText('aclnnForeachAddListV2');
    await expect(page.getByTestId('row-count')).toHaveText('3 of 191 kernels');

    const download = page.waitForEvent('download');
    await page.getByTestId('export-csv').click();
    const csv = await readFile(await (await download).path(), 'utf8');
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toContain('Name');
    expect(lines.slice(1).every((l) => l.includes('aclnnForeachAddListV2'))).toBe(true);
  });

  test('clicking a kernel selects its slice on the timeline, and back', async ({ page }) => {
    await page.getByTestId('tab-kernels').click();
    await page.getByTestId('table-filter').fill('Conv2D1');
    await page.getByTestId('table-filter').press('Enter');
    await expect(page.getByTestId('row-count')).toHaveText('1 of 191 kernels');
    await rows(page, 'kernel-table').first().click();
    await expect.poll(async () => (await state(page)).tab).toBe('timeline');
    const s = await state(page);
    expect(s.selected).not.toBeNull();
    const slice = await page.evaluate((sel) => {
      const st = (window as unknown as ViewerWindow).__viewer.store.getState();
      const trace = st.profiles[sel.profileId]!.trace!;
      const track = trace.sliceTracks[sel.track]!;
      return {
        process: trace.processes[track.process]!.name,
        name: trace.strings[track.slices.name[sel.index]!],
        start: track.slices.start[sel.index]!,
      };
    }, s.selected!);
    expect(slice).toEqual({ process: 'Ascend Hardware', name: 'Conv2D1', start: 122498068 });
    expect(s.visibleWindow.start).toBeLessThanOrEqual(slice.start);
    expect(s.visibleWindow.end).toBeGreaterThan(slice.start);

    // The Kernels view highlights the kernel of the selected slice.
    await page.getByTestId('tab-kernels').click();
    await expect(
      page.locator('[data-testid="kernel-table"] [role=row][aria-selected=true]'),
    ).toContainText('Conv2D1');
  });

  test('the kernel table works from the keyboard', async ({ page }) => {
    await page.getByTestId('tab-kernels').click();
    const grid = page.getByTestId('kernel-table');
    await grid.focus();
    // Focus lands on the first cell; ↓ moves it to the second row.
    await page.keyboard.press('ArrowDown');
    await expect(rows(page, 'kernel-table').nth(1).locator('[aria-colindex="1"]')).toBeFocused();
    await expect(rows(page, 'kernel-table').nth(1)).toHaveClass(/active/);
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await state(page)).tab).toBe('timeline');
    expect((await state(page)).selected).not.toBeNull();
  });

  test('choosing a step sets the timeline range to it', async ({ page }) => {
    await page.getByTestId('tab-steps').click();
    await expect(page.getByTestId('steps-reconciliation')).toContainText('match the file');
    await page.getByTestId('step-bar').first().click();
    // ProfilerStep#50 on the Python thread, ns since the trace start.
    await expect
      .poll(async () => (await state(page)).range)
      .toEqual({ start: 104734260, end: 253520360 });
    const s = await state(page);
    expect(s.visibleWindow.start).toBeLessThan(104734260);
    expect(s.visibleWindow.end).toBeGreaterThan(253520360);
    await page.getByTestId('show-step-in-timeline').click();
    await expect.poll(async () => (await state(page)).tab).toBe('timeline');
  });

  test('communication heatmap and memory charts render marks', async ({ page }) => {
    await page.getByTestId('tab-communication').click();
    const cells = page.getByTestId('heat-cell');
    await expect(cells).toHaveCount(8);
    await cells.nth(1).hover();
    await expect(page.getByTestId('heat-tooltip')).toContainText('Rank 0 → 1');
    await page.getByTestId('comm-metric').getByRole('radio', { name: /Size/ }).click();
    await expect(page.getByTestId('comm-heatmap')).toContainText('MB');
    await expect(rows(page, 'comm-table')).toHaveCount(4);

    await page.getByTestId('tab-memory').click();
    const charts = page.getByTestId('memory-chart');
    await expect(charts).toHaveCount(4);
    const d = await charts.first().locator('path.ui-line').first().getAttribute('d');
    expect(d?.length ?? 0).toBeGreaterThan(100);
    await expect(page.getByTestId('module-chart').locator('path.ui-line').first()).toHaveAttribute(
      'd',
      /M/,
    );
    // APP (the last chart) has samples over most of the capture.
    const box = (await charts.last().boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + 50);
    await expect(page.getByTestId('chart-tooltip')).toContainText('Reserved');
  });

  test('overview links open the views they summarise', async ({ page }) => {
    await page.getByTestId('tab-overview').click();
    await expect(page.getByTestId('kpi-kernels')).toContainText('191');
    await page.getByTestId('core-link').filter({ hasText: 'AI_CORE' }).first().click();
    await expect.poll(async () => (await state(page)).tab).toBe('kernels');
    await expect(page.getByTestId('row-count')).toHaveText('23 of 191 kernels');
  });
});

test.describe('views of a real Level0 folder', () => {
  test.skip(!hasSamples, SKIP_REASON);

  test('communication explains which setting writes the missing files', async ({ page }) => {
    await openFolder(page, `${MI}/text/level0/rank0_ascend_pt`);
    await page.getByTestId('tab-communication').click();
    const note = page.getByTestId('missing-data');
    await expect(note).toContainText('communication.json is written at Level1 and above');
    await expect(note).toContainText('captured at Level0');
  });
});

test.describe('a million kernels', () => {
  test('render, scroll, sort and group without freezing the page', async ({ page }) => {
    test.setTimeout(180_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto('./?demo=0');
    await page.waitForFunction(() => (window as unknown as { __viewer?: unknown }).__viewer);
    // A synthetic profile built in the page (test hook): typed columns plus text cells.
    await page.evaluate(() => {
      const n = 1_000_000;
      const names = Array.from({ length: 1000 }, (_, i) => `kernel_${i}`);
      const strings = ['', ...names, 'MatMul', 'AI_CORE'];
      const k = {
        source: 'csv',
        length: n,
        startUs: new Float64Array(n),
        startFrac: new Uint16Array(n),
        durNs: new Float64Array(n),
        waitNs: new Float64Array(n),
        name: new Uint32Array(n),
        type: new Uint32Array(n).fill(1001),
        core: new Uint32Array(n).fill(1002),
        inputShapes: new Uint32Array(n),
        step: new Int32Array(n).fill(-1),
        stream: new Int32Array(n).fill(-1),
        strings,
        text: {
          path: 'kernel_details.csv',
          header: ['Name', 'Type', 'Accelerator Core', 'Start Time(us)', 'Duration(us)'],
          rows: new Array<string[]>(n),
        },
      };
      for (let i = 0; i < n; i++) {
        k.startUs[i] = 1_700_000_000_000_000 + i * 10;
        k.name[i] = 1 + (i % 1000);
        // Duration (ns) peaks at row 777777.
        const d = i === 777_777 ? 5_000_000 : 1000 + ((i * 7919) % 100_000);
        k.durNs[i] = d;
        k.text.rows[i] = ['', '', '', String(k.startUs[i]), (d / 1000).toFixed(3)];
      }
      const profile = {
        descriptor: {
          id: 'big',
          root: 'big',
          label: 'a million kernels',
          kind: 'ascend',
          rank: null,
          runFolder: null,
          level: 'Level0',
          exportType: 'text',
          host: null,
          files: [],
        },
        inputs: [],
        trace: null,
        tables: {},
        json: {},
        ascend: { kernels: k, sources: { kernels: 'csv' } },
        warnings: [],
      };
      const st = (window as unknown as ViewerWindow).__viewer.store.getState();
      st.addProfile(profile as unknown as ProfileModel, true);
      st.finishLoading();
      st.setTab('kernels');
    });
    await expect(page.getByTestId('row-count')).toHaveText('1,000,000 kernels');
    const grid = page.getByTestId('kernel-table');
    await expect(rows(page, 'kernel-table').first()).toContainText('kernel_0');
    // Only the rows in view are in the DOM.
    expect(await rows(page, 'kernel-table').count()).toBeLessThan(100);

    await grid.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect(
      page.locator('[data-testid="kernel-table"] [role=row][data-row="999999"]'),
    ).toBeVisible();

    await grid.evaluate((el) => (el.scrollTop = 0));
    await page.getByTestId('sort-Duration(us)').click();
    await expect(rows(page, 'kernel-table').first()).toHaveAttribute('data-row', '777777');
    await expect(rows(page, 'kernel-table').first()).toContainText('5000.000');

    await page.getByTestId('group-by').selectOption('name');
    await expect(page.getByTestId('row-count')).toHaveText('1,000 groups of 1,000,000 kernels');
    await expect(rows(page, 'kernel-groups').first()).toContainText('kernel_777');

    await page.getByTestId('group-by').selectOption('');
    await page.getByTestId('table-filter').fill('kernel_42');
    await page.getByTestId('table-filter').press('Enter');
    // kernel_42 and kernel_420..429: 11 names × 1000 rows.
    await expect(page.getByTestId('row-count')).toHaveText('11,000 of 1,000,000 kernels');
    // The sort ran in its worker: nothing was blocked by the content security policy.
    expect(errors).toEqual([]);
  });
});
