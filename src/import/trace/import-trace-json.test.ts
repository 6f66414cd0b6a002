import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { SliceFlag } from '../../model/trace-model';
import { importText, sliceStrings, warningCodes } from './test-helpers';

const ev = (o: Record<string, unknown>) => JSON.stringify(o);

describe('containers', () => {
  const events = [
    ev({ ph: 'X', name: 'a', pid: 1, tid: 1, ts: 1, dur: 2 }),
    ev({ ph: 'X', name: 'b', pid: 1, tid: 1, ts: 5, dur: 1 }),
  ];
  it('reads the array form', async () => {
    const m = await importText(`[${events.join(',')}]`);
    expect(m.stats.events).toBe(2);
    expect(warningCodes(m)).toEqual([]);
  });
  it('reads an unterminated array with a trailing comma, and ignores {}', async () => {
    const m = await importText(`[${events.join(',')},{},\n`);
    expect(m.stats.events).toBe(2);
    expect(warningCodes(m)).toEqual(['unterminated_array']);
  });
  it('reads the object form with keys before and after traceEvents', async () => {
    const m = await importText(
      `{"displayTimeUnit":"ns","otherData":{"v":1},"traceEvents":[${events.join(',')}],"meta":[1,2]}`,
    );
    expect(m.stats.events).toBe(2);
    expect(m.metadata).toEqual({ displayTimeUnit: 'ns', otherData: { v: 1 }, meta: [1, 2] });
  });
  it('salvages a truncated object form and says where it broke', async () => {
    const text = `{"traceEvents":[${events.join(',')},{"ph":"X","name":"c","ts":`;
    const m = await importText(text);
    expect(m.stats.events).toBe(2);
    expect(warningCodes(m)).toContain('truncated');
    expect(m.warnings.find((w) => w.code === 'truncated')!.example).toMatch(/byte \d+/);
  });
  it('skips a UTF-8 BOM, reads gzip and UTF-16LE', async () => {
    const text = `[${events.join(',')}]`;
    expect((await importText(`\uFEFF${text}`)).stats.events).toBe(2);
    expect((await importText(gzipSync(new TextEncoder().encode(text)))).stats.events).toBe(2);
    const u16 = new Uint8Array(2 + text.length * 2);
    u16[0] = 0xff;
    u16[1] = 0xfe;
    for (let i = 0; i < text.length; i++) u16[2 + i * 2] = text.charCodeAt(i);
    expect((await importText(u16)).stats.events).toBe(2);
  });
  it('reads multi-member gzip', async () => {
    const a = gzipSync(new TextEncoder().encode(`[${events[0]},`));
    const b = gzipSync(new TextEncoder().encode(`${events[1]}]`));
    const both = new Uint8Array(a.length + b.length);
    both.set(a);
    both.set(b, a.length);
    expect((await importText(both)).stats.events).toBe(2);
  });
  it('resumes after a malformed event and reports its offset', async () => {
    const m = await importText(`[${events[0]},{"ph":"X","name":},${events[1]}]`);
    expect(m.stats.events).toBe(2);
    expect(m.warnings.find((w) => w.code === 'syntax_error')!.example).toMatch(/byte \d+/);
  });
  it('refuses what is not a trace', async () => {
    await expect(importText('\x89PNG\r\n')).rejects.toThrow(/not a JSON trace/);
  });
});

