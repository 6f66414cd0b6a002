/**
 * The interface in English and Simplified Chinese on the demo profile: the switch in the top bar
 * (remembered, carried by the link), every main view rendered in both languages, and no element
 * clipped or overflowing at 1400 px in Chinese that is not in English. Screenshots of the Chinese
 * views go to /tmp/i18n-zh-<view>.png for review.
 */
import { expect, test, type Page } from '@playwright/test';
import { gotoWithCjkFont } from './viewer';
import { VIEW_TABS } from '../src/store/ui-slice';
import type { ViewState } from '../src/app/share/view-state';

type ShareWindow = { __viewer: { share: { currentState(): ViewState } } };

const VIEWS = VIEW_TABS;

/**
 * A machine without a CJK font draws Chinese as boxes (about as wide as the glyphs, so the
 * clipping check still holds). I18N_CJK_FONT=<path to a .ttf/.ttc> serves one to the page under
 * a name in the app's font stack, for screenshots that a person can read.
 */

async function openDemo(page: Page, lang: string) {
  await gotoWithCjkFont(page, `./?lang=${lang}`);
  await expect(page.getByTestId('app-status')).toHaveAttribute('data-state', 'ready');
}

/**
 * Elements whose text is cut: content wider than the box while the box clips it (overflow other
 * than visible, or an ellipsis), or wider than the page. Named by test id / class and the path.
 */
function clipped(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const name = (el: Element) =>
      el.getAttribute('data-testid') ??
      `${el.tagName.toLowerCase()}${el.classList.length ? '.' + [...el.classList].join('.') : ''}`;
    const path = (el: Element) => {
      const parts: string[] = [];
      for (let e: Element | null = el; e && parts.length < 4; e = e.parentElement)
        parts.unshift(name(e));
      return parts.join(' > ');
    };
    // Past the page edge inside a horizontally scrolling box (a wide table) is reachable, not cut.
    const inScroller = (el: Element) => {
      for (let e = el.parentElement; e; e = e.parentElement) {
        const o = getComputedStyle(e).overflowX;
        if (o === 'auto' || o === 'scroll') return true;
      }
      return false;
    };
    for (const el of document.querySelectorAll<HTMLElement>('.topbar *, main.viewer *')) {
      // Data cells are cut by design (long kernel names); headers and everything else are not.
      if (el.offsetParent === null || el.closest('canvas, [data-row]')) continue;
      // Screen-reader text is clipped to 1 px by design (and fills in on a timer).
      if (el.closest('.visually-hidden')) continue;
      const cs = getComputedStyle(el);
      const clips =
        cs.overflowX !== 'visible' || cs.textOverflow === 'ellipsis' || cs.whiteSpace === 'nowrap';
      const hasText = [...el.childNodes].some(
        (n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '',
      );
      if (!hasText) continue;
      if (
        clips &&
        el.scrollWidth > el.clientWidth + 1 &&
        cs.overflowX !== 'auto' &&
        cs.overflowX !== 'scroll'
      )
        out.push(path(el));
      else if (
        el.getBoundingClientRect().right > document.documentElement.clientWidth + 1 &&
        !inScroller(el)
      )
        out.push(`${path(el)} (past the page edge)`);
    }
    return [...new Set(out)].sort();
  });
}

test('the language switch translates, is remembered and travels in the link', async ({ page }) => {
  await openDemo(page, 'en');
  await expect(page.getByTestId('tab-steps')).toHaveText('Steps');
  await page.getByTestId('language-select').selectOption('zh-CN');
  await expect(page.getByTestId('tab-steps')).toHaveText('迭代');
  await expect(page.getByTestId('tab-operators')).toHaveText('算子');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  const state = await page.evaluate(() =>
    (window as unknown as ShareWindow).__viewer.share.currentState(),
  );
  expect(state.lang).toBe('zh-CN');
  // Remembered: a fresh visit without ?lang= opens in Chinese.
  await page.goto('./');
  await expect(page.getByTestId('app-status')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('tab-steps')).toHaveText('迭代');
  await page.getByTestId('language-select').selectOption('en');
  await expect(page.getByTestId('tab-steps')).toHaveText('Steps');
});

test('the top bar is no taller in Chinese than in English at 1400 px', async ({ page }) => {
  const heights: number[] = [];
  for (const lang of ['en', 'zh-CN']) {
    await openDemo(page, lang);
    const bar = await page.locator('.topbar').boundingBox();
    const tab = await page.getByTestId('tab-overview').boundingBox();
    await page.screenshot({
      path: `/tmp/i18n-${lang}-topbar.png`,
      clip: { x: 0, y: 0, width: 1400, height: 80 },
    });
    // At most two rows of tabs (as before the language switch was added).
    expect(bar!.height, lang).toBeLessThan(tab!.height * 3);
    heights.push(bar!.height);
  }
  expect(heights[1]).toBeLessThanOrEqual(heights[0]!);
});

test('the browser language chooses the first language', async ({ browser }) => {
  const ctx = await browser.newContext({ locale: 'zh-CN' });
  const page = await ctx.newPage();
  await page.goto('./');
  await expect(page.getByTestId('app-status')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('tab-overview')).toHaveText('概览');
  await ctx.close();
});

