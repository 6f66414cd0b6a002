// Issue 19: the data tables of the demo profile in Chinese at 1400 px cut no more than in
// English: per table and column, the header label and the data cells whose text is wider than
// their box (ellipsis) are counted in both languages; a column cut in Chinese only fails.
// Screenshots: /tmp/a11y3-{en,zh}-<view>[-grid<i>].png (I18N_CJK_FONT=<.ttf/.ttc> serves
// a CJK font to the page, as in e2e/i18n.spec.ts, when the machine has none).
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateComparePair } from '../src/generator/compare-pair';
import { gotoWithCjkFont, ready } from './viewer';

const VIEWS = ['kernels', 'operators', 'steps', 'communication', 'memory', 'sql', 'report'];

async function open(page: Page, lang: string, demo = true) {
  await gotoWithCjkFont(page, `./?lang=${lang}${demo ? '' : '&demo=0'}`);
  if (demo) await ready(page);
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

/** The page, and each visible grid on its own (scrolled into view), to look at. */
async function shoot(page: Page, lang: string, view: string) {
  await page.screenshot({ path: `/tmp/a11y3-${lang}-${view}.png` });
  const grids = page.locator('[role=grid]:visible');
  for (let i = 0; i < (await grids.count()); i++)
    await grids.nth(i).screenshot({ path: `/tmp/a11y3-${lang}-${view}-grid${i}.png` });
}

/** Opens the profile in each language, visits the views, and lists columns cut in Chinese only. */
async function compareLanguages(
  page: Page,
  load: (lang: string) => Promise<void>,
  views: readonly string[],
) {
  const en: Record<string, Record<string, number>> = {};
  await load('en');
  for (const v of views) {
    await visit(page, v);
    en[v] = await cut(page);
    await shoot(page, 'en', v);
  }
  await load('zh-CN');
  const extra: string[] = [];
  for (const v of views) {
    await visit(page, v);
    await expect(page.getByTestId(`view-${v}`)).toContainText(/[\u4e00-\u9fff]/);
    await shoot(page, 'zh', v);
    for (const [k, n] of Object.entries(await cut(page)))
      if (n > (en[v]![k] ?? 0))
        extra.push(`${v}: ${k} (${n} cut in Chinese, ${en[v]![k] ?? 0} in English)`);
  }
  expect(extra, 'cut in Chinese only').toEqual([]);
}

test('tables of the demo profile in Chinese at 1400 px cut no column that English does not', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await compareLanguages(page, (lang) => open(page, lang), VIEWS);
});

test('the cluster and compare tables in Chinese cut no column that English does not', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await compareLanguages(
    page,
    async (lang) => {
      await open(page, lang, false);
      await page.getByTestId('open-folder').setInputFiles('fixtures/cluster-8/run_20250101');
      await ready(page);
    },
    ['cluster'],
  );
  const pair = generateComparePair();
  const dir = mkdtempSync(join(tmpdir(), 'atv-zh-'));
  const files = [join(dir, 'baseline.pt.trace.json'), join(dir, 'target.pt.trace.json')];
  writeFileSync(files[0]!, pair.baseline.text);
  writeFileSync(files[1]!, pair.target.text);
  await compareLanguages(
    page,
    async (lang) => {
      await open(page, lang, false);
      await page.getByTestId('open-files').setInputFiles(files);
      await ready(page);
    },
    ['compare'],
  );
});
