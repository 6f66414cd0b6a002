// Issue 19 (access): the data tables are ARIA grids navigated cell by cell (WAI-ARIA APG grid
// pattern) on the generated demo profile: one tab stop, arrows/Home/End/Ctrl+Home/End/PageUp/
// PageDown move the focused cell, the virtual list scrolls a far row into view and keeps focus
// while rows are recycled, Enter sorts on a header and acts on a row, F2/Esc go into and out of a
// cell's buttons (Operators' call-stack expander and detail block), and aria-rowcount/rowindex/
// colindex stay right. Screenshots of the focused cell in both themes: /tmp/a11y3-grid-*.png.
import { expect, test, type Page } from '@playwright/test';
import { ready, type ViewerWindow } from './viewer';

interface Focus {
  grid: string;
  role: string;
  tag: string;
  rowIndex: number;
  colIndex: number;
  rowCount: number;
  colCount: number;
  /** Cells in the grid's tab order (roving tabindex: exactly one). */
  tabStops: number;
  /** The focused cell lies inside the scroller's visible area, below the sticky header. */
  inView: boolean;
  scrollTop: number;
}

/** Where focus is, read from the DOM and the ARIA attributes. */
const focus = (page: Page): Promise<Focus> =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const cell = el.closest<HTMLElement>('[role=gridcell],[role=columnheader]');
    const grid = el.closest<HTMLElement>('[role=grid]');
    const row = el.closest<HTMLElement>('[role=row]');
    if (!cell || !grid || !row) return null as unknown as Focus;
    const g = grid.getBoundingClientRect();
    const head = grid.querySelector('[aria-rowindex="1"]')!.getBoundingClientRect();
    const c = cell.getBoundingClientRect();
    const top = cell.getAttribute('role') === 'columnheader' ? g.top : head.bottom;
    return {
      grid: grid.dataset['testid'] ?? '',
      role: cell.getAttribute('role') ?? '',
      tag: el.tagName.toLowerCase(),
      rowIndex: Number(row.getAttribute('aria-rowindex')),
      colIndex: Number(cell.getAttribute('aria-colindex')),
      rowCount: Number(grid.getAttribute('aria-rowcount')),
      colCount: grid.querySelectorAll('[role=columnheader]').length,
      tabStops: grid.querySelectorAll('[tabindex="0"]').length,
      inView: c.top >= top - 1 && c.bottom <= g.bottom + 1 && c.left >= g.left - 1,
      scrollTop: grid.scrollTop,
    };
  });

const press = async (page: Page, ...keys: string[]) => {
  for (const k of keys) await page.keyboard.press(k);
};

async function openTab(page: Page, tab: string, grid: string) {
  await page.getByTestId(`tab-${tab}`).click();
  await expect(page.getByTestId(grid).locator('[role=row][data-row]').first()).toBeVisible();
}

