// The profile-ready path in parts (issue 18: no long main-thread task from file chosen to the
// first frame). Asserts the order of work, not its duration: the task in which the app turns
// ready renders the shell only; the timeline mounts from a later task.
import { expect, test } from '@playwright/test';
import { closeSync, mkdtempSync, openSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { streamTorchNpuTrace } from '../src/generator/torch-npu-stream';
import { ready, type ViewerWindow } from './viewer';

function trace(mb: number): string {
  const path = join(mkdtempSync(join(tmpdir(), 'atv-e2e-')), 'trace_view.json');
  const fd = openSync(path, 'w');
  streamTorchNpuTrace({ targetMB: mb }, (chunk) => writeSync(fd, chunk));
  closeSync(fd);
  return path;
}

test('the ready task renders the shell; the timeline mounts in a later task', async ({ page }) => {
  await page.goto('./?demo=0');
  await page.waitForSelector('[data-testid=app-status]', { state: 'attached' });
  await page.evaluate(() => {
    const w = window as unknown as ViewerWindow & { __atReady?: Record<string, boolean> };
    const unsub = w.__viewer.store.subscribe((s, prev) => {
      if (s.status !== 'ready' || prev.status === 'ready') return;
      unsub();
      const look = () => ({
        shell: document.querySelector('[data-testid=view-timeline]') !== null,
        timeline: document.querySelector('[data-testid=timeline-canvas]') !== null,
      });
      // After React's own microtask (it renders store changes at the end of this task).
      queueMicrotask(() => queueMicrotask(() => (w.__atReady = look())));
    });
  });
  await page.getByTestId('open-files').setInputFiles(trace(3));
  await ready(page);
  await expect(page.getByTestId('timeline-canvas')).toBeVisible();
  const atReady = await page.evaluate(
    () => (window as unknown as { __atReady?: Record<string, boolean> }).__atReady,
  );
  // At `ready` the shell was there and the timeline not yet mounted.
  expect(atReady).toEqual({ shell: true, timeline: false });
  // And the timeline drew its first complete frame afterwards.
  await page.waitForFunction(
    () =>
      (window as unknown as { __viewer: { timeline?: { stats: { firstTraceFrameAt: number } } } })
        .__viewer.timeline?.stats.firstTraceFrameAt != null,
  );
});
