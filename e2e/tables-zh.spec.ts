// Issue 19: the data tables of the demo profile in Chinese at 1400 px cut no more than in
// English: per table and column, the header label and the data cells whose text is wider than
// their box (ellipsis) are counted in both languages; a column cut in Chinese only fails.
// Screenshots of the Chinese tables: /tmp/a11y3-zh-<view>.png (I18N_CJK_FONT=<.ttf/.ttc> serves
// a CJK font to the page, as in e2e/i18n.spec.ts, when the machine has none).
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { ready } from './viewer';

const VIEWS = ['kernels', 'operators', 'steps', 'communication', 'memory', 'sql', 'report'];
const CJK_FONT = process.env['I18N_CJK_FONT'];

async function open(page: Page, lang: string) {
  if (CJK_FONT) {
    const font = readFileSync(CJK_FONT);
    await page.route('**/__cjk-font', (r) => r.fulfill({ body: font }));
    await page.route('**/__cjk-font.css', (r) =>
      r.fulfill({
        contentType: 'text/css',
        body: `@font-face { font-family: 'WenQuanYi Micro Hei'; src: url('/__cjk-font'); }`,
      }),
    );
  }
  await page.goto(`./?lang=${lang}`);
  if (CJK_FONT) await page.addStyleTag({ url: '/__cjk-font.css' });
  await ready(page);
}

/** "grid col N header" / "grid col N cells" → how many are cut, for every grid on the page. */
function cut(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const out: Record<string, number> = {};
    const add = (k: string) => (out[k] = (out[k] ?? 0) + 1);
    const wide = (el: Element) => el.scrollWidth > el.clientWidth + 1;
    for (const grid of document.querySelectorAll<HTMLElement>('[role=grid]')) {
      if (grid.offsetParent === null) continue;
      const id = grid.dataset['testid'] ?? grid.getAttribute('aria-label') ?? '?';
      for (const h of grid.querySelectorAll('[role=columnheader]'))
        if (wide(h.querySelector('.dt-label')!))
          add(`${id} col ${h.getAttribute('aria-colindex')} header`);
      for (const c of grid.querySelectorAll('[role=gridcell][data-col]'))
        if (wide(c)) add(`${id} col ${c.getAttribute('aria-colindex')} cells`);
    }
    return out;
  });
}

async function visit(page: Page, view: string) {
  await page.getByTestId(`tab-${view}`).click();
  await expect(page.getByTestId(`view-${view}`)).toBeVisible();
  if (view === 'sql') {
    await expect(page.getByTestId('sql-run')).toBeEnabled();
    await page.getByTestId('sql-input').fill('SELECT name, ts, dur, depth FROM slice LIMIT 200');
    await page.getByTestId('sql-run').click();
    await expect(page.getByTestId('sql-result')).toHaveAttribute('aria-rowcount', '201');
  }
  await expect(page.locator('[role=grid]:visible').first()).toBeVisible();
  await page.waitForTimeout(300);
}

test('tables in Chinese at 1400 px cut no column that English does not', async ({ page }) => {
  test.setTimeout(240_000);
  const en: Record<string, Record<string, number>> = {};
  await open(page, 'en');
  for (const v of VIEWS) {
    await visit(page, v);
    en[v] = await cut(page);
  }
  await open(page, 'zh-CN');
  const extra: string[] = [];
  for (const v of VIEWS) {
    await visit(page, v);
    await expect(page.getByTestId(`view-${v}`)).toContainText(/[\u4e00-\u9fff]/);
    await page.screenshot({ path: `/tmp/a11y3-zh-${v}.png` });
    for (const [k, n] of Object.entries(await cut(page)))
      if (n > (en[v]![k] ?? 0))
        extra.push(`${v}: ${k} (${n} cut in Chinese, ${en[v]![k] ?? 0} in English)`);
  }
  expect(extra, 'cut in Chinese only').toEqual([]);
});
