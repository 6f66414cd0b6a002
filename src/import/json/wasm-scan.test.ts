/**
 * The WebAssembly fast path against the JS EventParser: both must hand the collector the same
 * events (same interned ids in the same order, same exact times, same args ranges) and give the
 * same raw parts, on generated traces, on every edge case, and on fuzzed bytes, at any chunking.
 */
import { describe, expect, it, vi } from 'vitest';
import { fileCases } from '../../generator/trace-json-file-cases';
import { traceJsonCases } from '../../generator/trace-json-cases';
import { generateKinetoTrace } from '../../generator/kineto-trace';
import { generateAscendProfile } from '../../generator/ascend-profile';
import { streamTorchNpuTrace } from '../../generator/torch-npu-stream';
import { Rng } from '../../generator/rng';
import type { ScanOptions } from './trace-scanner';
import { scanBothWays } from './wasm-scan-diff';

const enc = new TextEncoder();

/** Both paths at a few chunk sizes; returns how many events the fast path parsed. */
function expectSame(bytes: Uint8Array, chunks = [1 << 20, 4096, 61], opts: ScanOptions = {}) {
  let fast = 0;
  for (const chunk of chunks) {
    const r = scanBothWays(bytes, chunk, opts);
    expect(r.wasm).toEqual(r.js);
    fast += r.fastEvents;
  }
  return fast;
}

