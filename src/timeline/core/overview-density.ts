/**
 * Busy density of a whole trace for the overview strip: for the first few processes with slices
 * (display order), the time covered by top-level slices per bin, summed over their tracks and
 * scaled to the band's busiest bin. Computed once per trace (chunked, off the first frame).
 */
import type { TraceModel } from '../../model/trace-model';
import { processDisplayOrder } from '../../model/track-order';
import { sliceIndex } from './slice-index';

export const OVERVIEW_BINS = 1000;
const MAX_BANDS = 6;
const YIELD_EVERY = 100_000;

export interface DensityBand {
  process: number;
  name: string;
  values: Float32Array;
}

export interface OverviewDensity {
  /** Span the bins cover, ns since the trace start. */
  start: number;
  end: number;
  bands: DensityBand[];
}

export function* overviewDensityGen(
  trace: TraceModel,
  bins = OVERVIEW_BINS,
): Generator<undefined, OverviewDensity, unknown> {
  const start = 0;
  const end = Math.max(1, trace.endNs);
  const binNs = (end - start) / bins;
  const bands: DensityBand[] = [];
  let work = 0;
  for (const p of processDisplayOrder(trace)) {
    if (bands.length >= MAX_BANDS) break;
    const pr = trace.processes[p]!;
    const tracks = [
      ...pr.threads.map((t) => trace.threads[t]!.track).filter((t) => t >= 0),
      ...pr.asyncTracks,
    ];
    if (tracks.length === 0) continue;
    const acc = new Float64Array(bins);
    for (const tr of tracks) {
      const table = trace.sliceTracks[tr]!.slices;
      const lane = sliceIndex(table).lanes[0];
      if (!lane) continue;
      const { start: st, dur } = table;
      for (let p2 = 0; p2 < lane.idx.length; p2++) {
        const i = lane.idx[p2]!;
        const s = st[i]!;
        const e = s + dur[i]!;
        let b = Math.max(0, Math.floor((s - start) / binNs));
        const last = Math.min(bins - 1, Math.floor((e - start) / binNs));
        for (; b <= last; b++) {
          const b0 = start + b * binNs;
          acc[b]! += Math.max(0, Math.min(e, b0 + binNs) - Math.max(s, b0));
        }
        if (++work % YIELD_EVERY === 0) yield undefined;
      }
    }
    let max = 0;
    for (let b = 0; b < bins; b++) max = Math.max(max, acc[b]!);
    if (max <= 0) continue;
    const values = new Float32Array(bins);
    for (let b = 0; b < bins; b++) values[b] = acc[b]! / max;
    bands.push({ process: p, name: pr.name ?? pr.pid, values });
  }
  return { start, end, bands };
}
