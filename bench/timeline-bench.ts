/**
 * Timeline benchmark: `npm run bench:timeline [-- --sizes=1m,10m --runs=3 --no-build --dist=dir --port=n --raster --cpu-profile=<phase>[,…] --screenshot=<prefix>]`.
 *
 * Builds the app (with test hooks) into .bench-cache/dist, serves it with `vite preview`, and for each size loads a
 * synthetic Ascend-like trace into Chromium (1920×1080, the system /usr/bin/chromium):
 *   - 1 M slices: written as trace JSON (~105 MB) and opened through the `open-files` input, so
 *     the real import runs;
 *   - 10 M slices: the JSON would be ~1 GB, so the same generator builds the model inside the
 *     page and hands it to the store (`addProfile`), skipping the import. The level-of-detail
 *     pyramids, lane indexes and counter LODs the import worker would build
 *     (src/model/lod-pyramid.ts, lane-index.ts, counter-lod.ts) are built in the page first,
 *     timed apart. The timeline code path is the same from there on.
 * It then runs a scripted sequence of zooms and pans (W/S/A/D held, Ctrl + wheel, drag, vertical
 * scroll, whole-trace pans) and prints, per phase and overall: frame intervals from
 * requestAnimationFrame (p50 / p95 / max), the timeline's own draw time per frame, long tasks,
 * and the time from "import done" to the first drawn frame. Then a headline: frame interval
 * and draw time (p50 / p95 / max) for whole-trace pan, whole-trace zoom (in and out) and
 * zoomed-in pan; with `--runs=N` each size is measured N times (a fresh browser each) and the
 * headline's medians over the runs are printed with the machine's load average. It never
 * fails on time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { resolve } from 'node:path';
import type { CDPSession, Page } from '@playwright/test';
import { bareProfile } from '../src/generator/bare-profile';
import { buildCounterLod } from '../src/model/counter-lod';
import { buildLaneIndex } from '../src/model/lane-index';
import { buildTrackPyramid } from '../src/model/lod-pyramid';
import type { AppStore } from '../src/store/app-store';
import type { FrameStats } from '../src/timeline/view/timeline-view';
import { launch, serveDist } from './lib/browser';
import { synthDescriptor, synthTrace, type SynthSpec } from './lib/timeline-synth-model';
import { writeTraceJson } from './lib/timeline-trace-json';

const ROOT = resolve(import.meta.dirname, '..');
const CORES = availableParallelism();
const CACHE = resolve(ROOT, '.bench-cache');

const argv = process.argv.slice(2);
const opt = (name: string, def: string) =>
  argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? def;
const PORT = Number(opt('port', '4391'));
/** Build output to serve (`--no-build --dist=…` serves an existing build). */
const DIST = resolve(opt('dist', resolve(CACHE, 'dist')));
const SIZES = opt('sizes', '1m,10m').split(',');
const BUILD = !argv.includes('--no-build');
/** Count canvas rasterisation in the draw time (reads a pixel back after each frame). */
const RASTER = argv.includes('--raster');
/** `--cpu-profile=<phase name prefix>[,…]`: prints the hottest functions of the page during those phases. */
const CPU_PROFILE = opt('cpu-profile', '').split(',').filter(Boolean);
/** Measurements per size (a fresh browser each); the headline prints their medians. */
const RUNS = Math.max(1, Number(opt('runs', '1')));
/** `--screenshot=<prefix>`: saves the whole-trace view of each size as <prefix>-<size>.png. */
const SCREENSHOT = opt('screenshot', '');

/** What the page exposes: the app's test hook and this script's recorder. */
type BenchWindow = Window & {
  __viewer: { store: AppStore; timeline?: { stats: FrameStats } };
  __bench: {
    rafs: number[];
    recording: boolean;
    long: { t: number; d: number }[];
    readyAt?: number;
  };
};

interface Phase {
  name: string;
  intervals: number[];
  draws: number[];
  longTasks: number[];
}

const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '–');

function run(cmd: string, args: string[]): void {
  // Test hooks (window.__viewer) are only in builds made with VIEWER_TEST_HOOKS=1.
  const env = { ...process.env, VIEWER_TEST_HOOKS: '1' };
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
}

