import { expect, test, type Page } from '@playwright/test';
import { gzipSync, zipSync } from 'fflate';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { makeManifest, MANIFEST_NAME } from '../src/app/url-open/manifest';
import { generateKinetoTrace } from '../src/generator/kineto-trace';
import { walkFolder } from '../scripts/manifest/walk';
import { encodeViewState } from '../src/app/share/view-state';
import { NGINX_PATH, NGINX_SKIP_REASON, startNginx, type RunningNginx } from '../test/nginx';
import type { TimelineView } from '../src/timeline/view/timeline-view';
import { type ViewerWindow } from './viewer';

// deploy/nginx.conf on a real nginx: dist/ (the build Playwright made) under a sub-path, with
// generated profile folders beside it; ?url= opens a folder (manifest and nginx listing), a zip
// and a .json.gz, with the notes sidecars beside a file or inside a folder; the reopen cache
// keys a download by the server's ETag/Last-Modified; a link reopens the same view in a fresh
// page (and is on the clipboard); the embedding example page beside the viewer opens a trace
// without a question (same origin); another origin is refused without a request.

const FIXTURE = resolve('fixtures/ascend/level2-rank0');
const DIST = resolve('dist');

function walkFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** A notes sidecar (`<name>.atv-notes.json`) with one marker. */
const notes = (name: string, note: string) =>
  JSON.stringify({
    format: 'atv-notes',
    version: 1,
    profile: { name: 'rank0', fingerprint: '' },
    markers: [{ id: 'side1', start: 1000, name, color: '#3a8ee6', note }],
  });

