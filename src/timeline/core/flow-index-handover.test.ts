// The flow index is built by the import (in the worker) and travels with the model, so the page
// never sorts flows on its main thread; it must equal what the page would build itself.
import { describe, expect, it } from 'vitest';
import { streamTorchNpuTrace } from '../../generator/torch-npu-stream';
import { buildFlowIndex } from '../../model/flow-index';
import { flowIndex, flowsFrom, flowsTo } from './flow-index';
import { collectTransferables } from '../../lib/transferables';
import { joinResult, splitResult } from '../../lib/result-parts';
import type { TraceModel } from '../../model/trace-model';
import { importText } from '../../import/trace/test-helpers';

async function torchNpuModel(): Promise<TraceModel> {
  const chunks: string[] = [];
  streamTorchNpuTrace({ targetMB: 0.3, seed: 6 }, (c) => chunks.push(c));
  return importText(chunks.join(''));
}

describe('flow index built at import', () => {
  it('comes with the model and equals the index built on the page', async () => {
    const m = await torchNpuModel();
    expect(m.flows.length).toBeGreaterThan(100);
    const built = m.flows.index;
    expect(built).toBeDefined();
    const { index: _index, ...table } = m.flows;
    expect(built).toEqual(buildFlowIndex(table, m.sliceTracks.length, m.strings));
    // The timeline uses it as is (no second build on the page).
    expect(flowIndex(m)).toBe(built);
    expect(built!.cats.map((c) => [c.name, c.count])).toEqual([['HostToDevice', m.flows.length]]);
  });

  it('survives the handover in parts (typed arrays moved, lookups the same)', async () => {
    const m = await torchNpuModel();
    const { skeleton, paths, parts } = splitResult(m, 50);
    expect(collectTransferables(skeleton)).toContain(m.flows.index!.outOrder.buffer);
    const back = structuredClone(joinResult(skeleton, paths, parts)) as TraceModel;
    expect(back.flows.index).toEqual(m.flows.index);
    for (let row = 0; row < m.flows.length; row += 37) {
      const from = flowsFrom(back, m.flows.fromTrack[row]!, m.flows.fromSlice[row]!);
      const to = flowsTo(back, m.flows.toTrack[row]!, m.flows.toSlice[row]!);
      expect(from).toContain(row);
      expect(to).toContain(row);
    }
  });
});
