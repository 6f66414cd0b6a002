/**
 * Merged device streams (Tracks menu) on generated data: the lane set is built in a worker (the
 * streams stay apart until it arrives), a collective shown from the Communication view is
 * revealed on the merged row with HCCL merged in (its own, merged-away process stays folded),
 * and the instants recorded on the stream threads are drawn on the merged row.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generateAscendProfile } from '../src/generator/ascend-profile';
import type { AppStore } from '../src/store/app-store';
import type { TimelineView } from '../src/timeline/view/timeline-view';

type TestWindow = Window & { __viewer: { store: AppStore; timeline?: { view: TimelineView } } };

let oneRank = '';
let withInstants = '';
test.beforeAll(() => {
  const one = generateAscendProfile({ seed: 23, steps: 2, kernelsPerStep: 12 });
  const root = mkdtempSync(join(tmpdir(), 'atv-merge-'));
  for (const f of one.files) {
    const p = join(root, f.path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, f.data);
  }
  oneRank = join(root, one.truth.folder);
  // Two streams with instants recorded on their threads (as a device's event records are).
  const ev: object[] = [
    { ph: 'M', name: 'process_name', pid: 2, tid: 0, args: { name: 'Ascend Hardware' } },
    { ph: 'M', name: 'thread_name', pid: 2, tid: 7, args: { name: 'Stream 7' } },
    { ph: 'M', name: 'thread_name', pid: 2, tid: 9, args: { name: 'Stream 9' } },
  ];
  for (let k = 0; k < 20; k++) {
    ev.push({ ph: 'X', name: `mm${k % 3}`, pid: 2, tid: 7, ts: 10 + k * 20, dur: 12 });
    ev.push({ ph: 'X', name: `add${k % 2}`, pid: 2, tid: 9, ts: 15 + k * 20, dur: 9 });
  }
  ev.push({ ph: 'i', s: 't', name: 'record_early', pid: 2, tid: 7, ts: 100 });
  ev.push({ ph: 'i', s: 't', name: 'record_late', pid: 2, tid: 9, ts: 300 });
  withInstants = join(root, 'streams_with_instants.json');
  writeFileSync(withInstants, JSON.stringify({ traceEvents: ev }));
});

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('atv-theme', 'light'));
  await page.setViewportSize({ width: 1400, height: 900 });
});

const view = (page: Page) =>
  page.evaluate(() => {
    const v = (window as unknown as TestWindow).__viewer.timeline!.view;
    return {
      titles: v.layout.rows.map((r) => `${r.kind}:${r.title}`),
      merges: v.merges,
    };
  });

/** Opens `files` (through the folder or the files input) and waits for the timeline's view. */
async function openTimeline(
  page: Page,
  input: 'open-folder' | 'open-files',
  files: string | string[],
) {
  await page.goto('./?demo=0');
  await page.getByTestId(input).setInputFiles(files);
  await expect(page.getByTestId('app-status')).toHaveAttribute('data-state', 'ready');
  await page.getByTestId('tab-timeline').click();
  await page.waitForFunction(() => !!(window as unknown as TestWindow).__viewer.timeline?.view);
}

async function mergeStreams(page: Page, how: 'streams' | 'streams+hccl') {
  await page.getByTestId('track-menu').locator('summary').click();
  await page.getByTestId(`streams-merge-${how}`).check();
  await page.getByTestId('track-menu').locator('summary').click();
  await expect
    .poll(async () => (await view(page)).titles.filter((x) => x === 'slices:Merged streams'))
    .toHaveLength(1);
}

