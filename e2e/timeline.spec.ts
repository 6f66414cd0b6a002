/**
 * The timeline, end to end: keyboard navigation, selection and details, flows, range aggregation,
 * search, the dark theme (on a small trace written by the test), and the real Ascend Level2
 * sample (skipped without samples), including the one reviewed screenshot.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppStore } from '../src/store/app-store';
import type { SliceAddress } from '../src/timeline/core/timeline-groups';
import type { TimelineView } from '../src/timeline/view/timeline-view';
import { hasSamples, MI, samplePath, SKIP_REASON } from '../test/real-samples';

type TestWindow = Window & { __viewer: { store: AppStore; timeline?: { view: TimelineView } } };

/** µs timestamps with ns digits, as torch_npu writes them. */
const BASE_US = 1736412474714000;
const ts = (us: number, ns = 0) => `${BASE_US + us}.${String(ns).padStart(3, '0')}`;

function writeSmallTrace(): string {
  const events = [
    { ph: 'M', name: 'process_name', pid: 10, args: { name: 'Python' } },
    { ph: 'M', name: 'process_labels', pid: 10, args: { labels: 'CPU' } },
    { ph: 'M', name: 'thread_name', pid: 10, tid: 10, args: { name: 'main' } },
    { ph: 'M', name: 'process_name', pid: 20, args: { name: 'Ascend Hardware' } },
    { ph: 'M', name: 'process_labels', pid: 20, args: { labels: 'NPU' } },
    { ph: 'M', name: 'thread_name', pid: 20, tid: 2, args: { name: 'Stream 2' } },
    { ph: 'C', name: 'HBM', pid: 20, ts: ts(0, 123), args: { Read: 5 } },
    { ph: 'C', name: 'HBM', pid: 20, ts: ts(500), args: { Read: 9 } },
    {
      ph: 'X',
      name: 'aten::add',
      cat: 'cpu_op',
      pid: 10,
      tid: 10,
      ts: ts(100, 456),
      dur: 200,
      args: {
        'Input Dims': '2,3;\r\n2,3',
        'Call stack': 'a.py(1): f;\r\nb.py(2): g;\r\nc.py(3): h',
      },
    },
    { ph: 'X', name: 'aclnnAdd', cat: 'cpu_op', pid: 10, tid: 10, ts: ts(150, 456), dur: 50 },
    { ph: 'X', name: 'aten::mul', cat: 'cpu_op', pid: 10, tid: 10, ts: ts(400), dur: 200 },
    { ph: 'X', name: 'aclnnMul', cat: 'cpu_op', pid: 10, tid: 10, ts: ts(450), dur: 50 },
    { ph: 'X', name: 'AddKernel', pid: 20, tid: 2, ts: ts(300, 500), dur: 40 },
    { ph: 'X', name: 'MulKernel', pid: 20, tid: 2, ts: ts(650), dur: 60 },
    { ph: 's', id: 1, cat: 'async_npu', name: 'npu', pid: 10, tid: 10, ts: ts(150, 456) },
    { ph: 'f', id: 1, bp: 'e', cat: 'async_npu', name: 'npu', pid: 20, tid: 2, ts: ts(300, 500) },
    { ph: 's', id: 2, cat: 'async_npu', name: 'npu', pid: 10, tid: 10, ts: ts(450) },
    { ph: 'f', id: 2, bp: 'e', cat: 'async_npu', name: 'npu', pid: 20, tid: 2, ts: ts(650) },
  ];
  const dir = mkdtempSync(join(tmpdir(), 'atv-timeline-'));
  const file = join(dir, 'small_trace.json');
  writeFileSync(file, JSON.stringify(events));
  return file;
}

const state = (page: Page) =>
  page.evaluate(() => {
    const s = (window as unknown as TestWindow).__viewer.store.getState();
    return {
      window: s.visibleWindow,
      extent: s.extent,
      selected: s.selected,
      range: s.range,
      rangeTracks: s.rangeTracks,
      searchCount: s.searchCount,
      searchCurrent: s.searchCurrent,
      searchStatus: s.searchStatus,
    };
  });

/** Name of the selected slice. */
const selectedName = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as TestWindow;
    const s = w.__viewer.store.getState().selected;
    const t = w.__viewer.timeline?.view.groups[0]?.trace;
    if (!s || !t) return null;
    return t.strings[t.sliceTracks[s.track]!.slices.name[s.index]!];
  });

