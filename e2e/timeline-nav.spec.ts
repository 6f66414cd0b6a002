/**
 * One navigation path: every "show in timeline" (Kernels, Operators, Steps, Communication,
 * Memory, Cluster, search, flow follow) ends with the slice selected, in the details panel, and
 * drawn on the canvas — checked by hovering its on-screen point and reading the tooltip, not only
 * the store. Runs on generated folders: two ranks with counters and torch_npu-style sub-µs
 * Python-function overlaps, and one rank with memory.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generateAscendProfile, type GeneratedFile } from '../src/generator/ascend-profile';
import { generateCluster } from '../src/generator/cluster';
import type { AppStore } from '../src/store/app-store';
import type { TimelineView } from '../src/timeline/view/timeline-view';

type TestWindow = Window & { __viewer: { store: AppStore; timeline?: { view: TimelineView } } };

function writeFiles(files: readonly GeneratedFile[]): string {
  const root = mkdtempSync(join(tmpdir(), 'atv-nav-'));
  for (const f of files) {
    const p = join(root, f.path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, f.data);
  }
  return root;
}

let twoRanks = '';
let oneRank = '';
test.beforeAll(() => {
  const c = generateCluster({
    ranks: 2,
    tp: 2,
    steps: 2,
    kernelsPerStep: 14,
    seed: 21,
    withStack: true,
    pyOverlapNs: 300,
  });
  twoRanks = join(writeFiles(c.files), c.truth.runFolder);
  const one = generateAscendProfile({ seed: 22, steps: 2, kernelsPerStep: 12, pyOverlapNs: 300 });
  oneRank = join(writeFiles(one.files), one.truth.folder);
});

async function openFolder(page: Page, dir: string) {
  await page.addInitScript(() => localStorage.setItem('atv-theme', 'light'));
  await page.goto('./?demo=0');
  await page.getByTestId('open-folder').setInputFiles(dir);
  await expect(page.getByTestId('app-status')).toHaveAttribute('data-state', 'ready');
}

const rows = (page: Page, table: string) =>
  page.locator(`[data-testid="${table}"] [role=row][data-row]`);

/** Name of the selected slice and its centre on screen (null when not drawn on a row of its own). */
const selectedOnScreen = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as TestWindow;
    const v = w.__viewer.timeline?.view;
    const s = w.__viewer.store.getState();
    if (!v || !s.selected) return null;
    const a = v.addressOf(s.selected);
    if (!a) return null;
    const t = v.groups[a.group]!.trace;
    const name = t.strings[t.sliceTracks[a.track]!.slices.name[a.index]!]!;
    return { name, point: v.clientPointOf(a), tab: s.tab, panelTab: s.panelTab };
  });

/**
 * The selected slice is on the timeline, drawn where hit-testing finds it (the tooltip names it),
 * and shown in the Current-selection panel. Returns its name.
 */
async function expectSelectedVisible(page: Page, name?: string | RegExp): Promise<string> {
  await expect(page.getByTestId('view-timeline')).toBeVisible();
  await expect.poll(async () => (await selectedOnScreen(page))?.point ?? null).not.toBeNull();
  const s = (await selectedOnScreen(page))!;
  if (typeof name === 'string') expect(s.name).toBe(name);
  else if (name) expect(s.name).toMatch(name);
  expect(s.tab).toBe('timeline');
  expect(s.panelTab).toBe('slice');
  await page.mouse.move(s.point!.x, s.point!.y);
  await expect(page.getByTestId('timeline-tooltip')).toContainText(s.name);
  await expect(page.getByTestId('details-name')).toHaveText(s.name);
  return s.name;
}

/** Folds everything on the timeline, then leaves a stale Range tab in the panel. */
async function collapseAllWithRange(page: Page) {
  await page.getByTestId('tab-timeline').click();
  await page.getByTestId('collapse-all').click();
  await page.evaluate(() => {
    const st = (window as unknown as TestWindow).__viewer.store.getState();
    st.setRange({ start: 0, end: 1000 });
    st.setPanelTab('range');
  });
}

