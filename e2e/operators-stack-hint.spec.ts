/**
 * The "profile with with_stack=True" hint under an operator without a call stack appears only
 * when profiler_info.json says with_stack was off; otherwise (a Kineto trace, no profiler_info)
 * the row simply says no call stack was recorded. Generated data.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generateAscendProfile } from '../src/generator/ascend-profile';
import { generateKinetoTrace } from '../src/generator/kineto-trace';
import { ready } from './viewer';

function writeTree(files: readonly { path: string; data: string | Uint8Array }[]): string {
  const root = mkdtempSync(join(tmpdir(), 'atv-stack-hint-'));
  for (const f of files) {
    const p = join(root, f.path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, f.data);
  }
  return root;
}

async function firstOperatorDetail(page: Page) {
  await page.getByTestId('tab-operators').click();
  const row = page.locator('[data-testid="operator-table"] [role=row][data-row]').first();
  await row.click();
  return row.locator('.dt-detail');
}

test('with_stack off: the hint says how to record call stacks', async ({ page }) => {
  const g = generateAscendProfile({ seed: 51, steps: 2, kernelsPerStep: 8, withStack: false });
  const root = writeTree(g.files);
  await page.goto('./?demo=0');
  await page.getByTestId('open-folder').setInputFiles(join(root, g.truth.folder));
  await ready(page);
  const detail = await firstOperatorDetail(page);
  await expect(detail).toContainText('with_stack=True');
});

test('no profiler_info (a Kineto trace): no with_stack hint', async ({ page }) => {
  const g = generateKinetoTrace({ seed: 52, style: 'new', steps: 2, kernelsPerStep: 6 });
  const root = writeTree([{ path: 'rank0.pt.trace.json', data: g.text }]);
  await page.goto('./?demo=0');
  await page.getByTestId('open-files').setInputFiles(join(root, 'rank0.pt.trace.json'));
  await ready(page);
  const detail = await firstOperatorDetail(page);
  await expect(detail).toBeVisible();
  await expect(detail).not.toContainText('with_stack');
});