describe('the WebAssembly scan fast path', () => {
  it('reads a torch_npu-shaped trace (ns-decimal ts, ids above 2^53) itself, as the JS parser does', () => {
    let text = '';
    streamTorchNpuTrace({ targetMB: 0.4, seed: 7 }, (c) => (text += c));
    const fast = expectSame(enc.encode(text), [1 << 20, 65536, 997]);
    // nearly every event goes through the fast path (not silently the JS one)
    expect(fast).toBeGreaterThan(3 * 0.95 * (text.length / 200));
  });

  it('gives the same events on generated Kineto and Ascend traces', () => {
    for (const style of ['new', 'old'] as const) {
      const k = generateKinetoTrace({ seed: 3, style, steps: 2, kernelsPerStep: 20 });
      expect(expectSame(enc.encode(k.text))).toBeGreaterThan(0);
    }
    const p = generateAscendProfile({ seed: 5 });
    const trace = p.files.find((f) => f.path.endsWith('trace_view.json'))!;
    const bytes = typeof trace.data === 'string' ? enc.encode(trace.data) : trace.data;
    expect(expectSame(bytes as Uint8Array)).toBeGreaterThan(0);
  });

  it('gives the same events on every edge case of the trace format', () => {
    for (const c of [...traceJsonCases(), ...fileCases()]) {
      if (c.file.endsWith('.gz') || c.bytes[0] === 0xff || c.bytes[0] === 0xfe) continue;
      expectSame(c.bytes, [1 << 20, 7]);
    }
  });

  it('falls back to the JS parser, event by event, for every unusual event', () => {
    const events = [
      '{"ph":"X","name":"a\\"q","ts":1,"dur":2,"pid":1,"tid":1}', // escape in a value
      '{"p\\u0068":"X","name":"k","ts":1,"dur":2}', // escape in a key
      '{"ph":"X","name":"d","name":"e","ts":"1.5","ts":2,"dur":1}', // duplicate keys
      '{"ph":"b","name":"i","id2":{"local":"0x1"},"ts":3,"cat":"c"}', // id2
      '{"ph":"X","name":{"o":1},"ts":" 4.25\\t","dur":-1}', // odd types, spaces, sign
      '{"ph":"X","name":"x","ts":1e3,"dur":"","pid":null,"tid":true}', // exponent, empty, null
      '{"ph":"X","name":"x","ts":"1736412474608917.0005","dur":.5}', // 4th digit rounds
      '{"ph":"X","name":"x","ts":99999999999999999,"dur":1}', // beyond 2^53 µs
      '{"ph":"s","id":18446744073709551617,"bind_id":"9007199254740993","ts":5,"flow_in":true}',
      '{"ph":"f","bp":"e","s":"g","scope":"s","flow_out":false,"ts":"6","cat":"c","id":7}',
      '{,"ph":"i","ts":7,,"s":"",}',
      '{}',
      '{"ph":"X" "name":"broken","ts":8}',
      '42',
      '{"ph":"C","name":"c","ts":9,"args":{"v":NaN,"w":[1,{"x":"}"}]}}',
    ];
    const text = `[${events.join(',\n ')}, {"ph":"X","ts":10,"dur":1,"name":"tail"}]`;
    expect(expectSame(enc.encode(text), [1 << 20, 13, 1])).toBeGreaterThan(0);
  });

  it('stops where the JS path stops: ranges, too-large events, the object form', () => {
    let text = '';
    streamTorchNpuTrace({ targetMB: 0.05, seed: 2 }, (c) => (text += c));
    const bytes = enc.encode(text);
    const mid = text.indexOf(', {"ph"', text.length >> 1) + 2;
    expectSame(bytes.subarray(mid), [4096], {
      startInArray: true,
      baseOffset: mid,
      stopAt: mid + 20000,
    });
    expectSame(bytes, [4096], { maxEventBytes: 180 });
    expectSame(enc.encode(`{"a":1,"traceEvents":${text},"b":{"c":[2]}}`), [4096, 33]);
  });

  it('gives the same ids once its interning cache is full, and for invalid UTF-8 names', () => {
    const parts: string[] = [];
    for (let k = 0; k < 40_000; k++) {
      parts.push(`{"ph":"i","name":"n${k % 35_000}","pid":${k % 7},"tid":"t${k % 3}","ts":${k}}`);
    }
    const bytes = enc.encode(`[${parts.join(',')}]`);
    expect(expectSame(bytes, [1 << 20])).toBeGreaterThan(39_000);
    // \xff and \xfe both decode to U+FFFD: one string, one id, whichever bytes came first
    const bad = new Uint8Array([
      ...enc.encode('[{"ph":"i","ts":1,"name":"a'),
      0xff,
      ...enc.encode('"},{"ph":"i","ts":2,"name":"a'),
      0xfe,
      ...enc.encode('"},{"ph":"i","ts":3,"name":"a'),
      0xff,
      ...enc.encode('"}]'),
    ]);
    expect(expectSame(bad, [1 << 20, 5])).toBeGreaterThan(0);
  });

  it('gives the same events on fuzzed input', () => {
    let text = '';
    streamTorchNpuTrace({ targetMB: 0.02, seed: 11 }, (c) => (text += c));
    const base = enc.encode(text);
    const pieces = [
      '"',
      '\\',
      '{',
      '}',
      '[',
      ']',
      ',',
      ':',
      ' ',
      '.',
      '-',
      '9',
      'e',
      'null',
      '\\"',
    ];
    const rng = new Rng(20261208);
    for (let n = 0; n < 60; n++) {
      let b = base;
      for (let k = rng.int(1, 6); k > 0; k--) {
        const at = rng.int(0, b.length - 1);
        const piece = enc.encode(pieces[rng.int(0, pieces.length - 1)]);
        const drop = rng.int(0, 2);
        const out = new Uint8Array(b.length - drop + piece.length);
        out.set(b.subarray(0, at));
        out.set(piece, at);
        out.set(b.subarray(at + drop), at + piece.length);
        b = out.subarray(0, Math.max(0, out.length - (rng.int(0, 9) === 0 ? rng.int(1, 500) : 0)));
      }
      expectSame(b, [1 << 20, rng.int(5, 3000)]);
    }
  });

  it('runs the JS parser alone, with no error, where WebAssembly cannot compile (CSP)', async () => {
    vi.resetModules();
    vi.stubGlobal('WebAssembly', {
      ...WebAssembly,
      Module: function () {
        throw new Error("Refused to compile: 'wasm-unsafe-eval' is not allowed");
      },
    });
    try {
      const { TraceEventScanner: Fresh } = await import('./trace-scanner');
      const { ByteInterner } = await import('./byte-interner');
      const names: number[] = [];
      const s = new Fresh(
        { event: (ev) => names.push(ev.name), metadata: () => {}, warn: () => {} },
        new ByteInterner(),
      );
      s.push(enc.encode('[{"ph":"X","name":"a","ts":1,"dur":1},{"ph":"X","name":"b","ts":2}]'));
      s.end();
      expect(s.fastEvents).toBe(-1);
      expect(names).toEqual([0, 1]);
    } finally {
      vi.unstubAllGlobals();
      vi.resetModules();
    }
  });

  it('goes on with the JS parser, the same events, when its memory cannot grow', () => {
    const small = (k: number) => `{"ph":"X","name":"n${k % 7}","pid":1,"tid":2,"ts":${k},"dur":1}`;
    const events: string[] = [];
    for (let k = 0; k < 300; k++) events.push(small(k));
    // One event that needs the module's memory to grow past what this test lets it have.
    events.push(`{"ph":"X","name":"big","ts":400,"dur":1,"args":{"s":"${'x'.repeat(640 << 10)}"}}`);
    for (let k = 500; k < 800; k++) events.push(small(k));
    const bytes = enc.encode(`[${events.join(',')}]`);
    const real = Object.getOwnPropertyDescriptor(WebAssembly.Memory.prototype, 'grow')!.value as (
      this: WebAssembly.Memory,
      pages: number,
    ) => number;
    let cap = 0;
    const grow = vi.spyOn(WebAssembly.Memory.prototype, 'grow').mockImplementation(function (
      this: WebAssembly.Memory,
      pages: number,
    ) {
      // The first growth is allowed (and sets the cap 256 KiB above it); past the cap, none.
      const to = this.buffer.byteLength + pages * 65536;
      if (cap === 0) cap = to + (256 << 10);
      if (to > cap) throw new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded');
      return real.call(this, pages);
    });
    try {
      const r = scanBothWays(bytes, 65536);
      expect(grow).toHaveBeenCalled();
      expect(r.wasm).toEqual(r.js);
      expect(r.wasm.error).toBeNull();
      // the events before the big one went through the module, the rest through the JS parser
      expect(r.fastEvents).toBeGreaterThanOrEqual(250);
      expect(r.fastEvents).toBeLessThan(301);
    } finally {
      grow.mockRestore();
    }
  });
});