/** Page-side recorder: rAF intervals, long tasks, the timeline's draw times. */
const RECORDER = `(() => {
  const b = { rafs: [], long: [], recording: false };
  window.__bench = b;
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) b.long.push({ t: e.startTime, d: e.duration }); })
      .observe({ type: 'longtask', buffered: true });
  } catch {}
  const loop = (t) => { if (b.recording) b.rafs.push(t); requestAnimationFrame(loop); };
  requestAnimationFrame(loop);
  globalThis.__name = (f) => f;
})()`;

async function phase(page: Page, name: string, body: () => Promise<void>): Promise<Phase> {
  const startDraws = await page.evaluate(() => {
    const w = window as unknown as BenchWindow;
    w.__bench.rafs = [];
    w.__bench.recording = true;
    return w.__viewer.timeline!.stats.drawMs.length;
  });
  const t0 = await page.evaluate(() => performance.now());
  const cdp = CPU_PROFILE.some((p) => name.startsWith(p)) ? await startCpuProfile(page) : null;
  await body();
  await page.waitForTimeout(300);
  if (cdp) await printCpuProfile(cdp, name);
  return page.evaluate(
    ({ name, startDraws, t0 }) => {
      const w = window as unknown as BenchWindow;
      w.__bench.recording = false;
      const r = w.__bench.rafs;
      const intervals: number[] = [];
      for (let i = 1; i < r.length; i++) intervals.push(r[i]! - r[i - 1]!);
      const draws = w.__viewer.timeline!.stats.drawMs.slice(startDraws);
      const longTasks = w.__bench.long.filter((l) => l.t >= t0).map((l) => l.d);
      return { name, intervals, draws, longTasks };
    },
    { name, startDraws, t0 },
  );
}

async function startCpuProfile(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  return cdp;
}

/** Self time per function, the 20 hottest. */
async function printCpuProfile(cdp: CDPSession, name: string): Promise<void> {
  const { profile } = await cdp.send('Profiler.stop');
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples!.forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas![i] ?? 0));
  });
  console.log(`\nCPU profile of "${name}" (self time):`);
  for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 20))
    console.log(`  ${(us / 1000).toFixed(1).padStart(8)} ms  ${k}`);
  await cdp.detach();
}

async function holdKey(page: Page, key: string, ms: number) {
  await page.keyboard.down(key);
  await page.waitForTimeout(ms);
  await page.keyboard.up(key);
  await page.waitForTimeout(400);
}

async function scenario(page: Page): Promise<Phase[]> {
  const cx = 1100;
  const cy = 500;
  await page.mouse.move(cx, cy);
  const out: Phase[] = [];
  out.push(await phase(page, 'idle (whole trace)', () => page.waitForTimeout(800)));
  out.push(
    await phase(page, 'pan whole trace (D/A)', async () => {
      await holdKey(page, 'd', 800);
      await holdKey(page, 'a', 800);
    }),
  );
  out.push(await phase(page, 'zoom in (hold W)', () => holdKey(page, 'w', 2000)));
  out.push(
    await phase(page, 'pan (hold D, A)', async () => {
      await holdKey(page, 'd', 1000);
      await holdKey(page, 'a', 1000);
    }),
  );
  out.push(
    await phase(page, 'ctrl+wheel zoom', async () => {
      await page.keyboard.down('Control');
      for (let i = 0; i < 20; i++) {
        await page.mouse.wheel(0, i < 10 ? 120 : -120);
        await page.waitForTimeout(16);
      }
      await page.keyboard.up('Control');
    }),
  );
  out.push(
    await phase(page, 'drag pan', async () => {
      await page.mouse.move(cx, cy);
      await page.mouse.down();
      await page.mouse.move(cx - 600, cy + 40, { steps: 40 });
      await page.mouse.up();
    }),
  );
  out.push(
    await phase(page, 'vertical scroll', async () => {
      for (let i = 0; i < 16; i++) {
        await page.mouse.wheel(0, i < 8 ? 240 : -240);
        await page.waitForTimeout(16);
      }
    }),
  );
  out.push(await phase(page, 'zoom out (hold S)', () => holdKey(page, 's', 2500)));
  return out;
}

