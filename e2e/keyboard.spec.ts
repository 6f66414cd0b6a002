// Issue 19 (access): the main path walked by keyboard only on the demo profile: Tab reaches the
// open buttons and the view tabs with a visible focus ring, arrow keys move along the tabs
// (ARIA tabs pattern), a table row opens its slice on the timeline, the timeline's live regions
// announce the selection and the visible window, the help dialog traps focus and Escape closes
// it, a radio group follows the arrows, and the colour setting is chosen and remembered.
// Screenshots of focus states go to /tmp/a11y-focus-*.png.
import { expect, test, type Page } from '@playwright/test';

type ViewerWindow = { __viewer: { store: { getState(): Record<string, unknown> } } };

const storeValue = (page: Page, key: string) =>
  page.evaluate((k) => (window as unknown as ViewerWindow).__viewer.store.getState()[k], key);

/** Test id (or tag) of the focused element; a grid's cell answers with the grid's test id. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const grid = el?.hasAttribute('data-cell') ? el.closest<HTMLElement>('[role=grid]') : null;
    if (grid?.dataset['testid']) return grid.dataset['testid'];
    return el?.dataset['testid'] ?? el?.getAttribute('role') ?? el?.tagName.toLowerCase() ?? '';
  });

/** Whether the focused element shows a focus ring (an outline, or the table frame's ring). */
const hasFocusRing = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return false;
    const own = getComputedStyle(el);
    if (own.outlineStyle !== 'none' && parseFloat(own.outlineWidth) > 0) return true;
    const label = el.closest('label');
    if (label && getComputedStyle(label).outlineStyle !== 'none') return true;
    const frame = el.closest('.dt');
    return !!frame && getComputedStyle(frame).boxShadow !== 'none';
  });

async function tabUntil(page: Page, testId: string, max = 40): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    seen.push(f);
    expect(await hasFocusRing(page), `focus ring on ${f} (after ${seen.join(', ')})`).toBe(true);
    if (f === testId) return seen;
  }
  throw new Error(`Tab never reached ${testId}; went through ${seen.join(', ')}`);
}

test('the main path by keyboard only', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('./');
  await expect(page.getByTestId('app-status')).toHaveAttribute('data-state', 'ready');

  // Tab from the top: the open buttons (file inputs), then the active view tab; every stop shows
  // a focus ring; the tab list is one stop (roving tabindex).
  const seen = await tabUntil(page, 'tab-overview');
  expect(seen).toContain('open-folder');
  expect(seen).toContain('open-files');
  expect(seen.filter((s) => s.startsWith('tab-'))).toEqual(['tab-overview']);
  await page.screenshot({
    path: '/tmp/a11y-focus-tab.png',
    clip: { x: 0, y: 0, width: 1400, height: 80 },
  });

  // Arrow keys move along the tabs (wrapping; Home/End), Enter opens the focused one.
  await page.keyboard.press('ArrowRight');
  expect(await focused(page)).toBe('tab-advisor');
  await expect(page.getByTestId('tab-overview')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('End');
  expect(await focused(page)).toBe('tab-report');
  await page.keyboard.press('ArrowRight');
  expect(await focused(page)).toBe('tab-overview');
  await page.keyboard.press('ArrowLeft');
  expect(await focused(page)).toBe('tab-report');
  await page.keyboard.press('Home');
  // Three to the right from Overview: Kernels.
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  expect(await focused(page)).toBe('tab-kernels');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('tab-kernels')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('view-kernels')).toHaveAttribute('role', 'tabpanel');
  // The view is loaded on first use: wait for its table before tabbing into it.
  await expect(page.getByTestId('kernel-table')).toBeVisible();

  // Into the kernels grid: one stop (a cell); arrows move the focused cell, Enter opens its row
  // on the timeline. (e2e/table-grid.spec.ts drives every grid key.)
  await tabUntil(page, 'kernel-table');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await expect(
    page.locator('[data-testid="kernel-table"] [role=row][aria-rowindex="3"] [aria-colindex="2"]'),
  ).toBeFocused();
  await page.screenshot({ path: '/tmp/a11y-focus-table.png' });
  await page.keyboard.press('Enter');
  await expect.poll(() => storeValue(page, 'tab')).toBe('timeline');
  expect(await storeValue(page, 'selected')).not.toBeNull();

  // The timeline's text alternative: the selected slice and the visible window are announced.
  const selection = page.getByTestId('timeline-live-selection');
  await expect(selection).toHaveAttribute('aria-live', 'polite');
  await expect(selection).toContainText('Selected slice');
  const windowText = page.getByTestId('timeline-live-window');
  await expect(windowText).toContainText('Showing');
  const before = await windowText.textContent();
  // "." selects the next slice on the track, and the announcement follows.
  const first = await selection.textContent();
  await page.keyboard.press('.');
  await expect(selection).not.toHaveText(first ?? '');
  await expect(selection).toContainText('Selected slice');
  // W zooms in (a held key, held until the window moves): the window is announced once it
  // settles.
  const held = await storeValue(page, 'visibleWindow');
  await page.keyboard.down('w');
  await expect.poll(() => storeValue(page, 'visibleWindow')).not.toEqual(held);
  await page.keyboard.up('w');
  await expect(windowText).not.toHaveText(before ?? '');
  // The tracks are focusable and described by the keyboard help.
  await expect(page.getByTestId('timeline-tracks')).toHaveAttribute(
    'aria-describedby',
    'timeline-keyboard-help',
  );
  await expect(page.locator('#timeline-keyboard-help')).toContainText('question mark');

  // The help dialog: focus moves into it, Tab stays inside, Escape closes it and focus returns.
  await page.getByTestId('timeline-tracks').focus();
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Timeline keyboard and mouse help' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAttribute('aria-modal', 'true');
  const inDialog = () => page.evaluate(() => !!document.activeElement?.closest('[role=dialog]'));
  expect(await inDialog()).toBe(true);
  await page.screenshot({ path: '/tmp/a11y-focus-dialog.png' });
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    expect(await inDialog()).toBe(true);
    await page.keyboard.press('Shift+Tab');
    expect(await inDialog()).toBe(true);
  }
  const selectedBefore = await storeValue(page, 'selected');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  expect(await focused(page)).toBe('timeline-tracks');
  // Escape closed the dialog only: the selection is still there.
  expect(await storeValue(page, 'selected')).toEqual(selectedBefore);

  // The details panel's tabs follow the arrows (selection follows focus).
  await page.getByTestId('details-tab-slice').focus();
  await page.keyboard.press('ArrowRight');
  expect(await focused(page)).toBe('details-tab-range');
  await expect(page.getByTestId('details-tab-range')).toHaveAttribute('aria-selected', 'true');
});