/** Page coordinates of the first slice named `name` (scrolled into view first). */
async function slicePoint(page: Page, name: string): Promise<{ x: number; y: number }> {
  const p = await page.evaluate((n) => {
    const v = (window as unknown as TestWindow).__viewer.timeline!.view;
    const a: SliceAddress | null = v.findSlice(n);
    if (!a) return null;
    v.reveal(a);
    return v.clientPointOf(a);
  }, name);
  if (!p) throw new Error(`slice ${name} is not on screen`);
  return p;
}

async function openSmallTrace(page: Page) {
  await page.goto('./?demo=0');
  await page.getByTestId('open-files').setInputFiles(writeSmallTrace());
  await expect(page.getByTestId('app-status')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('timeline')).toBeVisible();
  await page.waitForFunction(() => !!(window as unknown as TestWindow).__viewer.timeline?.view);
}

test.describe('timeline on a small generated trace', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('atv-theme', 'light'));
    await openSmallTrace(page);
  });

  test('W/S zoom, A/D pan, 0 resets: the store window follows', async ({ page }) => {
    await page.mouse.move(10, 10); // keep the zoom anchor at the window centre
    const start = (await state(page)).window;
    const span = (w: { start: number; end: number }) => w.end - w.start;
    // Directions only: how far a held key goes depends on the frame rate, so each key is held
    // until the window has moved (not for a fixed time, which a loaded machine may not draw in).
    await page.keyboard.down('w');
    await expect
      .poll(async () => span((await state(page)).window))
      .toBeLessThan(span(start) * 0.95);
    await page.keyboard.up('w');
    const zoomed = (await state(page)).window;
    await page.keyboard.down('d');
    await expect.poll(async () => (await state(page)).window.start).toBeGreaterThan(zoomed.start);
    await page.keyboard.up('d');
    const panned = (await state(page)).window;
    await page.keyboard.down('s');
    await expect
      .poll(async () => span((await state(page)).window))
      .toBeGreaterThan(span(panned) * 1.05);
    await page.keyboard.up('s');
    await page.keyboard.press('0');
    await expect.poll(async () => (await state(page)).window).toEqual(start);
  });

  test('clicking a slice shows its exact start, duration and args', async ({ page }) => {
    const p = await slicePoint(page, 'aten::add');
    await page.mouse.click(p.x, p.y);
    const details = page.getByTestId('slice-details');
    await expect(details.getByTestId('details-name')).toHaveText('aten::add');
    // Base is the counter sample at ts(0, 123): the slice starts 100.333 µs later.
    await expect(details.getByTestId('details-start')).toContainText('100,333 ns');
    await expect(details.getByTestId('details-abs-start')).toContainText('1736412474714100456 ns');
    await expect(details.getByTestId('details-dur')).toContainText('200,000 ns');
    await expect(details.getByTestId('details-cat')).toHaveText('cpu_op');
    const args = details.getByTestId('details-args');
    await expect(args).toContainText('Call stack');
    // The call stack is a list, one frame per item, without the trailing ';'.
    await expect(args.locator('ol.tl-arg-lines li')).toHaveText([
      '2,3',
      '2,3',
      'a.py(1): f',
      'b.py(2): g',
      'c.py(3): h',
    ]);
    await page.keyboard.press('Escape');
    await expect.poll(async () => (await state(page)).selected).toBeNull();
  });

  test('] follows the flow from a CPU op to the kernel it launched, [ comes back', async ({
    page,
  }) => {
    const p = await slicePoint(page, 'aten::add');
    await page.mouse.click(p.x, p.y);
    await expect.poll(() => selectedName(page)).toBe('aten::add');
    await page.keyboard.press(']');
    await expect.poll(() => selectedName(page)).toBe('AddKernel');
    await expect(page.getByTestId('details-name')).toHaveText('AddKernel');
    await page.keyboard.press('[');
    await expect.poll(() => selectedName(page)).toBe('aclnnAdd');
    // The details panel links do the same.
    await page.getByTestId('flow-out-0').click();
    await expect.poll(() => selectedName(page)).toBe('AddKernel');
  });

  test('a drag in the ruler selects a range and aggregates the slices in it', async ({ page }) => {
    const xs = await page.evaluate(() => {
      const v = (window as unknown as TestWindow).__viewer.timeline!.view;
      // 0 .. 350 µs after the trace start: aten::add, aclnnAdd and AddKernel, not the mul ones.
      return [v.clientXOf(0), v.clientXOf(350_000)];
    });
    const ruler = await page.getByTestId('timeline-ruler').boundingBox();
    const y = ruler!.y + ruler!.height / 2;
    await page.mouse.move(xs[0]!, y);
    await page.mouse.down();
    await page.mouse.move(xs[1]!, y, { steps: 8 });
    await page.mouse.up();
    const st = await state(page);
    expect(st.range).not.toBeNull();
    expect(Math.abs(st.range!.start - 0)).toBeLessThan(2_000);
    expect(Math.abs(st.range!.end - 350_000)).toBeLessThan(2_000);
    expect(st.rangeTracks).toEqual([]);
    const table = page.getByTestId('range-table');
    await expect(table.getByTestId('range-row')).toHaveCount(3);
    await expect(table).toContainText('aten::add');
    await expect(table).toContainText('AddKernel');
    await expect(table).not.toContainText('aten::mul');
    // Sort by name (locale order: aclnnAdd, AddKernel, aten::add).
    await table.getByRole('columnheader', { name: 'Name' }).click();
    await expect(table.getByTestId('range-row').first()).toContainText('aclnnAdd');
    await expect(table.getByTestId('range-row').last()).toContainText('aten::add');
    // Per track: the host thread and the device stream the range spans.
    const tracks = page.getByTestId('range-tracks');
    await expect(tracks.getByTestId('range-track-row')).toHaveCount(2);
    await expect(tracks).toContainText('Python / main');
    await expect(tracks).toContainText('Ascend Hardware / Stream 2');
  });

  test('tooltip and cursor readout follow the view when it moves under a still pointer', async ({
    page,
  }) => {
    const p = await slicePoint(page, 'aten::add');
    await page.mouse.move(p.x, p.y);
    const tip = page.getByTestId('timeline-tooltip');
    await expect(tip).toContainText('aten::add');
    const readout = await page.getByTestId('cursor-readout').textContent();
    // Keyboard zoom out (the pointer does not move): what is under it changes.
    await page.keyboard.down('s');
    await expect.poll(() => page.getByTestId('cursor-readout').textContent()).not.toBe(readout);
    await page.keyboard.up('s');
    await expect
      .poll(async () => ((await tip.isVisible()) ? await tip.textContent() : 'hidden'))
      .not.toContain('aten::add');
  });

  test('the tooltip does not stay on a slice that ] moved away from under a still pointer', async ({
    page,
  }) => {
    // Zoomed onto aten::add (100–300 µs): the kernel it launched (300.5 µs) is off screen.
    await page.evaluate(() =>
      (window as unknown as TestWindow).__viewer.store
        .getState()
        .setVisibleWindow({ start: 90_000, end: 290_000 }),
    );
    const p = await slicePoint(page, 'aten::add');
    await page.mouse.click(p.x, p.y);
    const tip = page.getByTestId('timeline-tooltip');
    await expect(tip).toContainText('aten::add');
    const readout = await page.getByTestId('cursor-readout').textContent();
    await page.keyboard.press(']');
    await expect.poll(() => selectedName(page)).toBe('AddKernel');
    // The view moved to the kernel: the tooltip and readout describe what is under the pointer now.
    await expect.poll(async () => (await state(page)).window.end).toBeGreaterThan(300_000);
    await expect
      .poll(async () => ((await tip.isVisible()) ? await tip.textContent() : 'hidden'))
      .not.toContain('aten::add');
    await expect.poll(() => page.getByTestId('cursor-readout').textContent()).not.toBe(readout);
  });

  test('the track filter shows only matching tracks', async ({ page }) => {
    const titles = () =>
      page.evaluate(() =>
        (window as unknown as TestWindow).__viewer.timeline!.view.layout.rows.map((r) => r.title),
      );
    await page.getByTestId('track-filter').fill('stream');
    await expect.poll(titles).toEqual(['Ascend Hardware', 'Stream 2']);
    await page.getByTestId('track-filter').fill('');
    await expect.poll(async () => (await titles()).length).toBeGreaterThan(2);
  });

  test('F fits what was picked last: a range drawn after a slice wins', async ({ page }) => {
    const p = await slicePoint(page, 'aten::add');
    await page.mouse.click(p.x, p.y);
    await expect(page.getByTestId('details-name')).toHaveText('aten::add');
    await page.evaluate(() => {
      const st = (window as unknown as TestWindow).__viewer.store.getState();
      st.setRange({ start: 600_000, end: 700_000 });
      st.setPanelTab('range');
    });
    await page.getByTestId('timeline-canvas').focus();
    await page.keyboard.press('f');
    await expect.poll(async () => (await state(page)).window.start).toBeGreaterThan(580_000);
    const w = (await state(page)).window;
    expect(w.end).toBeGreaterThan(700_000);
    expect(w.end).toBeLessThan(720_000);
  });

  test('a range reports time inside it (clipped), whole-slice wall apart', async ({ page }) => {
    // aten::add runs [100.333, 300.333) µs after the start; the range ends 100 µs into it.
    await page.evaluate(() => {
      const st = (window as unknown as TestWindow).__viewer.store.getState();
      st.setRange({ start: 0, end: 200_333 });
      st.setPanelTab('range');
    });
    const row = page.getByTestId('range-table').getByTestId('range-row').filter({
      hasText: 'aten::add',
    });
    const cells = row.locator('td');
    await expect(cells.nth(2)).toHaveText('100 µs');
    await expect(cells.nth(3)).toHaveText('200 µs');
    await expect(page.getByTestId('range-tracks')).toContainText('Python / main');
  });

  test('shift + drag over tracks limits the range to those tracks', async ({ page }) => {
    const a = await slicePoint(page, 'aten::add');
    const b = await slicePoint(page, 'aclnnMul');
    await page.keyboard.down('Shift');
    await page.mouse.move(a.x - 20, a.y);
    await page.mouse.down();
    await page.mouse.move(b.x + 20, b.y, { steps: 10 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    const st = await state(page);
    expect(st.range).not.toBeNull();
    expect(st.rangeTracks.length).toBe(1);
    const table = page.getByTestId('range-table');
    await expect(table).toContainText('aten::add');
    await expect(table).not.toContainText('Kernel');
  });

  test('search finds matches, Enter / Shift+Enter step through them', async ({ page }) => {
    const box = page.getByTestId('timeline-search');
    await box.fill('kernel');
    await expect.poll(async () => (await state(page)).searchCount).toBe(2);
    await box.press('Enter');
    await expect.poll(() => selectedName(page)).toBe('AddKernel');
    await expect(page.getByTestId('search-count')).toHaveText('1 / 2');
    await box.press('Enter');
    await expect.poll(() => selectedName(page)).toBe('MulKernel');
    await box.press('Shift+Enter');
    await expect.poll(() => selectedName(page)).toBe('AddKernel');
    // Regex mode.
    await page.getByTestId('search-regex').click();
    await box.fill('^acl.*(Add|Mul)$');
    await expect.poll(async () => (await state(page)).searchCount).toBe(2);
    await box.fill('(');
    await expect(page.getByTestId('search-count')).toContainText('invalid');
  });

  test('the dark theme renders the canvas dark', async ({ page }) => {
    const bgLuma = () =>
      page.evaluate(() => {
        const c = document.querySelector<HTMLCanvasElement>('[data-testid=timeline-canvas]')!;
        const d = c.getContext('2d')!.getImageData(c.width - 4, c.height - 4, 1, 1).data;
        return 0.2126 * d[0]! + 0.7152 * d[1]! + 0.0722 * d[2]!;
      });
    await expect.poll(bgLuma).toBeGreaterThan(200);
    await page.getByTestId('theme-toggle').click();
    await expect.poll(bgLuma).toBeLessThan(60);
    await expect(page.getByTestId('timeline-overview')).toBeVisible();
  });

  test('the gutter folds a thread and pins a track', async ({ page }) => {
    const gutter = (title: string) =>
      page.evaluate((t) => {
        const v = (window as unknown as TestWindow).__viewer.timeline!.view;
        const row = v.layout.rows.find((r) => r.title === t)!;
        const box = v.el.tracksHost.getBoundingClientRect();
        const y = box.top + 26 + v.layout.pinnedHeight + row.y - v.scrollTop + 10;
        return {
          key: row.key,
          chevronX: box.left + 4 + row.indent * 12 + 7,
          pinX: box.left + 250,
          y,
        };
      }, title);
    const main = await gutter('main');
    await page.mouse.click(main.chevronX, main.y);
    await expect
      .poll(() =>
        page.evaluate(
          (k) => (window as unknown as TestWindow).__viewer.store.getState().collapseOverrides[k],
          main.key,
        ),
      )
      .toBe(true);
    const stream = await gutter('Stream 2');
    await page.mouse.move(stream.pinX, stream.y);
    await page.mouse.click(stream.pinX, stream.y);
    await expect
      .poll(() =>
        page.evaluate(
          () => (window as unknown as TestWindow).__viewer.store.getState().pinnedTracks,
        ),
      )
      .toEqual([stream.key]);
    await page.getByTestId('collapse-all').click();
    await expect
      .poll(() =>
        page.evaluate(() =>
          (window as unknown as TestWindow).__viewer.timeline!.view.layout.rows.every(
            (r) => r.kind === 'process',
          ),
        ),
      )
      .toBe(true);
  });

  test('? shows the help, Escape closes it', async ({ page }) => {
    await page.keyboard.press('?');
    await expect(page.getByTestId('timeline-help')).toContainText('Follow the outgoing');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('timeline-help')).toHaveCount(0);
  });
});