describe('exact time', () => {
  it('rebases string ts to exact ns and keeps first/last exact', async () => {
    const m = await importText(
      `[${ev({ ph: 'X', name: 'k', pid: 1, tid: 1, ts: '1736412474730135.222', dur: 55.1610625 })},${ev({ ph: 'X', name: 'k2', pid: 1, tid: 1, ts: '1736412474730135.223', dur: 0 })}]`,
    );
    expect(m.baseNs).toBe('1736412474730135222');
    expect(m.stats.firstTsNs).toBe('1736412474730135222');
    expect(m.stats.lastTsNs).toBe('1736412474730135223');
    expect(m.stats.distinctTs).toBe(2);
    expect(sliceStrings(m, '1')).toEqual(['k@0+55161/0', 'k2@1+0/1']);
  });
  it('treats numeric and string tids as one thread', async () => {
    const m = await importText(
      `[${ev({ ph: 'X', name: 'a', pid: 1, tid: '25738', ts: 1, dur: 5 })},${ev({ ph: 'X', name: 'b', pid: 1, tid: 25738, ts: 2, dur: 1 })}]`,
    );
    expect(m.threads).toHaveLength(1);
    expect(sliceStrings(m, '25738')).toEqual(['a@0+5000/0', 'b@1000+1000/1']);
  });
  it('keeps pids above 2^32 and 2^53 distinct', async () => {
    const m = await importText(
      `[{"ph":"X","name":"a","pid":14083661100,"tid":0,"ts":1,"dur":1},{"ph":"X","name":"a","pid":9007199254740993,"tid":0,"ts":1,"dur":1},{"ph":"X","name":"a","pid":9007199254740992,"tid":0,"ts":1,"dur":1}]`,
    );
    expect(m.processes.map((p) => p.pid)).toEqual([
      '14083661100',
      '9007199254740993',
      '9007199254740992',
    ]);
  });
  it('isolates a ts of 0 among epoch timestamps', async () => {
    const m = await importText(
      `[${ev({ ph: 'X', name: 'a', pid: 1, tid: 1, ts: '1736412474730135.222', dur: 1 })},${ev({ ph: 'X', name: 'zero', pid: 1, tid: 1, ts: 0, dur: 1 })}]`,
    );
    expect(m.baseNs).toBe('1736412474730135222');
    expect(m.stats.firstTsNs).toBe('0');
    expect(sliceStrings(m, '1')).toEqual(['a@0+1000/0']);
    expect(warningCodes(m)).toContain('ts_outlier');
  });
  it('drops NaN ts but accepts NaN in args', async () => {
    const m = await importText(
      `[{"ph":"X","name":"a","pid":1,"tid":1,"ts":NaN,"dur":1},{"ph":"C","name":"c","pid":1,"ts":1,"args":{"v":NaN,"w":2}}]`,
    );
    expect(warningCodes(m)).toContain('ts_nan');
    expect(m.counters[0]!.series.map((s) => s.name)).toEqual(['v', 'w']);
    expect(Number.isNaN(m.counters[0]!.series[0]!.values[0])).toBe(true);
  });
});