test('a radio group follows the arrow keys', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByTestId('app-status')).toHaveAttribute('data-state', 'ready');
  await page.getByTestId('tab-steps').click();
  const group = page.getByRole('radiogroup').first();
  await expect(group).toBeVisible();
  const radios = group.getByRole('radio');
  const checked = group.locator('[role=radio][aria-checked=true]');
  const startText = await checked.textContent();
  await checked.focus();
  await page.keyboard.press('ArrowRight');
  await expect(checked).not.toHaveText(startText ?? '');
  expect(await hasFocusRing(page)).toBe(true);
  await expect(checked).toBeFocused();
  // One tab stop: only the checked radio is in the tab order.
  const stops = await radios.evaluateAll((els) => els.filter((e) => e.tabIndex === 0).length);
  expect(stops).toBe(1);
});

test('the colour-blind-safe palette is chosen by keyboard and remembered', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByTestId('app-status')).toHaveAttribute('data-state', 'ready');
  expect(await storeValue(page, 'palette')).toBe('default');
  await page.getByTestId('tab-timeline').press('Enter');
  await expect(page.getByTestId('timeline-canvas')).toBeVisible();
  await page.waitForTimeout(300);
  await page.screenshot({ path: '/tmp/a11y-default-palette-light.png' });
  await page.getByTestId('palette-select').focus();
  expect(await hasFocusRing(page)).toBe(true);
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => storeValue(page, 'palette')).toBe('cvd');
  await page.waitForTimeout(300);
  await page.screenshot({ path: '/tmp/a11y-cvd-palette-light.png' });
  await page.getByTestId('theme-toggle').press('Enter');
  await page.waitForTimeout(300);
  await page.screenshot({ path: '/tmp/a11y-cvd-palette-dark.png' });
  await page.reload();
  await expect(page.getByTestId('app-status')).toHaveAttribute('data-state', 'ready');
  expect(await storeValue(page, 'palette')).toBe('cvd');
  await expect(page.getByTestId('palette-select')).toHaveValue('cvd');
});

