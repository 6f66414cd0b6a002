/**
 * Issue 13, defect 1: metadata (M) events carry no time meaning and never set the trace extent
 * (analysis-definitions §1.2). A ~4 s Chrome trace recorded at ts ≈ 456,438 s with its M events
 * at ts 0 must start at its first real event, not at 0, and `summarize` must say the same.
 */
import { describe, expect, it } from 'vitest';
import { summarizeTrace } from '../../model/summarize-profile';
import { importText } from './test-helpers';

const T0 = 456_438_123_456; // µs, ≈ 456,438 s

/** A Chrome-shaped trace: M events at ts 0, then ~4 s of X/B/E/i/C events at T0. */
export function chromeTraceWithMetadataAtZero(): string {
  const ev: Record<string, unknown>[] = [
    { ph: 'M', name: 'process_name', pid: 7, tid: 0, ts: 0, args: { name: 'Browser' } },
    { ph: 'M', name: 'thread_name', pid: 7, tid: 1, ts: 0, args: { name: 'CrBrowserMain' } },
    { ph: 'M', name: 'num_cpus', pid: 7, tid: 0, ts: 0, args: { number: 8 } },
  ];
  for (let k = 0; k < 40; k++) {
    ev.push({ ph: 'X', name: `Task${k}`, pid: 7, tid: 1, ts: T0 + k * 100_000, dur: 50_000 });
  }
  ev.push({ ph: 'B', name: 'Frame', pid: 7, tid: 2, ts: T0 + 1000 });
  ev.push({ ph: 'E', name: 'Frame', pid: 7, tid: 2, ts: T0 + 3_999_000 });
  ev.push({ ph: 'i', name: 'Mark', pid: 7, tid: 1, ts: T0 + 2_000_000, s: 't' });
  ev.push({ ph: 'C', name: 'Heap', pid: 7, ts: T0 + 500, args: { used: 12 } });
  return JSON.stringify({ traceEvents: ev, displayTimeUnit: 'ms' });
}

describe('trace extent ignores metadata timestamps', () => {
  it('starts at the first non-M event and spans the data only', async () => {
    const m = await importText(chromeTraceWithMetadataAtZero());
    expect(m.baseNs).toBe(String(T0 * 1000));
    // Last event ends at T0 + 3.9 s + 50 ms = T0 + 3.95 s.
    expect(m.endNs).toBe(3_999_000_000);
    expect(m.warnings.map((w) => w.code)).not.toContain('ts_outlier');
    // firstTsNs keeps its documented meaning: the smallest ts of any event (the M at 0).
    expect(m.stats.firstTsNs).toBe('0');
    const s = summarizeTrace(m);
    expect(s.timelineStartNs).toBe(String(T0 * 1000));
    expect(s.durationNs).toBe(3_999_000_000);
    // Slices sit where the data is: the first task at 0 ns, not 456,438 s in.
    const t = m.threads.find((x) => x.name === 'CrBrowserMain')!;
    expect(m.sliceTracks[t.track]!.slices.start[0]).toBe(0);
  });

  it('keeps M-only traces readable (base from the M events)', async () => {
    const m = await importText(
      JSON.stringify([{ ph: 'M', name: 'process_name', pid: 1, ts: 5, args: { name: 'p' } }]),
    );
    expect(m.stats.firstTsNs).toBe('5000');
    expect(m.endNs).toBe(0);
  });

  it('counts M timestamps in distinctTs', async () => {
    const m = await importText(chromeTraceWithMetadataAtZero());
    // 40 X + B + E + C starts (the i shares Task20's ts), plus the one M ts (0).
    expect(m.stats.distinctTs).toBe(44);
  });
});
