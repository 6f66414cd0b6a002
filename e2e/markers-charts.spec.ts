// Issue 17: markers appear in the memory and step charts at the same times as on the timeline.
// A generated Level2 rank (memory_record, npu_module_mem, step_trace_time); one point marker and
// one range marker inside the first step; both are drawn in the memory charts (the window is
// the timeline's) and in the first step's bar. Screenshots go to /tmp/compareteams-marks-*.png.
import { expect, test, type Page } from '@playwright/test';

interface ViewerWindow {
  __viewer: {
    store: {
      getState: () => {
        extent: { start: number; end: number };
        setMarkers: (m: unknown[]) => void;
        setVisibleWindow: (w: { start: number; end: number }) => void;
        setStepRangeMode: (m: 'host' | 'device') => void;
      };
    };
  };
}

async function ready(page: Page) {
  await expect(page.getByTestId('app-status')).toHaveAttribute('data-state', 'ready');
}

test('markers are drawn in the memory charts and the step chart', async ({ page }) => {
  await page.goto('./?demo=0');
  await page.getByTestId('open-folder').setInputFiles('fixtures/ascend/level2-rank0');
  await ready(page);
  await page.getByTestId('tab-steps').click();
  await expect(page.getByTestId('step-bar').first()).toBeVisible();
  // The first step's range on the timeline: click its bar (the range is set to it).
  await page.getByTestId('step-bar').first().click();
  const range = await page.evaluate(
    () =>
      (
        window as unknown as {
          __viewer: { store: { getState: () => { range: { start: number; end: number } } } };
        }
      ).__viewer.store.getState().range,
  );
  expect(range.end).toBeGreaterThan(range.start);
  const len = range.end - range.start;
  await page.evaluate(
    ({ r, len }) => {
      const st = (window as unknown as ViewerWindow).__viewer.store.getState();
      st.setMarkers([
        { id: 'a', start: r.start + len * 0.25, name: 'spike', color: '#d6455d', note: '' },
        {
          id: 'b',
          start: r.start + len * 0.5,
          end: r.start + len * 0.75,
          name: 'slow part',
          color: '#3a8ee6',
          note: '',
        },
      ]);
      st.setVisibleWindow({ start: r.start, end: r.end });
    },
    { r: range, len },
  );
  // Step chart: both markers in the first bar, the point at a quarter of it.
  const marks = page.getByTestId('step-bar').first().getByTestId('step-marker');
  await expect(marks).toHaveCount(2);
  await expect(page.getByTestId('step-bar').nth(1).getByTestId('step-marker')).toHaveCount(0);
  await expect(marks.first().locator('title')).toHaveText('spike');
  await page.getByTestId('step-chart').screenshot({ path: '/tmp/compareteams-marks-steps.png' });

  // Memory charts: the window is the first step; each chart draws both markers.
  await page.getByTestId('tab-memory').click();
  const chart = page.getByTestId('memory-chart').first();
  await expect(chart).toBeVisible();
  await expect(chart.getByTestId('chart-marker')).toHaveCount(2);
  const line = chart.locator('line[data-testid=chart-marker]');
  const band = chart.locator('rect[data-testid=chart-marker]');
  const x1 = Number(await line.getAttribute('x1'));
  const bx = Number(await band.getAttribute('x'));
  const bw = Number(await band.getAttribute('width'));
  // A quarter, a half and three quarters of the plot: the band starts twice as far as the line
  // from the left edge of the plot, and is as wide as the line is far from it.
  const left = x1 - (bx - x1); // plot's left edge: x(0.25) - (x(0.5) - x(0.25))
  expect(Math.abs(bx - left - 2 * (x1 - left))).toBeLessThan(1.5);
  expect(Math.abs(bw - (x1 - left))).toBeLessThan(1.5);
  await page.screenshot({ path: '/tmp/compareteams-marks-memory.png', fullPage: true });
});
