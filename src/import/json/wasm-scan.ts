/**
 * The WebAssembly fast path of the trace scanner (source: wasm/scan.ts at the repo root, AssemblyScript).
 *
 * The module parses runs of common-shape events straight from the bytes and writes compact
 * records (offsets of each key's value, exact ts/dur) into its memory; this half turns each record
 * into the scanner's RawEvent (interning names and ids in key order, exactly as EventParser does)
 * and hands it to the handler. An event the module does not fully understand stops the run; the
 * scanner then parses it with EventParser, so both paths give the same events. When WebAssembly
 * is unavailable (no support, or a CSP without 'wasm-unsafe-eval') the scanner uses the JS parser
 * alone.
 */
import type { ByteInterner } from './byte-interner';
import { K_ARGS, K_BP, K_DUR, K_FLOW_IN, K_FLOW_OUT, K_PH, K_S, K_TS } from './event-keys';
import { resetRawEvent, setStringField, type RawEvent } from './raw-event';
import { SCAN_WASM_BASE64 } from './scan-wasm-bytes';

interface ScanExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  recordCount(): number;
  remember(s: number, e: number, id: number): void;
  scan(
    inPtr: number,
    from: number,
    end: number,
    stopAt: number,
    maxEvent: number,
    outPtr: number,
    outEnd: number,
  ): number;
}

/** Bytes of record space: 16 per record header and per op (a few thousand events per call). */
const OUT_BYTES = 256 << 10;
const PAGE = 64 << 10;
const MAX_I32 = 0x7fffffff;

let compiled: WebAssembly.Module | null | undefined;

function scanModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  try {
    const bin = atob(SCAN_WASM_BASE64);
    const bytes = new Uint8Array(bin.length);
    for (let k = 0; k < bin.length; k++) bytes[k] = bin.charCodeAt(k);
    compiled = new WebAssembly.Module(bytes);
  } catch {
    compiled = null; // no WebAssembly, or a CSP that forbids compiling it
  }
  return compiled;
}

/** Receives the events of a batch (the scanner's handler). */
export interface BatchSink {
  event(ev: RawEvent, buf: Uint8Array, bufBase: number): void;
}

export class WasmEventBatch {
  private mem8: Uint8Array;
  private words: Int32Array;
  /** Where the input bytes start in the module's memory. */
  private inPtr: number;
  private outPtr = 0;
  /** The buffer whose bytes are in memory (loaded lazily by the first batch on it). */
  private loaded: Uint8Array | null = null;
  /** Events handed over so far (the differential test checks the fast path did run). */
  events = 0;

  private constructor(
    private readonly x: ScanExports,
    private readonly strings: ByteInterner,
  ) {
    this.inPtr = x.heapBase();
    this.mem8 = new Uint8Array(x.memory.buffer);
    this.words = new Int32Array(x.memory.buffer);
  }

  /** A batcher with its own module instance, or null when WebAssembly cannot run here. */
  static create(strings: ByteInterner): WasmEventBatch | null {
    const mod = scanModule();
    if (!mod) return null;
    try {
      const inst = new WebAssembly.Instance(mod, {});
      return new WasmEventBatch(inst.exports as unknown as ScanExports, strings);
    } catch {
      return null;
    }
  }

  /**
   * Copies `parts` one after the other into the module's memory and returns them there as one
   * buffer (valid until the next place()): the scanner's carried bytes and the next chunk are
   * joined and loaded with one copy. Null when the memory cannot grow to hold them (the tab is
   * short of memory, or past the module's 4 GiB): the caller goes on with the JS parser.
   */
  place(parts: readonly Uint8Array[]): Uint8Array | null {
    let n = 0;
    for (const p of parts) n += p.length;
    const need = this.inPtr + n + OUT_BYTES + 16;
    const mem = this.x.memory;
    if (need > mem.buffer.byteLength) {
      try {
        mem.grow(Math.ceil((need - mem.buffer.byteLength) / PAGE));
      } catch {
        return null;
      }
      this.mem8 = new Uint8Array(mem.buffer);
      this.words = new Int32Array(mem.buffer);
    }
    let at = this.inPtr;
    for (const p of parts) {
      this.mem8.set(p, at);
      at += p.length;
    }
    this.outPtr = (this.inPtr + n + 15) & ~15;
    return (this.loaded = this.mem8.subarray(this.inPtr, this.inPtr + n));
  }

  /**
   * Hands `sink` the events from the `{` at buf[i] on, as far as the module can read them;
   * returns where the scanner goes on (an event for EventParser, another element, or `end`).
   */
  run(
    buf: Uint8Array,
    i: number,
    end: number,
    bufBase: number,
    stopAt: number,
    maxEvent: number,
    ev: RawEvent,
    sink: BatchSink,
  ): number {
    if (this.loaded !== buf) this.place([buf]);
    const rel = stopAt - bufBase;
    const next = this.x.scan(
      this.inPtr,
      i,
      end,
      rel > MAX_I32 ? MAX_I32 : rel,
      maxEvent > MAX_I32 ? MAX_I32 : maxEvent,
      this.outPtr,
      this.outPtr + OUT_BYTES,
    );
    const n = this.x.recordCount();
    this.events += n;
    const w = this.words;
    const mem8 = this.mem8;
    const inPtr = this.inPtr;
    const memBase = bufBase - inPtr;
    const strings = this.strings;
    const x = this.x;
    let p = this.outPtr >> 2;
    for (let r = 0; r < n; r++) {
      resetRawEvent(ev, bufBase + w[p]!);
      ev.keys = w[p + 2]!;
      const ops = w[p + 3]!;
      p += 4;
      for (let k = 0; k < ops; k++, p += 4) {
        const code = w[p]!;
        const a = w[p + 1]!;
        const key = code & 255;
        switch (key) {
          case K_PH:
            ev.ph = a;
            break;
          case K_BP:
            ev.bp = a;
            break;
          case K_S:
            ev.s = a;
            break;
          case K_TS:
          case K_DUR: {
            const us = w[p + 2]! * 4294967296 + (a >>> 0);
            const t = key === K_TS ? ev.ts : ev.dur;
            t.us = us;
            t.fracNs = w[p + 3]!;
            if (key === K_TS) {
              ev.hasTs = true;
              ev.tsError = '';
            } else {
              ev.hasDur = true;
              ev.durError = '';
            }
            break;
          }
          case K_ARGS:
            ev.argsStart = bufBase + a;
            ev.argsEnd = bufBase + w[p + 2]!;
            break;
          case K_FLOW_IN:
            ev.flowIn = a === 1;
            break;
          case K_FLOW_OUT:
            ev.flowOut = a === 1;
            break;
          default: {
            const kind = code >> 8;
            let id: number;
            if (kind === 4) id = a;
            else if (kind === 2) id = -1;
            else {
              const b = w[p + 2]!;
              id = strings.internBytes(mem8, inPtr + a, inPtr + b);
              if (w[p + 3] === 1) x.remember(a, b, id);
            }
            setStringField(ev, key, id);
          }
        }
      }
      sink.event(ev, mem8, memBase);
    }
    return next;
  }
}
