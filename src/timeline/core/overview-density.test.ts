import { describe, expect, it } from 'vitest';
import { runChunked } from './chunked';
import { overviewDensityGen } from './overview-density';
import { traceFromText } from '../test-trace-dsl';

describe('overview density', () => {
  it('has one band per process with slices, busiest bin = 1', async () => {
    const m = traceFromText(`
      thread Python (CPU) / main
        :|a---------|          |b|
      thread Ascend Hardware (NPU) / Stream 1
        :           |k||k||k|
      counter HBM / read 0=1 20=2
    `);
    const d = await runChunked(overviewDensityGen(m, 10), { yieldFn: () => Promise.resolve() });
    expect(d.bands.map((b) => b.name)).toEqual(['Python', 'Ascend Hardware']);
    const py = d.bands[0]!.values;
    expect(Math.max(...py)).toBe(1);
    // "a" covers the first half of the trace, "b" a little of the end.
    expect(py[0]).toBe(1);
    expect(py[6]).toBe(0);
  });
});