test('every main view renders in both languages without new clipping in Chinese', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const clippedEn: Record<string, string[]> = {};
  await openDemo(page, 'en');
  for (const v of VIEWS) {
    await page.getByTestId(`tab-${v}`).click();
    await expect(page.getByTestId(`view-${v}`)).toBeVisible();
    await page.waitForTimeout(300);
    clippedEn[v] = await clipped(page);
  }
  await openDemo(page, 'zh-CN');
  const extra: string[] = [];
  for (const v of VIEWS) {
    await page.getByTestId(`tab-${v}`).click();
    const view = page.getByTestId(`view-${v}`);
    await expect(view).toBeVisible();
    await page.waitForTimeout(300);
    // Chinese text present and no raw key shown (a missing message renders as "ns:key").
    await expect(view).toContainText(/[\u4e00-\u9fff]/);
    expect(await view.innerText()).not.toMatch(/\b[a-z]+:[a-z0-9]+_[a-z0-9_]+\b/);
    await page.screenshot({ path: `/tmp/i18n-zh-${v}.png` });
    for (const c of await clipped(page)) if (!clippedEn[v]!.includes(c)) extra.push(`${v}: ${c}`);
  }
  console.log(
    `clipped in English (baseline): ${Object.values(clippedEn).reduce((a, c) => a + c.length, 0)}`,
  );
  expect(extra, 'clipped or overflowing in Chinese only').toEqual([]);
});

/** The English the model writes (titles, fixes, row names) that must not show in Chinese. */
const MODEL_ENGLISH =
  /Not checked:|Device streams sit idle|The device is free|of the launches are followed|No AI CPU task|No idle gaps|Step time, mean|Device busy|Exposed communication|Whole capture|not part of any profile folder|matches no open begin/;

test('model text in Chinese: advisor findings, the import report, step names', async ({ page }) => {
  test.setTimeout(120_000);
  await openDemo(page, 'zh-CN');
  await page.getByTestId('tab-advisor').click();
  const findings = page.locator('.advisor-findings').first();
  await expect(findings.locator('.advisor-title').first()).toBeVisible();
  const titles = await findings.locator('.advisor-title').allInnerTexts();
  expect(titles.length).toBeGreaterThan(10);
  for (const title of titles) expect(title, title).toMatch(/[\u4e00-\u9fff]/);
  expect(await findings.innerText()).not.toMatch(MODEL_ENGLISH);
  // A finding's fix and its evidence words.
  const head = findings.locator('button.advisor-finding-head:not([disabled])').first();
  await head.click();
  await expect(findings.locator('.advisor-fix').first()).toContainText(/[\u4e00-\u9fff]/);
  await page.screenshot({ path: '/tmp/i18n-zh-advisor-findings.png' });
  await page.getByTestId('tab-steps').click();
  await expect(page.getByTestId('view-steps')).toContainText(/迭代 \d/);
  // A trace with an unmatched end: the warning's kind is said in Chinese beside its code.
  await page.getByTestId('open-files').setInputFiles('fixtures/trace-json/be-unmatched-end.json');
  await expect(page.getByTestId('app-status')).toHaveAttribute('data-state', 'ready');
  await page.getByTestId('tab-report').click();
  const warnings = page.getByTestId('warnings-table');
  await expect(warnings).toContainText('unmatched_end');
  await expect(warnings).toContainText('没有对应开始的结束事件');
  await page.screenshot({ path: '/tmp/i18n-zh-report-warnings.png', fullPage: true });
});

test('model text in Chinese on two ranks: compare summary, cluster advice, file reasons', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('./?demo=0&lang=zh-CN');
  await page.getByTestId('open-folder').setInputFiles('fixtures/ascend/two-ranks/run_20250101');
  await expect(page.getByTestId('app-status')).toHaveAttribute('data-state', 'ready');
  await page.getByTestId('tab-compare').click();
  const summary = page.getByTestId('compare-summary');
  await expect(summary).toBeVisible();
  await expect(summary.locator('tr[data-id=stepMean] td').first()).toHaveText('迭代时间（均值）');
  await expect(summary.locator('tr[data-id=exposedCommunication] td').first()).toHaveText(
    '未被掩盖的通信',
  );
  expect(await summary.innerText()).not.toMatch(MODEL_ENGLISH);
  // The kernels diff: its statuses and column names.
  const kernels = page.getByTestId('compare-kernels');
  await expect(kernels.getByRole('columnheader', { name: '基线次数' })).toBeVisible();
  await expect(kernels.locator('.diff-status').first()).toHaveText(/^(新增|移除|变慢|变快|持平)$/);
  await page.screenshot({ path: '/tmp/i18n-zh-compare.png', fullPage: true });
  await page.getByTestId('tab-advisor').click();
  const cluster = page.getByTestId('advisor-cluster');
  await expect(cluster).toBeVisible();
  await expect(cluster.getByTestId('finding-slow-rank')).toContainText(/[\u4e00-\u9fff]/);
  expect(await cluster.innerText()).not.toMatch(/Rank \d+ is the rank|Bandwidth is even|needs /);
  await page.getByTestId('tab-report').click();
  const report = page.getByTestId('view-report');
  await expect(report).toContainText(/[\u4e00-\u9fff]/);
  expect(await report.innerText()).not.toMatch(MODEL_ENGLISH);
  await page.screenshot({ path: '/tmp/i18n-zh-report.png', fullPage: true });
});
