/**
 * Chinese interface on inputs with problems: the readers' detail sentences (warning examples,
 * failure reasons, the error banner) and the model's own track names show in Chinese, with the
 * data (event names, paths, offsets) as written; the headless summary of the same folder keeps
 * its English. Screenshots go to /tmp/i18n3-*.png (I18N_CJK_FONT=<ttf> makes them readable).
 */
import { expect, test, type Page } from '@playwright/test';
import { gotoWithCjkFont } from './viewer';
import { memoryFile } from '../src/import/sources/input-file';
import { summarizeInputs } from '../src/node/summarize-inputs';
import type { AppStore } from '../src/store/app-store';
import type { TimelineView } from '../src/timeline/view/timeline-view';
import { writeTemp } from '../test/hostile/e2e-inputs';

type TestWindow = Window & { __viewer: { store: AppStore; timeline?: { view: TimelineView } } };

const O = 'r_ascend_pt/ASCEND_PROFILER_OUTPUT';
const US = 1736412474714000;

/** A profile folder with reader warnings and a stream whose slices overlap. */
const FILES = [
  {
    path: `${O}/trace_view.json`,
    data: JSON.stringify([
      { ph: 'M', name: 'process_name', pid: 2, args: { name: 'Ascend Hardware' } },
      { ph: 'M', name: 'thread_name', pid: 2, tid: 4, args: { name: 'Stream 4' } },
      { ph: 'X', name: 'MatMul', pid: 2, tid: 4, ts: US + 10, dur: 100 },
      { ph: 'X', name: 'late-overlap', pid: 2, tid: 4, ts: US + 60, dur: 100 },
      { ph: 'B', name: 'open', pid: 1, tid: 1, ts: US + 10 },
      { ph: 'E', name: 'stray', pid: 1, tid: 2, ts: US + 12 },
      { ph: 'X', name: 'neg', pid: 1, tid: 1, ts: US + 31, dur: -1 },
    ]),
  },
  {
    path: `${O}/kernel_details.csv`,
    data:
      'Step Id,Name,Type,Accelerator Core,Start Time(us),Duration(us),Wait Time(us),Block Dim\r\n' +
      `1,K1,T,AI_CORE,${US + 10}.5\t,oops,0,1\r\n` +
      `1,K2,T,AI_CORE,${US + 20}\t,5,0\r\n`,
  },
  { path: `${O}/profiler_info.json`, data: '[1, 2' },
];

async function openZh(page: Page) {
  await gotoWithCjkFont(page, './?demo=0&lang=zh-CN');
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('atv-theme', 'light'));
  await page.setViewportSize({ width: 1400, height: 900 });
});

test('reader warnings, failures and the overlapping stream in Chinese; headless stays English', async ({
  page,
}) => {
  const dir = writeTemp(FILES);
  await openZh(page);
  await page.getByTestId('open-folder').setInputFiles(dir);
  await expect(page.getByTestId('app-status')).toHaveAttribute('data-state', 'ready');

  // The import report: warning examples and the failure reason in Chinese, data as written.
  await page.getByTestId('tab-report').click();
  const report = page.getByTestId('import-report');
  await expect(report).toContainText('的 E "stray" 没有对应的未结束 B；已丢弃');
  await expect(report).toContainText('B "open" 没有 E；画到 trace 末尾');
  await expect(report).toContainText('与同层切片部分重叠的切片画在溢出泳道上');
  await expect(report).toContainText('"Stream 4"：');
  await expect(report).toContainText(
    'kernel_details.csv 第 1 行 "Duration(us)" 列："oops" 不是以 µs 为单位的数字（格式错误）',
  );
  await expect(report).toContainText('kernel_details.csv 第 2 行有 7 个单元格，表头有 8 个');
  const info = page.locator('[data-testid="inputs-table"] tr', { hasText: 'profiler_info.json' });
  await expect(info).toHaveAttribute('data-status', 'failed');
  await expect(info).toContainText('不是有效的 JSON');
  for (const english of ['matches no open B', 'has no E; drawn', 'is not a number', 'has 7 cells'])
    await expect(report).not.toContainText(english);
  await page.screenshot({ path: '/tmp/i18n3-report.png', fullPage: true });

  // The overflow lane of the stream: its name is the data's with the model's words in Chinese.
  await page.getByTestId('tab-timeline').click();
  await page.waitForFunction(() => !!(window as unknown as TestWindow).__viewer.timeline?.view);
  await page.evaluate(() => {
    const v = (window as unknown as TestWindow).__viewer.timeline!.view;
    v.select(v.findSlice('late-overlap'), true);
  });
  await expect(page.getByTestId('details-name')).toHaveText('late-overlap');
  await expect(page.getByTestId('details-track')).toContainText('Stream 4（重叠）');
  await expect(page.getByTestId('details-track')).not.toContainText('overlapping');
  await page.screenshot({ path: '/tmp/i18n3-timeline.png' });

  // The headless summary of the same folder keeps its English (and no message keys).
  const files = FILES.map((f) => memoryFile(`r/${f.path}`, f.data));
  const res = await summarizeInputs(files);
  expect('summary' in res).toBe(true);
  const json = JSON.stringify('summary' in res ? res.summary : null);
  expect(json).toContain('E \\"stray\\" at 2000 ns matches no open B; dropped');
  expect(json).toContain(
    'kernel_details.csv row 1, column \\"Duration(us)\\": \\"oops\\" is not a number of µs (syntax)',
  );
  expect(json).not.toMatch(/exampleMsg|reasonMsg|[\u4e00-\u9fff]/);
});

test('the error banner in Chinese: nothing readable in the folder', async ({ page }) => {
  const dir = writeTemp([{ path: 'stuff/readme.txt', data: 'hello' }]);
  await openZh(page);
  await page.getByTestId('open-folder').setInputFiles(dir);
  await expect(page.getByTestId('app-status')).toHaveAttribute('data-state', 'error');
  await expect(page.getByTestId('error-banner')).toContainText(
    '未找到性能数据输出或 trace 文件（查找了 ASCEND_PROFILER_OUTPUT、*_ascend_pt 文件夹和 trace JSON）',
  );
  await page.screenshot({ path: '/tmp/i18n3-banner.png' });
});
