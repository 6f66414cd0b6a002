// mergeParts consumes its input: each range's columns are released as they are merged, so the
// import worker never holds the range parts and the merged parts whole at the same time.
import { describe, expect, it } from 'vitest';
import { memoryFile } from '../sources/input-file';
import { collectTraceJson } from './import-trace-json';
import { mergeParts } from './merge-parts';
import type { RawTraceParts } from './raw-parts';

const ev = (o: Record<string, unknown>) => JSON.stringify(o);

async function part(names: string[], pid: number): Promise<RawTraceParts> {
  const events = names.flatMap((name, i) => [
    ev({ ph: 'X', name, cat: 'op', pid, tid: 1, ts: 10 + i, dur: 1, args: { i } }),
    ev({ ph: 'C', name: 'mem', pid, ts: 10 + i, args: { v: i } }),
    ev({ ph: 's', name: 'f', cat: 'flow', id: i, pid, tid: 1, ts: 10 + i }),
  ]);
  return collectTraceJson(memoryFile('t.json', `[${events.join(',')}]`));
}

/** Every typed array under a value, with its path. */
function arraysOf(value: unknown, path = ''): [string, ArrayBufferView][] {
  if (ArrayBuffer.isView(value)) return [[path, value]];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => arraysOf(v, `${path}.${k}`));
}

describe('mergeParts', () => {
  it('merges in range order with global ids and releases every range column it copied', async () => {
    const a = await part(['a0', 'a1', 'a2'], 1);
    const b = await part(['b0', 'a1'], 1);
    const merged = mergeParts([a, b]);
    const x = merged.threads[0]!.x;
    expect(x.length).toBe(5);
    expect([...x.name].map((id) => merged.strings[id])).toEqual(['a0', 'a1', 'a2', 'b0', 'a1']);
    // Args rows of the second range are shifted past the first range's rows.
    expect([...x.args]).toEqual([0, 1, 2, 3, 4]);
    expect(merged.counters[0]!.tsUs.length).toBe(5);
    expect(merged.counters[0]!.series[0]!.values).toEqual(new Float64Array([0, 1, 2, 0, 1]));
    expect(merged.flows.length).toBe(5);
    expect(merged.allTsUs.length).toBe(15);
    // What is left of the inputs: no column holds data any more.
    for (const input of [a, b]) {
      const left = arraysOf(input).filter(([, arr]) => arr.byteLength > 0);
      expect(left.map(([p]) => p)).toEqual([]);
      expect(input.threads[0]!.x.length).toBe(0);
    }
  });

  it('moves a lone range column that needs no fix instead of copying it', async () => {
    const a = await part(['a0', 'a1'], 1);
    const b = await part(['b0'], 2);
    const tsUs = a.threads[0]!.x.tsUs;
    const counterTs = a.counters[0]!.tsUs;
    const merged = mergeParts([a, b]);
    expect(merged.threads[0]!.x.tsUs).toBe(tsUs);
    expect(merged.counters[0]!.tsUs).toBe(counterTs);
    expect(a.threads[0]!.x.tsUs.length).toBe(0);
  });
});

describe('finalizeTrace', () => {
  it("consumes the parts: each thread's raw columns are released once copied", async () => {
    const parts = await part(['a0', 'a1', 'a2'], 1);
    const { finalizeTrace } = await import('./finalize-trace');
    const model = finalizeTrace(parts, { sourcePath: 't.json' });
    expect(model.sliceTracks[0]!.slices.length).toBe(3);
    expect([...model.sliceTracks[0]!.slices.name].map((id) => model.strings[id])).toEqual([
      'a0',
      'a1',
      'a2',
    ]);
    const t = parts.threads[0]!;
    expect([t.x.length, t.x.tsUs.length, t.be.length, t.instants.length]).toEqual([0, 0, 0, 0]);
  });
});
