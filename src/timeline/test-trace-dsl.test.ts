import { describe, expect, it } from 'vitest';
import { sliceNamed, trackNamed, traceFromText } from './test-trace-dsl';

describe('traceFromText', () => {
  it('builds nested slices, one char per µs', () => {
    const m = traceFromText(`
      thread Python (CPU) / main
        :|outer-----------|  |b|
        : |in|  |in2|
      thread Ascend Hardware (NPU) / Stream 7
        :    |matmul---| |add|
      flow async_npu in -> matmul
      counter Python / mem 0=5 10=7 20=3
      instant Python / main 12 tick
    `);
    const main = model(m, 'main');
    expect(main.length).toBe(4);
    const outer = sliceNamed(m, 'outer');
    const s = m.sliceTracks[outer.track]!.slices;
    expect(s.start[outer.index]).toBe(0);
    expect(s.dur[outer.index]).toBe(18_000);
    const inner = sliceNamed(m, 'in');
    expect(s.depth[inner.index]).toBe(1);
    expect(s.parent[inner.index]).toBe(outer.index);
    expect(m.processes.map((p) => p.labels)).toEqual([['CPU'], ['NPU']]);
    expect(m.flows.length).toBe(1);
    expect(m.flows.toTrack[0]).toBe(trackNamed(m, 'Stream 7'));
    expect(m.counters[0]!.ts.length).toBe(3);
    expect(m.threads.find((t) => t.name === 'main')!.instants.length).toBe(1);
  });
});

function model(m: ReturnType<typeof traceFromText>, name: string) {
  return m.sliceTracks[trackNamed(m, name)]!.slices;
}
