/**
 * Tracks under the user's control, on a generated two-rank folder with counters: ranks side by
 * side by track kind, process kinds hidden and moved, a track hidden by right-clicking its name,
 * and the layout restored on the next open of the same kind of profile.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generateCluster } from '../src/generator/cluster';
import type { AppStore } from '../src/store/app-store';
import type { TimelineView } from '../src/timeline/view/timeline-view';

type TestWindow = Window & { __viewer: { store: AppStore; timeline?: { view: TimelineView } } };

let twoRanks = '';
test.beforeAll(() => {
  const c = generateCluster({ ranks: 2, tp: 2, steps: 2, kernelsPerStep: 10, seed: 31 });
  const root = mkdtempSync(join(tmpdir(), 'atv-layout-'));
  for (const f of c.files) {
    const p = join(root, f.path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, f.data);
  }
  twoRanks = join(root, c.truth.runFolder);
});

/** Opens the folder and both ranks on the timeline (a collective from the Cluster view). */
async function openBothRanks(page: Page) {
  await page.goto('./?demo=0');
  await page.getByTestId('open-folder').setInputFiles(twoRanks);
  await expect(page.getByTestId('app-status')).toHaveAttribute('data-state', 'ready');
  await page.getByTestId('tab-cluster').click();
  await page
    .locator('[data-testid="cluster-collectives-table"] [role=row][data-row]')
    .first()
    .click();
  await page.getByTestId('cluster-collective-show').click();
  await expect
    .poll(() =>
      page.evaluate(() => (window as unknown as TestWindow).__viewer.timeline?.view.groups.length),
    )
    .toBe(2);
}

/** kind:title of the scrolled rows. */
const rowTitles = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as TestWindow).__viewer.timeline!.view.layout.rows.map(
      (r) => `${r.kind}:${r.title}`,
    ),
  );

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('atv-theme', 'light'));
  await page.setViewportSize({ width: 1400, height: 900 });
});

test('two ranks side by side by track kind, kinds hidden and moved, restored on the next open', async ({
  page,
}) => {
  await openBothRanks(page);
  let t = await rowTitles(page);
  expect(t.filter((x) => x.startsWith('group:'))).toHaveLength(2);

  await page.getByTestId('track-menu').locator('summary').click();
  await page.getByTestId('layout-by-kind').check();
  await expect
    .poll(async () => (await rowTitles(page)).some((x) => x.startsWith('group:')))
    .toBe(false);
  t = await rowTitles(page);
  const procs = t.filter((x) => x.startsWith('process:'));
  // Every process row names its rank; the two ranks' Ascend Hardware rows are neighbours.
  expect(procs.every((x) => / · /.test(x))).toBe(true);
  const hw = procs.filter((x) => x.endsWith('Ascend Hardware'));
  expect(hw).toHaveLength(2);
  expect(procs.indexOf(hw[1]!)).toBe(procs.indexOf(hw[0]!) + 1);
  await page.screenshot({ path: '/tmp/timeline-by-kind.png' });

  // Hide the HBM counters on every rank (not HCCL: showing a collective shows its track again);
  // move Overlap Analysis above Ascend Hardware.
  await page.getByTestId('track-kind-shown-HBM').uncheck();
  await expect.poll(async () => (await rowTitles(page)).some((x) => x.includes('HBM'))).toBe(false);
  await page.getByTestId('track-kind-up-Overlap Analysis').click(); // above HCCL
  await page.getByTestId('track-kind-up-Overlap Analysis').click(); // above Ascend Hardware
  await expect
    .poll(async () => {
      const p = (await rowTitles(page)).filter((x) => x.startsWith('process:'));
      const oa = p.findIndex((x) => x.endsWith('Overlap Analysis'));
      const hw0 = p.findIndex((x) => x.endsWith('Ascend Hardware'));
      return oa >= 0 && oa < hw0;
    })
    .toBe(true);
  await expect(page.getByTestId('track-menu').locator('summary')).toContainText('1 hidden');
  await page.screenshot({ path: '/tmp/timeline-layout-menu.png' });

  // The next open of this kind of profile gets the same layout.
  await page.reload();
  await openBothRanks(page);
  t = await rowTitles(page);
  expect(t.some((x) => x.startsWith('group:'))).toBe(false);
  expect(t.filter((x) => x.includes('HBM'))).toEqual([]);

  await page.getByTestId('track-menu').locator('summary').click();
  await page.getByTestId('track-layout-reset').click();
  await expect
    .poll(async () => (await rowTitles(page)).filter((x) => x.startsWith('group:')).length)
    .toBe(2);
});

