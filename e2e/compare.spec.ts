// Issue 15: two generated runs opened together (a Kineto trace and the same run with one kernel
// 2× slower and one renamed), the Compare view: summary, kernels diff sorted by Δ, a row click
// selects that kernel on the timeline. Screenshots go to /tmp/compare-*.png.
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADDED, generateComparePair, REMOVED, SLOWER } from '../src/generator/compare-pair';

interface TestWindow {
  __viewer: {
    store: {
      getState: () => {
        selected: { profileId: string; track: number; index: number } | null;
        activeProfileId: string | null;
        tab: string;
        profiles: Record<
          string,
          {
            trace: {
              strings: string[];
              sliceTracks: { slices: { name: ArrayLike<number> } }[];
            } | null;
          }
        >;
      };
    };
  };
}

const rows = (page: Page, table: string) =>
  page.locator(`[data-testid="${table}"] [role=row][data-row]`);

async function ready(page: Page) {
  await expect(page.getByTestId('app-status')).toHaveAttribute('data-state', 'ready');
}

const selectedName = (page: Page) =>
  page.evaluate(() => {
    const st = (window as unknown as TestWindow).__viewer.store.getState();
    const s = st.selected;
    const t = s ? st.profiles[s.profileId]?.trace : null;
    if (!s || !t) return null;
    return t.strings[t.sliceTracks[s.track]!.slices.name[s.index]!] ?? null;
  });

test('compare two runs: kernels diff sorted, a row click selects the kernel on the timeline', async ({
  page,
}) => {
  const pair = generateComparePair();
  const dir = mkdtempSync(join(tmpdir(), 'atv-compare-'));
  const a = join(dir, 'baseline.pt.trace.json');
  const b = join(dir, 'target.pt.trace.json');
  writeFileSync(a, pair.baseline.text);
  writeFileSync(b, pair.target.text);
  await page.goto('./?demo=0');
  await page.getByTestId('open-files').setInputFiles([a, b]);
  await ready(page);
  await page.getByTestId('tab-compare').click();
  await expect(page.getByTestId('compare-view')).toBeVisible();
  await page.getByTestId('compare-baseline').selectOption({ value: 'baseline.pt.trace.json' });
  await page.getByTestId('compare-target').selectOption({ value: 'target.pt.trace.json' });
  await expect(page.getByTestId('compare-summary')).toBeVisible();
  await expect(
    page.getByTestId('compare-summary').locator('tr[data-id=steps] td').nth(1),
  ).toHaveText('3');

  // Kernels diff: one row per name of either side; the slower kernel's Δ = its baseline total.
  const names = new Set(
    [...pair.baseline.truth.kernels, ...pair.target.truth.kernels].map((k) => k.name),
  );
  const kernels = rows(page, 'compare-kernels');
  await expect(kernels).toHaveCount(names.size);
  const status = (name: string) =>
    page.getByTestId('compare-kernels').locator('[role=row][data-row]', { hasText: name }).first();
  await expect(status(SLOWER)).toContainText('slower');
  await expect(status(REMOVED)).toContainText('removed');
  await expect(status(ADDED)).toContainText('added');

  // Sort by Δ total, descending (click twice if the first click sorts ascending).
  const header = page.getByTestId('compare-kernels').getByRole('columnheader', { name: 'Δ total' });
  await header.click();
  const sortOf = () =>
    page.evaluate(
      () =>
        (
          window as unknown as {
            __viewer: {
              store: { getState: () => { tableStates: Record<string, { sort: unknown }> } };
            };
          }
        ).__viewer.store.getState().tableStates['compare-kernels']?.sort,
    );
  if (JSON.stringify(await sortOf()) !== JSON.stringify({ column: 'delta', dir: 'desc' }))
    await header.click();
  await expect.poll(sortOf).toEqual({ column: 'delta', dir: 'desc' });
  // Largest increase first: the 2× slower kernel (or the added one, whichever grew more).
  const sumOf = (ks: typeof pair.baseline.truth.kernels, n: string) =>
    ks.filter((k) => k.name === n).reduce((s, k) => s + k.durNs, 0);
  const top =
    sumOf(pair.baseline.truth.kernels, SLOWER) >= sumOf(pair.target.truth.kernels, ADDED)
      ? SLOWER
      : ADDED;
  await expect(kernels.first()).toContainText(top);
  await page.screenshot({ path: '/tmp/compare-view.png', fullPage: true });

  await status(SLOWER).click();
  await expect(page.getByTestId('view-timeline')).toBeVisible();
  await expect.poll(() => selectedName(page)).toBe(SLOWER);
  // Shown on both sides at once: both runs on one axis, the kernel outlined on each.
  await expect
    .poll(() => pairShown(page))
    .toEqual({
      groups: [
        'baseline · rank 0 · baseline.pt.trace.json',
        'target · rank 0 · target.pt.trace.json',
      ],
      highlighted: [
        { profile: 'baseline.pt.trace.json', name: SLOWER },
        { profile: 'target.pt.trace.json', name: SLOWER },
      ],
    });
  await page.screenshot({ path: '/tmp/compare-timeline.png' });
});

