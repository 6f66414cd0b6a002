/**
 * Import benchmark: `npm run bench:import -- --sizes 100,1000 [--shape torch_npu|ascend]
 * [--repeat N] [--no-plain] [--no-build] [--dist <build dir>] [--cpu-profile]` or `-- --file <trace.json>`.
 *
 * Generates traces (cached in .bench-cache/): `torch_npu` (default) is the shape of issue 18 —
 * ts as strings with ns digits, flow ids above 2^53, ~185 bytes an event, 40 % X / 38 % C /
 * 22 % flow (src/fixtures/torch-npu-stream.ts); `ascend` is the Ascend-shaped trace_view.json of
 * scripts/gen-big-trace.ts. For each size and repetition, in one headless Chromium run: this app
 * (file chosen → ready → first complete frame) and the plain pipeline (bench/lib/plain-pipeline.ts)
 * in a fresh page each, with peak renderer memory above the page's baseline and the longest
 * main-thread task from file chosen to the first complete frame. Prints medians over repetitions.
 * Figures only: nothing here fails on time.
 */
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  renameSync,
  statSync,
  writeSync,
} from 'node:fs';
import { loadavg, cpus } from 'node:os';
import { resolve } from 'node:path';
import { streamTorchNpuTrace } from '../src/generator/torch-npu-stream';
import { launch, rendererRss, samplePeak, serveDist } from './lib/browser';
import { measureApp, type AppRun } from './lib/import-app-run';
import { plainPipeline } from './lib/plain-pipeline';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const sizes = (opt('sizes') ?? '10,100')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const shape = opt('shape') ?? 'torch_npu';
const repeat = Math.max(1, Number(opt('repeat') ?? 1));
const fileArg = opt('file');
const skipPlain = args.includes('--no-plain');
const cpuProfile = args.includes('--cpu-profile');
const port = Number(opt('port') ?? 4190);
// A build made elsewhere (e.g. the previous commit's, for a before/after), served instead of dist/.
const distArg = opt('dist');
const CACHE = resolve('.bench-cache');

function traceFor(mb: number): string {
  mkdirSync(CACHE, { recursive: true });
  if (shape === 'ascend') {
    const path = resolve(CACHE, `trace_${mb}MB`, 'trace_view.json');
    if (!existsSync(path)) {
      mkdirSync(resolve(CACHE, `trace_${mb}MB`), { recursive: true });
      execFileSync('npx', ['tsx', 'scripts/gen-big-trace.ts', '--mb', String(mb), '--out', path], {
        stdio: 'inherit',
      });
    }
    return path;
  }
  const dir = resolve(CACHE, `torch_npu_${mb}MB`);
  const path = resolve(dir, 'trace_view.json');
  if (!existsSync(path)) {
    mkdirSync(dir, { recursive: true });
    const fd = openSync(`${path}.partial`, 'w');
    try {
      const t = streamTorchNpuTrace({ targetMB: mb }, (c) => writeSync(fd, c));
      process.stderr.write(`generated ${path}: ${t.bytes} bytes, ${t.events} events\n`);
    } finally {
      closeSync(fd);
    }
    renameSync(`${path}.partial`, path);
  }
  return path;
}

interface PlainRun {
  ms: number | null;
  peakAboveMB: number;
  error: string | null;
}

async function measurePlain(url: string, path: string): Promise<PlainRun> {
  const browser = await launch(['--js-flags=--max-old-space-size=8192']);
  try {
    const page = await browser.newPage();
    await page.goto(`${url}?demo=0`);
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.type = 'file';
      input.id = 'plain-input';
      document.body.append(input);
    });
    await page.setInputFiles('#plain-input', path);
    await page.waitForTimeout(500);
    const base = rendererRss();
    const peak = samplePeak();
    const r = await page.evaluate(
      // `__name`: what tsx's keepNames wraps functions in; not defined in the page.
      `(() => { const __name = (f) => f; return (${plainPipeline.toString()})(document.getElementById('plain-input').files[0]); })()`,
    );
    const { ms, error } = r as Awaited<ReturnType<typeof plainPipeline>>;
    return { ms: error ? null : ms, peakAboveMB: (peak.stop() - base) / 2 ** 20, error };
  } finally {
    await browser.close();
  }
}

