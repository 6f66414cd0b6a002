/**
 * Hostile and broken trace JSON, one case per kind of damage: each asserts the warning (code,
 * count, where it broke) and that the good events around the damage are kept, and every model
 * passes checkModel (sorted, finite, sane time axis).
 */
import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { memoryFile } from '../../src/import/sources/input-file';
import { decodeStream, DecompressionBombError } from '../../src/import/sources/decode-stream';
import { TraceFormatError } from '../../src/import/json/scan-details';
import { MAX_BUFFERED_EVENT } from '../../src/import/json/trace-scanner';
import { importTraceJson } from '../../src/import/trace/import-trace-json';
import { SliceFlag, type TraceModel } from '../../src/model/trace-model';
import { checkModel, codes, enc, importBytes, warning } from './test-hostile';

const T0 = 1736412474730000;
const ev = (o: Record<string, unknown>) => JSON.stringify(o);
const X = (name: string, at: number, dur: number, extra: Record<string, unknown> = {}) =>
  ev({ ph: 'X', name, pid: 1, tid: 1, ts: T0 + at, dur, ...extra });
const arr = (events: string[]) => `[${events.join(',')}]`;

async function ok(data: string | Uint8Array, path?: string): Promise<TraceModel> {
  const m = await importBytes(data, path);
  expect(checkModel(m)).toEqual([]);
  return m;
}

function names(m: TraceModel): string[] {
  const out: string[] = [];
  for (const t of m.sliceTracks)
    for (let i = 0; i < t.slices.length; i++) out.push(m.strings[t.slices.name[i]!]!);
  return out.sort();
}

describe('not a trace at all', () => {
  it('an empty file and a file of whitespace: no events, warned, no crash', async () => {
    for (const data of ['', '  \r\n\t ']) {
      const m = await ok(data);
      expect(m.stats.events).toBe(0);
      expect(codes(m)).toEqual(['empty']);
    }
  });

  it('a PNG, garbage text and NUL bytes are refused naming the byte that broke', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    await expect(importBytes(png)).rejects.toThrow(
      /not a JSON trace: expected "\[" or "\{" at byte 0, found byte 0x89/,
    );
    await expect(importBytes('hello, world')).rejects.toThrow(/at byte 0, found "h"/);
    await expect(importBytes(new Uint8Array(64))).rejects.toThrow(TraceFormatError);
    await expect(importBytes('   \n  <html>')).rejects.toThrow(/at byte 6, found "<"/);
  });

  it('zstd is refused with what to do about it', async () => {
    const zstd = new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 0, 0, 0, 0]);
    await expect(importBytes(zstd)).rejects.toThrow(/zstd.*decompress it first/);
  });
});

describe('damaged bytes between good events', () => {
  const good = [X('a', 0, 10), X('b', 20, 5)];

  it('garbage and NUL bytes inside the events array: skipped with their offset', async () => {
    const text = `[${good[0]},\u0000\u0000 garbage {]} ,${good[1]}]`;
    const m = await ok(text);
    expect(names(m)).toEqual(['a', 'b']);
    expect(warning(m, 'non_object_event')!.example).toMatch(/^non-object element at byte 70$/);
    expect(warning(m, 'syntax_error')!.example).toBe(
      `malformed event at byte ${text.indexOf('{]}')}: expected a quoted key at byte ${text.indexOf('{]}') + 1}`,
    );
  });

  it('a malformed event in the middle: the events before and after are kept', async () => {
    const text = `[${good[0]},{"ph":"X","name":,"ts":5},{"ph":"X","name":"c":},${good[1]}]`;
    const m = await ok(text);
    expect(names(m)).toEqual(['a', 'b']);
    expect(warning(m, 'syntax_error')).toMatchObject({
      code: 'syntax_error',
      count: 2,
      example: `malformed event at byte ${text.indexOf('{"ph":"X","name":,')}: unreadable value at byte ${text.indexOf(':,') + 1}`,
    });
  });

  it('invalid UTF-8 in names becomes U+FFFD; the event is kept', async () => {
    const bytes = enc(arr([X('bad@name', 0, 10), good[1]!]));
    const at = bytes.indexOf(0x40); // '@'
    bytes[at] = 0xff;
    const m = await ok(bytes);
    expect(names(m)).toEqual(['b', 'bad\ufffdname']);
  });

  it('raw control characters and lone surrogates in strings are kept as text', async () => {
    const m = await ok(
      `[${X('a', 0, 10).replace('"a"', '"bell\u0007 nul\u0001"')},${X('b', 1, 2).replace('"b"', '"\\ud800 lone"')}]`,
    );
    expect(names(m)).toEqual(['bell\u0007 nul\u0001', '\ufffd lone']);
  });
});

