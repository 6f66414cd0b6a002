import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WorkerRequest } from '../../lib/worker-protocol';
import { attachedLaneIndex } from '../../model/lane-index';
import { attachedPyramid } from '../../model/lod-pyramid';
import { DEFAULT_TRACK_LAYOUT } from '../../store/track-layout';
import { LIGHT_COLORS, makePalette } from '../draw/colors';
import { packColor } from '../draw/pixel-layer';
import { sliceNamed, traceFromText } from '../test-trace-dsl';
import { mergeHandlers } from './merge-handlers';
import { STREAMS_TEXT, layoutState } from './test-layout';
import type { TraceGroup } from './timeline-groups';
import { TimeScale } from './time-scale';

const TEXT =
  STREAMS_TEXT +
  `
  instant Ascend Hardware (NPU) / Stream 9 12 late
  instant Ascend Hardware (NPU) / Stream 7 3 early
`;
const group = (): TraceGroup[] => [
  { profileId: 'r0', trace: traceFromText(TEXT), offsetNs: 0, label: 'rank 0' },
];

/** A Worker that serves the merge handlers in-process, copying messages as postMessage does. */
class InProcessWorker {
  static created = 0;
  static requests: string[] = [];
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onerror: ((e: { preventDefault(): void }) => void) | null = null;
  private readonly handlers = mergeHandlers() as unknown as Record<
    string,
    (p: unknown) => Promise<unknown>
  >;
  constructor() {
    InProcessWorker.created++;
  }
  postMessage(req: WorkerRequest): void {
    const { id, type, payload } = structuredClone(req);
    InProcessWorker.requests.push(type);
    setTimeout(() => {
      void this.handlers[type]!(payload).then((result) =>
        this.onmessage?.({ data: structuredClone({ id, type: 'result', result }) }),
      );
    }, 0);
  }
  terminate(): void {}
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('merged streams built in a worker', () => {
  it('lays the streams out unmerged while the worker builds, then the merged row, indexed', async () => {
    vi.stubGlobal('Worker', InProcessWorker);
    vi.resetModules();
    const runner = await import('./merge-runner');
    const { computeRowLayout } = await import('./row-layout');
    const groups = group();
    const st = layoutState({ ...DEFAULT_TRACK_LAYOUT, merge: 'streams' });
    const titles = () => computeRowLayout(groups, st).rows.map((r) => `${r.kind}:${r.title}`);
    const built = new Promise<void>((resolve) => runner.onMergeBuilt(resolve));

    const before = titles();
    expect(before).toContain('slices:Stream 7');
    expect(before).not.toContain('slices:Merged streams');
    expect(runner.pendingMerges()).toBe(1);
    // Asking again while it is built sends nothing more.
    titles();
    await built;
    expect(runner.pendingMerges()).toBe(0);
    // One request per member table, then one build: no single message carries every stream.
    expect(InProcessWorker.requests).toEqual(['member', 'member', 'build']);

    const layout = computeRowLayout(groups, st);
    const after = layout.rows.map((r) => `${r.kind}:${r.title}`);
    expect(after).toContain('slices:Merged streams');
    expect(after.some((x) => x.startsWith('slices:Stream'))).toBe(false);
    const m = layout.rows.find((r) => r.merged)!.merged!;
    // The same lane set the page would build, with its lane index and pyramid already attached.
    const { mergeStreams } = await import('../../model/merge-streams');
    const t2 = traceFromText(TEXT);
    const hw = t2.processes.findIndex((p) => p.name === 'Ascend Hardware');
    const ref = mergeStreams(t2, hw, m.members, 'Merged');
    expect([...m.track.slices.start]).toEqual([...ref.track.slices.start]);
    expect([...m.track.slices.depth]).toEqual([...ref.track.slices.depth]);
    expect([...m.srcTrack]).toEqual([...ref.srcTrack]);
    expect(m.mergedIndex.get(m.members[1]!)).toEqual(ref.mergedIndex.get(m.members[1]!));
    expect(attachedLaneIndex(m.track.slices)).toBeDefined();
    expect(attachedPyramid(m.track.slices)).toBeDefined();
  });

  it('without workers (Node) the merge is built on the spot', async () => {
    vi.resetModules();
    const runner = await import('./merge-runner');
    const { computeRowLayout } = await import('./row-layout');
    const l = computeRowLayout(group(), layoutState({ ...DEFAULT_TRACK_LAYOUT, merge: 'streams' }));
    expect(l.rows.some((r) => r.merged)).toBe(true);
    expect(runner.pendingMerges()).toBe(0);
  });
});

describe('merged rows', () => {
  it("draw the streams' instants, merged in time order", async () => {
    const { computeRowLayout, TRACK_PAD, INSTANT_LANE_H } = await import('./row-layout');
    const { drawTracks } = await import('../draw/draw-tracks');
    const groups = group();
    const t = groups[0]!.trace;
    const layout = computeRowLayout(
      groups,
      layoutState({ ...DEFAULT_TRACK_LAYOUT, merge: 'streams' }),
    );
    const row = layout.rows.find((r) => r.merged)!;
    const inst = row.merged!.instants!;
    expect([...inst.name].map((n) => t.strings[n])).toEqual(['early', 'late']);
    expect([...inst.ts]).toEqual([3000, 12_000]);
    expect(row.laneTop).toBe(INSTANT_LANE_H);

    let img: { data: Uint8ClampedArray; width: number } | null = null;
    const ctx = new Proxy(
      {},
      {
        get: (_t, k: string) =>
          k === 'measureText'
            ? (s: string) => ({ width: s.length * 6 })
            : k === 'createImageData'
              ? (w: number, h: number) => ({
                  width: w,
                  height: h,
                  data: new Uint8ClampedArray(w * h * 4),
                })
              : k === 'putImageData'
                ? (i: typeof img) => (img = i)
                : () => undefined,
        set: () => true,
      },
    ) as unknown as CanvasRenderingContext2D;
    const scale = new TimeScale(0, 20_000, 400);
    drawTracks({
      ctx,
      width: 500,
      height: 600,
      dpr: 1,
      groups,
      layout,
      scrollTop: 0,
      scale,
      labelWidth: 100,
      rulerHeight: 26,
      colors: LIGHT_COLORS,
      palette: makePalette(LIGHT_COLORS),
      searchMasks: null,
      hoverRowKey: null,
    });
    const px = new Uint32Array(img!.data.buffer);
    const top = 26 + layout.pinnedHeight + row.y + TRACK_PAD + 1;
    const at = (ns: number) => px[top * 500 + 100 + Math.floor(scale.timeToPx(ns))];
    const mark = packColor('#c77700');
    expect(at(3000)).toBe(mark);
    expect(at(12_000)).toBe(mark);
    expect(at(7000)).not.toBe(mark);
  });

  it('"show in timeline" on a merged HCCL slice opens the merged row\'s process, not HCCL\'s', async () => {
    const { keysToOpen, processKey } = await import('./collapse-rules');
    const { computeRowLayout, trackKey } = await import('./row-layout');
    const groups = group();
    const t = groups[0]!.trace;
    const hccl = t.processes.findIndex((p) => p.name === 'HCCL');
    const hw = t.processes.findIndex((p) => p.name === 'Ascend Hardware');
    const hcom = sliceNamed(t, 'hcom');
    const folded = { ...layoutState(DEFAULT_TRACK_LAYOUT), collapseDefault: true };
    // Not merged: the HCCL process opens.
    expect(keysToOpen(t, 'r0', hcom.track, hcom.index, false, folded)).toEqual([
      processKey('r0', hccl),
    ]);
    const merged = {
      ...folded,
      trackLayout: { ...DEFAULT_TRACK_LAYOUT, merge: 'streams+hccl' as const },
    };
    // The merged row exists once laid out (built on the spot here, no worker in Node).
    const l = computeRowLayout(groups, { ...merged, collapseDefault: false });
    expect(l.byKey.get(trackKey('r0', hcom.track))?.merged).toBeTruthy();
    expect(keysToOpen(t, 'r0', hcom.track, hcom.index, false, merged)).toEqual([
      processKey('r0', hw),
    ]);
  });
});
