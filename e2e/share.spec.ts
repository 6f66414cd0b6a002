import { expect, test, type Page } from '@playwright/test';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import type { AppStore } from '../src/store/app-store';
import { fragmentState, ready, type ViewerWindow } from './viewer';

// Links to local files (fingerprint prompt and check), back/forward over the view history,
// markers (key M, panel, storage, export/import) and the postMessage embedding API, in the
// built app.

const L2 = resolve('fixtures/ascend/level2-rank0');
const SGLANG = resolve('fixtures/ascend/level0-sglang');

const snap = (page: Page) =>
  page.evaluate(() => {
    const s = (window as unknown as ViewerWindow).__viewer.store.getState();
    return {
      tab: s.tab,
      selected: s.selected,
      visibleWindow: s.visibleWindow,
      markers: s.markers.map((m) => ({ name: m.name, note: m.note, start: m.start, end: m.end })),
      sourceName: s.sourceName,
    };
  });

/** Selects the third slice of the first busy track and sets a window around it. */
const makeView = (page: Page) =>
  page.evaluate(() => {
    const st = (window as unknown as ViewerWindow).__viewer.store.getState();
    const p = st.profiles[st.activeProfileId!]!;
    const t = p.trace!;
    const track = t.sliceTracks.findIndex((x) => x.slices.length > 3);
    const start = t.sliceTracks[track]!.slices.start[2]!;
    st.setVisibleWindow({ start: start - 500.5, end: start + 20000.25 });
    st.selectSlice({ profileId: p.descriptor.id, track, index: 2 });
  });

test('a link to local files asks for them, checks them and restores the view', async ({
  page,
  browser,
}) => {
  await page.goto('./?demo=0');
  await page.getByTestId('open-folder').setInputFiles(L2);
  await ready(page);
  await page.getByTestId('tab-timeline').click();
  await makeView(page);
  await page.getByTestId('copy-link').click();
  const link = await page.getByTestId('share-link').inputValue();
  expect(link).not.toContain('url=');
  const before = await snap(page);

  // The same files: the view comes back, and the check says they match.
  const ctx = await browser.newContext();
  const fresh = await ctx.newPage();
  await fresh.goto(link);
  await expect(fresh.getByTestId('link-prompt')).toContainText('level2-rank0');
  await expect(fresh.getByTestId('link-prompt')).toContainText('trace_view.json');
  await fresh.getByTestId('link-open-folder').setInputFiles(L2);
  await ready(fresh);
  await expect(fresh.getByTestId('share-message')).toContainText('match');
  await expect.poll(async () => (await snap(fresh)).selected).toEqual(before.selected);
  const after = await snap(fresh);
  expect(after.visibleWindow).toEqual(before.visibleWindow);
  expect(after.tab).toBe('timeline');
  await expect(fresh.getByTestId('link-prompt')).toHaveCount(0);

  // Other files: it says what differs.
  const other = await ctx.newPage();
  await other.goto(link);
  await other.getByTestId('link-open-folder').setInputFiles(SGLANG);
  await ready(other);
  await expect(other.getByTestId('share-message')).toContainText(
    'These are not the files of the link',
  );
  await ctx.close();
});

