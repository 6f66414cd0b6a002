/**
 * Trace fidelity end to end (issues 13 and 21): a Chrome/Kineto-shaped trace whose M events sit
 * at ts 0 while its ~4 s of data sit at ts ≈ 456,438 s opens fitted to the data (not to a
 * 456,442 s span), its slices are drawn, and its top-level metadata (distributedInfo,
 * deviceProperties, otherData) shows in the Overview and the import report.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppStore } from '../src/store/app-store';
import type { TimelineView } from '../src/timeline/view/timeline-view';

type TestWindow = Window & { __viewer: { store: AppStore; timeline?: { view: TimelineView } } };

const T0 = 456_438_123_456; // µs

function writeTrace(): string {
  const ev: Record<string, unknown>[] = [
    { ph: 'M', name: 'process_name', pid: 7, tid: 0, ts: 0, args: { name: 'Browser' } },
    { ph: 'M', name: 'thread_name', pid: 7, tid: 1, ts: 0, args: { name: 'CrBrowserMain' } },
    { ph: 'M', name: 'process_sort_index', pid: 7, tid: 0, ts: 0, args: { sort_index: 1 } },
  ];
  for (let k = 0; k < 40; k++) {
    ev.push({ ph: 'X', name: `Task${k}`, pid: 7, tid: 1, ts: T0 + k * 100_000, dur: 60_000 });
  }
  // Integer-like arg keys keep file order ({"b","a","10","9"}); JSON.stringify would reorder
  // an object literal, so the args are spliced in as text below.
  (ev[3] as Record<string, unknown>)['args'] = '__ARGS__';
  const trace = {
    schemaVersion: 1,
    deviceProperties: [
      { id: 0, name: 'NVIDIA A100-SXM4-40GB', totalGlobalMem: 42_297_524_224, computeMajor: 8 },
    ],
    distributedInfo: { backend: 'nccl', rank: 3, world_size: 8 },
    traceEvents: ev,
    otherData: { 'trace-capture-datetime': '2024-5-22 17:15:22' },
    displayTimeUnit: 'ms',
  };
  const dir = mkdtempSync(join(tmpdir(), 'atv-fidelity-'));
  const file = join(dir, 'rank3.pt.trace.json');
  writeFileSync(file, JSON.stringify(trace).replace('"__ARGS__"', '{"b":1,"a":2,"10":3,"9":4}'));
  return file;
}

const view = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as TestWindow;
    const s = w.__viewer.store.getState();
    const v = w.__viewer.timeline!.view;
    const a = v.findSlice('Task0');
    const b = v.findSlice('Task39');
    if (a) v.reveal(a);
    return {
      window: s.visibleWindow,
      extent: s.extent,
      first: a ? v.clientPointOf(a) : null,
      last: b ? v.clientPointOf(b) : null,
    };
  });

test('a trace with M events at ts 0 opens fitted to its data, with its metadata shown', async ({
  page,
}) => {
  await page.addInitScript(() => localStorage.setItem('atv-theme', 'light'));
  await page.goto('./?demo=0');
  await page.getByTestId('open-files').setInputFiles(writeTrace());
  await expect(page.getByTestId('app-status')).toHaveAttribute('data-state', 'ready');
  await page.getByTestId('tab-timeline').click();
  await expect(page.getByTestId('timeline')).toBeVisible();
  await page.waitForFunction(() => !!(window as unknown as TestWindow).__viewer.timeline?.view);
  const v = await view(page);
  // The data spans 3.96 s: the window shows it, not 456,442 s.
  expect(v.window.end - v.window.start).toBeLessThan(5e9);
  expect(v.window.end - v.window.start).toBeGreaterThan(3.9e9);
  expect(v.extent.end).toBeLessThan(5e9);
  // Both the first and the last task are drawn inside the canvas.
  const box = (await page.getByTestId('timeline').boundingBox())!;
  for (const p of [v.first, v.last]) {
    expect(p).not.toBeNull();
    expect(p!.x).toBeGreaterThan(box.x);
    expect(p!.x).toBeLessThan(box.x + box.width);
  }
  await page.screenshot({ path: '/tmp/fidelity-timeline.png' });

  // Args in file order in the details panel (args stay in the opened file: read on demand).
  const argsInFile = await page.evaluate(() => {
    const p = Object.values((window as unknown as TestWindow).__viewer.store.getState().profiles);
    return p[0]!.trace!.args.arena === null;
  });
  expect(argsInFile).toBe(true);
  await page.mouse.click(v.first!.x, v.first!.y);
  await expect(page.getByTestId('details-name')).toHaveText('Task0');
  await expect(page.getByTestId('details-args').locator('dt')).toHaveText(['b', 'a', '10', '9']);

  // ... and in SQL, for every slice, through the args view.
  await page.getByTestId('tab-sql').click();
  await expect(page.getByTestId('sql-run')).toBeEnabled();
  await page
    .getByTestId('sql-input')
    .fill("SELECT group_concat(key, ' ') AS keys FROM args WHERE slice_id = 0");
  await page.getByTestId('sql-run').click();
  await expect(page.getByTestId('sql-result')).toContainText('b a 10 9');
  await page
    .getByTestId('sql-input')
    .fill("SELECT value FROM trace_metadata WHERE key = 'distributedInfo.world_size'");
  await page.getByTestId('sql-run').click();
  await expect(page.getByTestId('sql-result')).toContainText('8');

  await page.getByTestId('tab-overview').click();
  await expect(page.getByTestId('trace-meta-distributed')).toHaveText('rank 3 of 8 · nccl');
  await expect(page.getByTestId('trace-meta-devices')).toContainText('NVIDIA A100-SXM4-40GB');
  await page.screenshot({ path: '/tmp/fidelity-overview.png' });

  await page.getByTestId('tab-report').click();
  const table = page.getByTestId('trace-metadata-table');
  await expect(table).toContainText('distributedInfo');
  await expect(table).toContainText('trace-capture-datetime');
  await page.getByTestId('trace-metadata').scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/fidelity-report.png' });
});