describe('nesting', () => {
  it('orders by start then longer dur, with half-open intervals', async () => {
    const m = await importText(
      `[${[
        { name: 'child', ts: 0, dur: 5 },
        { name: 'parent', ts: 0, dur: 10 },
        { name: 'sibling', ts: 10, dur: 2 },
      ]
        .map((e) => ev({ ph: 'X', pid: 1, tid: 1, ...e }))
        .join(',')}]`,
    );
    expect(sliceStrings(m, '1')).toEqual([
      'parent@0+10000/0',
      'child@0+5000/1',
      'sibling@10000+2000/0',
    ]);
  });
  it('puts partial overlaps on an overflow lane', async () => {
    const m = await importText(
      `[${[
        { name: 'a', ts: 0, dur: 10 },
        { name: 'b', ts: 5, dur: 10 },
      ]
        .map((e) => ev({ ph: 'X', pid: 1, tid: 1, ...e }))
        .join(',')}]`,
    );
    expect(sliceStrings(m, '1')).toEqual(['a@0+10000/0']);
    expect(sliceStrings(m, '1', true)).toEqual(['b@5000+10000/0']);
    expect(m.stats.overflowSlices).toBe(1);
  });
  it('drops negative dur, extends missing dur to the end', async () => {
    const m = await importText(
      `[${ev({ ph: 'X', name: 'neg', pid: 1, tid: 1, ts: 0, dur: -1 })},${ev({ ph: 'X', name: 'open', pid: 1, tid: 1, ts: 1 })},${ev({ ph: 'X', name: 'x', pid: 1, tid: 2, ts: 0, dur: 10 })}]`,
    );
    expect(warningCodes(m)).toEqual(expect.arrayContaining(['negative_dur', 'missing_dur']));
    expect(sliceStrings(m, '1')).toEqual(['open@1000+9000/0']);
    const t = m.sliceTracks[m.threads[0]!.track]!.slices;
    expect(t.flags[0]! & SliceFlag.Unfinished).toBeTruthy();
  });
  it('matches B/E by name, drops unmatched E, closes unclosed B at the end', async () => {
    const m = await importText(
      `[${[
        { ph: 'B', name: 'outer', ts: 0 },
        { ph: 'B', name: 'inner', ts: 1 },
        { ph: 'E', name: 'inner', ts: 2 },
        { ph: 'E', name: 'nobody', ts: 3 },
        { ph: 'E', name: 'outer', ts: 4 },
        { ph: 'B', name: 'open', ts: 5 },
        { ph: 'X', name: 'late', ts: 9, dur: 1 },
      ]
        .map((e) => ev({ pid: 1, tid: 1, ...e }))
        .join(',')}]`,
    );
    expect(sliceStrings(m, '1')).toEqual([
      'outer@0+4000/0',
      'inner@1000+1000/1',
      'open@5000+5000/0',
      'late@9000+1000/1',
    ]);
    expect(warningCodes(m)).toEqual(expect.arrayContaining(['unmatched_end', 'unclosed_begin']));
  });
});

describe('flows', () => {
  it('binds s to the enclosing slice and f (bp e) to the enclosing one, ids beyond 2^64 exact', async () => {
    const id = '40006882869110636543';
    const m = await importText(
      `[${[
        { ph: 'X', name: 'launch', pid: 1, tid: 1, ts: 0, dur: 10 },
        { ph: 's', name: 'h2d', cat: 'HostToDevice', id, pid: 1, tid: 1, ts: 5 },
        { ph: 'X', name: 'kernel', pid: 2, tid: 7, ts: 20, dur: 5 },
        { ph: 'f', bp: 'e', name: 'h2d', cat: 'HostToDevice', id, pid: 2, tid: 7, ts: 20 },
        {
          ph: 'f',
          bp: 'e',
          name: 'h2d',
          cat: 'HostToDevice',
          id: '40006882869110636544',
          pid: 2,
          tid: 7,
          ts: 21,
        },
      ]
        .map(ev)
        .join(',')}]`,
    );
    expect(m.stats.flows).toEqual({ matched: 1, startOnly: 0, endOnly: 1, unbound: 0 });
    expect(m.flows.length).toBe(1);
    expect(m.strings[m.flows.id[0]!]).toBe(id);
    const from = m.sliceTracks[m.flows.fromTrack[0]!]!.slices;
    const to = m.sliceTracks[m.flows.toTrack[0]!]!.slices;
    expect(m.strings[from.name[m.flows.fromSlice[0]!]!]).toBe('launch');
    expect(m.strings[to.name[m.flows.toSlice[0]!]!]).toBe('kernel');
  });
  it('binds f without bp to the next slice, and v2 bind_id flows', async () => {
    const m = await importText(
      `[${[
        { ph: 'X', name: 'a', pid: 1, tid: 1, ts: 0, dur: 1 },
        { ph: 's', name: 'n', cat: 'c', id: 1, pid: 1, tid: 1, ts: 0 },
        { ph: 'f', name: 'n', cat: 'c', id: 1, pid: 1, tid: 2, ts: 3 },
        { ph: 'X', name: 'next', pid: 1, tid: 2, ts: 4, dur: 1 },
        { ph: 'X', name: 'p', pid: 1, tid: 3, ts: 10, dur: 1, bind_id: '0x1', flow_out: true },
        { ph: 'X', name: 'q', pid: 1, tid: 4, ts: 12, dur: 1, bind_id: '0x1', flow_in: true },
      ]
        .map(ev)
        .join(',')}]`,
    );
    expect(m.flows.length).toBe(2);
    const names = Array.from({ length: m.flows.length }, (_, i) => {
      const to = m.sliceTracks[m.flows.toTrack[i]!]!.slices;
      return m.strings[to.name[m.flows.toSlice[i]!]!];
    });
    expect(names).toEqual(['next', 'q']);
  });
});