describe('encodings', () => {
  const text = arr([X('a', 0, 10), X('é', 1, 2)]);
  const utf16 = (s: string, be: boolean) => {
    const out = new Uint8Array(2 + s.length * 2);
    out[0] = be ? 0xfe : 0xff;
    out[1] = be ? 0xff : 0xfe;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      out[2 + i * 2 + (be ? 1 : 0)] = c & 0xff;
      out[2 + i * 2 + (be ? 0 : 1)] = c >> 8;
    }
    return out;
  };

  it('UTF-16 LE and BE with a BOM are read', async () => {
    for (const be of [false, true]) {
      const m = await ok(utf16(text, be));
      expect(names(m)).toEqual(['a', 'é']);
    }
  });

  it('UTF-16 without a BOM is reported as syntax errors, not a crash', async () => {
    const m = await ok(utf16(text, false).subarray(2));
    expect(m.stats.events).toBe(0);
    expect(codes(m)).toContain('syntax_error');
  });

  it('a gzip cut short keeps every event inflated before the cut', async () => {
    const many = Array.from({ length: 20000 }, (_, i) => X(`n${i % 50}`, i * 10, 5));
    const gz = gzipSync(enc(arr(many)));
    const m = await ok(gz.subarray(0, gz.length >> 1), 'trace.json.gz');
    expect(m.stats.events).toBeGreaterThan(1000);
    expect(m.stats.events).toBeLessThan(20000);
    expect(warning(m, 'corrupt_compression')!.example).toMatch(
      /^gzip data is corrupt or cut short \(unexpected EOF\) within its first \d+ bytes; the \d+ bytes inflated before that are read$/,
    );
    expect(codes(m)).toContain('truncated');
  });

  it('a gzip bomb is refused past the ratio and size limits', async () => {
    const zeros = gzipSync(new Uint8Array(4 << 20), { level: 9 });
    const chunks = async function* () {
      await Promise.resolve();
      yield zeros;
    };
    const drain = async (limits: { maxBytes: number; maxRatio: number }) => {
      for await (const _ of decodeStream(chunks(), () => {}, limits)) void _;
    };
    await expect(drain({ maxBytes: 1 << 20, maxRatio: 1e9 })).rejects.toThrow(
      DecompressionBombError,
    );
    await expect(drain({ maxBytes: 1 << 30, maxRatio: 10 })).resolves.toBeUndefined(); // < 64 MiB
  });
});

