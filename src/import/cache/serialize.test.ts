import { describe, expect, it } from 'vitest';
import { deserialize, serialize } from './serialize';

function join(parts: Uint8Array[]): ArrayBuffer {
  const n = parts.reduce((a, p) => a + p.length, 0);
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out.buffer;
}

describe('cache serialisation', () => {
  it('round-trips typed arrays, bigints, NaN and nested objects', () => {
    const value = {
      a: new Float64Array([1.5, NaN, -0, 2 ** 53]),
      b: { c: new Uint16Array([1, 2, 3]), d: [new Int32Array([-1]), new Uint8Array([7, 8, 9])] },
      s: ['x', 'y'],
      big: 1736412474725417508n,
      n: NaN,
      inf: -Infinity,
      nul: null,
    };
    const back = deserialize<typeof value>(join(serialize(value)))!;
    expect(Array.from(back.a)).toEqual([1.5, NaN, -0, 2 ** 53]);
    expect(back.a).toBeInstanceOf(Float64Array);
    expect(Array.from(back.b.c)).toEqual([1, 2, 3]);
    expect(Array.from(back.b.d[0]!)).toEqual([-1]);
    expect(Array.from(back.b.d[1]!)).toEqual([7, 8, 9]);
    expect(back.big).toBe(1736412474725417508n);
    expect(back.n).toBeNaN();
    expect(back.inf).toBe(-Infinity);
    expect(back.s).toEqual(['x', 'y']);
  });
  it('serialises typed array views at their own offset', () => {
    const big = new Float64Array([1, 2, 3, 4]);
    const back = deserialize<{ v: Float64Array }>(join(serialize({ v: big.subarray(1, 3) })))!;
    expect(Array.from(back.v)).toEqual([2, 3]);
  });
  it('refuses foreign or truncated bytes', () => {
    expect(deserialize(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]).buffer)).toBeNull();
    const parts = serialize({ a: new Float64Array(100) });
    const whole = new Uint8Array(join(parts));
    expect(() => deserialize(whole.slice(0, whole.length - 8).buffer)).toThrow(/truncated/);
  });
});