test('back and forward walk the view history', async ({ page }) => {
  await page.goto('./');
  await ready(page);
  // Each settled change writes the fragment (about 250 ms later); a tab change is a new entry.
  // The landing view's own fragment comes first (a busy machine writes it late: a click before
  // it would replace that first entry instead of adding one).
  await expect.poll(() => page.url()).toMatch(/#atv1=/);
  const start = page.url();
  await page.getByTestId('tab-kernels').click();
  await expect.poll(() => page.url()).not.toBe(start);
  const kernelsUrl = page.url();
  expect(kernelsUrl).toMatch(/#atv1=/);
  await page.getByTestId('tab-steps').click();
  await expect.poll(() => page.url()).not.toBe(kernelsUrl);
  await page.goBack();
  await expect.poll(async () => (await snap(page)).tab).toBe('kernels');
  await page.goForward();
  await expect.poll(async () => (await snap(page)).tab).toBe('steps');
});

test('markers: M on the timeline, the panel, storage per profile, export and import', async ({
  page,
}) => {
  await page.goto('./');
  await ready(page);
  await page.getByTestId('tab-timeline').click();
  const tracks = page.getByTestId('timeline-tracks');
  const box = (await tracks.boundingBox())!;
  await page.mouse.move(box.x + 600, box.y + 150);
  await page.keyboard.press('m');
  await expect.poll(async () => (await snap(page)).markers.length).toBe(1);
  const w = (await snap(page)).visibleWindow;
  const at = (await snap(page)).markers[0]!.start;
  expect(at).toBeGreaterThan(w.start);
  expect(at).toBeLessThan(w.end);
  // A range marker over the selected range.
  await page.evaluate(() =>
    (window as unknown as ViewerWindow).__viewer.store
      .getState()
      .setRange({ start: 1000, end: 90000 }),
  );
  await page.keyboard.press('m');
  await expect.poll(async () => (await snap(page)).markers.length).toBe(2);

  await page.getByTestId('markers-toggle').click();
  const rangeId = await page.evaluate(
    () =>
      (window as unknown as ViewerWindow).__viewer.store
        .getState()
        .markers.find((m) => m.end !== undefined)!.id,
  );
  const item = page.locator(`[data-marker-id="${rangeId}"]`);
  await item.getByTestId('marker-name').fill('warm-up');
  await item.getByTestId('marker-note').fill('first step is slow <b>really</b>');
  await page.screenshot({ path: '/tmp/teams-markers.png' });

  // Kept in this browser for this profile. (The reload reopens the page's own link too: wait
  // until its fragment, written once the edit settles, has the new name, or the older markers
  // it carried would come back with it.)
  await expect
    .poll(async () => (await fragmentState(page))?.markers?.map((m) => m.name))
    .toContain('warm-up');
  await page.reload();
  await ready(page);
  await expect.poll(async () => (await snap(page)).markers.map((m) => m.name)).toContain('warm-up');

  // Export, delete, import back.
  await page.getByTestId('markers-toggle').click();
  const dl = page.waitForEvent('download');
  await page.getByTestId('notes-export').click();
  const file = await (await dl).path();
  expect((await dl).suggestedFilename()).toBe('demo.atv-notes.json');
  const doc = JSON.parse(await readFile(file, 'utf8')) as { format: string; markers: unknown[] };
  expect(doc.format).toBe('atv-notes');
  expect(doc.markers).toHaveLength(2);
  for (let i = 0; i < 2; i++) await page.getByTestId('marker-delete').first().click();
  await expect.poll(async () => (await snap(page)).markers.length).toBe(0);
  await page.getByTestId('notes-import').setInputFiles(file);
  await expect.poll(async () => (await snap(page)).markers.length).toBe(2);
  const range = (await snap(page)).markers.find((m) => m.name === 'warm-up')!;
  expect(range).toMatchObject({
    start: 1000,
    end: 90000,
    note: 'first step is slow <b>really</b>',
  });
  // Shown as text in a field, never as markup.
  await expect(page.getByTestId('marker-note').first()).toHaveValue(
    'first step is slow <b>really</b>',
  );
});

test('markers: M on a selected slice notes that slice; Jump frames a marker', async ({ page }) => {
  await page.goto('./?demo=0');
  await page.getByTestId('open-folder').setInputFiles(L2);
  await ready(page);
  await page.getByTestId('tab-timeline').click();
  await makeView(page);
  await page.keyboard.press('m');
  const m = await page.evaluate(() => {
    const st = (window as unknown as ViewerWindow).__viewer.store.getState();
    const sel = st.selected!;
    const t = st.profiles[sel.profileId]!.trace!;
    return {
      marker: st.markers[0],
      start: t.sliceTracks[sel.track]!.slices.start[sel.index]!,
      dur: t.sliceTracks[sel.track]!.slices.dur[sel.index]!,
    };
  });
  // On the slice: its start, and the slice itself (track key, exact start and duration).
  expect(m.marker).toMatchObject({ start: m.start, slice: { start: m.start, dur: m.dur } });
  // Move away, then Jump: the window is centred on the marker again.
  await page.evaluate(() =>
    (window as unknown as ViewerWindow).__viewer.store
      .getState()
      .setVisibleWindow({ start: 0, end: 1000 }),
  );
  await page.getByTestId('markers-toggle').click();
  await page.getByTestId('marker-jump').click();
  const w = await page.evaluate(
    () => (window as unknown as ViewerWindow).__viewer.store.getState().visibleWindow,
  );
  expect((w.start + w.end) / 2).toBeCloseTo(m.start, 3);
  expect(w.end - w.start).toBe(1000);
});

test('a marker added as soon as the profile is ready is kept when its stored notes load', async ({
  page,
}) => {
  await page.goto('./?demo=0');
  await page.waitForFunction(() => 'store' in ((window as unknown as ViewerWindow).__viewer ?? {}));
  // Added in the very change that makes the profile ready, before its fingerprint is read (the
  // stored markers of that fingerprint load after it).
  await page.evaluate(() => {
    const store = (window as unknown as ViewerWindow).__viewer.store;
    const off = store.subscribe((s, prev) => {
      if (s.status !== 'ready' || prev.status === 'ready') return;
      off();
      s.addMarker({ start: 1234, name: 'early', color: '#d6455d', note: '' });
    });
  });
  await page.getByTestId('open-folder').setInputFiles(L2);
  await ready(page);
  await expect
    .poll(() =>
      page.evaluate(() => (window as unknown as ViewerWindow).__viewer.store.getState().notesKey),
    )
    .toMatch(/^[0-9a-f]{32}$/);
  expect((await snap(page)).markers.map((m) => m.name)).toEqual(['early']);
});

test('a notes sidecar inside a dropped folder loads with it', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'atv-sidecar-'));
  const folder = join(dir, 'run-42');
  cpSync(L2, folder, { recursive: true });
  writeFileSync(
    join(folder, 'run-42.atv-notes.json'),
    JSON.stringify({
      format: 'atv-notes',
      version: 1,
      profile: { name: 'run-42', fingerprint: '' },
      markers: [{ id: 'k1', start: 2000, end: 9000, name: 'from the folder', note: 'kept' }],
    }),
  );
  await page.goto('./?demo=0');
  await page.getByTestId('open-folder').setInputFiles(folder);
  await ready(page);
  await expect
    .poll(async () => (await snap(page)).markers)
    .toEqual([{ name: 'from the folder', note: 'kept', start: 2000, end: 9000 }]);
  // Not an import input: the folder still holds one profile.
  expect(
    await page.evaluate(
      () => (window as unknown as ViewerWindow).__viewer.store.getState().discovered.length,
    ),
  ).toBe(1);
  rmSync(dir, { recursive: true, force: true });
});