test('right-click on a track name hides it; the Tracks menu shows it again', async ({ page }) => {
  await openBothRanks(page);
  await page.evaluate(() => localStorage.clear());
  const target = await page.evaluate(() => {
    const v = (window as unknown as TestWindow).__viewer.timeline!.view;
    const r = v.layout.rows.find((x) => x.kind === 'slices' && x.title.startsWith('Stream'))!;
    // In view whatever the details panel's height (it sizes itself to the selected collective).
    v.setScrollTop(Math.max(0, r.y - 20));
    const box = v.el.scroller.getBoundingClientRect();
    return { name: r.hideName, x: box.left + 60, y: box.top + r.y - v.scrollTop + 8 };
  });
  await page.mouse.click(target.x, target.y, { button: 'right' });
  await expect
    .poll(() =>
      page.evaluate(
        (n) =>
          (window as unknown as TestWindow).__viewer.timeline!.view.layout.rows.filter(
            (r) => r.hideName === n,
          ).length,
        target.name,
      ),
    )
    .toBe(0);
  await page.getByTestId('track-menu').locator('summary').click();
  await page.getByRole('checkbox', { name: target.name }).click();
  await expect
    .poll(() =>
      page.evaluate(
        (n) =>
          (window as unknown as TestWindow).__viewer.timeline!.view.layout.rows.filter(
            (r) => r.hideName === n,
          ).length,
        target.name,
      ),
    )
    .toBe(2);
});

