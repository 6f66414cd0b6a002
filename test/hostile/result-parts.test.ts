/** A big worker result is sent in parts and rebuilt exactly on the page (result-parts.ts). */
import { describe, expect, it } from 'vitest';
import { joinResult, splitResult } from '../../src/lib/result-parts';
import { importBytes } from './test-hostile';

/** What postMessage does to each message: a structured clone. */
function send(value: unknown, maxItems?: number): unknown {
  const { skeleton, paths, parts } = splitResult(value, maxItems);
  const received = parts.map((p) => structuredClone(p));
  return joinResult(structuredClone(skeleton), structuredClone(paths), received);
}

describe('result parts', () => {
  it('leaves a small result whole', () => {
    const r = splitResult({ a: [1, 2, 3], t: new Float64Array(5) });
    expect(r.parts).toEqual([]);
    expect(r.paths).toEqual([]);
  });

  it('rebuilds nested big arrays (arrays of rows, of objects holding big arrays, a root array)', () => {
    const rows = Array.from({ length: 5003 }, (_, i) => [`r${i}`, String(i)]);
    const tracks = Array.from({ length: 4100 }, (_, i) => ({
      name: `t${i}`,
      slices: {
        start: new Float64Array([i]),
        tags: Array.from({ length: i === 7 ? 2500 : 2 }, (_, k) => k),
      },
    }));
    const value = {
      tables: { k: { header: ['a', 'b'], rows } },
      trace: { tracks, strings: rows.map((r) => r[0]) },
    };
    const { parts } = splitResult(value);
    expect(parts.length).toBeGreaterThan(5);
    expect(send(value)).toEqual(value);
    const root = Array.from({ length: 7000 }, (_, i) => ({
      i,
      inner: Array.from({ length: 30 }, () => i),
    }));
    expect(send(root, 10)).toEqual(root);
  });

  it('rebuilds an imported model with 20,000 threads', async () => {
    const T = 1736412474730000;
    const events = Array.from(
      { length: 20000 },
      (_, i) => `{"ph":"X","name":"n${i % 7}","pid":1,"tid":${i},"ts":${T + i},"dur":1}`,
    );
    const m = await importBytes(`[${events.join(',')}]`);
    const back = send(m) as typeof m;
    expect(back.sliceTracks).toHaveLength(20000);
    expect(back.threads.map((t) => t.tid)).toEqual(m.threads.map((t) => t.tid));
    expect([...back.sliceTracks[19999]!.slices.start]).toEqual([
      ...m.sliceTracks[19999]!.slices.start,
    ]);
    expect(back.stats).toEqual(m.stats);
  });
});
