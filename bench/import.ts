/**
 * Import benchmark: `npm run bench:import -- --sizes 10,100,500,1000` or `-- --file <trace.json>`.
 *
 * Generates Ascend-shaped traces (cached in .bench-cache/), loads each into the built app in
 * headless Chromium through the folder/file input, and prints: size, events, time to `ready`,
 * MB/s, peak renderer memory, longest main-thread task; then the plain single-thread pipeline
 * (File.text → JSON.parse → walk the events) in the same browser, and the ratio.
 * Figures only: nothing here fails on time.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { launch, samplePeak, serveDist } from './lib/browser';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const sizes = (opt('sizes') ?? '10,100')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const fileArg = opt('file');
const skipPlain = args.includes('--no-plain');
const port = Number(opt('port') ?? 4190);
const CACHE = resolve('.bench-cache');

function traceFor(mb: number): string {
  mkdirSync(CACHE, { recursive: true });
  const path = resolve(CACHE, `trace_${mb}MB`, 'trace_view.json');
  if (!existsSync(path)) {
    mkdirSync(resolve(CACHE, `trace_${mb}MB`), { recursive: true });
    execFileSync('npx', ['tsx', 'scripts/gen-big-trace.ts', '--mb', String(mb), '--out', path], {
      stdio: 'inherit',
    });
  }
  return path;
}

interface Row {
  label: string;
  mb: number;
  events: number;
  readyMs: number;
  peakMB: number;
  longTaskMs: number;
  plainMs: number | null;
  plainPeakMB: number | null;
  plainError: string | null;
}

async function measure(url: string, path: string, label: string): Promise<Row> {
  const mb = statSync(path).size / 2 ** 20;
  const browser = await launch(['--js-flags=--max-old-space-size=8192']);
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.addInitScript(() => {
      const w = window as unknown as { __longTasks: number[] };
      w.__longTasks = [];
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) w.__longTasks.push(e.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(`${url}?demo=0`);
    await page.waitForSelector('[data-testid=app-status]', { state: 'attached' });
    const peak = samplePeak();
    const t0 = Date.now();
    await page.getByTestId('open-files').setInputFiles(path);
    await page.waitForSelector(
      '[data-testid=app-status][data-state=ready], [data-testid=app-status][data-state=error]',
      {
        state: 'attached',
        timeout: 600_000,
      },
    );
    await page.evaluate(
      () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
    );
    const readyMs = Date.now() - t0;
    const peakBytes = peak.stop();
    const state = await page.getByTestId('app-status').getAttribute('data-state');
    const info = await page.evaluate(() => {
      const w = window as unknown as {
        __longTasks: number[];
        __viewer: {
          store: {
            getState(): {
              profiles: Record<string, { trace: { stats: { events: number } } | null }>;
              error: string | null;
            };
          };
        };
      };
      const s = w.__viewer.store.getState();
      const p = Object.values(s.profiles)[0];
      return {
        events: p?.trace?.stats.events ?? 0,
        longTask: Math.max(0, ...w.__longTasks),
        error: s.error,
      };
    });
    if (state !== 'ready') throw new Error(`import failed: ${info.error}`);
    await page.close();
    let plainMs: number | null = null;
    let plainPeakMB: number | null = null;
    let plainError: string | null = null;
    if (!skipPlain) {
      const p2 = await browser.newPage();
      await p2.goto(`${url}?demo=0`);
      await p2.evaluate(() => {
        const input = document.createElement('input');
        input.type = 'file';
        input.id = 'plain-input';
        document.body.append(input);
      });
      await p2.setInputFiles('#plain-input', path);
      const peak2 = samplePeak();
      const r = await p2.evaluate(async () => {
        const file = (document.getElementById('plain-input') as HTMLInputElement).files![0]!;
        const t = performance.now();
        try {
          const text = await file.text();
          const parsed: unknown = JSON.parse(text);
          const events = (
            Array.isArray(parsed) ? parsed : (parsed as { traceEvents: unknown[] }).traceEvents
          ) as { ph?: string }[];
          let n = 0;
          for (const e of events) if (e && e.ph) n++;
          return { ms: performance.now() - t, n, error: null };
        } catch (e) {
          return { ms: performance.now() - t, n: 0, error: String(e) };
        }
      });
      plainPeakMB = peak2.stop() / 2 ** 20;
      if (r.error) plainError = r.error.slice(0, 80);
      else plainMs = r.ms;
      await p2.close();
    }
    return {
      label,
      mb,
      events: info.events,
      readyMs,
      peakMB: peakBytes / 2 ** 20,
      longTaskMs: info.longTask,
      plainMs,
      plainPeakMB,
      plainError,
    };
  } finally {
    await browser.close();
  }
}

async function main() {
  if (!args.includes('--no-build')) {
    execFileSync('npm', ['run', 'build'], {
      stdio: 'inherit',
      env: { ...process.env, VIEWER_TEST_HOOKS: '1' },
    });
  }
  const server = await serveDist(port);
  const rows: Row[] = [];
  try {
    const inputs = fileArg
      ? [{ path: resolve(fileArg), label: fileArg }]
      : sizes.map((mb) => ({ path: traceFor(mb), label: `${mb} MB generated` }));
    for (const { path, label } of inputs) {
      process.stderr.write(`measuring ${label}…\n`);
      rows.push(await measure(server.url, path, label));
    }
  } finally {
    server.stop();
  }
  const f = (n: number, d = 0) => n.toFixed(d);
  console.log(
    `\nImport benchmark (headless Chromium, ${process.env.HOSTNAME ?? 'this machine'}, ${(await import('node:os')).cpus().length} cores)`,
  );
  console.log(
    '| input | MB | events | ready (s) | MB/s | peak RSS (MB) | peak/size | longest main-thread task (ms) | plain pipeline (s) | plain MB/s | plain peak (MB) | speed-up |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const plain =
      r.plainMs === null ? (r.plainError ? `fails: ${r.plainError}` : '–') : f(r.plainMs / 1000, 2);
    const ratio = r.plainMs === null ? '–' : `${f(r.plainMs / r.readyMs, 2)}×`;
    console.log(
      `| ${r.label} | ${f(r.mb)} | ${r.events.toLocaleString('en-US')} | ${f(r.readyMs / 1000, 2)} | ${f(r.mb / (r.readyMs / 1000))} | ${f(r.peakMB)} | ${f(r.peakMB / r.mb, 2)} | ${f(r.longTaskMs)} | ${plain} | ${r.plainMs ? f(r.mb / (r.plainMs / 1000)) : '–'} | ${r.plainPeakMB === null ? '–' : f(r.plainPeakMB)} | ${ratio} |`,
    );
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