function report(label: string, phases: Phase[], extra: string[]) {
  console.log(`\n=== ${label} ===`);
  for (const e of extra) console.log(e);
  console.log(
    'phase'.padEnd(26),
    'frames',
    ' int p50',
    ' int p95',
    ' int max',
    '| draw p50',
    'draw p95',
    'draw max',
    '| long tasks (max ms)',
  );
  const all: Phase = { name: 'ALL', intervals: [], draws: [], longTasks: [] };
  for (const p of [...phases, all]) {
    if (p !== all) {
      all.intervals.push(...p.intervals);
      all.draws.push(...p.draws);
      all.longTasks.push(...p.longTasks);
    }
    console.log(
      p.name.padEnd(26),
      String(p.draws.length).padStart(6),
      f1(pct(p.intervals, 50)).padStart(8),
      f1(pct(p.intervals, 95)).padStart(8),
      f1(Math.max(0, ...p.intervals)).padStart(8),
      '|',
      f1(pct(p.draws, 50)).padStart(8),
      f1(pct(p.draws, 95)).padStart(8),
      f1(Math.max(0, ...p.draws)).padStart(8),
      '|',
      `${p.longTasks.length} (${f1(Math.max(0, ...p.longTasks))})`,
    );
  }
}

async function benchSize(size: string, url: string) {
  const n = size.toLowerCase().endsWith('m') ? Number(size.slice(0, -1)) * 1e6 : Number(size);
  const spec: SynthSpec = { slices: n, spanNs: 20e9, workerThreads: 200, seed: 7 };
  const viaJson = n <= 2e6;
  const browser = await launch();
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  page.on('pageerror', (e) => console.log('pageerror:', e.message));
  await page.addInitScript(RECORDER);
  await page.goto(`${url}?demo=0`);
  const extra: string[] = [];
  if (viaJson) {
    const file = resolve(CACHE, `trace-${size}.json`);
    if (!existsSync(file)) {
      console.log(`writing ${file}…`);
      writeTraceJson(synthTrace(spec), file);
    }
    await page.evaluate(() => {
      const w = window as unknown as BenchWindow;
      const unsub = w.__viewer.store.subscribe((s) => {
        if (s.status === 'ready') {
          w.__bench.readyAt = performance.now();
          unsub();
        }
      });
    });
    const t0 = Date.now();
    await page.getByTestId('open-files').setInputFiles(file);
    await page.waitForSelector('[data-testid=app-status][data-state=ready]', {
      state: 'attached',
      timeout: 600_000,
    });
    extra.push(
      `import via open-files: ${((Date.now() - t0) / 1000).toFixed(1)} s for ${(statSync(file).size / 1e6).toFixed(0)} MB JSON`,
    );
  } else {
    const built = await page.evaluate(`(() => {
      const t0 = performance.now();
      const p = (${bareProfile.toString()})(${JSON.stringify(synthDescriptor(spec))}, {
        trace: (${synthTrace.toString()})(${JSON.stringify(spec)}),
      });
      const t1 = performance.now();
      // What the import worker does before handing the model over.
      const build = (${buildTrackPyramid.toString()});
      const lanes = (${buildLaneIndex.toString()});
      const counterLod = (${buildCounterLod.toString()});
      for (const t of p.trace.sliceTracks) {
        t.slices.lod = build(t.slices);
        t.slices.laneIndex = lanes(t.slices, t.slices.lod);
      }
      for (const c of p.trace.counters) for (const s of c.series) s.lod = counterLod(s.values);
      const t2 = performance.now();
      const s = window.__viewer.store.getState();
      window.__bench.readyAt = performance.now();
      s.addProfile(p, true);
      s.setExtent({ start: 0, end: p.trace.endNs });
      s.finishLoading();
      let slices = 0;
      for (const t of p.trace.sliceTracks) slices += t.slices.length;
      return { ms: t1 - t0, lodMs: t2 - t1, slices };
    })()`);
    const b = built as { ms: number; lodMs: number; slices: number };
    extra.push(
      `model built in the page (no JSON import): ${b.slices.toLocaleString('en-US')} slices in ${(b.ms / 1000).toFixed(1)} s; LOD pyramids, lane indexes, counter LODs (the import worker's step) ${(b.lodMs / 1000).toFixed(2)} s`,
    );
  }
  await page.waitForFunction(
    () => (window as unknown as BenchWindow).__viewer.timeline?.stats.firstTraceFrameAt != null,
    undefined,
    { timeout: 120_000 },
  );
  const first = await page.evaluate(() => {
    const w = window as unknown as BenchWindow;
    const st = w.__viewer.timeline!.stats;
    return {
      ms: st.firstTraceFrameAt! - (w.__bench.readyAt ?? NaN),
      firstDraw: st.drawMs[0]!,
      partial: st.firstPartialFrameAt! - (w.__bench.readyAt ?? NaN),
      mounted: st.createdAt - (w.__bench.readyAt ?? NaN),
    };
  });
  extra.push(
    `import done → timeline mounted: ${f1(first.mounted)} ms; → first frame: ${f1(first.partial)} ms; → first complete frame (every visible row drawn): ${f1(first.ms)} ms (first frame's draw: ${f1(first.firstDraw)} ms)`,
  );
  if (RASTER)
    await page.evaluate(() => {
      (window as unknown as BenchWindow).__viewer.timeline!.stats.forceRaster = true;
    });
  await page.waitForTimeout(1500);
  if (SCREENSHOT) await page.screenshot({ path: `${SCREENSHOT}-${size}.png` });
  const phases = await scenario(page);
  report(`${size} slices, 1920×1080, ${viaJson ? 'JSON import' : 'in-page model'}`, phases, extra);
  await browser.close();
  return headline(phases);
}

