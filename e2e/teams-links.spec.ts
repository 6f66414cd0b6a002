// Issue 17: a link carries the compare pair (both sides, on one axis with their alignment), the
// fingerprints of both runs when the second came by "Compare with…", and the hidden tracks (the
// track filter); a large `?url=` download streams to the origin-private
// file system instead of the page's memory. In the built app (vite preview of dist/).
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateComparePair } from '../src/generator/compare-pair';
import { generateKinetoTrace } from '../src/generator/kineto-trace';
import { fragmentState, ready, type ViewerWindow } from './viewer';

const read = (p: Page) =>
  p.evaluate(() => {
    const s = (window as unknown as ViewerWindow).__viewer.store.getState();
    return {
      tab: s.tab,
      sides: s.compareSides,
      timeline: s.compareTimeline,
      tracks: s.trackFilter,
      window: s.visibleWindow,
    };
  });

test('a link restores the compare pair on one axis and the hidden tracks', async ({
  page,
  browser,
}) => {
  const RUN = resolve('fixtures/ascend/two-ranks/run_20250101');
  await page.goto('./?demo=0');
  await page.getByTestId('open-folder').setInputFiles(RUN);
  await ready(page);
  await page.getByTestId('tab-compare').click();
  const ids = await page.evaluate(() =>
    (window as unknown as ViewerWindow).__viewer.store.getState().discovered.map((d) => d.id),
  );
  expect(ids).toHaveLength(2);
  // Swap, so the pair differs from the default one.
  await expect(page.getByTestId('compare-summary')).toBeVisible();
  await page.getByTestId('compare-swap').click();
  await page.getByTestId('compare-align').selectOption('start');
  await page.getByTestId('compare-open-both').click();
  await expect(page.getByTestId('view-timeline')).toBeVisible();
  await page.getByPlaceholder('Filter tracks').fill('Stream');
  await expect.poll(async () => (await read(page)).tracks).toBe('Stream');
  const before = await read(page);
  expect(before.timeline).toEqual({ baseline: ids[1], target: ids[0], align: 'start' });
  expect(before.sides).toEqual({ baseline: ids[1], target: ids[0] });
  await page.getByTestId('copy-link').click();
  const link = await page.getByTestId('share-link').inputValue();

  const ctx = await browser.newContext();
  const fresh = await ctx.newPage();
  await fresh.goto(link);
  await fresh.getByTestId('link-open-folder').setInputFiles(RUN);
  await ready(fresh);
  await expect.poll(() => read(fresh)).toEqual(before);
  await fresh.screenshot({ path: '/tmp/compareteams-link-pair.png' });
  await ctx.close();
});

test('a pair opened with "Compare with…": the link asks for both runs, checks both, says what differs', async ({
  page,
  browser,
}) => {
  const pair = generateComparePair();
  const dir = mkdtempSync(join(tmpdir(), 'atv-link-pair-'));
  const a = join(dir, 'run-42.pt.trace.json');
  const b = join(dir, 'run-43.pt.trace.json');
  const other = join(dir, 'elsewhere', 'run-43.pt.trace.json');
  writeFileSync(a, pair.baseline.text);
  writeFileSync(b, pair.target.text);
  mkdirSync(join(dir, 'elsewhere'));
  writeFileSync(other, `${pair.target.text}\n`);
  await page.goto('./?demo=0');
  await page.getByTestId('open-files').setInputFiles(a);
  await ready(page);
  await page.getByTestId('tab-compare').click();
  await page.getByTestId('compare-with-files').setInputFiles(b);
  await expect(page.getByTestId('compare-view')).toBeVisible();
  await expect.poll(async () => (await read(page)).sides?.target ?? null).not.toBeNull();
  // The link carries both fingerprints: the first run's and the one opened beside it.
  await expect
    .poll(async () => {
      const src = (await fragmentState(page))?.src;
      return [src?.fp?.name, ...(src?.also ?? []).map((f) => f.name)];
    })
    .toEqual(['run-42.pt.trace.json', 'run-43.pt.trace.json']);
  await page.getByTestId('copy-link').click();
  const link = await page.getByTestId('share-link').inputValue();
  const before = await read(page);

  const ctx = await browser.newContext();
  const fresh = await ctx.newPage();
  await fresh.goto(link);
  await expect(fresh.getByTestId('link-prompt')).toContainText('run-42.pt.trace.json');
  await fresh.getByTestId('link-open-files').setInputFiles(a);
  await ready(fresh);
  // Then the second run: asked for by name, opened beside the first, checked.
  await expect(fresh.getByTestId('link-prompt')).toContainText('compares with');
  await expect(fresh.getByTestId('link-prompt')).toContainText('run-43.pt.trace.json');
  await fresh.screenshot({ path: '/tmp/teams2-link-pair-prompt.png' });
  await fresh.getByTestId('link-open-files').setInputFiles(b);
  await expect(fresh.getByTestId('share-message')).toContainText('matches the link');
  await expect.poll(() => read(fresh)).toEqual(before);
  await expect(fresh.getByTestId('compare-view')).toBeVisible();
  await expect(fresh.getByTestId('link-prompt')).toHaveCount(0);
  await fresh.screenshot({ path: '/tmp/teams2-link-pair.png' });

  // The right first run, another file for the second: it says what differs, still shows the pair.
  const wrong = await ctx.newPage();
  await wrong.goto(link);
  await wrong.getByTestId('link-open-files').setInputFiles(a);
  await ready(wrong);
  await expect(wrong.getByTestId('link-prompt')).toContainText('run-43.pt.trace.json');
  await wrong.getByTestId('link-open-files').setInputFiles(other);
  await expect(wrong.getByTestId('share-message')).toContainText(
    'The compared run run-43.pt.trace.json: These are not the files of the link',
  );
  await expect(wrong.getByTestId('share-message')).toContainText('bytes here');
  await expect.poll(async () => (await read(wrong)).sides).toEqual(before.sides);
  await ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a large ?url= download streams to the origin-private file system', async ({ page }) => {
  // ≥ 8 MiB: written to OPFS chunk by chunk, not kept in the page.
  const t = generateKinetoTrace({ seed: 3, style: 'new', steps: 400, kernelsPerStep: 40 });
  const bytes = Buffer.byteLength(t.text);
  expect(bytes).toBeGreaterThan(8 << 20);
  const dir = resolve('dist/e2e-stream');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'big.pt.trace.json'), t.text);
  try {
    await page.goto('./?url=e2e-stream/big.pt.trace.json');
    await ready(page);
    const kernels = await page.evaluate(() => {
      const s = (window as unknown as ViewerWindow).__viewer.store.getState();
      const tr = s.profiles[s.activeProfileId!]!.trace!;
      return tr.sliceTracks
        .filter((x) => tr.processes[x.process]?.name === 'GPU 0')
        .reduce((a, x) => a + x.slices.length, 0);
    });
    expect(kernels).toBeGreaterThanOrEqual(t.truth.kernels.length);
    const stored = await page.evaluate(async () => {
      const root = await navigator.storage.getDirectory();
      const d = await root.getDirectoryHandle('atv-downloads');
      const out: number[] = [];
      for await (const h of (
        d as unknown as { values(): AsyncIterable<FileSystemFileHandle> }
      ).values())
        out.push((await h.getFile()).size);
      return out;
    });
    expect(stored).toEqual([bytes]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
