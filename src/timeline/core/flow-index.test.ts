import { describe, expect, it } from 'vitest';
import {
  descendantRange,
  flowIndex,
  flowsFrom,
  flowsOfSubtree,
  flowsTo,
  forEachFlowInWindow,
} from './flow-index';
import { sliceNamed, traceFromText } from '../test-trace-dsl';

const US = 1000;
const m = traceFromText(`
  thread Python (CPU) / main
    :|aten::add-------|  |aten::mul------|
    : |aclnnAdd|          |aclnnMul|
  thread CANN (CPU) / api
    :  |launch|
  thread Ascend Hardware (NPU) / Stream 2
    :             |AddKernel|     |MulKernel|
  flow async_npu aclnnAdd -> AddKernel
  flow async_npu aclnnMul -> MulKernel
  flow HostToDevice launch -> AddKernel
`);

describe('flow index', () => {
  it('binds flows to slices both ways', () => {
    const add = sliceNamed(m, 'aclnnAdd');
    const kernel = sliceNamed(m, 'AddKernel');
    const out = flowsFrom(m, add.track, add.index);
    expect(out.length).toBe(1);
    expect(m.flows.toTrack[out[0]!]).toBe(kernel.track);
    expect(m.flows.toSlice[out[0]!]).toBe(kernel.index);
    const incoming = flowsTo(m, kernel.track, kernel.index);
    expect(incoming.map((f) => m.strings[m.flows.cat[f]!])).toEqual(
      expect.arrayContaining(['async_npu', 'HostToDevice']),
    );
  });

  it('lists categories with counts', () => {
    expect(flowIndex(m).cats.map((c) => [c.name, c.count])).toEqual([
      ['async_npu', 2],
      ['HostToDevice', 1],
    ]);
  });

  it('follows a CPU op to the kernel launched by its child', () => {
    const op = sliceNamed(m, 'aten::add');
    const s = m.sliceTracks[op.track]!.slices;
    expect(descendantRange(s, op.index)).toEqual([op.index + 1, op.index + 2]);
    const { flows, fromDescendants } = flowsOfSubtree(m, op.track, op.index, 'out');
    expect(fromDescendants).toBe(true);
    const kernel = sliceNamed(m, 'AddKernel');
    expect(m.flows.toSlice[flows[0]!]).toBe(kernel.index);
    // and back from the kernel
    const back = flowsOfSubtree(m, kernel.track, kernel.index, 'in');
    expect(back.fromDescendants).toBe(false);
    expect(back.flows.length).toBe(2);
  });

  it('finds flows meeting a window', () => {
    const rows: number[] = [];
    // Flows span [1, 13], [2, 13] and [21, 29] µs.
    forEachFlowInWindow(m, 10 * US, 14 * US, 100, (r) => rows.push(r));
    expect(rows.length).toBe(2);
    const all: number[] = [];
    forEachFlowInWindow(m, 0, 100 * US, 100, (r) => all.push(r));
    expect(all.length).toBe(3);
  });
});
