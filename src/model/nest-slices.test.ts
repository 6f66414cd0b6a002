import { describe, expect, it } from 'vitest';
import { NEST_TOLERANCE_NS, nestSlices } from './nest-slices';

const f64 = (a: number[]) => Float64Array.from(a);

describe('nestSlices', () => {
  it('nests a child that ends a fraction of a µs after its parent (torch_npu), exact times kept', () => {
    // parent [0, 10000), child [100, 10300): 300 ns past the parent's end; then a sibling.
    const start = f64([0, 100, 10_200]);
    const dur = f64([10_000, 10_200, 500]);
    const n = nestSlices(start, dur);
    expect(Array.from(n.depth)).toEqual([0, 1, 0]);
    expect(Array.from(n.parent)).toEqual([-1, 0, -1]);
    expect(n.overflowCount).toBe(0);
    expect(n.toleratedCount).toBe(1);
    expect(dur[1]).toBe(10_200);
  });

  it('keeps the strict rule beyond the tolerance, and when asked for 0', () => {
    const start = f64([0, 100]);
    const dur = f64([10_000, 9_900 + NEST_TOLERANCE_NS]);
    expect(nestSlices(start, dur).overflowCount).toBe(1);
    expect(nestSlices(f64([0, 100]), f64([10_000, 10_000]), { toleranceNs: 0 }).overflowCount).toBe(
      1,
    );
  });

  it('never sends a step landmark to overflow: the slice it overlaps goes there instead', () => {
    // module [0, 100000) > train_step [1000, 10000) ; ProfilerStep [3000, 50000) > op [20000, 21000)
    const start = f64([0, 1000, 3000, 20_000]);
    const dur = f64([100_000, 9000, 47_000, 1000]);
    const plain = nestSlices(start, dur);
    expect(Array.from(plain.overflow)).toEqual([0, 0, 1, 0]);
    const keep = Uint8Array.from([0, 0, 1, 0]);
    const n = nestSlices(start, dur, { keep });
    expect(Array.from(n.overflow)).toEqual([0, 1, 0, 0]);
    expect(Array.from(n.depth)).toEqual([0, 0, 1, 2]);
    expect(Array.from(n.parent)).toEqual([-1, -1, 0, 2]);
  });
});
