/**
 * The timeline's JS cost per content frame, without a browser: `npx tsx bench/timeline-draw.ts
 * [-- --slices=10000000 --frames=40]` (give Node room: NODE_OPTIONS=--max-old-space-size=6000).
 *
 * Builds the same synthetic Ascend-like trace as `bench:timeline` (bench/lib/timeline-synth-model.ts),
 * builds every track's index (and LOD pyramid), lays the rows out all expanded and calls
 * drawTracks (src/timeline/draw/draw-tracks.ts) at 1920×1080 on a canvas that does nothing, so
 * only the timeline's own work is timed (no rasterisation, no compositing). For zoom levels from
 * the whole trace down to 1/8192 of it, it pans a little each frame and prints the minimum and
 * the median draw time: on a loaded machine the minimum is the figure load disturbs least.
 * `--merge=streams` (or `streams+hccl`) lays the device streams out merged per device (Tracks
 * menu) and prints the time to build the merged lane set and its index.
 * `--views=1,64` picks the views (1/N of the trace); `--mode=zoom` zooms by a few per cent each
 * frame around the view's middle instead of panning (held W then S: every frame a new scale);
 * `--layout=first` lays the rows out as the first screen does (CANN and HCCL folded to their
 * summary rows, deep threads folded) instead of all expanded. Draw times are printed as min,
 * median and p95.
 */
import { register } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import { synthTrace } from './lib/timeline-synth-model';

// The row layout's titles go through i18n, bundled by Vite: see the hooks (imported after them).
register('./lib/vite-glob-hooks.mjs', import.meta.url);
const { computeRowLayout } = await import('../src/timeline/core/row-layout');
const { drawTracks } = await import('../src/timeline/draw/draw-tracks');
const { TimeScale } = await import('../src/timeline/core/time-scale');
const { LIGHT_COLORS, makePalette } = await import('../src/timeline/draw/colors');
const { warmIndex } = await import('../src/timeline/core/slice-index');

const argv = process.argv.slice(2);
const opt = (name: string, def: string) =>
  argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? def;
const SLICES = Number(opt('slices', '10000000'));
const MERGE = opt('merge', 'off');
const FRAMES = Number(opt('frames', '40'));
const VIEWS = opt('views', '1,4,16,64,256,1024,8192').split(',').map(Number);
const MODE = opt('mode', 'pan');
const FIRST_SCREEN = opt('layout', 'expanded') === 'first';
const W = 1920;
const H = 1080;
const LABEL_W = 260;

class FakeImageData {
  data: Uint8ClampedArray;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.data = new Uint8ClampedArray(width * height * 4);
  }
}
const noop = () => undefined;
const ctx = new Proxy(
  {},
  {
    get: (_t, k: string) =>
      k === 'measureText'
        ? (s: string) => ({ width: s.length * 6 })
        : k === 'createImageData'
          ? (w: number, h: number) => new FakeImageData(w, h)
          : noop,
    set: () => true,
  },
) as unknown as CanvasRenderingContext2D;

const load0 = loadavg()[0]!;
const trace = synthTrace({ slices: SLICES, spanNs: 20e9, workerThreads: 200, seed: 7 });
let t0 = performance.now();
for (const t of trace.sliceTracks) warmIndex(t.slices);
console.log(
  `${SLICES.toLocaleString('en-US')} slices; indexes and LOD pyramids of every track: ${(performance.now() - t0).toFixed(0)} ms`,
);
const groups = [{ profileId: 'p', trace, offsetNs: 0, label: 'p' }];
t0 = performance.now();
const layout = computeRowLayout(groups, {
  collapseDefault: false,
  expandDeepThreads: !FIRST_SCREEN,
  collapseOverrides: {},
  pinnedTracks: [],
  trackLayout: {
    mode: 'rank',
    hidden: [],
    order: [],
    merge: MERGE === 'streams' || MERGE === 'streams+hccl' ? MERGE : 'off',
  },
});
for (const r of layout.rows) if (r.merged) warmIndex(r.merged.track.slices);
const merged = layout.rows.filter((r) => r.merged);
if (merged.length > 0)
  console.log(
    `merged streams (${MERGE}): ${merged.map((r) => `${r.merged!.track.slices.length.toLocaleString('en-US')} slices in ${r.lanes} sub-rows`).join(', ')}; built and indexed in ${(performance.now() - t0).toFixed(0)} ms`,
  );
const palette = makePalette(LIGHT_COLORS);
const end = trace.endNs;
function frame(a: number, b: number): number {
  t0 = performance.now();
  drawTracks({
    ctx,
    width: W,
    height: H,
    dpr: 1,
    groups,
    layout,
    scrollTop: 0,
    scale: new TimeScale(a, b, W - LABEL_W),
    labelWidth: LABEL_W,
    rulerHeight: 26,
    colors: LIGHT_COLORS,
    palette,
    searchMasks: null,
    hoverRowKey: null,
  });
  return performance.now() - t0;
}
console.log(
  `${MODE === 'zoom' ? 'zoom in then out around' : 'pan'}, ${FIRST_SCREEN ? 'first-screen layout' : 'every row expanded'}`,
);
console.log('view'.padEnd(22), 'draw min', 'draw median', 'draw p95');
for (const zoom of VIEWS) {
  const span = end / zoom;
  const times: number[] = [];
  for (let k = 0; k < FRAMES + 5; k++) {
    if (MODE === 'zoom') {
      // In for half the frames, then out: a new scale every frame (3 % a frame, held W/S).
      const m = (FRAMES + 5) >> 1;
      const sp = span * Math.pow(0.97, k < m ? k : 2 * m - k);
      const mid = Math.min(end - span / 2, Math.max(span / 2, end * 0.37 + span / 2));
      times.push(frame(mid - sp / 2, mid + sp / 2));
    } else {
      const a = Math.min(end - span, (end - span) * 0.37 + (k * span) / 200);
      times.push(frame(a, a + span));
    }
  }
  const s = times.slice(5).sort((x, y) => x - y);
  console.log(
    (zoom === 1 ? 'whole trace' : `1/${zoom} of the trace`).padEnd(22),
    `${s[0]!.toFixed(1)} ms`.padStart(8),
    `${s[s.length >> 1]!.toFixed(1)} ms`.padStart(11),
    `${s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]!.toFixed(1)} ms`.padStart(8),
  );
}
console.log(
  `load average (1 min) ${load0.toFixed(2)} → ${loadavg()[0]!.toFixed(2)} on ${availableParallelism()} cores`,
);