const median = (xs: number[]) => {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length === 0
    ? NaN
    : s.length % 2
      ? s[s.length >> 1]!
      : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function main() {
  if (!args.includes('--no-build') && !distArg) {
    // Unminified when profiling, so the profile names functions.
    execFileSync('npm', ['run', 'build', ...(cpuProfile ? ['--', '--minify', 'false'] : [])], {
      stdio: 'inherit',
      env: { ...process.env, VIEWER_TEST_HOOKS: '1' },
    });
  }
  const inputs = fileArg
    ? [{ path: resolve(fileArg), label: fileArg }]
    : sizes.map((mb) => ({ path: traceFor(mb), label: `${mb} MB ${shape}` }));
  const server = await serveDist(port, distArg ? resolve(distArg) : undefined);
  const load0 = loadavg()[0]!;
  const rows: { label: string; mb: number; app: AppRun[]; plain: PlainRun[] }[] = [];
  try {
    for (const { path, label } of inputs) {
      const row = {
        label,
        mb: statSync(path).size / 2 ** 20,
        app: [] as AppRun[],
        plain: [] as PlainRun[],
      };
      rows.push(row);
      for (let k = 0; k < repeat; k++) {
        process.stderr.write(`measuring ${label} (${k + 1}/${repeat}): app…\n`);
        const app = await measureApp(
          server.url,
          path,
          cpuProfile ? `/tmp/import-${row.mb.toFixed(0)}MB.cpuprofile` : null,
        );
        row.app.push(app);
        process.stderr.write(
          `  app ${(app.readyMs / 1000).toFixed(2)} s, frame ${(app.frameMs / 1000).toFixed(2)} s, cache written ${(app.cacheIdleMs / 1000).toFixed(2)} s, longest task ${app.longTaskMs.toFixed(0)} ms, peak +${app.peakAboveMB.toFixed(0)} MB\n` +
            `  per stage, peak above baseline (MB) / duration (s): ${app.stagePeaks.map(([k, v, ms]) => `${k} ${v.toFixed(0)}/${(ms / 1000).toFixed(2)}`).join(' · ')}\n` +
            `  stages ${JSON.stringify({ ...app.timings, marks: undefined })}\n`,
        );
        if (!skipPlain) {
          const plain = await measurePlain(server.url, path);
          row.plain.push(plain);
          process.stderr.write(
            `  plain ${plain.ms === null ? plain.error : (plain.ms / 1000).toFixed(2) + ' s'}, peak +${plain.peakAboveMB.toFixed(0)} MB\n`,
          );
        }
      }
    }
  } finally {
    server.stop();
  }
  const load1 = loadavg()[0]!;
  const f = (n: number, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : '–');
  console.log(
    `\nImport benchmark: headless Chromium, ${cpus().length} cores, load average ${load0.toFixed(1)} → ${load1.toFixed(1)}, median of ${repeat}`,
  );
  console.log(
    '| input | MB | events | app: ready (s) | first complete frame (s) | MB/s | peak above baseline (MB) | peak / size | longest main-thread task (ms) | plain pipeline (s) | plain peak above baseline (MB) | app vs plain |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const ready = median(r.app.map((a) => a.readyMs));
    const frame = median(r.app.map((a) => a.frameMs));
    const peak = median(r.app.map((a) => a.peakAboveMB));
    const ok = r.plain.filter((p) => p.ms !== null);
    const plainMs = ok.length ? median(ok.map((p) => p.ms!)) : NaN;
    const plainCell = ok.length
      ? f(plainMs / 1000, 2)
      : r.plain.length
        ? `fails: ${r.plain[0]!.error?.slice(0, 60)}`
        : '–';
    console.log(
      `| ${r.label} | ${f(r.mb)} | ${r.app[0]!.events.toLocaleString('en-US')} | ${f(ready / 1000, 2)} | ${f(frame / 1000, 2)} | ${f(r.mb / (ready / 1000))} | ${f(peak)} | ${f(peak / r.mb, 2)} | ${f(median(r.app.map((a) => a.longTaskMs)))} | ${plainCell} | ${r.plain.length ? f(median(r.plain.map((p) => p.peakAboveMB))) : '–'} | ${ok.length ? `${f(plainMs / ready, 2)}×` : '–'} |`,
    );
  }
  console.log(
    '\nper run (ready s / longest task ms / import-worker stages / per stage: peak MB / s):',
  );
  for (const r of rows)
    for (const a of r.app)
      console.log(
        `  ${r.label}: ${f(a.readyMs / 1000, 2)} / ${f(a.longTaskMs)} / ${JSON.stringify({ ...a.timings, marks: undefined })} / ${a.stagePeaks.map(([k, v, ms]) => `${k} ${f(v)}/${f(ms / 1000, 2)}`).join(' · ')}`,
      );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
