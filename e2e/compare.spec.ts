// Issue 15: two generated runs opened together (a Kineto trace and the same run with one kernel
// 2× slower and one renamed), the Compare view: summary, kernels diff sorted by Δ, a row click
// selects that kernel on the timeline. Screenshots go to /tmp/compare-*.png.
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADDED, generateComparePair, REMOVED, SLOWER } from '../src/fixtures/compare-pair';

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
  await page.screenshot({ path: '/tmp/compare-timeline.png' });
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
