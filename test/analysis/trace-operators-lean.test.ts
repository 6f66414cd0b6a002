// The analysis the import's checks make, built lean (issue 18: its transient and retained memory
// set the 1 GB import's peak): the trace Operators table's text cells are made on first read, and
// the device events are gathered in typed columns that grow past their first block.
import { describe, expect, it } from 'vitest';
import { generateAscendProfile } from '../../src/generator/ascend-profile';
import { memoryFile } from '../../src/import/sources/input-file';
import { analyzeTrace } from '../../src/model/analysis/analyze';
import { ASCEND_HARDWARE, collectDeviceEvents } from '../../src/model/analysis/device-events';
import { openProfiles } from './test-invariants';

const us = (ns: number) => (Number.isFinite(ns) ? (ns / 1000).toFixed(3) : '');

async function traceOnly(kernelsPerStep: number) {
  const g = generateAscendProfile({ seed: 5, level: 'Level1', steps: 3, kernelsPerStep });
  const files = g.files.filter((f) => !/kernel_details|operator_details/.test(f.path));
  const [p] = await openProfiles(files.map((f) => memoryFile(f.path, f.data)));
  return p!.trace!;
}

describe('the checks’ analysis, lean', () => {
  it('makes the trace Operators text rows on first read, the same cells as its columns', async () => {
    const trace = await traceOnly(10);
    const ops = analyzeTrace(trace).operators;
    const t = ops.table;
    expect(t.length).toBeGreaterThan(5);
    const d = Object.getOwnPropertyDescriptor(t.text, 'rows')!;
    expect(typeof d.get).toBe('function');
    expect(d.enumerable).toBe(true);
    const rows = t.text.rows;
    expect(t.text.rows).toBe(rows); // made once
    expect(rows).toHaveLength(t.length);
    for (let o = 0; o < t.length; o++) {
      expect(rows[o]).toEqual([
        t.strings[t.name[o]!],
        '',
        trace.sliceTracks[ops.track[o]!]!.name,
        us(t.hostSelfNs[o]!),
        us(t.hostTotalNs[o]!),
        us(t.deviceSelfNs[o]!),
        us(t.deviceTotalNs[o]!),
        t.nested?.[o] ? 'yes' : '',
      ]);
    }
    expect(rows.some((r) => r[5] !== '0.000' && r[5] !== '')).toBe(true);
    expect(structuredClone(t.text).rows).toEqual(rows);
  });

  it('collects more device events than its first block, each the slice it names', async () => {
    const trace = await traceOnly(400); // > 1024 hardware tasks over the steps
    const dev = collectDeviceEvents(trace);
    expect(dev.length).toBeGreaterThan(1024);
    for (const col of [dev.track, dev.index, dev.kind, dev.device])
      expect(col.length).toBe(dev.length);
    let hardware = 0;
    for (const t of trace.sliceTracks)
      if (trace.processes[t.process]?.name === ASCEND_HARDWARE) hardware += t.slices.length;
    expect(dev.length).toBeGreaterThanOrEqual(hardware - 2); // less the profiler's markers
    for (let e = 0; e < dev.length; e++) {
      const s = trace.sliceTracks[dev.track[e]!]!.slices;
      expect(dev.start[e]).toBe(s.start[dev.index[e]!]);
      expect(dev.end[e]).toBe(s.start[dev.index[e]!]! + s.dur[dev.index[e]!]!);
      expect(trace.processes[dev.device[e]!]).toBeDefined();
    }
  });
});