test.describe('data tables are ARIA grids navigated by cell', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto('./');
    await ready(page);
  });

  test('Kernels: arrows, Home/End, Ctrl+Home/End, paging, sorting, a far row, Enter', async ({
    page,
  }) => {
    await openTab(page, 'kernels', 'kernel-table');
    const table = page.getByTestId('kernel-table');
    // Tab reaches the grid once: its stop is the first data cell.
    await page.getByTestId('tab-kernels').focus();
    let f: Focus | null = null;
    for (let i = 0; i < 30 && f?.grid !== 'kernel-table'; i++) {
      await page.keyboard.press('Tab');
      f = await focus(page);
    }
    expect(f).toMatchObject({ grid: 'kernel-table', role: 'gridcell', rowIndex: 2, colIndex: 1 });
    expect(f!.tabStops).toBe(1);
    const { rowCount, colCount } = f!;
    expect(rowCount).toBe(Number(await table.getAttribute('data-rows')) + 1);
    expect(rowCount).toBeGreaterThan(100);
    expect(colCount).toBeGreaterThan(3);
    await expect(table).toHaveAttribute('aria-colcount', String(colCount));

    await press(page, 'ArrowRight', 'ArrowRight');
    expect(await focus(page)).toMatchObject({ rowIndex: 2, colIndex: 3, tabStops: 1 });
    await press(page, 'ArrowDown');
    expect(await focus(page)).toMatchObject({ rowIndex: 3, colIndex: 3 });
    await expect(table.locator('[role=row][aria-rowindex="3"]')).toHaveClass(/\bactive\b/);
    await press(page, 'End');
    expect(await focus(page)).toMatchObject({ rowIndex: 3, colIndex: colCount });
    await press(page, 'ArrowRight');
    expect(await focus(page)).toMatchObject({ rowIndex: 3, colIndex: colCount });
    await press(page, 'Home');
    expect(await focus(page)).toMatchObject({ rowIndex: 3, colIndex: 1 });
    await press(page, 'ArrowUp', 'ArrowUp');
    expect(await focus(page)).toMatchObject({ role: 'columnheader', rowIndex: 1, colIndex: 1 });

    // PageDown moves by a page of rows and scrolls it into view.
    await press(page, 'ArrowDown', 'PageDown');
    const paged = await focus(page);
    expect(paged.rowIndex).toBeGreaterThan(12);
    expect(paged.inView).toBe(true);
    await press(page, 'PageUp');
    expect(await focus(page)).toMatchObject({ rowIndex: 2 });

    // Ctrl+End: the last cell of the last row, far below, rendered and scrolled into view.
    await press(page, 'Control+End');
    const end = await focus(page);
    expect(end).toMatchObject({ rowIndex: rowCount, colIndex: colCount, inView: true });
    expect(end.scrollTop).toBeGreaterThan(1000);
    await page.screenshot({ path: '/tmp/a11y3-grid-kernels-end-light.png' });
    // Ctrl+Home: the first cell of the table (the first column header).
    await press(page, 'Control+Home');
    expect(await focus(page)).toMatchObject({ role: 'columnheader', rowIndex: 1, colIndex: 1 });

    // Rows recycled by scrolling away keep the focused cell (its row stays rendered).
    await press(page, 'ArrowDown', 'ArrowRight');
    await table.evaluate((g) => (g.scrollTop = g.scrollHeight));
    await expect
      .poll(() => table.evaluate((g) => g.querySelector('[aria-rowindex="40"]') === null))
      .toBe(true);
    expect(await focus(page)).toMatchObject({ rowIndex: 2, colIndex: 2, inView: false });
    await press(page, 'ArrowDown');
    expect(await focus(page)).toMatchObject({ rowIndex: 3, colIndex: 2, inView: true });

    // Enter on a header cell sorts by it (aria-sort), again flips the direction.
    await press(page, 'ArrowUp', 'ArrowUp');
    const header = table.locator('[role=columnheader][aria-colindex="2"]');
    await expect(header).toBeFocused();
    await expect(header).not.toHaveAttribute('aria-sort');
    await press(page, 'Enter');
    await expect(header).toHaveAttribute('aria-sort', /ascending|descending/);
    const first = await header.getAttribute('aria-sort');
    await press(page, 'Enter');
    await expect(header).toHaveAttribute(
      'aria-sort',
      first === 'ascending' ? 'descending' : 'ascending',
    );
    await expect(header).toBeFocused();
    await expect(page.locator('.dt [role=status]').first()).toContainText('Sorted by');

    // A click on a header sorts too, and the arrows go on from that header cell.
    const third = table.locator('[role=columnheader][aria-colindex="3"]');
    await third.locator('button').click();
    await expect(third).toHaveAttribute('aria-sort', /ascending|descending/);
    await expect(header).not.toHaveAttribute('aria-sort');
    await expect(third).toBeFocused();
    await press(page, 'ArrowDown');
    expect(await focus(page)).toMatchObject({ rowIndex: 2, colIndex: 3 });

    // Enter on a data cell does what a click on the row does: the kernel on the timeline.
    await press(page, 'ArrowDown', 'ArrowDown');
    await press(page, 'Enter');
    await expect
      .poll(() =>
        page.evaluate(() => (window as unknown as ViewerWindow).__viewer.store.getState().tab),
      )
      .toBe('timeline');
    expect(
      await page.evaluate(
        () => (window as unknown as ViewerWindow).__viewer.store.getState().selected,
      ),
    ).not.toBeNull();
  });

  test('Operators: F2 into the call-stack expander, Esc out, the detail block as a line', async ({
    page,
  }) => {
    await openTab(page, 'operators', 'operator-table');
    const table = page.getByTestId('operator-table');
    // The column whose cells hold the expander button.
    const stackCol = Number(
      await table
        .locator('[role=gridcell]:has(button.expander)')
        .first()
        .getAttribute('aria-colindex'),
    );
    const stackRow = Number(
      await table.locator('[role=row]:has(button.expander)').first().getAttribute('aria-rowindex'),
    );
    expect(stackCol).toBeGreaterThan(0);
    // The expander is not a tab stop of its own.
    expect(await table.locator('button.expander').first().getAttribute('tabindex')).toBe('-1');

    await table.focus();
    expect(await focus(page)).toMatchObject({ rowIndex: 2, colIndex: 1, tabStops: 1 });
    for (let i = 2; i < stackRow; i++) await press(page, 'ArrowDown');
    for (let i = 1; i < stackCol; i++) await press(page, 'ArrowRight');
    expect(await focus(page)).toMatchObject({ rowIndex: stackRow, colIndex: stackCol });

    // F2: into the cell's button; Enter on it expands the row; Esc: back to the cell.
    await press(page, 'F2');
    const expander = table.locator(`[role=row][aria-rowindex="${stackRow}"] button.expander`);
    await expect(expander).toBeFocused();
    await press(page, 'Enter');
    await expect(expander).toHaveAttribute('aria-expanded', 'true');
    const row = table.locator(`[role=row][aria-rowindex="${stackRow}"]`);
    await expect(row).toHaveClass(/\bopen\b/);
    await press(page, 'Escape');
    expect(await focus(page)).toMatchObject({
      role: 'gridcell',
      tag: 'div',
      rowIndex: stackRow,
      colIndex: stackCol,
    });

    // ↓ goes to the open detail block (one cell, under its row), ↓ again to the next row, in
    // the column it left.
    await press(page, 'ArrowDown');
    const detail = row.locator('.dt-detail');
    await expect(detail).toBeFocused();
    await expect(detail).toHaveAttribute('role', 'gridcell');
    // Enter moves into the detail's buttons; Tab stays inside; Esc comes back.
    const buttons = await detail.locator('button').count();
    if (buttons > 0) {
      await press(page, 'Enter');
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('BUTTON');
      await press(page, 'Tab', 'Tab', 'Tab');
      expect(await page.evaluate(() => !!document.activeElement?.closest('.dt-detail'))).toBe(true);
      await press(page, 'Escape');
      await expect(detail).toBeFocused();
    }
    await page.screenshot({ path: '/tmp/a11y3-grid-operators-detail-light.png' });
    await press(page, 'ArrowDown');
    expect(await focus(page)).toMatchObject({ rowIndex: stackRow + 1, colIndex: stackCol });
    await press(page, 'ArrowUp');
    await expect(detail).toBeFocused();
    await press(page, 'ArrowUp');
    expect(await focus(page)).toMatchObject({ rowIndex: stackRow, colIndex: stackCol });

    // Enter on a data cell does what a click does here: opens or closes the row.
    await press(page, 'Enter');
    await expect(row).not.toHaveClass(/\bopen\b/);
    expect(await focus(page)).toMatchObject({ rowIndex: stackRow, colIndex: stackCol });
    await press(page, 'Enter');
    await expect(row).toHaveClass(/\bopen\b/);
  });

  test('SQL result: cell navigation, row count, a far row scrolled into view', async ({ page }) => {
    await page.getByTestId('tab-sql').click();
    await expect(page.getByTestId('sql-run')).toBeEnabled();
    await page.getByTestId('sql-input').fill('SELECT * FROM slice LIMIT 300');
    await page.getByTestId('sql-run').click();
    const table = page.getByTestId('sql-result');
    await expect(table).toHaveAttribute('aria-rowcount', '301');
    await table.focus();
    const start = await focus(page);
    expect(start).toMatchObject({ grid: 'sql-result', rowIndex: 2, colIndex: 1, tabStops: 1 });
    expect(start.colCount).toBeGreaterThan(2);
    await press(page, 'ArrowRight', 'ArrowRight', 'ArrowDown');
    expect(await focus(page)).toMatchObject({ rowIndex: 3, colIndex: 3 });
    await press(page, 'Control+End');
    expect(await focus(page)).toMatchObject({
      rowIndex: 301,
      colIndex: start.colCount,
      inView: true,
    });
    await press(page, 'Home', 'PageUp');
    const up = await focus(page);
    expect(up.rowIndex).toBeLessThan(301);
    expect(up).toMatchObject({ colIndex: 1, inView: true });
    // Every rendered cell carries its column index; rows their position.
    const bad = await table.evaluate((g) => {
      const out: string[] = [];
      for (const r of g.querySelectorAll<HTMLElement>('[role=row][data-index]')) {
        if (Number(r.getAttribute('aria-rowindex')) !== Number(r.dataset['index']) + 2)
          out.push(`row ${r.dataset['index']}`);
        r.querySelectorAll('[role=gridcell]').forEach((c, i) => {
          if (c.getAttribute('aria-colindex') !== String(i + 1)) out.push(`cell ${i}`);
        });
      }
      return out;
    });
    expect(bad).toEqual([]);
  });

  test('the focused cell shows a ring in both themes', async ({ page }) => {
    await openTab(page, 'kernels', 'kernel-table');
    for (const theme of ['light', 'dark'] as const) {
      if ((await page.locator('html').getAttribute('data-theme')) !== theme)
        await page.getByTestId('theme-toggle').click();
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await page.getByTestId('kernel-table').focus();
      await press(page, 'ArrowDown', 'ArrowRight');
      const ring = await page.evaluate(() => {
        const s = getComputedStyle(document.activeElement!);
        return { style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor };
      });
      expect(ring.style).toBe('solid');
      expect(ring.width).toBeGreaterThanOrEqual(2);
      await page.screenshot({ path: `/tmp/a11y3-grid-focus-${theme}.png` });
    }
  });
});
