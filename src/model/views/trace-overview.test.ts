import { describe, expect, it } from 'vitest';
import { makeTrace } from '../ascend/test-models';
import { traceOverview, traceOverviewCached } from './trace-overview';

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
    expect(o.topNames.map((n) => [n.name, n.count, n.totalNs, n.selfNs, n.maxNs])).toEqual([
      ['step', 1, 100, 50, 100],
      ['f', 2, 50, 50, 50],
      ['g', 1, 30, 30, 30],
    ]);
    expect(traceOverview(trace, 1).topNames).toHaveLength(1);
  });

  it('ranks processes by top-level slice time and skips empty ones', () => {
    const o = traceOverview(trace);
    expect(o.topProcesses).toEqual([
      { index: 0, label: 'python', pid: '1', threads: 2, slices: 4, busyNs: 130 },
    ]);
    expect(traceOverviewCached(trace)).toBe(traceOverviewCached(trace));
  });
});
