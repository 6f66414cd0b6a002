// Issue 19 (access): an axe-core check of every view of generated profiles (the demo Ascend
// rank, the generated 8-rank cluster run, a generated compare pair) in both themes. Serious and
// critical violations fail the test, listed with their rule, target and summary. A view with a
// data grid is checked again with a cell of its first grid focused by keyboard (and, on
// Operators, a row's detail block open and focused).
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateComparePair } from '../src/generator/compare-pair';
import { VIEW_TABS } from '../src/store/ui-slice';

// Every tab but the ones a lone profile does not have (cluster: several ranks; compare: two runs).
const DEMO_TABS = VIEW_TABS.filter((t) => t !== 'cluster' && t !== 'compare');

async function ready(page: Page) {
  await expect(page.getByTestId('app-status')).toHaveAttribute('data-state', 'ready');
}

async function setTheme(page: Page, theme: 'light' | 'dark') {
  const toggle = page.getByTestId('theme-toggle');
  if ((await page.locator('html').getAttribute('data-theme')) !== theme) await toggle.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

/** The view is shown, none of its tables is still loading, and two frames were drawn after. */
async function settled(page: Page, tab: string) {
  await expect(page.getByTestId(`view-${tab}`)).toBeVisible();
  await expect(page.locator('[aria-busy=true]')).toHaveCount(0);
  await page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
  );
}

/**
 * Serious and critical violations on the page, one line each. Axe runs in the page itself
 * (legacy mode: the app has no iframes, so it checks the same nodes) and returns node details for
 * violations only: the default mode's hand-over of every rule's passes to a second blank page
 * took 15–45 s per table view under load, axe itself 1–3 s.
 */
async function seriousViolations(page: Page): Promise<string[]> {
  expect(page.frames(), 'an iframe would need the default (cross-frame) axe mode').toHaveLength(1);
  const result = await new AxeBuilder({ page })
    .setLegacyMode(true)
    .options({ resultTypes: ['violations'] })
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes
        .slice(0, 5)
        .map(
          (n) =>
            `${v.id} (${v.impact}) ${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`,
        ),
    );
}

/**
 * Focuses a data cell of the view's first grid by keyboard (false when the view has none);
 * with `openDetail`, Enter opens the row's detail block and ↓ focuses it.
 */
async function focusGridCell(page: Page, openDetail = false): Promise<boolean> {
  const grid = page.locator('.dt > [role=grid][data-testid]:visible').first();
  if ((await grid.count()) === 0 || Number(await grid.getAttribute('data-rows')) < 2) return false;
  await grid.focus();
  // From the table's first cell (a cell focused on an earlier pass is the stop otherwise).
  for (const key of ['Control+Home', 'ArrowDown', 'ArrowDown', 'ArrowRight'])
    await page.keyboard.press(key);
  const cell = grid.locator('[role=row][aria-rowindex="3"] [role=gridcell][aria-colindex="2"]');
  await expect(cell).toBeFocused();
  await expect(cell).toHaveAttribute('tabindex', '0');
  if (openDetail) {
    const row = grid.locator('[role=row][aria-rowindex="3"]');
    if (!/\bopen\b/.test((await row.getAttribute('class')) ?? ''))
      await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowDown');
    await expect(grid.locator('[role=row][aria-rowindex="3"] .dt-detail')).toBeFocused();
  }
  return true;
}

async function checkTabs(
  page: Page,
  tabs: readonly string[],
  label: string,
  themes: readonly ('light' | 'dark')[] = ['light', 'dark'],
) {
  const found: string[] = [];
  for (const theme of themes) {
    await setTheme(page, theme);
    for (const tab of tabs) {
      await page.getByTestId(`tab-${tab}`).click();
      await expect(page.getByTestId(`tab-${tab}`)).toHaveAttribute('aria-selected', 'true');
      await settled(page, tab);
      for (const v of await seriousViolations(page)) found.push(`[${label} ${theme} ${tab}] ${v}`);
      if (await focusGridCell(page, tab === 'operators')) {
        for (const v of await seriousViolations(page))
          found.push(`[${label} ${theme} ${tab}, focused cell] ${v}`);
      }
    }
  }
  expect(found, found.join('\n')).toEqual([]);
}

test.describe('accessibility (axe-core): zero serious or critical violations', () => {
  for (const theme of ['light', 'dark'] as const) {
    test(`every view of the demo Ascend profile, ${theme} theme`, async ({ page }) => {
      // Each view with a grid is checked twice (as opened, and with a cell focused).
      test.setTimeout(180_000);
      await page.goto('./');
      await ready(page);
      await checkTabs(page, DEMO_TABS, 'demo', [theme]);
    });
  }

  test('the cluster view of a generated 8-rank run, both themes', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto('./?demo=0');
    await page.getByTestId('open-folder').setInputFiles('fixtures/cluster-8/run_20250101');
    await ready(page);
    await checkTabs(page, ['cluster'], 'cluster');
  });

  test('the compare view of a generated pair, both themes', async ({ page }) => {
    test.setTimeout(120_000);
    const pair = generateComparePair();
    const dir = mkdtempSync(join(tmpdir(), 'atv-a11y-'));
    const a = join(dir, 'baseline.pt.trace.json');
    const b = join(dir, 'target.pt.trace.json');
    writeFileSync(a, pair.baseline.text);
    writeFileSync(b, pair.target.text);
    await page.goto('./?demo=0');
    await page.getByTestId('open-files').setInputFiles([a, b]);
    await ready(page);
    await checkTabs(page, ['compare'], 'compare');
  });

  test('the empty page (no profile), both themes', async ({ page }) => {
    await page.goto('./?demo=0');
    const found: string[] = [];
    for (const theme of ['light', 'dark'] as const) {
      await setTheme(page, theme);
      for (const v of await seriousViolations(page)) found.push(`[empty ${theme}] ${v}`);
    }
    expect(found, found.join('\n')).toEqual([]);
  });
});
