// Issue 17: a link carries the timeline's track layout (hidden process kinds and tracks, the
// kinds' order, ranks side by side by kind) and the browser's back/forward walk it; a link of
// the previous version (v1, no layout) still opens and leaves the receiver's own layout. In the
// built app, on the two-rank fixture with both ranks on the timeline.
import { expect, test, type Page } from '@playwright/test';
import { resolve } from 'node:path';
import type { AppStore } from '../src/store/app-store';
import type { TrackLayout } from '../src/store/track-layout';
import type { TimelineView } from '../src/timeline/view/timeline-view';
import { fragmentState, ready } from './viewer';

type TestWindow = {
  __viewer: {
    store: AppStore;
    controller: { openRanks(ids: string[]): Promise<boolean> };
    timeline?: { view: TimelineView };
  };
};

const RUN = resolve('fixtures/ascend/two-ranks/run_20250101');
const LAYOUT_KEY = 'atv-track-layout:ascend';

const layoutOf = (p: Page) =>
  p.evaluate(() => {
    const s = (window as unknown as TestWindow).__viewer.store.getState().trackLayout;
    return { mode: s.mode, hidden: [...s.hidden], order: [...s.order] };
  });

/** hideName of every row the timeline draws. */
const shownNames = (p: Page) =>
  p.evaluate(() => {
    const v = (window as unknown as TestWindow).__viewer.timeline?.view;
    return v ? [...new Set(v.layout.rows.map((r) => r.hideName).filter(Boolean))] : [];
  });

async function openBothRanks(page: Page, url = './?demo=0', input = 'open-folder') {
  await page.goto(url);
  await page.getByTestId(input).setInputFiles(RUN);
  await ready(page);
  await page.evaluate(async () => {
    const v = (window as unknown as TestWindow).__viewer;
    await v.controller.openRanks(v.store.getState().discovered.map((d) => d.id));
  });
  await page.getByTestId('tab-timeline').click();
  await expect
    .poll(() =>
      page.evaluate(() => (window as unknown as TestWindow).__viewer.timeline?.view.groups.length),
    )
    .toBe(2);
}

