import { expect, test } from '@playwright/test';
import { hasSamples, MI, samplePath, SKIP_REASON } from '../test/real-samples';

test.describe('open a real profiler folder', () => {
  test.skip(!hasSamples, SKIP_REASON);

  test('Level2 rank0 folder: ready, with the import report', async ({ page }) => {
    await page.goto('./?demo=0');
    await page
      .getByTestId('open-folder')
      .setInputFiles(samplePath(`${MI}/text/level2/rank0_ascend_pt`));
    await expect(page.getByTestId('app-status')).toHaveAttribute('data-state', 'ready');
    await page.getByTestId('tab-report').click();
    const report = page.getByTestId('import-report');
    await expect(report.getByTestId('trace-events')).toHaveText('10,476');
    await expect(report.getByTestId('inputs-table')).toContainText('kernel_details.csv');
    await expect(report.getByTestId('inputs-table')).toContainText('trace_view.json');
    await expect(report).toContainText('Ascend Hardware');
    await expect(report).toContainText('overlapping_slices');
  });
});
