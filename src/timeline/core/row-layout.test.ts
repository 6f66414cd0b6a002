import { describe, expect, it } from 'vitest';
import type { TraceModel } from '../../model/trace-model';
import {
  computeRowLayout,
  counterKey,
  DEPTH_H,
  processKey,
  trackKey,
  type CollapseState,
} from './row-layout';
import { maxScrollTop, rowAtY, visibleRowRange } from './row-geometry';
import { trackNamed, traceFromText } from '../test-trace-dsl';
import type { TraceGroup } from './timeline-groups';

const TEXT = `
  thread Python (CPU) / main
    :|outer-----------|  |b|
    : |in|  |in2|
  thread Python (CPU) / worker
    :|w|
  thread Ascend Hardware (NPU) / Stream 7
    :    |matmul---| |add|
  counter HBM / read 0=5 10=7
`;

const open: CollapseState = { collapseDefault: false, collapseOverrides: {}, pinnedTracks: [] };

function groups(m: TraceModel, id = 'p'): TraceGroup[] {
  return [{ profileId: id, trace: m, offsetNs: 0, label: id }];
}

describe('computeRowLayout', () => {
  const m = traceFromText(TEXT);

  it('lists processes in Ascend display order with their threads, counters last', () => {
    const l = computeRowLayout(groups(m), open);
    expect(l.rows.map((r) => `${r.kind}:${r.title}`)).toEqual([
      'process:Python',
      'slices:main',
      'slices:worker',
      'process:Ascend Hardware',
      'slices:Stream 7',
      'process:HBM',
      'counter:read',
    ]);
    const main = l.rows[1]!;
    expect(main.lanes).toBe(2);
    expect(main.collapsible).toBe(true);
    expect(l.rows[0]!.subtitle).toContain('CPU');
    // Rows are stacked without gaps.
    for (let i = 1; i < l.rows.length; i++)
      expect(l.rows[i]!.y).toBe(l.rows[i - 1]!.y + l.rows[i - 1]!.height);
    expect(l.height).toBe(l.rows.at(-1)!.y + l.rows.at(-1)!.height);
  });

  it('collapses a process to one summary row and a thread to its top lane', () => {
    const python = m.processes.findIndex((p) => p.name === 'Python');
    const main = trackNamed(m, 'main');
    const l = computeRowLayout(groups(m), {
      ...open,
      collapseOverrides: { [processKey('p', python)]: true },
    });
    expect(l.rows.filter((r) => r.process === python).map((r) => r.kind)).toEqual(['process']);
    const l2 = computeRowLayout(groups(m), {
      ...open,
      collapseOverrides: { [trackKey('p', main)]: true },
    });
    const row = l2.byKey.get(trackKey('p', main))!;
    expect(row.lanes).toBe(1);
    expect(row.height).toBeLessThan(2 * DEPTH_H + 10);
  });

  it('collapse all keeps only process rows; overrides re-open one', () => {
    const l = computeRowLayout(groups(m), { ...open, collapseDefault: true });
    expect(l.rows.every((r) => r.kind === 'process' && r.collapsed)).toBe(true);
  });

  it('moves pinned tracks to the pinned area in pin order', () => {
    const s7 = trackKey('p', trackNamed(m, 'Stream 7'));
    const ck = counterKey('p', 0, 0);
    const l = computeRowLayout(groups(m), { ...open, pinnedTracks: [ck, s7] });
    expect(l.pinned.map((r) => r.key)).toEqual([ck, s7]);
    expect(l.pinned[1]!.y).toBe(l.pinned[0]!.height);
    expect(l.pinnedHeight).toBe(l.pinned[0]!.height + l.pinned[1]!.height);
    expect(l.rows.some((r) => r.key === s7)).toBe(false);
    // The pinned area does not scroll.
    expect(rowAtY(l, 1, 500)!.row.key).toBe(ck);
  });

  it('hides threads without slices or instants', () => {
    const t2 = traceFromText(TEXT);
    t2.threads.push({ ...t2.threads[0]!, track: -1, overflowTrack: -1, tid: '999' });
    t2.processes[0]!.threads.push(t2.threads.length - 1);
    const l = computeRowLayout(groups(t2), open);
    expect(l.rows.filter((r) => r.kind === 'slices').length).toBe(3);
  });

  it('adds a header per trace when several are shown', () => {
    const l = computeRowLayout([...groups(m, 'a'), ...groups(traceFromText(TEXT), 'b')], open);
    expect(l.rows.filter((r) => r.kind === 'group').map((r) => r.title)).toEqual(['a', 'b']);
  });
});

describe('virtualisation', () => {
  it('finds only the rows meeting the viewport among 10,000 threads', () => {
    const lines = ['thread P (CPU) / t0', '  :|a|'];
    for (let i = 1; i < 10_000; i++) lines.push(`thread P (CPU) / t${i}`, '  :|a|');
    const m = traceFromText(lines.join('\n'));
    const l = computeRowLayout(groups(m), open);
    expect(l.rows.length).toBe(10_001);
    const h = l.rows[1]!.height;
    const [a, b] = visibleRowRange(l.rows, 5000 * h, 5000 * h + 600);
    expect(b - a).toBeLessThanOrEqual(Math.ceil(600 / h) + 2);
    expect(l.rows[a]!.y + l.rows[a]!.height).toBeGreaterThan(5000 * h);
    expect(maxScrollTop(l, 600)).toBe(l.height - 600);
    const hit = rowAtY(l, 10, 5000 * h);
    expect(hit!.row).toBe(l.rows[a]);
  });
});

describe('deep threads', () => {
  it('start folded until expanded (or "expand all"), so device lanes are on screen', async () => {
    const { importText } = await import('../../import/trace/test-helpers');
    const nested = Array.from({ length: 14 }, (_, d) =>
      JSON.stringify({ ph: 'X', name: `f${d}`, pid: 1, tid: 1, ts: d, dur: 100 - 2 * d }),
    );
    const m = await importText(
      `[${[...nested, JSON.stringify({ ph: 'X', name: 'k', pid: 2, tid: 7, ts: 0, dur: 5 })].join(',')}]`,
    );
    const g = [{ profileId: 'p', trace: m, offsetNs: 0, label: 'p' }];
    const key = `p|t${m.threads[0]!.track}`;
    const folded = computeRowLayout(g, { ...open, expandDeepThreads: false });
    expect(folded.byKey.get(key)!.collapsed).toBe(true);
    const all = computeRowLayout(g, { ...open, expandDeepThreads: true });
    expect(all.byKey.get(key)!.collapsed).toBe(false);
    const opened = computeRowLayout(g, {
      ...open,
      expandDeepThreads: false,
      collapseOverrides: { [key]: false },
    });
    expect(opened.byKey.get(key)!.collapsed).toBe(false);
  });
});
