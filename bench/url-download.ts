/**
 * Peak memory of opening a large trace through `?url=` (issue 17: downloads stream to disk).
 *
 *   npx tsx bench/url-download.ts [--mb 300] [--out-dir dist] [--port 4191]
 *
 * Serves `--out-dir` (a build) with vite preview, puts a generated trace beside it, opens
 * `?url=` in Chromium and samples the resident memory of that browser's processes (the browser
 * process, where Blob data lives, and its renderers: page and workers) every 50 ms until the
 * import is ready. Prints figures; never fails on them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from '../test/chromium';
import { serveDist } from './lib/browser';

const args = process.argv.slice(2);
const opt = (k: string) => {
  const i = args.indexOf(`--${k}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const mb = Number(opt('mb') ?? 300);
const outDir = resolve(opt('out-dir') ?? 'dist');
const port = Number(opt('port') ?? 4191);

function traceFor(size: number): string {
  const path = resolve('.bench-cache', `trace_${size}MB`, 'trace_view.json');
  if (!existsSync(path)) {
    mkdirSync(resolve('.bench-cache', `trace_${size}MB`), { recursive: true });
    execFileSync('npx', ['tsx', 'scripts/gen-big-trace.ts', '--mb', String(size), '--out', path], {
      stdio: 'inherit',
    });
  }
  return path;
}

/** pid → (ppid, rss bytes, is renderer) of every process. */
function processes() {
  const out = new Map<number, { ppid: number; rss: number; renderer: boolean }>();
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      const ppid = Number(/PPid:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const rss = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
      const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8');
      out.set(Number(p), { ppid, rss, renderer: cmd.includes('--type=renderer') });
    } catch {
      /* gone */
    }
  }
  return out;
}

/** RSS of `root` and its descendants: all, and renderers only. */
function treeRss(root: number): { all: number; renderers: number } {
  const ps = processes();
  const inTree = (pid: number): boolean => {
    for (let p = pid, n = 0; p > 1 && n < 50; n++) {
      if (p === root) return true;
      p = ps.get(p)?.ppid ?? 0;
    }
    return false;
  };
  let all = 0;
  let renderers = 0;
  for (const [pid, p] of ps) {
    if (!inTree(pid)) continue;
    all += p.rss;
    if (p.renderer) renderers += p.rss;
  }
  return { all, renderers };
}

async function main() {
  const trace = traceFor(mb);
  const link = resolve(outDir, 'bench-url');
  rmSync(link, { recursive: true, force: true });
  mkdirSync(link);
  symlinkSync(trace, resolve(link, 'trace_view.json'));
  const server = await serveDist(port, outDir);
  const browser = await chromium.launchServer({
    executablePath: chromiumPath(),
    args: CHROMIUM_ARGS,
  });
  const root = browser.process().pid!;
  const client = await chromium.connect(browser.wsEndpoint());
  try {
    const page = await client.newPage();
    await page.goto(`${server.url}?demo=0`);
    await page.getByTestId('open-files').waitFor({ state: 'attached' });
    await page.waitForTimeout(1000);
    const idle = treeRss(root);
    let peak = idle;
    const t = setInterval(() => {
      const r = treeRss(root);
      peak = { all: Math.max(peak.all, r.all), renderers: Math.max(peak.renderers, r.renderers) };
    }, 50);
    const t0 = Date.now();
    await page.goto(`${server.url}?url=bench-url/trace_view.json`);
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid=app-status]')?.getAttribute('data-state') === 'ready',
      undefined,
      { timeout: 600_000, polling: 200 },
    );
    const ms = Date.now() - t0;
    clearInterval(t);
    const MB = (b: number) => `${Math.round(b / 2 ** 20)} MB`;
    console.log(
      `${outDir}: ${mb} MB via ?url= ready in ${(ms / 1000).toFixed(1)} s; ` +
        `peak RSS all processes ${MB(peak.all)} (idle ${MB(idle.all)}), ` +
        `renderers ${MB(peak.renderers)} (idle ${MB(idle.renderers)})`,
    );
  } finally {
    await client.close();
    await browser.close();
    server.stop();
    rmSync(link, { recursive: true, force: true });
  }
}

void main();
