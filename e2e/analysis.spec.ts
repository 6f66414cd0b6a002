// Issue 13: a Kineto trace, a lone trace_view.json and a db-only folder each fill Kernels,
// Operators and Steps from the analysis of the trace (figures checked against the generator and
// the analysis run here in Node), and a kernel clicked on the timeline shows its kernel_details
// row. Screenshots go to /tmp/analysis-*.png.
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generateAscendProfile } from '../src/generator/ascend-profile';
import { generateKinetoTrace } from '../src/generator/kineto-trace';
import { loadSqlJs } from '../src/import/db/sql-loader';
import { locateSqlJsInNode } from '../src/import/db/sql-loader-node';
import { makeDb, schema100 } from '../src/import/db/test-dbs';
import { memoryFile } from '../src/import/sources/input-file';
import { importTraceJson } from '../src/import/trace/import-trace-json';
import { analyzeTrace } from '../src/model/analysis/analyze';
import type { ViewerWindow } from './viewer';

function writeTree(files: { path: string; data: string | Uint8Array }[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'atv-analysis-'));
  for (const f of files) {
    const p = join(dir, f.path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, f.data);
  }
  return dir;
}

const rows = (page: Page, table: string) =>
  page.locator(`[data-testid="${table}"] [role=row][data-row]`);

async function ready(page: Page) {
  await expect(page.getByTestId('app-status')).toHaveAttribute('data-state', 'ready');
}

async function tabsFilled(page: Page, shot: string, kernels: number, steps: number) {
  await page.getByTestId('tab-kernels').click();
  await expect(page.getByTestId('row-count')).toHaveText(
    `${kernels.toLocaleString('en-US')} kernels`,
  );
  await expect(page.getByTestId('kernels-view').getByTestId('source-note')).toBeVisible();
  await page.screenshot({ path: `/tmp/analysis-${shot}-kernels.png` });
  await page.getByTestId('tab-operators').click();
  await expect(page.getByTestId('operators-view')).toBeVisible();
  await expect(rows(page, 'operator-table').first()).toBeVisible();
  await page.screenshot({ path: `/tmp/analysis-${shot}-operators.png` });
  await page.getByTestId('tab-steps').click();
  await expect(page.getByTestId('steps-view')).toBeVisible();
  await expect(rows(page, 'steps-table')).toHaveCount(steps);
  await expect(page.getByTestId('step-definition')).toContainText('Step time = Computing');
  await page.screenshot({ path: `/tmp/analysis-${shot}-steps.png` });
}

test('a Kineto trace fills Kernels, Operators and Steps from the trace', async ({ page }) => {
  const g = generateKinetoTrace({ seed: 31, style: 'new', steps: 3, kernelsPerStep: 8 });
  const dir = writeTree([{ path: 'rank0.pt.trace.json', data: g.text }]);
  await page.goto('./?demo=0');
  await page.getByTestId('open-files').setInputFiles(join(dir, 'rank0.pt.trace.json'));
  await ready(page);
  await tabsFilled(page, 'kineto', g.truth.kernels.length, 3);
  // The nested wrapper counts once: MyBlock's device total = its kernels' time.
  await page.getByTestId('tab-operators').click();
  await page.getByTestId('group-by').selectOption('name');
  const block = rows(page, 'operator-groups').filter({ hasText: 'MyBlock' });
  // 3 calls for 3 steps: the MyBlock inside MyBlock is part of its outer call (§4.2; was 6).
  await expect(block.locator('[role=gridcell]').nth(1)).toHaveText('3');
  await page.screenshot({ path: '/tmp/analysis-kineto-operator-groups.png' });
  // Communication: the NCCL kernels with their compute overlap.
  await page.getByTestId('tab-communication').click();
  await expect(page.getByTestId('trace-collectives').locator('tbody tr')).toHaveCount(3);
  await page.getByTestId('tab-overview').click();
  await expect(page.getByTestId('top-kernels')).toBeVisible();
  await expect(page.getByTestId('top-operators')).toBeVisible();
  await page.screenshot({ path: '/tmp/analysis-kineto-overview.png', fullPage: true });
});

test('a lone trace_view.json fills Kernels, Operators and Steps', async ({ page }) => {
  const g = generateAscendProfile({ seed: 32, level: 'Level2', steps: 2, kernelsPerStep: 10 });
  const tv = g.files.find((f) => f.path.endsWith('trace_view.json'))!;
  const trace = await importTraceJson(memoryFile('trace_view.json', tv.data));
  const a = analyzeTrace(trace);
  const dir = writeTree([{ path: 'trace_view.json', data: tv.data }]);
  await page.goto('./?demo=0');
  await page.getByTestId('open-files').setInputFiles(join(dir, 'trace_view.json'));
  await ready(page);
  expect(a.steps.length).toBe(2);
  await tabsFilled(page, 'trace-view', a.kernels!.length, 2);
});

