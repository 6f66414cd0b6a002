// VIEWER_ALLOWED_ORIGINS end to end: the app built with another origin in the list (into its
// CSP's connect-src), served by deploy/nginx.conf with that origin added to the header's
// connect-src as its comment says, opens a `?url=` from that origin (a bucket with a CORS rule),
// and still refuses a third origin without a request. Its own build: a few minutes on a busy
// machine.
import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'fflate';
import {
  freePort,
  NGINX_PATH,
  NGINX_SKIP_REASON,
  startNginx,
  type RunningNginx,
} from '../test/nginx';
import { type ViewerWindow } from './viewer';

const TRACE = resolve(
  'fixtures/ascend/level2-rank0/node0_1408377_20250109084754607_ascend_pt/ASCEND_PROFILER_OUTPUT/trace_view.json',
);

test.describe('deploy: another origin allowed at build time', () => {
  test.skip(!NGINX_PATH, NGINX_SKIP_REASON);
  test.describe.configure({ timeout: 600_000 });

  let tmp = '';
  let nginx: RunningNginx;
  let bucket: Server;
  let bucketOrigin = '';
  const bucketHits: string[] = [];

  test.beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'atv-allowed-'));
    const bucketPort = await freePort();
    bucketOrigin = `http://127.0.0.1:${bucketPort}`;
    const dist = join(tmp, 'dist');
    execFileSync(
      'npx',
      ['vite', 'build', '--outDir', dist, '--emptyOutDir', '--logLevel', 'warn'],
      {
        env: { ...process.env, VIEWER_TEST_HOOKS: '1', VIEWER_ALLOWED_ORIGINS: bucketOrigin },
        stdio: 'inherit',
      },
    );
    const root = join(tmp, 'root');
    mkdirSync(join(root, 'team'), { recursive: true });
    symlinkSync(dist, join(root, 'team', 'viewer'));
    nginx = await startNginx(root, tmp, (conf) =>
      conf.replace("connect-src 'self' blob:", `connect-src 'self' blob: ${bucketOrigin}`),
    );
    // The bucket: a CORS rule for the viewer's origin exposing the validators.
    const gz = gzipSync(readFileSync(TRACE));
    bucket = createServer((req, res) => {
      bucketHits.push(req.url ?? '');
      const cors = {
        'access-control-allow-origin': nginx.origin,
        'access-control-expose-headers': 'ETag, Last-Modified, Content-Length',
      };
      if (req.url !== '/run-43/rank0.json.gz') {
        res.writeHead(404, cors);
        res.end();
        return;
      }
      res.writeHead(200, {
        ...cors,
        'content-type': 'application/octet-stream',
        'content-length': gz.length,
        etag: '"r43"',
      });
      res.end(gz);
    });
    await new Promise<void>((r) => bucket.listen(bucketPort, '127.0.0.1', r));
  });

  test.afterAll(async () => {
    await nginx?.stop();
    bucket?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  test('the listed origin is in the CSP and opens; a third origin is refused with no request', async ({
    page,
  }) => {
    const base = `${nginx.origin}/team/viewer/`;
    const html = await (await fetch(base)).text();
    expect(html).toContain(`connect-src 'self' blob: ${bucketOrigin}`);
    const urls: string[] = [];
    page.on('request', (r) => urls.push(r.url()));
    await page.goto(`${base}?url=${encodeURIComponent(`${bucketOrigin}/run-43/rank0.json.gz`)}`);
    await expect(page.getByTestId('app-status')).toHaveAttribute('data-state', 'ready');
    const source = await page.evaluate(
      () => (window as unknown as ViewerWindow).__viewer.store.getState().sourceName,
    );
    expect(source).toBe('rank0.json.gz');
    expect(bucketHits).toContain('/run-43/rank0.json.gz');

    // localhost is another origin than 127.0.0.1, and not listed.
    const third = bucketOrigin.replace('127.0.0.1', 'localhost');
    const hitsBefore = bucketHits.length;
    urls.length = 0;
    await page.goto(`${base}?url=${encodeURIComponent(`${third}/run-43/rank0.json.gz`)}`);
    await expect(page.getByTestId('error-banner')).toContainText(`Refused to fetch from ${third}`);
    await expect(page.getByTestId('error-banner')).toContainText(bucketOrigin);
    expect(urls.filter((u) => u.startsWith(third))).toEqual([]);
    expect(bucketHits.length).toBe(hitsBefore);
  });
});