describe('other phases', () => {
  it('builds async tracks, instants, counters with id, and counts undrawn phases', async () => {
    const m = await importText(
      `[${[
        { ph: 'b', name: 'req', cat: 'net', id: 7, pid: 1, ts: 0 },
        { ph: 'n', name: 'mark', cat: 'net', id: 7, pid: 1, ts: 1 },
        { ph: 'e', name: 'req', cat: 'net', id: 7, pid: 1, ts: 4 },
        { ph: 'S', name: 'legacy', id: '0x2', pid: 1, ts: 0 },
        { ph: 'F', name: 'legacy', id: '0x2', pid: 1, ts: 2 },
        { ph: 'i', name: 'g', s: 'g', pid: 1, tid: 1, ts: 1 },
        { ph: 'I', name: 'p', s: 'p', pid: 1, tid: 1, ts: 1 },
        { ph: 'R', name: 't', pid: 1, tid: 1, ts: 1 },
        { ph: 'C', name: 'mem', id: 3, pid: 1, ts: 0, args: { a: 1, b: 2 } },
        { ph: 'C', name: 'mem', id: 3, pid: 1, ts: 1, args: { a: 3 } },
        { ph: 'N', name: 'obj', id: 1, pid: 1, ts: 0 },
        { ph: 'O', name: 'obj', id: 1, pid: 1, ts: 0, args: { snapshot: {} } },
        { ph: 'P', name: 'sample', pid: 1, tid: 1, ts: 0 },
        { ph: 'c', name: 'sync', pid: 1, ts: 0 },
        { ph: 'M', name: 'process_labels', pid: 1, args: { labels: 'CPU, host' } },
        { ph: 'M', name: 'process_sort_index', pid: 1, args: { sort_index: 536870912 } },
      ]
        .map(ev)
        .join(',')}]`,
    );
    expect(m.stats.byPhase).toMatchObject({
      b: 1,
      n: 1,
      e: 1,
      S: 1,
      F: 1,
      N: 1,
      O: 1,
      P: 1,
      c: 1,
      M: 2,
    });
    const asyncTracks = m.sliceTracks.filter((t) => t.kind === 'async');
    expect(asyncTracks.map((t) => t.name).sort()).toEqual(['legacy', 'req']);
    expect(m.globalInstants.length).toBe(1);
    expect(m.processes[0]!.instants.length).toBe(1);
    expect(m.threads[0]!.instants.length).toBe(1);
    expect(m.counters[0]!.name).toBe('mem[3]');
    expect(Array.from(m.counters[0]!.series[1]!.values)).toEqual([2, NaN]);
    expect(m.processes[0]!.labels).toEqual(['CPU', 'host']);
    expect(m.processes[0]!.sortIndex).toBe(536870912);
  });
});

describe('chunk boundaries', () => {
  it('gives the same model whatever the chunk size', async () => {
    const text = `\uFEFF[${Array.from({ length: 200 }, (_, i) =>
      ev({
        ph: i % 3 ? 'X' : 'C',
        name: `n\\u00e9${i % 7}`,
        pid: 1,
        tid: i % 4,
        ts: `${1000 + i}.${String(i % 1000).padStart(3, '0')}`,
        dur: i % 5,
        args: { s: 'a,{"]}' + i },
      }),
    ).join(',\n')}]`;
    const whole = await importText(text);
    for (const size of [1, 3, 17, 256]) {
      const m = await importText(text, size);
      expect(m.stats).toEqual(whole.stats);
      expect(m.warnings).toEqual(whole.warnings);
    }
  });
});
