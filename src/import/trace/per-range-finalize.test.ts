// Work moved into the range scans (string hashes, sorted distinct timestamps) must leave the
// model exactly the single scan's: generated traces whose ranges share threads, B/E pairs,
// async slices and flows, with counters, instants, metadata in a later range, ts outliers and
// strings first seen in different orders in each range.
import { describe, expect, it } from 'vitest';
import { memoryFile } from '../sources/input-file';
import { countUnion, sortedDistinct, type DistinctTs } from './distinct-ts';
import { importTraceJson } from './import-trace-json';
import { hashStrings, mergeStrings } from './merge-strings';
import { inProcessPool } from './parallel-scan';
import { argsOf, fingerprint } from './test-helpers';

const ev = (o: Record<string, unknown>) => JSON.stringify(o);
const T0 = 1736412474730000;
const ts = (us: number, ns = 0) => `${T0 + us}.${String(ns).padStart(3, '0')}`;

/** A seeded trace of n "rounds", each touching every feature; names differ in order per half. */
function trace(n: number, seed: number): string {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const t = i * 10;
    const late = i > n / 2;
    // Names first seen in a different order in the second half.
    const name = late ? `op${(n - i) % 23}` : `op${i % 17}`;
    out.push(ev({ ph: 'X', name, cat: 'cpu', pid: 1, tid: 1, ts: ts(t, i % 1000), dur: 4 }));
    if (i % 3 === 0)
      out.push(ev({ ph: 'X', name: 'child', pid: 1, tid: 1, ts: ts(t + 1), dur: 1 }));
    // A long B/E pair on thread 2 opened early, closed late (across the range boundary), plus
    // short ones, some nested and some closed by a nameless E.
    if (i === 2)
      out.push(ev({ ph: 'B', name: 'outer', pid: 1, tid: 2, ts: ts(t), args: { a: 1 } }));
    if (i === n - 3)
      out.push(ev({ ph: 'E', name: 'outer', pid: 1, tid: 2, ts: ts(t), args: { b: 2 } }));
    if (i % 5 === 0) out.push(ev({ ph: 'B', name: `be${i % 7}`, pid: 1, tid: 2, ts: ts(t + 1) }));
    if (i % 5 === 4) out.push(ev({ ph: 'E', pid: 1, tid: 2, ts: ts(t - 10 * 3 + 2) }));
    // Async b/e with ids spanning the boundary (begin in round i, end n/2 rounds later).
    if (i < n / 2 && i % 4 === 0)
      out.push(ev({ ph: 'b', name: 'req', cat: 'async', id: `0x${i}`, pid: 2, ts: ts(t) }));
    if (i >= n / 2 && (i - Math.floor(n / 2)) % 4 === 0)
      out.push(
        ev({
          ph: 'e',
          name: 'req',
          cat: 'async',
          id: `0x${i - Math.floor(n / 2)}`,
          pid: 2,
          ts: ts(t),
        }),
      );
    // v1 flows: s early, f late (across ranges), ids above 2^53 as numbers written exactly.
    if (i % 6 === 0) {
      const id = `9007199254740${993 + i}`;
      out.push(`{"ph":"s","name":"fl","cat":"H2D","id":${id},"pid":1,"tid":1,"ts":"${ts(t + 2)}"}`);
      const back = Math.min(n - 1, i + Math.floor(n / 2));
      out.push(
        `{"ph":"f","bp":"e","name":"fl","cat":"H2D","id":${id},"pid":3,"tid":7,"ts":"${ts(back * 10 + 1)}"}`,
      );
      out.push(ev({ ph: 'X', name: 'kernel', pid: 3, tid: 7, ts: ts(back * 10), dur: 3 }));
    }
    // v2 flows (bind_id) between threads.
    if (i % 9 === 0)
      out.push(
        ev({
          ph: 'X',
          name: 'launch',
          pid: 1,
          tid: 3,
          ts: ts(t),
          dur: 2,
          bind_id: i,
          flow_out: true,
        }),
      );
    if (i % 9 === 4)
      out.push(
        ev({
          ph: 'X',
          name: 'run',
          pid: 3,
          tid: 8,
          ts: ts(t),
          dur: 2,
          bind_id: i - 4,
          flow_in: true,
        }),
      );
    // Counters, instants (thread, process, global), all interleaved.
    out.push(
      ev({ ph: 'C', name: 'mem', pid: 1, ts: ts(t, 500), args: { v: Math.round(rnd() * 100) } }),
    );
    if (i % 4 === 1) out.push(ev({ ph: 'i', name: 'mark', pid: 1, tid: 1, ts: ts(t + 3), s: 't' }));
    if (i % 8 === 3) out.push(ev({ ph: 'i', name: 'pmark', pid: 1, ts: ts(t + 3), s: 'p' }));
    if (i % 16 === 5) out.push(ev({ ph: 'i', name: 'gmark', pid: 1, ts: ts(t + 3), s: 'g' }));
    // Equal timestamps repeated across ranges (distinct counting) and a few outliers (ts 0).
    if (i % 11 === 0) out.push(ev({ ph: 'i', name: 'same', pid: 4, tid: 1, ts: ts(0), s: 't' }));
    if (i % 97 === 13) out.push(ev({ ph: 'X', name: 'zero', pid: 4, tid: 2, ts: 0, dur: 1 }));
  }
  // Metadata only in the second half.
  out.splice(
    Math.floor((out.length * 3) / 4),
    0,
    ev({ ph: 'M', name: 'process_name', pid: 3, ts: 0, args: { name: 'Device' } }),
    ev({ ph: 'M', name: 'thread_name', pid: 1, tid: 2, args: { name: 'BE thread' } }),
    ev({ ph: 'M', name: 'process_sort_index', pid: 2, args: { sort_index: 5 } }),
  );
  return `[${out.join(',\n')}]`;
}