test('shift + drag over both ranks limits the range to tracks of both', async ({ page }) => {
  await openBothRanks(page);
  await page.evaluate(() => localStorage.clear());
  await page.getByTestId('track-menu').locator('summary').click();
  await page.getByTestId('layout-by-kind').check();
  await page.getByTestId('track-menu').locator('summary').click();
  // From rank A's first stream to rank B's first stream (neighbours in the by-kind layout).
  const ys = await page.evaluate(() => {
    const v = (window as unknown as TestWindow).__viewer.timeline!.view;
    v.setScrollTop(0);
    const streams = v.layout.rows.filter(
      (r) => r.kind === 'slices' && r.title.startsWith('Stream'),
    );
    const a = streams[0]!;
    const b = streams.find((r) => r.group !== a.group)!;
    v.setScrollTop(a.y - 20);
    const box = v.el.scroller.getBoundingClientRect();
    return {
      x: box.left + 400,
      y0: box.top + v.layout.pinnedHeight + a.y - v.scrollTop + 8,
      y1: box.top + v.layout.pinnedHeight + b.y - v.scrollTop + 8,
    };
  });
  await page.keyboard.down('Shift');
  await page.mouse.move(ys.x, ys.y0);
  await page.mouse.down();
  await page.mouse.move(ys.x + 300, ys.y1, { steps: 10 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  const ranks = await page.evaluate(() => {
    const s = (window as unknown as TestWindow).__viewer.store.getState();
    return new Set(s.rangeTracks.map((t) => t.profileId)).size;
  });
  expect(ranks).toBe(2);
  await expect(page.getByTestId('range-table')).toBeVisible();
});

test('the top bar stays one row at 1400 px with the profile picker; every tab is reachable', async ({
  page,
}) => {
  await page.goto('./?demo=0');
  await page.getByTestId('open-folder').setInputFiles(twoRanks);
  await expect(page.getByTestId('app-status')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('profile-select')).toBeVisible();
  const tops = await page
    .locator('.topbar [role=tab]')
    .evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
  expect(tops.length).toBeGreaterThan(10);
  expect(new Set(tops).size).toBe(1);
  const bar = (await page.locator('.topbar').boundingBox())!;
  expect(bar.height).toBeLessThan(50);
  await page.screenshot({
    path: '/tmp/topbar-1400.png',
    clip: { x: 0, y: 0, width: 1400, height: 60 },
  });
  // The last tab scrolls into view and opens.
  await page.getByTestId('tab-report').click();
  await expect(page.getByTestId('tab-report')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('tab-report')).toBeInViewport();
});

test('table columns size to their content: kernel names are not cut', async ({ page }) => {
  await page.goto('./?demo=0');
  await page.getByTestId('open-folder').setInputFiles(twoRanks);
  await expect(page.getByTestId('app-status')).toHaveAttribute('data-state', 'ready');
  await page.getByTestId('tab-kernels').click();
  const cells = page.locator('[data-testid="kernel-table"] [role=row][data-row] [role=gridcell]');
  await expect(cells.first()).toBeVisible();
  const cut = await page
    .locator('[data-testid="kernel-table"] [role=row][data-row]')
    .evaluateAll((rows) =>
      rows
        .slice(0, 20)
        .flatMap((r) =>
          [...r.querySelectorAll<HTMLElement>('[role=gridcell]')]
            .filter((c) => c.scrollWidth > c.clientWidth + 1)
            .map((c) => c.textContent),
        ),
    );
  expect(cut).toEqual([]);
  await page.screenshot({ path: '/tmp/kernels-1400.png' });
});

test('merged device streams: one row-group per rank, slices selectable with their real stream', async ({
  page,
}) => {
  await openBothRanks(page);
  await page.evaluate(() => localStorage.clear());
  await page.getByTestId('track-menu').locator('summary').click();
  await page.getByTestId('layout-by-kind').check();
  await page.getByTestId('streams-merge-streams').check();
  await expect
    .poll(async () => (await rowTitles(page)).filter((x) => x === 'slices:Merged streams').length)
    .toBe(2);
  expect((await rowTitles(page)).some((x) => x.startsWith('slices:Stream'))).toBe(false);
  await page.getByTestId('track-menu').locator('summary').click();

  // The merged rows: no two slices of one sub-row overlap, every stream's slices are in it.
  const check = await page.evaluate(() => {
    const v = (window as unknown as TestWindow).__viewer.timeline!.view;
    return v.layout.rows
      .filter((r) => r.merged)
      .map((r) => {
        const m = r.merged!;
        const s = m.track.slices;
        const end = new Map<number, number>();
        let overlaps = 0;
        for (let i = 0; i < s.length; i++) {
          if ((end.get(s.depth[i]!) ?? -Infinity) > s.start[i]!) overlaps++;
          end.set(s.depth[i]!, s.start[i]! + s.dur[i]!);
        }
        const t = v.groups[r.group]!.trace;
        const real = m.members.reduce((n, k) => n + t.sliceTracks[k]!.slices.length, 0);
        return { overlaps, n: s.length, real, lanes: r.lanes };
      });
  });
  expect(check).toHaveLength(2);
  for (const c of check) {
    expect(c.overlaps).toBe(0);
    expect(c.n).toBe(c.real);
    expect(c.n).toBeGreaterThan(0);
  }

  // A click on rank 1's merged row selects the real kernel; details name its stream.
  const target = await page.evaluate(() => {
    const v = (window as unknown as TestWindow).__viewer.timeline!.view;
    const r = v.layout.rows.find((x) => x.merged && x.group === 1)!;
    const m = r.merged!;
    const s = m.track.slices;
    let best = 0;
    for (let i = 1; i < s.length; i++) if (s.dur[i]! > s.dur[best]!) best = i;
    const a = { group: 1, track: m.srcTrack[best]!, index: m.srcIndex[best]! };
    v.reveal(a, { center: true });
    const t = v.groups[1]!.trace;
    return { a, stream: t.sliceTracks[a.track]!.name, id: v.groups[1]!.profileId };
  });
  const pointOf = () =>
    page.evaluate(
      (a) => (window as unknown as TestWindow).__viewer.timeline!.view.clientPointOf(a),
      target.a,
    );
  await expect.poll(pointOf).not.toBeNull();
  const p = (await pointOf())!;
  await page.mouse.click(p.x, p.y);
  await expect
    .poll(() =>
      page.evaluate(() => (window as unknown as TestWindow).__viewer.store.getState().selected),
    )
    .toEqual({ profileId: target.id, track: target.a.track, index: target.a.index });
  expect(target.stream).toMatch(/^Stream/);
  await expect(page.getByTestId('details-track')).toContainText(target.stream);
  await page.screenshot({ path: '/tmp/tl2-merged-streams.png' });

  // Saved with the layout.
  await page.reload();
  await openBothRanks(page);
  // The merged lane sets are built in a worker: the streams show apart until they arrive.
  await expect
    .poll(async () => (await rowTitles(page)).filter((x) => x === 'slices:Merged streams'))
    .toHaveLength(2);
});
