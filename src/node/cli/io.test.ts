import { afterEach, describe, expect, it, vi } from 'vitest';
import { progressLine, type CliIo } from './io';

const io = (progress: boolean) => {
  const err: string[] = [];
  const sink: CliIo = { out: () => {}, err: (s) => void err.push(s), progress };
  return { sink, err };
};
const step = {
  path: 'a/b/trace_view.json',
  stage: 'scan',
  bytesRead: 50,
  bytesTotal: 200,
  items: 9,
};

afterEach(() => vi.useRealTimers());

describe('progress on stderr', () => {
  it('is off when stderr is not a terminal', () => {
    expect(progressLine(io(false).sink)).toBeNull();
  });
  it('rewrites one line at most ten times a second and clears it at the end', () => {
    vi.useFakeTimers();
    const { sink, err } = io(true);
    const p = progressLine(sink)!;
    vi.setSystemTime(1000);
    p.onProgress(step);
    p.onProgress({ ...step, bytesRead: 60 }); // within 100 ms: dropped
    vi.setSystemTime(1200);
    p.onProgress({ ...step, bytesRead: 100 });
    p.done();
    expect(err).toEqual([
      '\r\x1b[Kscan trace_view.json 25%',
      '\r\x1b[Kscan trace_view.json 50%',
      '\r\x1b[K',
    ]);
  });
});