describe('truncated at every offset', () => {
  // Strings with escapes, numbers of every form, nested args: cuts land mid-string, mid-escape,
  // mid-number and inside args.
  const events = [
    ev({
      ph: 'X',
      name: 'esc "q" \\ é 😀',
      cat: 'c',
      pid: 1,
      tid: 1,
      ts: `${T0}.123`,
      dur: 12.5,
      args: { a: [1, 2, { b: 'x' }], s: 'tab\there' },
    }).replace('"s"', '"n":NaN,"big":12345678901234567890,"s"'),
    ev({ ph: 'B', name: 'b', pid: 1, tid: 2, ts: T0 + 1.5 }),
    ev({ ph: 'E', pid: 1, tid: 2, ts: T0 + 9 }),
    ev({ ph: 'C', name: 'ctr', pid: 1, ts: T0 + 2, args: { v: -1.5e3 } }),
    ev({ ph: 'i', name: 'inst', pid: 1, tid: 1, ts: T0 + 3, s: 't' }),
    ev({ ph: 's', id: '0x1f', name: 'f', cat: 'c', pid: 1, tid: 1, ts: T0 + 0.5 }),
    ev({ ph: 'f', bp: 'e', id: '0x1f', name: 'f', cat: 'c', pid: 1, tid: 2, ts: T0 + 4 }),
  ];
  const text = `[${events.join(',\n')}]`;
  const bytes = enc(text);
  const ends: number[] = [];
  let o = 1;
  for (const e of events) {
    o += enc(e).length;
    ends.push(o);
    o += 2;
  }

  it('keeps every complete event, warns about the cut, and stays consistent', async () => {
    for (let cut = 1; cut < bytes.length; cut++) {
      const m = await importBytes(bytes.slice(0, cut));
      const complete = ends.filter((e) => e <= cut).length;
      expect(m.stats.events, `cut at ${cut}`).toBe(complete);
      expect(checkModel(m), `cut at ${cut}`).toEqual([]);
      const inside = ends.every((e, k) => cut >= e || cut <= (k === 0 ? 1 : ends[k - 1]! + 2));
      if (!inside) expect(warning(m, 'truncated')?.example, `cut at ${cut}`).toMatch(/byte \d+/);
      expect(codes(m), `cut at ${cut}`).toContain('unterminated_array');
    }
  });

  it('names where a cut event starts: mid-string, mid-escape, mid-number, inside args', async () => {
    const at = (needle: string) => text.indexOf(needle) + needle.length;
    for (const cut of [at('esc \\"q'), at('\\\\'), at('"dur":12'), at('"args":{"a":[1,2,{"b"')]) {
      const head = enc(text.slice(0, cut));
      const m = await ok(head);
      expect(m.stats.events).toBe(0);
      expect(warning(m, 'truncated')!.example).toBe(
        `input ends inside an event or value at byte 1 (${head.length - 1} bytes not read)`,
      );
    }
  });

  it('a truncated object form keeps the events and says so', async () => {
    const obj = `{"otherData":{"v":1},"traceEvents":[${events.join(',')}],"meta":{"x":`;
    const m = await ok(obj);
    expect(m.stats.events).toBe(events.length);
    expect(codes(m)).toContain('truncated');
  });
});

describe('bad timestamps and durations', () => {
  it('NaN and Infinity as ts are counted per kind and dropped; the rest is drawn', async () => {
    const m = await ok(
      arr([
        X('good', 0, 10),
        ev({ ph: 'X', name: 'nan', pid: 1, tid: 1, ts: 0, dur: 1 }).replace('"ts":0', '"ts":NaN'),
        ev({ ph: 'X', name: 'inf', pid: 1, tid: 1, ts: 0, dur: 1 }).replace(
          '"ts":0',
          '"ts":Infinity',
        ),
        ev({ ph: 'X', name: 'str', pid: 1, tid: 1, ts: 'nan', dur: 1 }),
        ev({ ph: 'X', name: 'word', pid: 1, tid: 1, ts: 'soon', dur: 1 }),
      ]),
    );
    expect(names(m)).toEqual(['good']);
    expect(warning(m, 'ts_nan')!.count).toBe(2);
    expect(warning(m, 'ts_infinite')!.count).toBe(1);
    expect(warning(m, 'ts_syntax')!.example).toMatch(/event at byte \d+ has an unusable ts/);
  });

  it('ts 0 (and a negative epoch) among epoch times is isolated: the axis does not collapse', async () => {
    const m = await ok(
      arr([
        X('a', 0, 10),
        X('b', 20, 5),
        ev({ ph: 'X', name: 'zero', pid: 1, tid: 1, ts: 0, dur: 1 }),
        ev({ ph: 'i', name: 'neg', pid: 1, tid: 1, ts: -1.46e15 }),
      ]),
    );
    expect(names(m)).toEqual(['a', 'b']);
    expect(warning(m, 'ts_outlier')!.count).toBe(2);
    expect(m.baseNs).toBe(`${T0}000`);
    expect(m.endNs).toBe(25_000);
    expect(m.stats.firstTsNs).toBe('-1460000000000000000');
  });

  it('negative dur is dropped; NaN dur is drawn to the end; a huge dur cannot stretch the axis', async () => {
    const m = await ok(
      arr([
        X('a', 0, 10),
        X('neg', 1, -5),
        X('nan', 2, 0).replace('"dur":0', '"dur":NaN'),
        X('huge', 3, 9007199254740991),
        X('big-exp', 4, 1e300),
        X('b', 100, 5),
      ]),
    );
    expect(names(m)).toEqual(['a', 'b', 'big-exp', 'huge', 'nan']);
    expect(codes(m)).toEqual(expect.arrayContaining(['negative_dur', 'bad_dur', 'huge_dur']));
    expect(m.endNs).toBe(105_000);
    const id = m.strings.indexOf('huge');
    const t = m.sliceTracks.find((x) => x.slices.name.includes(id))!.slices;
    const huge = t.name.indexOf(id);
    expect(t.flags[huge]! & SliceFlag.Unfinished).toBeTruthy();
    expect(t.start[huge]! + t.dur[huge]!).toBe(m.endNs);
  });

  it('unsorted events give the same slices as sorted ones', async () => {
    const sorted = Array.from({ length: 200 }, (_, i) => X(`s${i}`, i * 10, i % 3 === 0 ? 25 : 5));
    const shuffled = sorted.map((_, i) => sorted[(i * 73) % 200]!);
    const a = await ok(arr(sorted));
    const b = await ok(arr(shuffled));
    expect(b.sliceTracks.map((t) => [...t.slices.start])).toEqual(
      a.sliceTracks.map((t) => [...t.slices.start]),
    );
    expect(b.stats.maxDepth).toBe(a.stats.maxDepth);
  });
});