test.describe('one navigation path (two generated ranks, with_stack, sub-µs overlaps)', () => {
  test.beforeEach(async ({ page }) => openFolder(page, twoRanks));

  test('first screen: steps, host structure, device streams and overlap lanes; counters folded', async ({
    page,
  }) => {
    await page.getByTestId('tab-timeline').click();
    await page.waitForFunction(() => !!(window as unknown as TestWindow).__viewer.timeline?.view);
    const first = await page.evaluate(() => {
      const v = (window as unknown as TestWindow).__viewer.timeline!.view;
      const t = v.groups[0]!.trace;
      const stepName = t.strings.find((x) => x.startsWith('ProfilerStep#'))!;
      const step = v.findSlice(stepName);
      const visibleTitles = v.layout.rows
        .filter((r) => r.y < v.scrollTop + v.height - 40 && r.y + r.height > v.scrollTop)
        .map((r) => `${r.kind}:${r.title}`);
      const stepTrack = step ? t.sliceTracks[step.track]! : null;
      return {
        stepOnScreen: step ? v.clientPointOf(step) !== null : false,
        stepOnOverflow: stepTrack?.kind === 'overflow',
        counterRows: v.layout.rows.filter((r) => r.kind === 'counter').length,
        visibleTitles,
      };
    });
    await page.screenshot({ path: '/tmp/tl-first-screen.png' });
    expect(first.stepOnOverflow).toBe(false);
    expect(first.stepOnScreen).toBe(true);
    expect(first.counterRows).toBe(0);
    const seen = first.visibleTitles.join('\n');
    expect(seen).toMatch(/process:Ascend Hardware/);
    expect(seen).toMatch(/slices:Stream \d+/);
    expect(seen).toMatch(/process:Overlap Analysis/);
  });

  test('a kernel clicked after "Collapse all" is drawn, selected and in the panel', async ({
    page,
  }) => {
    await collapseAllWithRange(page);
    await page.getByTestId('tab-kernels').click();
    await rows(page, 'kernel-table').nth(3).click();
    await expectSelectedVisible(page);
  });

  test('an operator row shows its host slice', async ({ page }) => {
    await collapseAllWithRange(page);
    await page.getByTestId('tab-operators').click();
    const row = rows(page, 'operator-table').nth(2);
    const name = (await row.locator('[role=gridcell]').first().textContent())!.trim();
    await row.click();
    await page.getByTestId('operator-show').click();
    await expectSelectedVisible(page, name);
  });

  test('a step selects its ProfilerStep slice', async ({ page }) => {
    await collapseAllWithRange(page);
    await page.getByTestId('tab-steps').click();
    await rows(page, 'steps-table').first().click();
    await page.getByTestId('show-step-in-timeline').click();
    await expectSelectedVisible(page, /^ProfilerStep#/);
  });

  test('a collective selects its HCCL slice', async ({ page }) => {
    await collapseAllWithRange(page);
    await page.getByTestId('tab-communication').click();
    await rows(page, 'comm-table').first().click();
    await page.getByTestId('show-op-in-timeline').click();
    await expectSelectedVisible(page, /^hcom_/);
  });

  test('search results and followed flows are drawn and selected', async ({ page }) => {
    await collapseAllWithRange(page);
    const box = page.getByTestId('timeline-search');
    await box.fill('aclnnMatmul');
    await expect
      .poll(() =>
        page.evaluate(
          () => (window as unknown as TestWindow).__viewer.store.getState().searchCount,
        ),
      )
      .toBeGreaterThan(0);
    await box.press('Enter');
    await expectSelectedVisible(page, /aclnnMatmul/);
    // ] follows the launch flow to the device.
    await page.getByTestId('timeline-canvas').focus();
    await page.keyboard.press(']');
    const kernel = await expectSelectedVisible(page);
    expect(kernel).not.toMatch(/aclnnMatmul$/);
  });

  test('a collective opened from the Cluster view is zoomed and selected on both ranks', async ({
    page,
  }) => {
    await page.getByTestId('tab-cluster').click();
    await rows(page, 'cluster-collectives-table').first().click();
    await page.getByTestId('cluster-collective-show').click();
    await expectSelectedVisible(page, /^hcom_/);
    const s = await page.evaluate(() => {
      const w = window as unknown as TestWindow;
      const v = w.__viewer.timeline!.view;
      const st = w.__viewer.store.getState();
      const a = v.addressOf(st.selected)!;
      const g = v.groups[a.group]!;
      const t = g.trace.sliceTracks[a.track]!.slices;
      return {
        groups: v.groups.length,
        span: st.visibleWindow.end - st.visibleWindow.start,
        dur: t.dur[a.index]!,
        labels: v.layout.rows.filter((r) => r.kind === 'group').map((r) => r.title),
      };
    });
    expect(s.groups).toBe(2);
    // Zoomed to the collective on both ranks, not to the whole step.
    expect(s.span).toBeLessThan(s.dur * 40);
  });
});

test.describe('memory → the operator that allocated', () => {
  test('an allocation time selects the allocating operator', async ({ page }) => {
    await openFolder(page, oneRank);
    await page.getByTestId('tab-memory').click();
    const table = page.getByTestId('operator-memory-table');
    const row = table.locator('[role=row][data-row]', { hasText: 'aten::mm' }).first();
    await row.locator('button.link').first().click();
    await expectSelectedVisible(page, 'aten::mm');
  });
});