test('a link carries the track layout, back/forward walk it, the receiver keeps its own saved', async ({
  page,
  browser,
}) => {
  await openBothRanks(page);
  const all = await shownNames(page);
  // Hide one track with the mouse (right-click on its name), then many more: every track of
  // Python, Overlap Analysis and HCCL on both ranks, and most counter kinds; by kind; reordered.
  const target = await page.evaluate(() => {
    const v = (window as unknown as TestWindow).__viewer.timeline!.view;
    const r = v.layout.rows.find((x) => x.kind === 'slices' && x.title === 'Stream 3')!;
    const box = v.el.scroller.getBoundingClientRect();
    return { name: r.hideName, x: box.left + 60, y: box.top + r.y - v.scrollTop + 8 };
  });
  await page.mouse.click(target.x, target.y, { button: 'right' });
  await expect.poll(async () => (await layoutOf(page)).hidden).toEqual([target.name]);
  const many = all.filter(
    (n) =>
      /^(Python|Overlap Analysis|HCCL)\//.test(n) ||
      ['AI Core Freq', 'LLC', 'NPU MEM', 'Stars Soc Info', 'Acc PMU', 'QoS', 'CANN'].includes(n),
  );
  expect(many.length).toBeGreaterThanOrEqual(20);
  const layout: TrackLayout = {
    mode: 'kind',
    hidden: [target.name, ...many],
    order: ['HBM', 'Ascend Hardware', 'Python'],
  };
  await page.evaluate(
    (l) => (window as unknown as TestWindow).__viewer.store.getState().setTrackLayout(l),
    layout,
  );
  await expect
    .poll(async () => (await shownNames(page)).filter((n) => layout.hidden.includes(n)))
    .toEqual([]);
  expect(await shownNames(page)).toContain('Ascend Hardware/Stream 0');
  // The fragment follows (written once the change settles).
  await expect
    .poll(async () => (await fragmentState(page))?.lay)
    .toEqual({ m: 'kind', h: layout.hidden, o: layout.order });

  await page.getByTestId('copy-link').click();
  const link = await page.getByTestId('share-link').inputValue();
  // The link stays short enough to paste anywhere (chat, tickets): measured, and bounded.
  const fragment = link.slice(link.indexOf('#'));
  console.log(
    `[teams2] link with ${layout.hidden.length} hidden names on two ranks: ${link.length} chars (fragment ${fragment.length})`,
  );
  expect(fragment.length).toBeLessThan(1500);
  const rowsBefore = await page.evaluate(() =>
    (window as unknown as TestWindow).__viewer.timeline!.view.layout.rows.map(
      (r) => `${r.kind}:${r.title}`,
    ),
  );

  // A colleague with their own saved layout for Ascend profiles opens the link.
  const ctx = await browser.newContext();
  const fresh = await ctx.newPage();
  await fresh.addInitScript(
    ([k]) => localStorage.setItem(k!, JSON.stringify({ mode: 'rank', hidden: ['HBM'], order: [] })),
    [LAYOUT_KEY],
  );
  await fresh.goto(link);
  await fresh.getByTestId('link-open-folder').setInputFiles(RUN);
  await ready(fresh);
  await expect(fresh.getByTestId('share-message')).toContainText('match');
  await expect.poll(() => layoutOf(fresh)).toEqual(layout);
  await expect
    .poll(() =>
      fresh.evaluate(() =>
        (window as unknown as TestWindow).__viewer.timeline?.view.layout.rows.map(
          (r) => `${r.kind}:${r.title}`,
        ),
      ),
    )
    .toEqual(rowsBefore);
  await fresh.screenshot({ path: '/tmp/teams2-layout-reopened.png' });
  // Shown, not saved: the colleague's own layout is still theirs.
  expect(await fresh.evaluate((k) => localStorage.getItem(k), LAYOUT_KEY)).toBe(
    JSON.stringify({ mode: 'rank', hidden: ['HBM'], order: [] }),
  );
  await ctx.close();

  // Back/forward: showing a track again is a new history entry; back hides it again.
  await page.getByTestId('track-menu').locator('summary').click();
  await page.getByRole('checkbox', { name: target.name }).click();
  await expect.poll(async () => (await fragmentState(page))?.lay?.h).toEqual(many);
  await page.goBack();
  await expect.poll(() => layoutOf(page)).toEqual(layout);
  await page.goForward();
  await expect.poll(async () => (await layoutOf(page)).hidden).toEqual(many);
});

/** A link made by version 1 of the state (before the layout travelled): tab, window, filter. */
const V1_LINK =
  'atv1=q1YqU7Iy1FEqSUxSslIqycxNzcnMS1XSUSrPzFOyijYyAAMdMwitZxoLVFqUmJxdDFQdXFKUmpgLVJuTmJcO5KfmKdUCAA';

test('a link of the previous version still opens, and leaves the receiver layout alone', async ({
  page,
}) => {
  await page.addInitScript(
    ([k]) => localStorage.setItem(k!, JSON.stringify({ mode: 'rank', hidden: ['HBM'], order: [] })),
    [LAYOUT_KEY],
  );
  await page.goto(`./#${V1_LINK}`);
  await ready(page);
  const read = () =>
    page.evaluate(() => {
      const s = (window as unknown as TestWindow).__viewer.store.getState();
      return {
        tab: s.tab,
        window: s.visibleWindow,
        tracks: s.trackFilter,
        hidden: s.trackLayout.hidden,
      };
    });
  await expect.poll(read).toEqual({
    tab: 'timeline',
    window: { start: 2000000, end: 6000000.5 },
    tracks: 'Stream',
    hidden: ['HBM'],
  });
  // The next fragment written is of the current version, and carries that layout.
  await page.getByTestId('tab-kernels').click();
  await expect.poll(() => page.url()).not.toContain(V1_LINK);
  expect(await fragmentState(page)).toMatchObject({ v: 2, lay: { h: ['HBM'] } });
});