/** The timeline's groups (labels) and the outlined slices (profile, name). */
const pairShown = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as TestWindow & {
      __viewer: { timeline?: { view: { groups: { label: string; offsetNs: number }[] } } };
    };
    const st = w.__viewer.store.getState() as unknown as ReturnType<
      TestWindow['__viewer']['store']['getState']
    > & { compareHighlights: { profileId: string; track: number; index: number }[] };
    return {
      groups: (w.__viewer.timeline?.view.groups ?? []).map((g) => g.label),
      highlighted: st.compareHighlights.map((h) => {
        const t = st.profiles[h.profileId]!.trace!;
        return {
          profile: h.profileId,
          name: t.strings[t.sliceTracks[h.track]!.slices.name[h.index]!],
        };
      }),
    };
  });

/** Axis offsets of the groups the timeline shows. */
const offsets = (page: Page) =>
  page.evaluate(() =>
    (
      (
        window as unknown as {
          __viewer: { timeline?: { view: { groups: { offsetNs: number }[] } } };
        }
      ).__viewer.timeline?.view.groups ?? []
    ).map((g) => g.offsetNs),
  );

test('two runs on one axis: aligned at the first step or at the trace start', async ({ page }) => {
  // The target has 2 ms of host work before its first step.
  const preamble = 2_000_000;
  const pair = generateComparePair(5, 3, 8, preamble);
  const dir = mkdtempSync(join(tmpdir(), 'atv-compare-axis-'));
  const a = join(dir, 'baseline.pt.trace.json');
  const b = join(dir, 'target.pt.trace.json');
  writeFileSync(a, pair.baseline.text);
  writeFileSync(b, pair.target.text);
  await page.goto('./?demo=0');
  await page.getByTestId('open-files').setInputFiles([a, b]);
  await ready(page);
  await page.getByTestId('tab-compare').click();
  await page.getByTestId('compare-baseline').selectOption({ value: 'baseline.pt.trace.json' });
  await page.getByTestId('compare-target').selectOption({ value: 'target.pt.trace.json' });
  await expect(page.getByTestId('compare-summary')).toBeVisible();
  await expect(page.getByTestId('compare-align')).toHaveValue('step');
  await page.screenshot({ path: '/tmp/compare-view-1400.png' });
  await page.getByTestId('compare-open-both').click();
  await expect(page.getByTestId('view-timeline')).toBeVisible();
  // First steps on one axis time: the baseline (first step at its first event) moves right by
  // the target's warm-up + the generator's 5 µs gap.
  await expect.poll(() => offsets(page)).toEqual([preamble + 5_000, 0]);
  await page.screenshot({ path: '/tmp/compare-axis-step.png' });
  // Zoom moves both groups: one window for the whole axis.
  const span = () =>
    page.evaluate(() => {
      const w = (
        window as unknown as {
          __viewer: {
            store: { getState: () => { visibleWindow: { start: number; end: number } } };
          };
        }
      ).__viewer.store.getState().visibleWindow;
      return w.end - w.start;
    });
  const before = await span();
  await page.mouse.move(10, 10); // keep the zoom anchor at the window centre
  // Held until the window narrows (a fixed hold may see no frame on a loaded machine).
  await page.keyboard.down('w');
  await expect.poll(span).toBeLessThan(before);
  await page.keyboard.up('w');
  expect(await offsets(page)).toEqual([preamble + 5_000, 0]);

  await page.getByTestId('tab-compare').click();
  await page.getByTestId('compare-align').selectOption('start');
  await page.getByTestId('compare-open-both').click();
  await expect(page.getByTestId('view-timeline')).toBeVisible();
  await expect.poll(() => offsets(page)).toEqual([0, 0]);
  await page.screenshot({ path: '/tmp/compare-axis-start.png' });
});

