/**
 * The view's background work and the overview data it yields. After the first complete frame of
 * a set of traces, each trace's overview density is computed in idle turns, then the indexes of
 * every track not drawn yet are built (display order), so scrolling to them later never stalls
 * on a first-time build. The overview's bands are derived from the densities and kept until a
 * density arrives or the traces or the palette change, so a redraw of the strip for a hover or a
 * selection reuses them (and draw-overview.ts its rasterised layer).
 */
import type { SearchMatches } from '../../store/timeline-slice';
import { processDisplayOrder } from '../../model/track-order';
import type { TraceModel } from '../../model/trace-model';
import { runChunked } from '../core/chunked';
import { colorIndexForName, type Palette } from '../draw/colors';
import type { OverviewBand } from '../draw/frame';
import { overviewDensityGen, OVERVIEW_BINS, type OverviewDensity } from '../core/overview-density';
import { isIndexed, warmIndex } from '../core/slice-index';
import type { TraceGroup } from '../core/timeline-groups';

export class BackgroundWork {
  private density = new Map<TraceModel, OverviewDensity | 'pending'>();
  /** Bumped when a density arrives (the bands need rebuilding). */
  private densityVersion = 0;
  private warmedGroups: readonly TraceGroup[] | null = null;
  private warmCtl: AbortController | null = null;
  private bands: {
    groups: readonly TraceGroup[];
    palette: Palette;
    version: number;
    bands: OverviewBand[];
  } | null = null;

  /** `onDensity` runs when a trace's density is ready (redraw the overview). */
  constructor(private readonly onDensity: () => void) {}

  dispose(): void {
    this.warmCtl?.abort();
  }

  /** Starts the background work for `groups` after their first complete frame (once). */
  afterCompleteFrame(groups: readonly TraceGroup[]): void {
    if (this.warmedGroups === groups) return;
    for (const g of groups) this.ensureDensity(g.trace);
    this.startWarmUp(groups);
  }

  /** The overview's bands of the densities computed so far, on the shared axis. */
  overviewBands(groups: readonly TraceGroup[], palette: Palette): OverviewBand[] {
    const c = this.bands;
    if (c && c.groups === groups && c.palette === palette && c.version === this.densityVersion)
      return c.bands;
    const bands: OverviewBand[] = [];
    for (const g of groups) {
      const d = this.density.get(g.trace);
      if (!d || d === 'pending') continue;
      for (const b of d.bands)
        bands.push({
          color: palette.fill[colorIndexForName(b.name)]!,
          values: b.values,
          start: d.start + g.offsetNs,
          end: d.end + g.offsetNs,
        });
    }
    this.bands = { groups, palette, version: this.densityVersion, bands };
    return bands;
  }

  private ensureDensity(trace: TraceModel): void {
    if (this.density.has(trace)) return;
    this.density.set(trace, 'pending');
    void runChunked(overviewDensityGen(trace), { deferStart: true }).then(
      (d) => {
        this.density.set(trace, d);
        this.densityVersion++;
        this.onDensity();
      },
      () => this.density.delete(trace),
    );
  }

  /** Builds the indexes of every other track in idle turns (display order). */
  private startWarmUp(groups: readonly TraceGroup[]): void {
    this.warmCtl?.abort();
    this.warmedGroups = groups;
    const ctl = new AbortController();
    this.warmCtl = ctl;
    function* warm(): Generator<undefined, void, unknown> {
      for (const g of groups) {
        for (const p of processDisplayOrder(g.trace)) {
          const pr = g.trace.processes[p]!;
          const tracks = [
            ...pr.threads.flatMap((th) => {
              const t = g.trace.threads[th]!;
              return [t.track, t.overflowTrack];
            }),
            ...pr.asyncTracks,
          ];
          for (const tr of tracks) {
            const table = tr >= 0 ? g.trace.sliceTracks[tr]?.slices : undefined;
            if (!table || isIndexed(table)) continue;
            warmIndex(table);
            yield undefined;
          }
        }
      }
    }
    runChunked(warm(), { signal: ctl.signal, deferStart: true }).catch(() => {
      /* cancelled: a newer trace is shown */
    });
  }
}

/** Search matches per overview bin over `extent` (same binning as the density bands). */
export function searchMatchBins(
  m: SearchMatches,
  extent: { start: number; end: number },
): Uint32Array {
  const bins = new Uint32Array(OVERVIEW_BINS);
  const span = Math.max(1, extent.end - extent.start);
  for (let k = 0; k < m.count; k++) {
    const b = Math.floor(((m.start[k]! - extent.start) / span) * OVERVIEW_BINS);
    if (b >= 0 && b < OVERVIEW_BINS) bins[b]!++;
  }
  return bins;
}