describe('structure attacks', () => {
  it('B without E and E without B: each counted, the Bs drawn to the end', async () => {
    const n = 5000;
    const events = Array.from({ length: n }, (_, i) =>
      ev({ ph: 'B', name: `b${i}`, pid: 1, tid: 1, ts: T0 + i }),
    );
    for (let i = 0; i < n; i++)
      events.push(ev({ ph: 'E', name: `x${i}`, pid: 1, tid: 1, ts: T0 + n + i }));
    const m = await ok(arr(events));
    expect(warning(m, 'unclosed_begin')!.count).toBe(n);
    expect(warning(m, 'unmatched_end')!.count).toBe(n);
    expect(m.stats.slices).toBe(n);
  });

  it('nesting 10,000 deep (X and B/E): every level kept, no stack overflow', async () => {
    const depth = 10000;
    const xs = Array.from({ length: depth }, (_, i) => X(`d${i}`, i, 2 * (depth - i)));
    const m = await ok(arr(xs));
    expect(m.stats.maxDepth).toBe(depth);
    expect(m.stats.overflowSlices).toBe(0);
    const be = [
      ...Array.from({ length: depth }, (_, i) =>
        ev({ ph: 'B', name: 'n', pid: 1, tid: 1, ts: T0 + i }),
      ),
      ...Array.from({ length: depth }, (_, i) =>
        ev({ ph: 'E', name: 'n', pid: 1, tid: 1, ts: T0 + depth + i }),
      ),
    ];
    const m2 = await ok(arr(be));
    expect(m2.stats.maxDepth).toBe(depth);
    expect(m2.warnings).toEqual([]);
  });

  it('args nested 100,000 deep are kept as bytes and never recursed into', async () => {
    const deep = `${'['.repeat(100000)}${']'.repeat(100000)}`;
    const m = await ok(arr([X('a', 0, 10).replace('"dur":10', `"dur":10,"args":{"d":${deep}}`)]));
    expect(names(m)).toEqual(['a']);
  });

  it('pids, tids and ids that are not numbers are kept as canonical text', async () => {
    const m = await ok(
      arr([
        ev({ ph: 'X', name: 'obj', pid: { a: 1 }, tid: [1, 2], ts: T0, dur: 1 }),
        ev({ ph: 'X', name: 'bool', pid: true, tid: null, ts: T0, dur: 1 }),
        ev({ ph: 'X', name: 'empty', pid: '', tid: '', ts: T0, dur: 1 }),
        ev({ ph: 'X', name: 'huge', pid: 1, tid: 1, ts: T0, dur: 1 }).replace(
          '"pid":1',
          '"pid":123456789012345678901234567890',
        ),
        ev({ ph: 's', name: 'f', cat: 'c', id: { x: 1 }, pid: 1, tid: 1, ts: T0 }),
        ev({ ph: 'b', name: 'a', cat: 'c', id2: { local: [1] }, pid: 1, ts: T0 }),
        ev({ ph: 'b', name: 'a', cat: 'c', id2: 'garbage', pid: 1, ts: T0 }),
      ]),
    );
    expect(names(m)).toEqual(expect.arrayContaining(['obj', 'bool', 'empty', 'huge']));
    expect(m.processes.map((p) => p.pid)).toEqual(
      expect.arrayContaining(['{"a":1}', 'true', '', '123456789012345678901234567890']),
    );
  });

  it('duplicate and malformed metadata: no crash, the last name wins, odd names shown as text', async () => {
    const m = await ok(
      arr([
        ev({ ph: 'M', name: 'process_name', pid: 1, args: { name: 'first' } }),
        ev({ ph: 'M', name: 'process_name', pid: 1, args: { name: 'second' } }),
        ev({ ph: 'M', name: 'thread_name', pid: 1, tid: 1, args: { name: { n: 5 } } }).replace(
          '{"n":5}',
          '{"n":12345678901234567890}',
        ),
        ev({ ph: 'M', name: 'thread_name', pid: 1, tid: 2, args: null }),
        ev({ ph: 'M', name: 'process_sort_index', pid: 1, args: { sort_index: 'x' } }),
        ev({ ph: 'M', name: 'process_labels', pid: 1, args: { labels: 42 } }),
        '{"ph":"M","name":"thread_name","pid":1,"tid":3,"args":{"name":}}',
        X('a', 0, 10),
      ]),
    );
    expect(m.processes[0]!.name).toBe('second');
    expect(m.threads.find((t) => t.tid === '1')!.name).toBe('{"n":"12345678901234567890"}');
    expect(names(m)).toEqual(['a']);
  });

  it('a counter with a new series in every sample is capped, not quadratic', async () => {
    const n = 3000;
    const events = Array.from({ length: n }, (_, i) =>
      ev({ ph: 'C', name: 'c', pid: 1, ts: T0 + i, args: { [`k${i}`]: i } }),
    );
    const m = await ok(arr(events));
    expect(m.counters[0]!.series.length).toBe(64);
    expect(warning(m, 'counter_series_limit')!.count).toBe(n - 64);
  });
});