/** The scenarios the 16.7 ms target is about, from the phases of one run. */
const HEADLINE: [string, string[]][] = [
  ['whole-trace pan', ['pan whole trace (D/A)']],
  ['whole-trace zoom (in + out)', ['zoom in (hold W)', 'zoom out (hold S)']],
  ['zoomed-in pan', ['pan (hold D, A)']],
];
/** Per headline scenario: interval p50, p95, max, draw p50, p95, max. */
type Headline = number[][];

function headline(phases: Phase[]): Headline {
  return HEADLINE.map(([, names]) => {
    const ps = phases.filter((p) => names.includes(p.name));
    const iv = ps.flatMap((p) => p.intervals);
    const dr = ps.flatMap((p) => p.draws);
    return [
      pct(iv, 50),
      pct(iv, 95),
      Math.max(0, ...iv),
      pct(dr, 50),
      pct(dr, 95),
      Math.max(0, ...dr),
    ];
  });
}

function printHeadline(size: string, runs: Headline[], load: number[][]) {
  const median = (xs: number[]) => pct(xs, 50);
  console.log(
    `\n--- ${size} slices: headline, ${runs.length === 1 ? 'one run' : `median of ${runs.length} runs`} (target: interval p95 ≤ 16.7 ms) ---`,
  );
  console.log(
    `load average (1 min) per run: ${load.map((l) => `${l[0]!.toFixed(2)}→${l[1]!.toFixed(2)}`).join(', ')} on ${String(CORES)} cores`,
  );
  console.log(
    'scenario'.padEnd(30),
    ' int p50',
    ' int p95',
    ' int max',
    '| draw p50',
    'draw p95',
    'draw max',
  );
  HEADLINE.forEach(([label], h) => {
    const m = [0, 1, 2, 3, 4, 5].map((k) => median(runs.map((r) => r[h]![k]!)));
    console.log(
      label.padEnd(30),
      ...m.slice(0, 3).map((x) => f1(x).padStart(8)),
      '|',
      ...m.slice(3).map((x) => f1(x).padStart(8)),
    );
    if (runs.length > 1)
      console.log(
        ''.padEnd(30),
        `interval p95 per run: ${runs.map((r) => f1(r[h]![1]!)).join(', ')}; draw p95 per run: ${runs.map((r) => f1(r[h]![4]!)).join(', ')}`,
      );
  });
}

async function main() {
  mkdirSync(CACHE, { recursive: true });
  if (BUILD) run('npx', ['vite', 'build', '--outDir', DIST, '--emptyOutDir', '--logLevel', 'warn']);
  const preview = await serveDist(PORT, DIST);
  try {
    for (const size of SIZES) {
      const runs: Headline[] = [];
      const load: number[][] = [];
      for (let r = 0; r < RUNS; r++) {
        const before = loadavg()[0]!;
        runs.push(await benchSize(size, preview.url));
        load.push([before, loadavg()[0]!]);
      }
      printHeadline(size, runs, load);
    }
  } finally {
    preview.stop();
  }
  console.log('\nTargets: p95 frame ≤ 16.7 ms at 10 M slices; first frame ≤ 500 ms after import.');
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
