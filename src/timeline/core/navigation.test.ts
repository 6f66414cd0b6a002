import { describe, expect, it } from 'vitest';
import { importText } from '../../import/trace/test-helpers';
import { createAppStore } from '../../store/app-store';
import { foldedLanes, keysToOpen, processKey, trackKey } from './collapse-rules';
import { navigateToSlice, navigateToSlices } from './navigation';
import { sameNameKeys } from './pin-same';
import { computeRowLayout } from './row-layout';
import { sliceNamed, traceFromText } from '../test-trace-dsl';

const TEXT = `
thread Python (CPU) / main
  :|outer-----------|  |b|
  : |in|  |in2|
thread Ascend Hardware (NPU) / Stream 7
  :    |matmul---| |add|
counter HBM / read 0=5 10=7
`;

const x = (name: string, ts: number, dur: number) =>
  JSON.stringify({ ph: 'X', name, pid: 1, tid: 1, ts, dur, cat: 'python_function' });

/** A with_stack-like thread: 14 nested frames, a ProfilerStep at depth 3 with a forward under it. */
async function deepTrace() {
  const ev = Array.from({ length: 14 }, (_, d) => x(`f${d}`, d, 1000 - 2 * d));
  ev.splice(3, 0, x('ProfilerStep#7', 2.5, 995));
  ev.push(JSON.stringify({ ph: 'X', name: 'k', pid: 2, tid: 7, ts: 0, dur: 5 }));
  return importText(`[${ev.join(',')}]`);
}

describe('collapse rules', () => {
  it('folds counter-only processes to one summary row at first, with their count', () => {
    const m = traceFromText(TEXT);
    const g = [{ profileId: 'p', trace: m, offsetNs: 0, label: 'p' }];
    const st = { collapseDefault: false, collapseOverrides: {}, pinnedTracks: [] };
    const l = computeRowLayout(g, { ...st, expandDeepThreads: false });
    const hbm = l.rows.filter((r) => r.title === 'HBM' || r.kind === 'counter');
    expect(hbm.map((r) => `${r.kind}:${r.collapsed}`)).toEqual(['process:true']);
    expect(hbm[0]!.subtitle).toContain('1 counters');
    // "Expand all" (expandDeepThreads) opens them.
    const all = computeRowLayout(g, { ...st, expandDeepThreads: true });
    expect(all.rows.some((r) => r.kind === 'counter')).toBe(true);
  });

  it('a folded deep thread keeps its landmark lanes: the step and two under it', async () => {
    const m = await deepTrace();
    const main = m.threads[0]!.track;
    const step = sliceNamed(m, 'ProfilerStep#7');
    const depth = m.sliceTracks[main]!.slices.depth[step.index]!;
    expect(foldedLanes(m, main)).toEqual({ first: depth, count: 3 });
    const g = [{ profileId: 'p', trace: m, offsetNs: 0, label: 'p' }];
    const l = computeRowLayout(g, {
      collapseDefault: false,
      expandDeepThreads: false,
      collapseOverrides: {},
      pinnedTracks: [],
    });
    const row = l.byKey.get(trackKey('p', main))!;
    expect(row.collapsed).toBe(true);
    expect(row.lanes).toBe(3);
    expect(row.firstLane).toBe(depth);
  });

  it('keysToOpen names only the folded rows that hide a slice', async () => {
    const m = await deepTrace();
    const main = m.threads[0]!.track;
    const st = {
      collapseDefault: true,
      expandDeepThreads: false,
      collapseOverrides: {},
      pinnedTracks: [],
    };
    const deep = sliceNamed(m, 'f13');
    const step = sliceNamed(m, 'ProfilerStep#7');
    const p = m.sliceTracks[main]!.process;
    expect(keysToOpen(m, 'p', main, deep.index, false, st)).toEqual([
      processKey('p', p),
      trackKey('p', main),
    ]);
    // The step is a landmark: visible in the folded thread, only the process must open; the
    // frames above it are not drawn folded.
    expect(keysToOpen(m, 'p', main, step.index, false, st)).toEqual([processKey('p', p)]);
    const top = sliceNamed(m, 'f0');
    expect(keysToOpen(m, 'p', main, top.index, false, st)).toEqual([
      processKey('p', p),
      trackKey('p', main),
    ]);
    const folded = { ...st, collapseOverrides: { 'p|g': true } };
    expect(keysToOpen(m, 'p', main, deep.index, true, folded)[0]).toBe('p|g');
  });
});