test.describe('timeline on the real Ascend Level2 sample', () => {
  test.skip(!hasSamples, SKIP_REASON);
  test.use({ viewport: { width: 1400, height: 900 } });

  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('atv-theme', 'light'));
    await page.goto('./?demo=0');
    await page
      .getByTestId('open-folder')
      .setInputFiles(samplePath(`${MI}/text/level2/rank0_ascend_pt`));
    await expect(page.getByTestId('app-status')).toHaveAttribute('data-state', 'ready');
    await page.getByTestId('tab-timeline').click(); // profiler folders land on the Overview
    await page.waitForFunction(() => !!(window as unknown as TestWindow).__viewer.timeline?.view);
  });

  test('a CPU op follows its async_npu flow to the NPU kernel it launched', async ({ page }) => {
    // The first CPU op whose child launched a kernel (async_npu flow).
    const op = await page.evaluate(() => {
      const v = (window as unknown as TestWindow).__viewer.timeline!.view;
      const t = v.groups[0]!.trace;
      const f = t.flows;
      for (let r = 0; r < f.length; r++) {
        if (t.strings[f.cat[r]!] !== 'async_npu') continue;
        const s = t.sliceTracks[f.fromTrack[r]!]!.slices;
        const parent = s.parent[f.fromSlice[r]!]!;
        if (parent < 0) continue;
        const a = { group: 0, track: f.fromTrack[r]!, index: parent };
        v.select(a, true);
        v.fit();
        return { a, kernelTrack: f.toTrack[r]!, kernelIndex: f.toSlice[r]! };
      }
      return null;
    });
    expect(op).not.toBeNull();
    await page.keyboard.press('Escape');
    // Select it with the mouse, like a user.
    const p = await page.evaluate((a) => {
      const v = (window as unknown as TestWindow).__viewer.timeline!.view;
      return v.clientPointOf(a);
    }, op!.a);
    await page.mouse.click(p!.x, p!.y);
    await expect.poll(async () => (await state(page)).selected?.index).toBe(op!.a.index);
    await page.keyboard.press(']');
    await expect
      .poll(async () => (await state(page)).selected)
      .toMatchObject({ track: op!.kernelTrack, index: op!.kernelIndex });
    const process = await page.evaluate(() => {
      const w = window as unknown as TestWindow;
      const s = w.__viewer.store.getState().selected!;
      const t = w.__viewer.timeline!.view.groups[0]!.trace;
      return t.processes[t.sliceTracks[s.track]!.process]!.name;
    });
    expect(process).toBe('Ascend Hardware');
    await expect(page.getByTestId('details-abs-start')).toContainText(' ns');
  });

  test('reviewed screenshot of the whole trace', async ({ page }) => {
    // Fold the 28-deep Python main thread so CANN, the NPU streams and HCCL show too.
    await page.evaluate(() => {
      const w = window as unknown as TestWindow;
      const row = w.__viewer.timeline!.view.layout.rows.find((r) => r.title === 'Thread 3178231');
      w.__viewer.store.getState().setCollapsed(row!.key, true);
    });
    await page.mouse.move(0, 0);
    await page.keyboard.press('0');
    await page.waitForTimeout(500);
    await expect(page.getByTestId('timeline')).toHaveScreenshot('ascend-level2-timeline.png', {
      maxDiffPixelRatio: 0.02,
      animations: 'disabled',
    });
  });
});
