/**
 * Adversarial inputs at a size where a quadratic step (a linear search per event, a scan of every
 * row per slice) would take minutes: each must import with the right counts. The timeouts are
 * hang detectors only; nothing here asserts on wall-clock time.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/generator/rng';
import { enclosingAll } from '../../src/import/trace/build-flows';
import { enclosingSlice } from '../../src/model/slice-queries';
import { checkModel, importBytes, warning } from './test-hostile';

const HANG = 120_000;
const T0 = 1736412474730000;

/** `[` + n generated events + `]`, built without one string per event kept around. */
function trace(n: number, f: (i: number) => string): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(f(i));
  return `[${parts.join(',')}]`;
}

async function imported(text: string) {
  const m = await importBytes(text);
  expect(checkModel(m)).toEqual([]);
  return m;
}

describe('adversarial scale', () => {
  it(
    '1,000,000 B without E: each drawn to the end and counted',
    async () => {
      const n = 1_000_000;
      const m = await imported(
        trace(n, (i) => `{"ph":"B","name":"b","pid":1,"tid":1,"ts":${T0 + i}}`),
      );
      expect(warning(m, 'unclosed_begin')!.count).toBe(n);
      expect(m.stats.slices).toBe(n);
      expect(m.stats.maxDepth).toBe(65535);
    },
    HANG,
  );

  it(
    '300,000 open B with distinct names, then 300,000 E that match none',
    async () => {
      const n = 300_000;
      const m = await imported(
        trace(2 * n, (i) =>
          i < n
            ? `{"ph":"B","name":"b${i}","pid":1,"tid":1,"ts":${T0 + i}}`
            : `{"ph":"E","name":"x${i}","pid":1,"tid":1,"ts":${T0 + i}}`,
        ),
      );
      expect(warning(m, 'unmatched_end')!.count).toBe(n);
      expect(warning(m, 'unclosed_begin')!.count).toBe(n);
    },
    HANG,
  );

  it(
    '300,000 X in a staircase of partial overlaps: packed on overflow rows',
    async () => {
      const n = 300_000;
      const m = await imported(
        trace(n, (i) => `{"ph":"X","name":"s","pid":1,"tid":1,"ts":${T0 + i},"dur":${n}}`),
      );
      expect(m.stats.overflowSlices).toBe(n - 1);
      const over = m.sliceTracks.find((t) => t.kind === 'overflow')!;
      expect(over.slices.rows).toBe(65535);
    },
    HANG,
  );

  it(
    '300,000 counter samples, each with a new series: capped with a warning',
    async () => {
      const n = 300_000;
      const m = await imported(
        trace(n, (i) => `{"ph":"C","name":"c","pid":1,"ts":${T0 + i},"args":{"k${i}":${i}}}`),
      );
      expect(m.counters[0]!.ts.length).toBe(n);
      expect(m.counters[0]!.series).toHaveLength(64);
      expect(warning(m, 'counter_series_limit')!.count).toBe(n - 64);
    },
    HANG,
  );

  it(
    '200,000 async slices of one id closed first-in first-out',
    async () => {
      const n = 200_000;
      const m = await imported(
        trace(2 * n, (i) =>
          i < n
            ? `{"ph":"b","name":"n${i}","cat":"c","id":1,"pid":1,"ts":${T0 + i}}`
            : `{"ph":"e","name":"n${i - n}","cat":"c","id":1,"pid":1,"ts":${T0 + i}}`,
        ),
      );
      expect(m.stats.slices).toBe(n);
      expect(m.warnings).toEqual([]);
    },
    HANG,
  );

  it(
    '200,000 overlapping async trees on one track: packed on rows',
    async () => {
      const n = 200_000;
      const m = await imported(
        trace(2 * n, (i) =>
          i < n
            ? `{"ph":"b","name":"r","cat":"c","id":${i},"pid":1,"ts":${T0 + i}}`
            : `{"ph":"e","name":"r","cat":"c","id":${i - n},"pid":1,"ts":${T0 + 3 * n - i}}`,
        ),
      );
      expect(m.stats.slices).toBe(n);
      expect(m.sliceTracks[0]!.slices.rows).toBe(65536);
    },
    HANG,
  );

  it(
    '100,000 threads with one slice each',
    async () => {
      const n = 100_000;
      const m = await imported(
        trace(n, (i) => `{"ph":"X","name":"t","pid":1,"tid":${i},"ts":${T0 + i},"dur":1}`),
      );
      expect(m.threads).toHaveLength(n);
      expect(m.sliceTracks).toHaveLength(n);
    },
    HANG,
  );

  it(
    '200,000 flow ends binding inside a 10,000-deep nest',
    async () => {
      const depth = 10_000;
      const flows = 200_000;
      const m = await imported(
        trace(depth + flows, (i) =>
          i < depth
            ? `{"ph":"X","name":"d","pid":1,"tid":1,"ts":${T0 + i},"dur":${2 * depth + 9 - 2 * i}}`
            : `{"ph":"${i % 2 ? 'f' : 's'}","bp":"e","name":"f","cat":"c","id":${i >> 1},"pid":1,"tid":1,"ts":${T0 + 2 * depth + 5}}`,
        ),
      );
      expect(m.stats.flows.matched).toBe(flows / 2);
      expect(m.flows.length).toBe(flows / 2);
    },
    HANG,
  );

  it(
    '500,000 distinct names',
    async () => {
      const n = 500_000;
      const m = await imported(
        trace(n, (i) => `{"ph":"i","name":"name ${i} \\u00e9","pid":1,"tid":1,"ts":${T0 + i}}`),
      );
      expect(m.strings.length).toBeGreaterThan(n);
    },
    HANG,
  );
});

describe('batched enclosing-slice lookups', () => {
  it('agree with enclosingSlice on random nested lanes', async () => {
    const rng = new Rng(20261128);
    for (let round = 0; round < 40; round++) {
      const events: string[] = [];
      for (let i = 0; i < 300; i++) {
        const at = rng.int(0, 400);
        const dur = rng.chance(0.1) ? 0 : rng.int(0, 120);
        events.push(`{"ph":"X","name":"x","pid":1,"tid":1,"ts":${T0 + at},"dur":${dur}}`);
      }
      const m = await imported(`[${events.join(',')}]`);
      for (const track of m.sliceTracks) {
        const t = track.slices;
        const ts = Float64Array.from({ length: 500 }, () => rng.int(-5, 530_000));
        for (let i = 0; i < 40; i++) ts[rng.int(0, 499)] = t.start[rng.int(0, t.length - 1)]!;
        const out = new Int32Array(ts.length);
        enclosingAll(t, [...ts.keys()], ts, out);
        const want = Array.from(ts, (x) => enclosingSlice(t, x));
        expect([...out]).toEqual(want);
      }
    }
  });
});