/** The embedding example (deploy/embed-example.*) served from another origin (another port). */
async function serveEmbedExample() {
  const types: Record<string, string> = {
    html: 'text/html',
    js: 'text/javascript',
    css: 'text/css',
  };
  const files = new Map<string, { type: string; body: string }>();
  for (const ext of Object.keys(types))
    files.set(`/embed-example.${ext}`, {
      type: types[ext]!,
      body: await readFile(resolve(`deploy/embed-example.${ext}`), 'utf8'),
    });
  const server = createServer((req, res) => {
    const f = files.get(new URL(req.url ?? '/', 'http://x').pathname);
    res.writeHead(f ? 200 : 404, { 'content-type': f?.type ?? 'text/plain' });
    res.end(f?.body ?? '');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return server;
}

test('embedding: PING/PONG, then a buffer from an unlisted origin after the user allows it', async ({
  page,
  baseURL,
}) => {
  // The dashboard: the example page served from another origin (another port).
  const server = await serveEmbedExample();
  const addr = server.address();
  const dashboard = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  const viewer = `${baseURL}/?embed=1`;
  await page.goto(`${dashboard}/embed-example.html?viewer=${encodeURIComponent(viewer)}`);
  await expect(page.locator('#status')).toHaveText('viewer ready');
  const frame = page.frameLocator('#viewer');
  // ?embed waits for the page: no demo.
  await expect(frame.getByTestId('app-status')).toHaveAttribute('data-state', 'idle');
  await page.locator('#sample').click();
  await expect(frame.getByTestId('embed-confirm')).toContainText(dashboard);
  await frame.getByTestId('embed-allow').click();
  await expect(frame.getByTestId('app-status')).toHaveAttribute('data-state', 'ready');
  await expect(page.locator('#status')).toHaveText('opened');
  const f = page.frames().find((x) => x.url().startsWith(baseURL!))!;
  const name = await f.evaluate(
    () => (window as unknown as ViewerWindow).__viewer.store.getState().sourceName,
  );
  expect(name).toBe('CI run ci-run.json');
  // Once allowed, the same page is not asked again.
  await page.locator('#sample').click();
  await expect(frame.getByTestId('embed-confirm')).toHaveCount(0);
  await expect(page.locator('#status')).toHaveText('opened');
  server.close();
});

test('embedding: a refused origin gets no trace, an opaque origin is refused without asking', async ({
  page,
  baseURL,
}) => {
  const server = await serveEmbedExample();
  const addr = server.address();
  const dashboard = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  await page.goto(
    `${dashboard}/embed-example.html?viewer=${encodeURIComponent(`${baseURL}/?embed=1`)}`,
  );
  await expect(page.locator('#status')).toHaveText('viewer ready');
  const frame = page.frameLocator('#viewer');
  await page.locator('#sample').click();
  await expect(frame.getByTestId('embed-confirm')).toContainText(dashboard);
  await frame.getByTestId('embed-deny').click();
  await expect(page.locator('#status')).toHaveText('not opened: refused by the user');
  await expect(frame.getByTestId('embed-confirm')).toHaveCount(0);
  await expect(frame.getByTestId('app-status')).toHaveAttribute('data-state', 'idle');
  // A sandboxed frame (origin "null") beside the viewer gets its PONG, but its atv:open is
  // refused at once.
  const reply = await page.evaluate(async () => {
    const box = document.createElement('iframe');
    box.sandbox.add('allow-scripts');
    box.srcdoc = `<script>
      const viewer = parent.frames[0];
      const out = [];
      addEventListener('message', (e) => {
        out.push(e.data.type + (e.data.error ? ': ' + e.data.error : ''));
        if (e.data.type === 'atv:pong') viewer.postMessage({ type: 'atv:open', url: 'x.json' }, '*');
        else parent.postMessage({ sandboxed: out }, '*');
      });
      viewer.postMessage({ type: 'atv:ping' }, '*');
    </script>`;
    const got = new Promise<unknown>((r) =>
      addEventListener('message', (e) => {
        const d = e.data as { sandboxed?: unknown };
        if (d?.sandboxed) r(d.sandboxed);
      }),
    );
    document.body.appendChild(box);
    return got;
  });
  expect(reply).toEqual(['atv:pong', 'atv:opened: opaque origins ("null") are refused']);
  await expect(frame.getByTestId('embed-confirm')).toHaveCount(0);
  await expect(frame.getByTestId('app-status')).toHaveAttribute('data-state', 'idle');
  server.close();
});

test('a link restores ranks opened together and a manual clock offset', async ({
  page,
  browser,
}) => {
  const RUN = resolve('fixtures/cluster-8/run_20250101');
  await page.goto('./?demo=0');
  await page.getByTestId('open-folder').setInputFiles(RUN);
  await ready(page);
  await expect
    .poll(() =>
      page.evaluate(
        () => (window as unknown as ViewerWindow).__viewer.store.getState().clusterStatus,
      ),
    )
    .toBe('ready');
  const ranks = await page.evaluate(async () => {
    const v = (
      window as unknown as {
        __viewer: { store: AppStore; controller: { openRanks(ids: string[]): Promise<boolean> } };
      }
    ).__viewer;
    const ids = v.store
      .getState()
      .discovered.slice(0, 2)
      .map((d) => d.id);
    await v.controller.openRanks(ids);
    v.store.getState().setRankManualOffset(1, 123456789n);
    return ids;
  });
  const read = (p: Page) =>
    p.evaluate(() => {
      const s = (window as unknown as ViewerWindow).__viewer.store.getState();
      return { open: s.clusterOpenRanks, offsets: s.clusterManualOffsets, tab: s.tab };
    });
  await expect.poll(async () => (await read(page)).open).toEqual(ranks);
  const before = await read(page);
  expect(Object.keys(before.offsets)).toHaveLength(1);
  await page.getByTestId('copy-link').click();
  const link = await page.getByTestId('share-link').inputValue();

  const ctx = await browser.newContext();
  const fresh = await ctx.newPage();
  await fresh.goto(link);
  await fresh.getByTestId('link-open-folder').setInputFiles(RUN);
  await ready(fresh);
  await expect(fresh.getByTestId('share-message')).toContainText('match');
  // The ranks are listed as soon as their import starts; the tab and offsets are applied once
  // both are in: wait for the whole state.
  await expect.poll(async () => (await read(fresh)).open).toEqual(ranks);
  await expect.poll(() => read(fresh)).toEqual(before);
  await ctx.close();
});