describe('navigateToSlice', () => {
  it('opens, selects, frames, asks for a scroll, shows the slice tab and switches tab', async () => {
    const m = await deepTrace();
    const store = createAppStore();
    store.getState().setExtent({ start: 0, end: 2_000_000 });
    store.getState().collapseAll();
    store.getState().setPanelTab('range');
    store.getState().setTab('kernels');
    const groups = [{ profileId: 'p', trace: m, offsetNs: 0, label: 'p' }];
    const deep = sliceNamed(m, 'f13');
    expect(navigateToSlice(store, groups, { profileId: 'p', ...deep })).toBe(true);
    const s = store.getState();
    expect(s.selected).toEqual({ profileId: 'p', ...deep });
    expect(s.panelTab).toBe('slice');
    expect(s.tab).toBe('timeline');
    expect(s.revealRequest).toMatchObject({ profileId: 'p', ...deep });
    const main = m.threads[0]!.track;
    const l = computeRowLayout(groups, s);
    expect(l.byKey.get(trackKey('p', main))!.collapsed).toBe(false);
    const t = m.sliceTracks[deep.track]!.slices;
    expect(s.visibleWindow.start).toBeLessThanOrEqual(t.start[deep.index]!);
    expect(s.visibleWindow.end).toBeGreaterThanOrEqual(t.start[deep.index]! + t.dur[deep.index]!);
  });

  it('refuses a slice of a profile that is not shown', () => {
    const m = traceFromText(TEXT);
    const store = createAppStore();
    const groups = [{ profileId: 'p', trace: m, offsetNs: 0, label: 'p' }];
    expect(navigateToSlice(store, groups, { profileId: 'q', track: 0, index: 0 })).toBe(false);
    expect(store.getState().selected).toBeNull();
  });

  it('navigateToSlices frames a collective on every rank and selects the focus rank', () => {
    const a = traceFromText(TEXT);
    const b = traceFromText(TEXT);
    const store = createAppStore();
    store.getState().setExtent({ start: 0, end: 100_000_000 });
    const groups = [
      { profileId: 'a', trace: a, offsetNs: 0, label: 'a' },
      { profileId: 'b', trace: b, offsetNs: 3000, label: 'b' },
    ];
    const mm = sliceNamed(a, 'matmul');
    const targets = [
      { profileId: 'a', ...mm },
      { profileId: 'b', ...sliceNamed(b, 'matmul') },
    ];
    expect(navigateToSlices(store, groups, targets, 'b')).toBe(true);
    const s = store.getState();
    expect(s.selected?.profileId).toBe('b');
    const t = a.sliceTracks[mm.track]!.slices;
    const lo = t.start[mm.index]!;
    const hi = lo + t.dur[mm.index]! + 3000;
    expect(s.visibleWindow.start).toBeLessThanOrEqual(lo);
    expect(s.visibleWindow.end).toBeGreaterThanOrEqual(hi);
    expect(s.visibleWindow.end - s.visibleWindow.start).toBeLessThan(2 * (hi - lo));
  });
});