test('compare two ranks of a generated run, then open both on one timeline axis', async ({
  page,
}) => {
  await page.goto('./?demo=0');
  await page.getByTestId('open-folder').setInputFiles('fixtures/ascend/two-ranks/run_20250101');
  await ready(page);
  await page.getByTestId('tab-compare').click();
  // Baseline = the active (first) rank, target = the other one, imported on demand.
  await expect(page.getByTestId('compare-summary')).toBeVisible();
  await expect(rows(page, 'compare-kernels').first()).toBeVisible();
  await expect(page.getByTestId('compare-steps').getByTestId('compare-step').first()).toBeVisible();
  await page.screenshot({ path: '/tmp/compare-ranks.png', fullPage: true });
  await page.getByTestId('compare-steps').scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/compare-ranks-steps.png' });
  await page.getByTestId('compare-open-both').click();
  await expect(page.getByTestId('view-timeline')).toBeVisible();
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          (
            window as unknown as {
              __viewer: { store: { getState: () => { clusterTimeline: unknown[] } } };
            }
          ).__viewer.store.getState().clusterTimeline.length,
      ),
    )
    .toBe(2);
  // A kernel row click selects it on the baseline rank, framed on the shared axis.
  await page.getByTestId('tab-compare').click();
  const first = rows(page, 'compare-kernels').first();
  const name = (await first.locator('[role=gridcell], [role=cell]').first().textContent()) ?? '';
  await first.click();
  await expect(page.getByTestId('view-timeline')).toBeVisible();
  await expect.poll(() => selectedName(page)).toBe(name.trim());
  await page.screenshot({ path: '/tmp/compare-ranks-timeline.png' });
});

test('Compare with… opens a second run beside the first as the target', async ({ page }) => {
  const pair = generateComparePair();
  const dir = mkdtempSync(join(tmpdir(), 'atv-compare-with-'));
  const a = join(dir, 'baseline.pt.trace.json');
  const b = join(dir, 'target.pt.trace.json');
  writeFileSync(a, pair.baseline.text);
  writeFileSync(b, pair.target.text);
  await page.goto('./?demo=0');
  await page.getByTestId('open-files').setInputFiles(a);
  await ready(page);
  await page.getByTestId('tab-compare').click();
  await expect(page.getByTestId('compare-empty')).toBeVisible();
  await page.getByTestId('compare-with-files').setInputFiles(b);
  await ready(page);
  await expect(page.getByTestId('compare-view')).toBeVisible();
  await expect(page.getByTestId('compare-target').locator('option:checked')).toHaveText(
    /target\.pt\.trace\.json$/,
  );
  await expect(page.getByTestId('compare-baseline').locator('option:checked')).toHaveText(
    /baseline\.pt\.trace\.json$/,
  );
  await expect(
    page.getByTestId('compare-kernels').locator('[role=row][data-row]', { hasText: SLOWER }),
  ).toContainText('slower');
  await page.screenshot({ path: '/tmp/compare-with.png' });
});
