import { afterAll, describe, expect, it } from 'vitest';
import { memoryFile } from '../../import/sources/input-file';
import { importTraceJson } from '../../import/trace/import-trace-json';
import { initI18n } from '../../i18n/index';
import { processTitle, trackPath, trackTitle } from './track-labels';

/** A thread without a name whose slices partially overlap: a "Thread 7 (overlapping)" lane. */
const TRACE = JSON.stringify([
  { ph: 'M', name: 'thread_name', pid: 1, tid: 3, args: { name: 'Stream 4' } },
  { ph: 'X', name: 'a', pid: 1, tid: 7, ts: 10, dur: 10 },
  { ph: 'X', name: 'b', pid: 1, tid: 7, ts: 15, dur: 10 },
  { ph: 'X', name: 'c', pid: 1, tid: 3, ts: 10, dur: 10 },
  { ph: 'X', name: 'd', pid: 1, tid: 3, ts: 15, dur: 10 },
]);

describe('track labels in the interface language', () => {
  afterAll(() => initI18n({ lang: 'en' }));

  it('says the model’s own words in Chinese, keeps the data’s names and the model’s English', async () => {
    const t = await importTraceJson(memoryFile('t.json', TRACE));
    const track = (name: string) => t.sliceTracks.findIndex((s) => s.name === name);
    const ov7 = track('Thread 7 (overlapping)');
    const ov4 = track('Stream 4 (overlapping)');
    expect(ov7).toBeGreaterThanOrEqual(0);
    expect(ov4).toBeGreaterThanOrEqual(0);
    initI18n({ lang: 'en' });
    expect(trackTitle(t, ov7)).toBe('Thread 7 (overlapping)');
    expect(trackPath(t, ov4)).toBe('Process 1 › Stream 4 (overlapping)');
    initI18n({ lang: 'zh-CN' });
    expect(trackTitle(t, ov7)).toBe('线程 7（重叠）');
    expect(trackTitle(t, track('Thread 7'))).toBe('线程 7');
    // The data's thread name stays as written; only the model's words change.
    expect(trackTitle(t, ov4)).toBe('Stream 4（重叠）');
    expect(processTitle(t.processes[0])).toBe('进程 1');
    expect(processTitle(undefined)).toBe('进程 ?');
    // The model keeps its English names (search, links, headless).
    expect(t.sliceTracks[ov7]!.name).toBe('Thread 7 (overlapping)');
  });
});