test.describe('deploy: nginx serves dist/ under a sub-path, profiles beside it', () => {
  test.skip(!NGINX_PATH, NGINX_SKIP_REASON);

  let tmp = '';
  let nginx: RunningNginx;
  let base = '';

  test.beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'atv-nginx-'));
    const root = join(tmp, 'root');
    const traces = join(root, 'team', 'traces');
    mkdirSync(traces, { recursive: true });
    symlinkSync(DIST, join(root, 'team', 'viewer'));
    // A folder with a manifest, the same folder listed by nginx, a zip and a .json.gz.
    cpSync(FIXTURE, join(traces, 'run-42'), { recursive: true });
    const files = await walkFolder(join(traces, 'run-42'));
    writeFileSync(join(traces, 'run-42', MANIFEST_NAME), JSON.stringify(makeManifest(files)));
    cpSync(FIXTURE, join(traces, 'listed'), { recursive: true });
    const zipped: Record<string, Uint8Array> = {};
    for (const f of walkFiles(FIXTURE))
      zipped[`${relative(FIXTURE, f).split('\\').join('/')}`] = readFileSync(f);
    writeFileSync(join(traces, 'run-42.zip'), zipSync(zipped));
    const trace = walkFiles(FIXTURE).find((f) => f.endsWith('trace_view.json'))!;
    writeFileSync(join(traces, 'rank0.json.gz'), gzipSync(readFileSync(trace)));
    writeFileSync(join(traces, 'rank0.atv-notes.json'), notes('from the sidecar', 'n'));
    // Folders with a notes sidecar inside (with a manifest, and listed by nginx).
    for (const name of ['noted', 'noted-listed']) {
      cpSync(FIXTURE, join(traces, name), { recursive: true });
      writeFileSync(join(traces, name, 'team.atv-notes.json'), notes('in the folder', 'n2'));
    }
    const noted = await walkFolder(join(traces, 'noted'));
    expect(noted.map((f) => f.path)).toContain('team.atv-notes.json');
    writeFileSync(join(traces, 'noted', MANIFEST_NAME), JSON.stringify(makeManifest(noted)));
    // A trace big enough for the reopen cache (8 MiB or more).
    const big = generateKinetoTrace({ seed: 3, style: 'new', steps: 400, kernelsPerStep: 40 });
    writeFileSync(join(traces, 'big.pt.trace.json'), big.text);
    // The embedding example, served beside the viewer (same origin).
    mkdirSync(join(root, 'team', 'embed'));
    for (const ext of ['html', 'js', 'css'])
      cpSync(
        resolve(`deploy/embed-example.${ext}`),
        join(root, 'team', 'embed', `embed-example.${ext}`),
      );
    nginx = await startNginx(root, tmp);
    base = `${nginx.origin}/team/viewer/`;
  });

  test.afterAll(async () => {
    await nginx?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  const ready = (page: Page) =>
    expect(page.getByTestId('app-status')).toHaveAttribute('data-state', 'ready');
  /** What the tests read from the store. */
  const snap = (page: Page) =>
    page.evaluate(() => {
      const s = (window as unknown as ViewerWindow).__viewer.store.getState();
      return {
        sourceName: s.sourceName,
        discovered: s.discovered.length,
        tab: s.tab,
        zips: s.openedReports.filter((r) => r.kind === 'zip').map((r) => `${r.path}:${r.status}`),
        markers: s.markers.map((m) => `${m.name}:${m.note}`),
        selected: s.selected,
        visibleWindow: s.visibleWindow,
      };
    });

  test('headers: CSP with frame-ancestors, caching, application/wasm, gzip', async () => {
    const index = await fetch(base);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    expect(index.headers.get('content-security-policy')).toContain("connect-src 'self' blob:");
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const html = await index.text();
    const js = /assets\/index-[\w-]{8}\.js/.exec(html)![0];
    const asset = await fetch(base + js, { headers: { 'accept-encoding': 'gzip' } });
    expect(asset.headers.get('cache-control')).toMatch(/max-age=\d{8,}/);
    expect(asset.headers.get('content-encoding')).toBe('gzip');
    expect(asset.headers.get('content-security-policy')).toContain('frame-ancestors');
    const wasmName = readdirSync(join(DIST, 'assets')).find((f) => f.endsWith('.wasm'))!;
    const wasm = await fetch(`${base}assets/${wasmName}`);
    expect(wasm.headers.get('content-type')).toBe('application/wasm');
    const listing = await fetch(`${nginx.origin}/team/traces/listed/`);
    expect(listing.headers.get('content-type')).toContain('application/json');
  });

  test('?url= a folder with index.json: same import, progress, profile ready', async ({ page }) => {
    const urls: string[] = [];
    page.on('request', (r) => urls.push(r.url()));
    // Every text the progress panel shows, as it shows it.
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __progress: string[] }).__progress = seen;
      new MutationObserver(() => {
        const t = document.querySelector('[data-testid=progress]')?.textContent;
        if (t && seen[seen.length - 1] !== t) seen.push(t);
      }).observe(document, { subtree: true, childList: true, characterData: true });
    });
    await page.goto(`${base}?url=../traces/run-42/`);
    await ready(page);
    expect((await snap(page)).sourceName).toBe('run-42');
    expect(urls).toContain(`${nginx.origin}/team/traces/run-42/index.json`);
    // The download showed its progress: file by file, bytes of the manifest's total.
    const progress = await page.evaluate(
      () => (window as unknown as { __progress: string[] }).__progress,
    );
    expect(progress.some((t) => /run-42\/.+\(downloading\): [\d.]+ [kM]?B of [1-9]/.test(t))).toBe(
      true,
    );
    await page.getByTestId('tab-report').click();
    await expect(page.getByTestId('inputs-table').first()).toContainText('kernel_details.csv');
    expect(urls.every((u) => u.startsWith(nginx.origin) || u.startsWith('blob:'))).toBe(true);
  });

  test('?url= a folder without a manifest: read from nginx JSON listing', async ({ page }) => {
    await page.goto(`${base}?url=/team/traces/listed`);
    await ready(page);
    expect((await snap(page)).discovered).toBe(1);
    await page.getByTestId('tab-report').click();
    await expect(page.getByTestId('inputs-table').first()).toContainText('trace_view.json');
  });

  test('?url= a zip and a .json.gz (its notes sidecar loads with it)', async ({ page }) => {
    await page.goto(`${base}?url=../traces/run-42.zip`);
    await ready(page);
    expect((await snap(page)).zips).toEqual(['run-42.zip:read']);
    expect((await snap(page)).discovered).toBe(1);
    await page.goto(`${base}?url=../traces/rank0.json.gz`);
    await ready(page);
    // The sidecar is read after the import is ready (its fingerprint first): wait for it.
    await expect.poll(async () => (await snap(page)).markers).toEqual(['from the sidecar:n']);
    expect((await snap(page)).tab).toBe('timeline');
  });

  test('a URL on another origin is refused with one line, and no request is made', async ({
    page,
  }) => {
    const other = `http://localhost:${nginx.port}`;
    const urls: string[] = [];
    page.on('request', (r) => urls.push(r.url()));
    await page.goto(`${base}?url=${encodeURIComponent(`${other}/team/traces/run-42/`)}`);
    await expect(page.getByTestId('error-banner')).toContainText(`Refused to fetch from ${other}`);
    await expect(page.getByTestId('error-banner')).toContainText(`VIEWER_ALLOWED_ORIGINS=${other}`);
    await page.waitForTimeout(300);
    expect(urls.filter((u) => u.startsWith(other))).toEqual([]);
    expect(urls.filter((u) => u.includes('/traces/'))).toEqual([]);
  });

  test('Copy link reopens the trace, the view and the markers in a fresh page', async ({
    page,
    browser,
  }) => {
    await page.goto(`${base}?url=../traces/run-42/`);
    await ready(page);
    await page.getByTestId('tab-timeline').click();
    // A view: a window, a selected slice, a range, a marker with a note.
    const picked = await page.evaluate(() => {
      const st = (window as unknown as ViewerWindow).__viewer.store.getState();
      const p = st.profiles[st.activeProfileId!]!;
      const t = p.trace!;
      const track = t.sliceTracks.findIndex((x) => x.slices.length > 3);
      const index = 2;
      const start = t.sliceTracks[track]!.slices.start[index]!;
      st.setVisibleWindow({ start: start - 1234.5, end: start + 98765.25 });
      st.selectSlice({ profileId: p.descriptor.id, track, index });
      st.addMarker({ start: start + 10, name: 'slow here', color: '#d6455d', note: 'look' });
      // The rest of the view a link carries: range, search, a table's sort/filter/group, a
      // pinned and a folded track, a hidden flow category, the track filter.
      st.setRange({ start: start + 100, end: start + 5000.5 });
      st.setSearchOptions({ regex: true, args: false });
      st.setSearchQuery('aclnn.*Norm');
      st.setTableState('kernels', {
        sort: { column: 'Duration(us)', dir: 'desc' },
        filter: 'Norm',
        groupBy: 'name',
      });
      const v = (window as unknown as { __viewer: { timeline: { view: TimelineView } } }).__viewer
        .timeline.view;
      const rows = v.layout.rows.filter((r) => r.kind === 'slices');
      st.togglePinned(rows[1]!.key);
      const proc = v.layout.rows.find((r) => r.kind === 'process' && !r.collapsed)!;
      st.setCollapsed(proc.key, true);
      st.toggleFlowCat('async_npu');
      st.setTrackFilter('Stream');
      return { track, index, profileId: p.descriptor.id };
    });
    const rest = (p: Page) =>
      p.evaluate(() => {
        const s = (window as unknown as ViewerWindow).__viewer.store.getState();
        return {
          range: s.range,
          search: [s.searchQuery, s.searchRegex, s.searchArgs],
          kernels: s.tableStates['kernels'],
          pins: s.pinnedTracks,
          collapsed: s.collapseOverrides,
          flows: s.hiddenFlowCats,
          tracks: s.trackFilter,
        };
      });
    const restBefore = await rest(page);
    expect(restBefore.pins).toHaveLength(1);
    await page
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: nginx.origin });
    await page.getByTestId('copy-link').click();
    const link = await page.getByTestId('share-link').inputValue();
    // "Copy link" puts it on the clipboard.
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    expect(link).toContain('?url=');
    expect(link).toMatch(/#atv1=/);
    const before = await snap(page);

    const fresh = await (await browser.newContext()).newPage();
    await fresh.goto(link);
    await ready(fresh);
    await expect
      .poll(async () => (await snap(fresh)).selected)
      .toEqual({ profileId: picked.profileId, track: picked.track, index: picked.index });
    await expect.poll(async () => (await snap(fresh)).markers).toEqual(['slow here:look']);
    await expect.poll(() => rest(fresh)).toEqual(restBefore);
    const after = await snap(fresh);
    expect(after.visibleWindow).toEqual(before.visibleWindow);
    expect(after.tab).toBe('timeline');
    await fresh.screenshot({ path: '/tmp/teams-link-reopened.png' });
    await fresh.context().close();
  });

  test('?url= a folder brings the notes sidecar inside it (with index.json, and listed)', async ({
    page,
  }) => {
    await page.goto(`${base}?url=../traces/noted/`);
    await ready(page);
    await expect.poll(async () => (await snap(page)).markers).toEqual(['in the folder:n2']);
    await page.goto(`${base}?url=../traces/noted-listed/`);
    await ready(page);
    expect((await snap(page)).sourceName).toBe('noted-listed');
    await expect.poll(async () => (await snap(page)).markers).toEqual(['in the folder:n2']);
  });

  test('the reopen cache keys a download by URL, size and the server ETag/Last-Modified', async ({
    page,
  }) => {
    const file = join(tmp, 'root', 'team', 'traces', 'big.pt.trace.json');
    const head = await fetch(`${nginx.origin}/team/traces/big.pt.trace.json`, { method: 'HEAD' });
    expect(head.headers.get('etag')).toBeTruthy();
    expect(head.headers.get('last-modified')).toBeTruthy();
    await page.goto(`${base}?url=../traces/big.pt.trace.json`);
    await ready(page);
    const fromCache = () =>
      page.evaluate(() => {
        const s = (window as unknown as ViewerWindow).__viewer.store.getState();
        return s.profiles[s.activeProfileId!]!.fromCache === true;
      });
    expect(await fromCache()).toBe(false);
    // Open the same URL again in this page (the embedding API reads a url like ?url=; the page's
    // own origin needs no confirmation): the same ETag and size, so the parsed profile is reused.
    const openAgain = () =>
      page.evaluate(
        () =>
          new Promise<boolean>((done) => {
            const on = (e: MessageEvent) => {
              const d = e.data as { type?: string; ok?: boolean };
              if (d?.type !== 'atv:opened') return;
              removeEventListener('message', on);
              done(d.ok === true);
            };
            addEventListener('message', on);
            postMessage({ type: 'atv:open', url: '../traces/big.pt.trace.json' }, location.origin);
          }),
      );
    expect(await openAgain()).toBe(true);
    expect(await fromCache()).toBe(true);
    // Same bytes, a new modification time: nginx sends another ETag/Last-Modified, so no reuse.
    const later = new Date(Date.now() + 3600_000);
    utimesSync(file, later, later);
    const again = await fetch(`${nginx.origin}/team/traces/big.pt.trace.json`, { method: 'HEAD' });
    expect(again.headers.get('etag')).not.toBe(head.headers.get('etag'));
    expect(await openAgain()).toBe(true);
    expect(await fromCache()).toBe(false);
  });

  test('the embedding example beside the viewer: PING/PONG, then a buffer, a url and a state', async ({
    page,
  }) => {
    // Same origin as the viewer: obeyed without asking (frame-ancestors 'self' lets it frame).
    await page.goto(`${nginx.origin}/team/embed/embed-example.html`);
    await expect(page.locator('#status')).toHaveText('viewer ready');
    const frame = page.frameLocator('#viewer');
    await expect(frame.getByTestId('app-status')).toHaveAttribute('data-state', 'idle');
    await page.locator('#sample').click();
    await expect(page.locator('#status')).toHaveText('opened');
    await expect(frame.getByTestId('embed-confirm')).toHaveCount(0);
    const viewer = () => page.frames().find((f) => f.url().startsWith(base))!;
    expect(
      await viewer().evaluate(
        () => (window as unknown as ViewerWindow).__viewer.store.getState().sourceName,
      ),
    ).toBe('CI run ci-run.json');
    // A url (read like ?url=, its sidecar with it) and a link's state.
    const state = encodeViewState({ v: 2, tab: 'kernels', win: [5000, 900000.5] });
    await page.evaluate((st) => {
      const f = document.getElementById('viewer') as HTMLIFrameElement;
      f.contentWindow!.postMessage(
        { type: 'atv:open', url: '../traces/rank0.json.gz', state: st },
        new URL(f.src).origin,
      );
    }, state);
    await expect(page.locator('#status')).toHaveText('opened');
    const read = () =>
      viewer().evaluate(() => {
        const s = (window as unknown as ViewerWindow).__viewer.store.getState();
        return {
          source: s.sourceName,
          tab: s.tab,
          win: s.visibleWindow,
          markers: s.markers.length,
        };
      });
    await expect.poll(read).toEqual({
      source: 'rank0.json.gz',
      tab: 'kernels',
      win: { start: 5000, end: 900000.5 },
      markers: 1,
    });
  });
});