describe('values too large to buffer', () => {
  it('an event larger than the limit is skipped, whatever the chunking; its neighbours are kept', async () => {
    expect(MAX_BUFFERED_EVENT).toBe(64 << 20);
    const big = `{"ph":"X","name":"big","pid":1,"tid":1,"ts":${T0},"dur":1,"args":{"s":"${'a'.repeat(3 << 20)}"}}`;
    const text = `[${X('a', 0, 10)},${big},${X('b', 20, 5)}]`;
    for (const chunk of [64 << 10, 8 << 20]) {
      const f = memoryFile('trace.json', text);
      const stream = f.stream.bind(f);
      const m = await importTraceJson(
        { ...f, stream: () => stream(chunk) },
        { maxEventBytes: 1 << 20 },
      );
      expect(checkModel(m)).toEqual([]);
      expect(names(m)).toEqual(['a', 'b']);
      expect(warning(m, 'event_too_large')!.example).toMatch(
        /^element of the events array at byte \d+ is 3145\d\d\d bytes \(more than 1048576\); skipped$/,
      );
    }
  });

  it('an unterminated string runs to the end of the file in linear time', async () => {
    const m = await ok(`[${X('a', 0, 10)},{"ph":"X","name":"${'a'.repeat(40 << 20)}`);
    expect(names(m)).toEqual(['a']);
    expect(warning(m, 'truncated')!.example).toMatch(/byte \d+ \(\d+ bytes not read\)/);
  });

  it('a huge top-level value is summarised, not kept, and the events after it are read', async () => {
    const sys = `"${'ftrace line, {\\"x\\": 1},\\n'.repeat(200000)}"`;
    const m = await ok(`{"systemTraceEvents":${sys},"traceEvents":[${X('a', 0, 10)}]}`);
    expect(names(m)).toEqual(['a']);
    expect(m.metadata['systemTraceEvents']).toMatch(/^<\d+ bytes, not kept>$/);
  });
});

describe('chunk boundaries', () => {
  it('hostile bytes give the same model whatever the chunk size', async () => {
    const text = `[${X('a', 0, 10)},\u0000{"ph":"X",,},${X('b\\u00e9', 20, 5)},{"ph":"C","name":"c","pid":1,"ts":${T0},"args":{"v":NaN}},${X('c', 30, 1)}`;
    const whole = await ok(text);
    for (const size of [1, 2, 3, 7, 64]) {
      const f = memoryFile('trace.json', text);
      const stream = f.stream.bind(f);
      const m = await importTraceJson({ ...f, stream: () => stream(size) });
      expect(m.stats).toEqual(whole.stats);
      expect(m.warnings).toEqual(whole.warnings);
    }
  });
});