describe('counter rows', () => {
  it('do not plot identifiers (Acc PMU acc_id) as a series', async () => {
    const ev = [0, 10, 20].map((ts) =>
      JSON.stringify({
        ph: 'C',
        name: 'read_bandwidth',
        pid: 9,
        ts,
        args: { value: ts, acc_id: 0 },
      }),
    );
    const m = await importText(`[${ev.join(',')}]`);
    const g = [{ profileId: 'p', trace: m, offsetNs: 0, label: 'p' }];
    const l = computeRowLayout(g, {
      collapseDefault: false,
      collapseOverrides: {},
      pinnedTracks: [],
    });
    const counters = l.rows.filter((r) => r.kind === 'counter');
    expect(counters).toHaveLength(1);
    expect(m.counters[counters[0]!.track]!.series[counters[0]!.series]!.name).toBe('value');
  });
});

describe('several ranks', () => {
  it('pinned rows keep their rank label', () => {
    const a = traceFromText(TEXT);
    const b = traceFromText(TEXT);
    const s7 = trackKey('b', sliceNamed(b, 'matmul').track);
    const l = computeRowLayout(
      [
        { profileId: 'a', trace: a, offsetNs: 0, label: 'rank 0' },
        { profileId: 'b', trace: b, offsetNs: 0, label: 'rank 1' },
      ],
      { collapseDefault: false, collapseOverrides: {}, pinnedTracks: [s7] },
    );
    expect(l.pinned.map((r) => r.subtitle)).toEqual(['rank 1 · Ascend Hardware']);
  });
});

describe('pin same name across ranks', () => {
  it('finds the same stream on every rank, and pins / unpins them together', () => {
    const a = traceFromText(TEXT);
    const b = traceFromText(TEXT);
    const groups = [
      { profileId: 'a', trace: a, offsetNs: 0, label: 'rank 0' },
      { profileId: 'b', trace: b, offsetNs: 0, label: 'rank 1' },
    ];
    const st = { collapseDefault: false, collapseOverrides: {}, pinnedTracks: [] };
    const l = computeRowLayout(groups, st);
    const row = l.rows.find((r) => r.group === 1 && r.title === 'Stream 7')!;
    const keys = sameNameKeys(groups, row);
    expect(keys).toEqual([
      trackKey('a', sliceNamed(a, 'matmul').track),
      trackKey('b', sliceNamed(b, 'matmul').track),
    ]);
    const store = createAppStore();
    store.getState().togglePinnedMany(keys);
    expect(store.getState().pinnedTracks).toEqual(keys);
    const pinned = computeRowLayout(groups, { ...st, pinnedTracks: keys }).pinned;
    expect(pinned.map((r) => r.subtitle)).toEqual([
      'rank 0 · Ascend Hardware',
      'rank 1 · Ascend Hardware',
    ]);
    store.getState().togglePinnedMany(keys);
    expect(store.getState().pinnedTracks).toEqual([]);
  });
});

describe('track filter', () => {
  it('shows only tracks whose rank, process or name contain every word', () => {
    const m = traceFromText(TEXT);
    const groups = [{ profileId: 'p', trace: m, offsetNs: 0, label: 'rank 3' }];
    const st = { collapseDefault: false, collapseOverrides: {}, pinnedTracks: [] };
    const titles = (f: string) =>
      computeRowLayout(groups, { ...st, trackFilter: f }).rows.map((r) => `${r.kind}:${r.title}`);
    expect(titles('stream')).toEqual(['process:Ascend Hardware', 'slices:Stream 7']);
    expect(titles('python main')).toEqual(['process:Python', 'slices:main']);
    expect(titles('rank 3 hbm')).toEqual(['process:HBM', 'counter:read']);
    expect(titles('nothing-like-this')).toEqual([]);
  });

  it('is cleared when navigation targets a track it hides', () => {
    const m = traceFromText(TEXT);
    const store = createAppStore();
    store.getState().setTrackFilter('stream');
    const groups = [{ profileId: 'p', trace: m, offsetNs: 0, label: 'p' }];
    navigateToSlice(store, groups, { profileId: 'p', ...sliceNamed(m, 'matmul') });
    expect(store.getState().trackFilter).toBe('stream');
    navigateToSlice(store, groups, { profileId: 'p', ...sliceNamed(m, 'outer') });
    expect(store.getState().trackFilter).toBe('');
  });
});
