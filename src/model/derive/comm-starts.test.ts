import { describe, expect, it } from 'vitest';
import type { CommOpRow } from '../ascend-data';
import { makeTrace } from '../ascend/test-models';
import { commTimelineStarts } from './comm-starts';

const row = (op: string, startUs: number): CommOpRow => ({
  step: '50',
  kind: 'collective',
  op,
  group: '11022204950826225271',
  startUs,
  elapseMs: 2,
  transitMs: 1,
  waitMs: 0.5,
  syncMs: 0.4,
  idleMs: 0.5,
  waitRatio: 0.3,
  syncRatio: 0.3,
  bandwidth: {},
});

describe('communication op starts on the timeline', () => {
  // Trace base 1736412474757000.000 µs; the allReduce's slice starts exactly 59,740 ns later.
  // communication.json writes 1736412474757059.8 µs: 60 ns off (and a double cannot even hold
  // the ns digits at 1.7e15 µs).
  const trace = makeTrace(
    [
      {
        name: 'HCCL',
        threads: [
          {
            name: 'Group 0 Communication',
            slices: [['hcom_allReduce__271_0_1', 59_740, 2_000_000]],
          },
        ],
      },
    ],
    { baseNs: '1736412474757000000' },
  );

  it('takes the exact start from the trace and flags it; keeps the rounded one elsewhere', () => {
    const rows = [
      row('hcom_allReduce__271_0_1', 1736412474757059.8),
      row('hcom_allReduce__271_9_1', 1736412474760000.5),
      // Same name, far from the trace's slice: another op, not matched.
      row('hcom_allReduce__271_0_1', 1736412474799000),
    ];
    const { starts, exact } = commTimelineStarts(rows, trace);
    expect(starts[0]).toBe(59_740);
    expect(exact[0]).toBe(1);
    expect(exact[1]).toBe(0);
    expect(Math.abs(starts[1]! - 3_000_500)).toBeLessThan(250);
    expect(exact[2]).toBe(0);
  });

  it('without a trace: no timeline start at all', () => {
    const { starts, exact } = commTimelineStarts([row('x', 1)], null);
    expect(Number.isNaN(starts[0])).toBe(true);
    expect(exact[0]).toBe(0);
  });
});
