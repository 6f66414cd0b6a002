import { describe, expect, it } from 'vitest';
import { f64, u8 } from './columns';

describe('columns', () => {
  it('take() gives the exact values and leaves the column empty and usable', () => {
    const c = f64(4);
    for (let i = 0; i < 5; i++) c.push(i + 0.5);
    expect(c.a.length).toBeGreaterThan(5); // grown
    const out = c.take();
    expect(out).toEqual(new Float64Array([0.5, 1.5, 2.5, 3.5, 4.5]));
    expect(out.buffer.byteLength).toBe(5 * 8); // exact, not the grown buffer
    expect(c.n).toBe(0);
    expect(c.a.length).toBe(0);
    c.push(7);
    expect(c.finish()).toEqual(new Float64Array([7]));
  });
  it('take() hands over an exactly full buffer without copying', () => {
    const c = u8(3);
    c.push(1);
    c.push(2);
    c.push(3);
    const buf = c.a;
    expect(c.take()).toBe(buf);
    expect(c.a).not.toBe(buf);
  });
});
