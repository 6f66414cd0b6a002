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
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { makeManifest, MANIFEST_NAME } from '../src/app/url-open/manifest';
import { walkFolder } from '../scripts/manifest/walk';
import { NGINX_PATH, NGINX_SKIP_REASON, startNginx, type RunningNginx } from '../test/nginx';
import { type ViewerWindow } from './viewer';

// deploy/nginx.conf on a real nginx: dist/ (the build Playwright made) under a sub-path, with
// generated profile folders beside it; ?url= opens a folder (manifest and nginx listing), a zip
// and a .json.gz; a link reopens the same view in a fresh page; another origin is refused
// without a request.

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
    writeFileSync(
      join(traces, 'rank0.atv-notes.json'),
      JSON.stringify({
        format: 'atv-notes',
        version: 1,
        profile: { name: 'rank0', fingerprint: '' },
        markers: [
          { id: 'side1', start: 1000, name: 'from the sidecar', color: '#3a8ee6', note: 'n' },
        ],
      }),
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
    await page.goto(`${base}?url=../traces/run-42/`);
    await ready(page);
    expect((await snap(page)).sourceName).toBe('run-42');
    expect(urls).toContain(`${nginx.origin}/team/traces/run-42/index.json`);
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
      return { track, index, profileId: p.descriptor.id };
    });
    await page.getByTestId('copy-link').click();
    const link = await page.getByTestId('share-link').inputValue();
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
    const after = await snap(fresh);
    expect(after.visibleWindow).toEqual(before.visibleWindow);
    expect(after.tab).toBe('timeline');
    await fresh.screenshot({ path: '/tmp/teams-link-reopened.png' });
    await fresh.context().close();
  });
});
