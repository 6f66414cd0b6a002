import { describe, expect, it } from 'vitest';
import { Cancelled, runChunked } from './chunked';

describe('runChunked', () => {
  it('yields to the event loop whenever the budget is spent', async () => {
    let clock = 0;
    let yields = 0;
    function* work() {
      for (let i = 0; i < 10; i++) {
        clock += 5; // each step "takes" 5 ms
        yield undefined;
      }
      return 'done';
    }
    const r = await runChunked(work(), {
      budgetMs: 8,
      now: () => clock,
      yieldFn: () => {
        yields++;
        return Promise.resolve();
      },
    });
    expect(r).toBe('done');
    expect(yields).toBe(5);
  });

  it('awaits promises the work yields and passes their value back', async () => {
    function* work(): Generator<Promise<unknown> | undefined, number, unknown> {
      const a = (yield Promise.resolve(2)) as number;
      const b = (yield Promise.resolve(3)) as number;
      return a * b;
    }
    expect(await runChunked(work())).toBe(6);
  });

  it('stops with Cancelled when the signal aborts between turns', async () => {
    const ctl = new AbortController();
    let steps = 0;
    function* work() {
      for (;;) {
        steps++;
        if (steps === 3) ctl.abort();
        yield undefined;
      }
    }
    await expect(
      runChunked(work(), { signal: ctl.signal, budgetMs: 0, yieldFn: () => Promise.resolve() }),
    ).rejects.toBeInstanceOf(Cancelled);
    expect(steps).toBeLessThan(5);
  });
});
