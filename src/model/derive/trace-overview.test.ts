import { describe, expect, it } from 'vitest';
import { makeTrace } from '../ascend/test-models';
import { traceOverview, traceOverviewCached, unionLength } from './trace-overview';

describe('plain trace overview', () => {
  // Thread 1: outer "step" [0,100) holds "f" [10,60) which holds a recursive "f" [20,40).
  const trace = makeTrace([
    {
      name: 'python',
      threads: [
        {
          name: 'main',
          slices: [
            ['step', 0, 100],
            ['f', 10, 50],
            ['f', 20, 20],
          ],
        },
        { name: 'worker', slices: [['g', 0, 30]] },
      ],
    },
    { name: 'idle', threads: [] },
  ]);
  const main = trace.sliceTracks[0]!.slices;
  main.parent.set([-1, 0, 1]);
  main.depth.set([0, 1, 2]);

  it('counts processes, threads and slices', () => {
    const o = traceOverview(trace);
    expect(o).toMatchObject({ processes: 2, threads: 2, tracks: 2, slices: 4, spanNs: 100 });
  });

  it('ranks names by total time, counting recursion once, with self time', () => {
    const o = traceOverview(trace);
    // The recursive f is part of its outer call: 1 call (was 2 next to a once-counted total),
    // 1 nested instance apart, as the operators are counted (§4.2).
    expect(
      o.topNames.map((n) => [n.name, n.count, n.nestedCount, n.totalNs, n.selfNs, n.maxNs]),
    ).toEqual([
      ['step', 1, 0, 100, 50, 100],
      ['f', 1, 1, 50, 50, 50],
      ['g', 1, 0, 30, 30, 30],
    ]);
    expect(traceOverview(trace, 1).topNames).toHaveLength(1);
  });

  it('ranks processes by busy time (union over threads) and skips empty ones', () => {
    const o = traceOverview(trace);
    // main [0,100) and worker [0,30) overlap: busy 100 (never beyond the span), thread time 130.
    expect(o.topProcesses).toEqual([
      { index: 0, label: 'python', pid: '1', threads: 2, slices: 4, busyNs: 100, threadNs: 130 },
    ]);
    expect(o.topProcesses[0]!.busyNs).toBeLessThanOrEqual(o.spanNs);
    expect(traceOverviewCached(trace)).toBe(traceOverviewCached(trace));
  });

  it('busy time is the union of overlapping threads, not their sum (540 ms trace, 679 ms of threads)', () => {
    const ms = 1e6;
    const t = makeTrace([
      {
        name: 'worker',
        threads: [
          { name: 'a', slices: [['x', 0, 400 * ms]] },
          {
            name: 'b',
            slices: [
              ['y', 200 * ms, 239 * ms],
              ['z', 500 * ms, 40 * ms],
            ],
          },
        ],
      },
    ]);
    const p = traceOverview(t).topProcesses[0]!;
    expect(p.threadNs).toBe(679 * ms);
    expect(p.busyNs).toBe(479 * ms);
    expect(p.busyNs).toBeLessThanOrEqual(traceOverview(t).spanNs);
  });

  it('unionLength merges touching, nested and disjoint intervals', () => {
    expect(unionLength([], [])).toBe(0);
    expect(unionLength([5, 0, 10, 30], [10, 8, 20, 31])).toBe(21);
    expect(unionLength([0, 2], [10, 4])).toBe(10);
  });
});