test('merged streams are built in the worker; a collective is shown on the merged row', async ({
  page,
}) => {
  await openTimeline(page, 'open-folder', oneRank);
  await page.getByTestId('expand-all').click();
  await mergeStreams(page, 'streams+hccl');
  const v = await view(page);
  expect(v.merges).toEqual({ pending: 0, inWorker: 1 });
  expect(v.titles.some((x) => x.startsWith('slices:Stream') || x.includes('HCCL'))).toBe(false);
  await page.getByTestId('collapse-all').click();

  await page.getByTestId('tab-communication').click();
  await page.locator('[data-testid="comm-table"] [role=row][data-row]').first().click();
  await page.getByTestId('show-op-in-timeline').click();
  await expect(page.getByTestId('view-timeline')).toBeVisible();
  const point = () =>
    page.evaluate(() => {
      const w = window as unknown as TestWindow;
      const v = w.__viewer.timeline!.view;
      const st = w.__viewer.store.getState();
      const a = st.selected ? v.addressOf(st.selected) : null;
      if (!a) return null;
      const t = v.groups[a.group]!.trace;
      const hccl = t.processes.findIndex((p) => p.name === 'HCCL');
      const hw = t.processes.findIndex((p) => p.name === 'Ascend Hardware');
      const id = v.groups[a.group]!.profileId;
      const row = v.layout.byKey.get(`${id}|t${a.track}`);
      return {
        name: t.strings[t.sliceTracks[a.track]!.slices.name[a.index]!]!,
        process: t.processes[t.sliceTracks[a.track]!.process]!.name,
        onMergedRow: !!row?.merged,
        point: v.clientPointOf(a),
        hcclOpened: st.collapseOverrides[`${id}|p${hccl}`] === false,
        hwOpened: st.collapseOverrides[`${id}|p${hw}`] === false,
      };
    });
  await expect.poll(async () => (await point())?.point ?? null).not.toBeNull();
  const s = (await point())!;
  expect(s.name).toMatch(/^hcom_/);
  expect(s.process).toBe('HCCL');
  expect(s.onMergedRow).toBe(true);
  // The folded Ascend Hardware process opened to show it; HCCL's own (merged away) did not.
  expect(s.hwOpened).toBe(true);
  expect(s.hcclOpened).toBe(false);
  await page.mouse.move(s.point!.x, s.point!.y);
  await expect(page.getByTestId('timeline-tooltip')).toContainText(s.name);
  await expect(page.getByTestId('details-name')).toHaveText(s.name);
  await page.screenshot({ path: '/tmp/rend3-merged-hccl.png' });
});

test("the merged row draws the instants recorded on its streams' threads", async ({ page }) => {
  await openTimeline(page, 'open-files', withInstants);
  await mergeStreams(page, 'streams');
  const got = await page.evaluate(() => {
    const v = (window as unknown as TestWindow).__viewer.timeline!.view;
    const row = v.layout.rows.find((r) => r.merged)!;
    const t = v.groups[row.group]!.trace;
    const inst = row.merged!.instants!;
    return {
      names: [...inst.name].map((n) => t.strings[n]),
      laneTop: row.laneTop,
      y: row.y,
    };
  });
  expect(got.names).toEqual(['record_early', 'record_late']);
  expect(got.laneTop).toBeGreaterThan(0);
  // The instants' triangles are drawn on the merged row: the instant colour at their x.
  const px = await page.evaluate(() => {
    const v = (window as unknown as TestWindow).__viewer.timeline!.view;
    const row = v.layout.rows.find((r) => r.merged)!;
    const inst = row.merged!.instants!;
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="timeline-canvas"]')!;
    const ctx = canvas.getContext('2d')!;
    const dpr = canvas.width / canvas.getBoundingClientRect().width;
    const box = canvas.getBoundingClientRect();
    // A slice on the merged row's first sub-row: its centre is 12 px (instant lane) + 1 + 8
    // below the row's instant lane, whose triangles are widest at their top.
    const a = { group: row.group, track: row.merged!.members[0]!, index: 0 };
    const p = v.clientPointOf(a)!;
    const y = p.y - box.top - 8 - 1 - 12 + 2;
    return [...inst.ts].map((ts) => {
      const x = v.clientXOf(ts) - box.left;
      const d = ctx.getImageData(Math.round(x * dpr), Math.round(y * dpr), 1, 1).data;
      return [d[0], d[1], d[2]];
    });
  });
  for (const c of px) expect(c).toEqual([0xc7, 0x77, 0x00]);
  await page.screenshot({ path: '/tmp/rend3-merged-instants.png' });
});

test("an instant on the merged row is clicked: its thread's instant is selected and shown", async ({
  page,
}) => {
  await openTimeline(page, 'open-files', withInstants);
  await mergeStreams(page, 'streams');
  // The instant lane sits above the merged row's first sub-row.
  const p = await page.evaluate(() => {
    const v = (window as unknown as TestWindow).__viewer.timeline!.view;
    const row = v.layout.rows.find((r) => r.merged)!;
    const t = v.groups[row.group]!.trace;
    const inst = row.merged!.instants!;
    const late = [...inst.name].findIndex((n) => t.strings[n] === 'record_late');
    const box = v.el.scroller.getBoundingClientRect();
    const thread = t.threads.findIndex((th) => th.name === 'Stream 9');
    return {
      x: v.clientXOf(inst.ts[late]!),
      y: box.top + row.y - v.scrollTop + 3 + 4,
      thread,
    };
  });
  await page.mouse.click(p.x, p.y);
  await expect(page.getByTestId('instant-details')).toBeVisible();
  await expect(page.getByTestId('details-name')).toContainText('record_late');
  await expect(page.getByTestId('instant-where')).toContainText('Stream 9');
  const sel = await page.evaluate(
    () => (window as unknown as TestWindow).__viewer.store.getState().selectedInstant,
  );
  expect(sel).toMatchObject({ scope: 'thread', owner: p.thread, index: 0 });
  await page.screenshot({ path: '/tmp/tl4-merged-instant-click.png' });
});
