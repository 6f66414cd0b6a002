import { expect, test } from '@playwright/test';
import type { TraceModel } from '../src/model/trace-model';
import { hasSamples, MI, samplePath, SKIP_REASON } from '../test/real-samples';

interface Viewer {
  __viewer: { store: { getState(): { profiles: Record<string, { trace: TraceModel }> } } };
}

test('SQL console over the demo trace: a count matches the model, errors show inline', async ({
  page,
}) => {
  await page.goto('./');
  await expect(page.getByTestId('app-status')).toHaveAttribute('data-state', 'ready');
  const slices = await page.evaluate(
    () =>
      Object.values((window as unknown as Viewer).__viewer.store.getState().profiles)[0]!.trace
        .stats.slices,
  );
  await page.getByTestId('tab-sql').click();
  await expect(page.getByTestId('sql-run')).toBeEnabled();
  await page.getByTestId('sql-input').fill('SELECT count(*) AS n FROM slice');
  await page.getByTestId('sql-run').click();
  await expect(page.getByTestId('sql-result')).toContainText(String(slices));
  await page.getByTestId('sql-input').fill('SELECT nope FROM slice');
  await page.getByTestId('sql-input').press('Control+Enter');
  await expect(page.getByTestId('sql-error')).toContainText('no such column');
  await page.getByTestId('sql-input').fill('DELETE FROM slice');
  await page.getByTestId('sql-run').click();
  await expect(page.getByTestId('sql-error')).toBeVisible();
});

test.describe('db-only export', () => {
  test.skip(!hasSamples, SKIP_REASON);
  test('opens to a drawn timeline, and an example query returns rows', async ({ page }) => {
    await page.goto('./?demo=0');
    await page
      .getByTestId('open-folder')
      .setInputFiles(samplePath(`${MI}/db/level2/rank0_ascend_pt`));
    await expect(page.getByTestId('app-status')).toHaveAttribute('data-state', 'ready');
    await page.getByTestId('tab-timeline').click();
    await expect(page.locator('[data-testid=view-timeline] canvas').first()).toBeVisible();
    const hw = await page.evaluate(() => {
      const t = Object.values((window as unknown as Viewer).__viewer.store.getState().profiles)[0]!
        .trace;
      return t.sliceTracks
        .filter((x) => t.processes[x.process]!.name === 'Ascend Hardware')
        .reduce((a, x) => a + x.slices.length, 0);
    });
    expect(hw).toBe(552);
    await page.getByTestId('tab-sql').click();
    await page.getByTestId('sql-examples').selectOption({ label: 'Top kernels by total time' });
    await expect(page.getByTestId('sql-result')).toContainText('AI_CORE');
  });
});