describe('work done inside the range scans', () => {
  it('gives the single-scan model at 2, 3 and 5 ranges', async () => {
    const file = memoryFile('t.json', trace(1200, 7));
    const single = await importTraceJson(file);
    // The trace really has what the test is about.
    expect(single.stats.byPhase).toMatchObject({ B: expect.any(Number), b: expect.any(Number) });
    expect(single.stats.flows.matched).toBeGreaterThan(100);
    expect(single.warnings.map((w) => w.code)).toContain('ts_outlier');
    expect(single.processes.find((p) => p.name === 'Device')).toBeDefined();
    for (const n of [2, 3, 5]) {
      const parallel = await importTraceJson(file, { pool: inProcessPool(n), minBytesPerRange: 1 });
      expect(parallel.importTimings?.ranges).toBe(n);
      expect(fingerprint(parallel)).toEqual(fingerprint(single));
      expect(await argsOf(parallel, file)).toEqual(await argsOf(single, file));
      // The B/E pair that spans every range boundary is one slice with both args merged.
      const be = parallel.threads.find((t) => t.name === 'BE thread')!;
      const lane = parallel.sliceTracks[be.track]!.slices;
      const outer = Array.from(lane.name).findIndex((id) => parallel.strings[id] === 'outer');
      expect(lane.depth[outer]).toBe(0);
      expect(lane.dur[outer]).toBe((1200 - 5) * 10 * 1000);
    }
  });
});

describe('sorted distinct timestamps', () => {
  const naive = (pairs: [number, number][]) => new Set(pairs.map(([u, f]) => `${u}.${f}`)).size;
  const cols = (pairs: [number, number][]): [Float64Array, Uint16Array] => [
    Float64Array.from(pairs, (p) => p[0]),
    Uint16Array.from(pairs, (p) => p[1]),
  ];
  it('counts the union of runs as one sort of every timestamp would', () => {
    let s = 3;
    const rnd = (m: number) =>
      Math.floor(((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * m);
    const pick = (): [number, number] => {
      const k = rnd(10);
      if (k === 0) return [0, rnd(1000)]; // an outlier beside epoch times
      if (k === 1) return [-rnd(5) - 1, rnd(1000)]; // negative
      if (k === 2) return [2 ** 52 - rnd(3), rnd(3) * 499]; // far the other way
      return [T0 + rnd(300), rnd(4) * 333];
    };
    const a = Array.from({ length: 4000 }, pick);
    const b = Array.from({ length: 3000 }, pick);
    const c = Array.from({ length: 50 }, pick);
    const runs: DistinctTs[] = [a, b, c].map((p) => sortedDistinct([cols(p)]));
    for (const r of runs)
      for (let i = 1; i < r.us.length; i++)
        expect(
          r.us[i]! > r.us[i - 1]! || (r.us[i] === r.us[i - 1] && r.frac[i]! > r.frac[i - 1]!),
        ).toBe(true);
    expect(runs[0]!.us.length).toBe(naive(a));
    expect(countUnion(runs)).toBe(naive([...a, ...b, ...c]));
    expect(countUnion([sortedDistinct([cols(a), cols(b)])])).toBe(naive([...a, ...b]));
    expect(countUnion([sortedDistinct([]), sortedDistinct([cols(c)])])).toBe(naive(c));
  });
});

describe('mergeStrings', () => {
  it('joins tables without duplicates, in first-appearance order, even when hashes collide', () => {
    const a = ['', 'x', 'y', 'ü'];
    const b = ['y', 'z', '', 'x', 'w'];
    const collide = (t: string[]) => new Int32Array(t.length).fill(42);
    for (const hashes of [
      [hashStrings(a), hashStrings(b)],
      [collide(a), collide(b)],
      [undefined, undefined],
    ]) {
      const { strings, maps } = mergeStrings([a, b], hashes);
      expect(strings).toEqual(['', 'x', 'y', 'ü', 'z', 'w']);
      expect([...maps[1]!].map((id) => strings[id])).toEqual(b);
      expect([...maps[0]!]).toEqual([0, 1, 2, 3]);
    }
  });
});