test('a db-only folder fills Kernels, Operators and Steps, named as from the db', async ({
  page,
}) => {
  locateSqlJsInNode();
  const bytes = makeDb(await loadSqlJs(), schema100());
  const dir = writeTree([
    { path: 'r_ascend_pt/ASCEND_PROFILER_OUTPUT/ascend_pytorch_profiler_0.db', data: bytes },
  ]);
  await page.goto('./?demo=0');
  await page.getByTestId('open-folder').setInputFiles(join(dir, 'r_ascend_pt'));
  await ready(page);
  await page.getByTestId('tab-kernels').click();
  await expect(page.getByTestId('kernels-view').getByTestId('source-note')).toContainText('.db');
  await page.getByTestId('tab-operators').click();
  await expect(page.getByTestId('operators-view').getByTestId('source-note')).toContainText(
    'PYTORCH_API',
  );
  await expect(rows(page, 'operator-table').first()).toBeVisible();
  await page.screenshot({ path: '/tmp/analysis-db-operators.png' });
  await page.getByTestId('tab-steps').click();
  await expect(rows(page, 'steps-table').first()).toBeVisible();
  await page.getByTestId('tab-statistics').click();
  await expect(page.getByTestId('stats-table')).toBeVisible();
  await page.screenshot({ path: '/tmp/analysis-db-statistics.png' });
});

test('a kernel clicked on the timeline shows its kernel_details row', async ({ page }) => {
  const g = generateAscendProfile({ seed: 33, level: 'Level2', steps: 1, kernelsPerStep: 8 });
  const dir = writeTree(g.files);
  const root = g.files[0]!.path.split('/')[0]!;
  await page.goto('./?demo=0');
  await page.getByTestId('open-folder').setInputFiles(join(dir, root));
  await ready(page);
  await page.getByTestId('tab-kernels').click();
  await page.getByTestId('table-filter').fill('MatMul');
  await page.getByTestId('table-filter').press('Enter');
  await rows(page, 'kernel-table').first().click();
  await expect(page.getByTestId('view-timeline')).toBeVisible();
  const details = page.getByTestId('details-kernel');
  await expect(details).toBeVisible();
  await expect(details).toContainText('Block Dim');
  await expect(details).toContainText('Input Shapes');
  await page.screenshot({ path: '/tmp/analysis-kernel-details.png' });
});

test('an Ascend folder: the cross-checks and the Kernels join follow the hand-over; Kernels rows carry trace columns', async ({
  page,
}) => {
  const g = generateAscendProfile({ seed: 34, level: 'Level2', steps: 2, kernelsPerStep: 8 });
  const dir = writeTree(g.files);
  const root = g.files[0]!.path.split('/')[0]!;
  await page.goto('./?demo=0');
  await page.getByTestId('open-folder').setInputFiles(join(dir, root));
  await ready(page);
  // The checks and the Kernels join follow the profile from the import worker (typed arrays),
  // made there after the hand-over and merged into the profile, before the Kernels view was ever
  // opened: the view only reads it.
  const merged = () =>
    page.evaluate(() => {
      const s = (window as unknown as ViewerWindow).__viewer.store.getState();
      const p = Object.values(s.profiles)[0];
      const j = p?.kernelJoin;
      return {
        pending: p?.checksPending ?? false,
        checks: p?.crossChecks?.warnings.length ?? null,
        join: j
          ? { typed: j.event instanceof Int32Array, matched: j.matched, rows: j.event.length }
          : null,
      };
    });
  await expect.poll(async () => (await merged()).pending).toBe(false);
  const { checks, join: kernelJoin } = await merged();
  expect(checks).toBe(0);
  expect(kernelJoin).not.toBeNull();
  expect(kernelJoin!.typed).toBe(true);
  expect(kernelJoin!.matched).toBe(kernelJoin!.rows);
  await page.getByTestId('tab-overview').click();
  const status = page.getByTestId('overview-cross-checks');
  await expect(status).toHaveAttribute('data-status', 'passed');
  await page.screenshot({ path: '/tmp/analysis-overview-checks.png' });
  await status.getByRole('button').click();
  await expect(page.getByTestId('cross-checks')).toContainText('Cross-view checks passed');
  await page.getByTestId('tab-kernels').click();
  const note = page.getByTestId('kernel-trace-join');
  await expect(note).toContainText('rows matched a slice');
  const header = page.getByTestId('kernel-table').getByRole('columnheader');
  await expect(header.filter({ hasText: 'Launched by (trace)' })).toBeVisible();
  await expect(header.filter({ hasText: 'Kind (trace)' })).toBeVisible();
  await page.getByTestId('table-filter').fill('communication');
  await page.getByTestId('table-filter').press('Enter');
  await expect(rows(page, 'kernel-table').first()).toContainText('hcom_');
  await page.screenshot({ path: '/tmp/analysis-kernels-trace-columns.png' });
});