test('with nothing selected, "." selects the first slice in view, and it is announced', async ({
  page,
}) => {
  await page.goto('./');
  await expect(page.getByTestId('app-status')).toHaveAttribute('data-state', 'ready');
  await page.getByTestId('tab-timeline').press('Enter');
  await expect(page.getByTestId('timeline-canvas')).toBeVisible();
  await page.getByTestId('timeline-tracks').focus();
  await page.keyboard.press('Escape');
  expect(await storeValue(page, 'selected')).toBeNull();
  await expect(page.getByTestId('timeline-live-selection')).toHaveText('Nothing selected.');
  await page.keyboard.press('.');
  await expect.poll(() => storeValue(page, 'selected')).not.toBeNull();
  await expect(page.getByTestId('timeline-live-selection')).toContainText('Selected slice');
});

test('the track names are one tab stop after the tracks: arrows, Enter folds, P pins, Esc', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('./');
  await expect(page.getByTestId('app-status')).toHaveAttribute('data-state', 'ready');
  await page.getByTestId('tab-timeline').click();
  await expect(page.getByTestId('view-timeline')).toBeVisible();
  await page.getByTestId('timeline-tracks').focus();
  await page.keyboard.press('Tab');
  const label = page.locator('[data-testid=timeline-track-labels] :focus');
  await expect(label).toHaveCount(1);
  expect(await hasFocusRing(page)).toBe(true);
  expect((await label.getAttribute('aria-label'))?.length).toBeGreaterThan(0);
  // One tab stop: exactly one track name is in the tab order.
  await expect(
    page.locator('[data-testid=timeline-track-labels] [role=button][tabindex="0"]'),
  ).toHaveCount(1);
  // Down to a track that folds, then Enter folds / unfolds it as a click on its name does.
  const key = () => label.getAttribute('data-key');
  let expanded: string | null = null;
  for (let i = 0; i < 30 && expanded === null; i++) {
    await page.keyboard.press('ArrowDown');
    expanded = await label.getAttribute('aria-expanded');
  }
  expect(expanded, 'a track that folds').not.toBeNull();
  const folded = await key();
  await page.screenshot({ path: '/tmp/a11y-focus-track-label.png' });
  await page.keyboard.press('Enter');
  await expect(page.locator(`[data-key="${folded}"]`)).toHaveAttribute(
    'aria-expanded',
    expanded === 'true' ? 'false' : 'true',
  );
  expect(await key()).toBe(folded);
  // P pins it (named "(pinned)"), P again unpins.
  await page.keyboard.press('p');
  await expect(page.locator(`[data-key="${folded}"]`)).toHaveAttribute('aria-label', /\(pinned\)$/);
  await page.keyboard.press('p');
  await expect(page.locator(`[data-key="${folded}"]`)).not.toHaveAttribute(
    'aria-label',
    /\(pinned\)$/,
  );
  // The arrows stay on the names (the timeline's ↑/↓ did not also walk the slice tree).
  await page.keyboard.press('ArrowUp');
  expect(await key()).not.toBe(folded);
  await page.keyboard.press('Escape');
  expect(await focused(page)).toBe('timeline-tracks');
});

test('the cluster heatmap by keyboard: arrows move the cell, it is announced, Enter opens it', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('./?demo=0');
  await page.getByTestId('open-folder').setInputFiles('fixtures/cluster-8/run_20250101');
  await expect(page.getByTestId('app-status')).toHaveAttribute('data-state', 'ready');
  await page.getByTestId('tab-cluster').click();
  const grid = page.getByTestId('cluster-heatmap-grid');
  await expect(grid).toBeVisible();
  // (The focused cell is outlined on the canvas: /tmp/a11y-focus-heatmap.png.)
  await grid.focus();
  const live = page.getByTestId('cluster-heatmap').locator('[aria-live=polite]');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await expect(live).toHaveText(/^Rank \d+, step \S+: .+ vs the step median$/);
  const first = await live.textContent();
  // Ctrl+End: the last rank's last step; Ctrl+Home: the first cell; back to where we were.
  await page.keyboard.press('Control+End');
  await expect(live).toHaveText(/^Rank 7, /);
  await page.keyboard.press('Control+Home');
  await expect(live).toHaveText(/^Rank 0, /);
  await page.keyboard.press('End');
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await expect(live).toHaveText(first ?? '');
  await page.screenshot({ path: '/tmp/a11y-focus-heatmap.png' });
  // Space picks the focused cell's rank; Enter opens it on the timeline.
  await page.keyboard.press(' ');
  await expect
    .poll(
      async () =>
        ((await storeValue(page, 'clusterSelectedRanks')) as unknown[] | undefined)?.length,
    )
    .toBeGreaterThan(0);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('view-timeline')).toBeVisible();
});
