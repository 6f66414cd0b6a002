import { describe, expect, it } from 'vitest';
import { runChunked } from './chunked';
import { aggregateRangeGen, sortAggregate, trackFilterKey } from './range-aggregate';
import { trackNamed, traceFromText } from '../test-trace-dsl';

const US = 1000;
const m = traceFromText(`
  thread P (CPU) / a
    :|x---| |y| |x-| |x|
    : |z|
  thread P (CPU) / b
    :|y-------|
`);
const groups = [{ profileId: 'p', trace: m, offsetNs: 0, label: 'p' }];
const run = (start: number, end: number, filter: Set<string> | null = null) =>
  runChunked(aggregateRangeGen(groups, { start: start * US, end: end * US }, filter), {
    yieldFn: () => Promise.resolve(),
  });

describe('range aggregation', () => {
  it('groups overlapping slices by name: time inside the range, and whole-slice wall', async () => {
    // [3, 12) µs meets x [0, 6), y [7, 10), x [11, 15), z [1, 4) on a and y [0, 10) on b.
    const r = await run(3, 12);
    const byName = Object.fromEntries(r.rows.map((row) => [row.name, row]));
    expect(byName['x']).toMatchObject({ count: 2, total: 4 * US, wall: 10 * US });
    expect(byName['x']).toMatchObject({ min: 4 * US, max: 6 * US, avg: 5 * US });
    expect(byName['y']).toMatchObject({ count: 2, total: 10 * US, wall: 13 * US });
    expect(byName['z']).toMatchObject({ count: 1, total: 1 * US, wall: 3 * US });
    expect(r.slices).toBe(5);
  });

  it('never reports more than the range inside it: a long slice is clipped (25 of 156)', async () => {
    const long = traceFromText(`
      thread P (CPU) / main
        :|ProfilerStep-----------------------------------------------------------------------------------------------------------------------------------------------------|
    `);
    const g = [{ profileId: 'p', trace: long, offsetNs: 0, label: 'p' }];
    const r = await runChunked(aggregateRangeGen(g, { start: 40 * US, end: 65 * US }, null), {
      yieldFn: () => Promise.resolve(),
    });
    expect(r.rows[0]).toMatchObject({ name: 'ProfilerStep', total: 25 * US });
    expect(r.rows[0]!.wall).toBeGreaterThan(150 * US);
    expect(r.byTrack).toHaveLength(1);
    expect(r.byTrack[0]!.busy).toBe(25 * US);
  });

  it('breaks the range down per track (busy = top-level slices clipped)', async () => {
    const r = await run(3, 12);
    const byLabel = Object.fromEntries(r.byTrack.map((t) => [t.label, t]));
    // a: x [3,6) + y [7,10) + x [11,12) = 7 µs busy (z is nested); b: y [3,10) = 7 µs.
    expect(byLabel['P / a']).toMatchObject({ slices: 4, busy: 7 * US });
    expect(byLabel['P / b']).toMatchObject({ slices: 1, busy: 7 * US });
    for (const t of r.byTrack) expect(t.busy).toBeLessThanOrEqual(9 * US);
  });

  it('excludes slices that end at the range start or start at its end', async () => {
    const r = await run(6, 7);
    expect(r.rows.map((x) => x.name).sort()).toEqual(['y']); // b's y only
  });

  it('limits to the selected tracks', async () => {
    const r = await run(0, 100, new Set([trackFilterKey(0, trackNamed(m, 'b'))]));
    const y = 10 * US;
    expect(r.rows).toEqual([{ name: 'y', count: 1, total: y, wall: y, min: y, max: y, avg: y }]);
  });

  it('sorts by any column', async () => {
    const r = await run(0, 100);
    expect(sortAggregate(r.rows, 'count', true)[0]!.name).toBe('x');
    expect(sortAggregate(r.rows, 'name', false).map((x) => x.name)).toEqual(['x', 'y', 'z']);
  });
});
