import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { advisorAscendProfile } from '../src/generator/advisor-scenario';
import { type ViewerWindow } from './viewer';

// The Advisor on a generated profile: the Overview badge shows the top findings; a finding opens
// to its evidence; clicking an evidence row selects the slice on the timeline and frames it.

/** A generated profile with a 3 ms GC pause, a 20 ms dataloader stall and an 80 µs AI CPU op. */
function writeProfile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'atv-advisor-'));
  const { files } = advisorAscendProfile({
    gcPause: { step: 1, kernel: 2, us: 3000 },
    dataloaderStall: { step: 2, us: 20000 },
    aicpu: { kernel: 4, us: 80 },
  });
  for (const f of files) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.data);
  }
  return join(dir, 'advisor_ascend_pt');
}

const storeState = (page: Page) =>
  page.evaluate(() => {
    const s = (window as unknown as ViewerWindow).__viewer.store.getState();
    const sel = s.selected;
    const p = sel ? s.profiles[sel.profileId] : undefined;
    const t = p?.trace?.sliceTracks[sel!.track]?.slices;
    return {
      tab: s.tab,
      selected: sel,
      name: t && p ? p.trace!.strings[t.name[sel!.index]!] : null,
      start: t ? t.start[sel!.index]! : null,
      dur: t ? t.dur[sel!.index]! : null,
      window: s.visibleWindow,
      idleOverlay: s.idleOverlay,
    };
  });

test('advisor: findings on the Overview, a finding opens to evidence that lands on the timeline', async ({
  page,
}) => {
  await page.goto('./?demo=0');
  await page.getByTestId('open-folder').setInputFiles(writeProfile());
  await expect(page.getByTestId('app-status')).toHaveAttribute('data-state', 'ready');
  // The Overview's badge lists the top three findings.
  const badge = page.getByTestId('advisor-badge');
  await expect(badge).toBeVisible();
  await expect(badge.locator('li')).toHaveCount(3);
  await expect(badge).toContainText('dataloader');
  await page.screenshot({ path: '/tmp/advisor-overview.png' });

  await page.getByTestId('tab-advisor').click();
  await expect(page.getByTestId('advisor-view')).toBeVisible();
  await expect(page.getByTestId('finding-gc')).toContainText('Python GC paused the host once');
  await expect(page.getByTestId('finding-block-dim')).toContainText('Not checked');
  await expect(page.getByTestId('advisor-idle-chart')).toBeVisible();
  await page.getByTestId('finding-gc').getByRole('button').first().click();
  await expect(page.getByTestId('advisor-evidence-gc')).toBeVisible();
  await page.screenshot({ path: '/tmp/advisor-view.png', fullPage: true });

  // The evidence row selects the GC slice on the timeline and frames it.
  await page
    .locator('[data-testid="advisor-evidence-table-gc"] [role=row][data-row]')
    .first()
    .click();
  await expect.poll(async () => (await storeState(page)).tab).toBe('timeline');
  const s = await storeState(page);
  expect(s.name).toBe('GC');
  expect(s.dur).toBe(3_000_000);
  expect(s.window.start).toBeLessThanOrEqual(s.start!);
  expect(s.window.end).toBeGreaterThanOrEqual(s.start! + s.dur!);
  await expect(page.getByTestId('details-panel')).toContainText('GC');
  await page.screenshot({ path: '/tmp/advisor-timeline.png' });

  // The idle overlay toggle draws the gaps coloured by cause.
  await page.getByTestId('idle-overlay-toggle').check();
  await expect.poll(async () => (await storeState(page)).idleOverlay).toBe(true);
  await page.screenshot({ path: '/tmp/advisor-idle-overlay.png' });
});

test('advisor: changing a threshold runs the rules again', async ({ page }) => {
  await page.goto('./?demo=0');
  await page.getByTestId('open-folder').setInputFiles(writeProfile());
  await expect(page.getByTestId('app-status')).toHaveAttribute('data-state', 'ready');
  await page.getByTestId('tab-advisor').click();
  await expect(page.getByTestId('finding-gc')).toContainText('Python GC paused');
  await page.getByTestId('advisor-show-thresholds').check();
  await page.getByTestId('threshold-gcUs').fill('5000');
  await expect(page.getByTestId('finding-gc')).toContainText('none ≥ 5,000 µs');
});
