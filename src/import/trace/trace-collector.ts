/**
 * The collect phase: turns scanned events into per-track columns (RawTraceParts) in file order.
 * Sorting, nesting, flow binding and rebasing happen later, once all parts are in (finalize).
 *
 * Read: X, B/E, i/I/R, C, b/e/n, S/T/p/F, s/t/f, X/B with bind_id (flow v2), M (process_name,
 * process_labels, process_sort_index, thread_name, thread_sort_index). Counted but not drawn:
 * every other phase (N/O/D, P, V/v, c, ( ), =, …). Dropped with a warning: events without a usable
 * ts (except M), X with negative dur, C without numeric args.
 */
import { f64, i32, u16, u32, u8, type Column } from '../../lib/columns';
import { ByteInterner } from '../json/byte-interner';
import { parseJsonBytes, type JsonValue } from '../json/json-bytes';
import { scanNumericArgs } from '../json/numeric-args';
import type { RawEvent } from '../json/raw-event';
import type { ScanHandler } from '../json/trace-scanner';
import type {
  RawAsyncCols,
  RawBeCols,
  RawCounter,
  RawFlowCols,
  RawInstantCols,
  RawSliceCols,
  RawThread,
  RawTraceParts,
} from './raw-parts';
import { WarningLog } from './warning-log';

const PH = {
  B: 66,
  E: 69,
  X: 88,
  i: 105,
  I: 73,
  R: 82,
  C: 67,
  b: 98,
  e: 101,
  n: 110,
  S: 83,
  T: 84,
  p: 112,
  F: 70,
  s: 115,
  t: 116,
  f: 102,
  M: 77,
} as const;

class SliceBuilder {
  tsUs = f64();
  tsFrac = u16();
  durNs = f64();
  name = u32();
  cat = u32();
  args = i32();
  bind = i32();
  flowDir = u8();
  finish(): RawSliceCols {
    return {
      length: this.tsUs.n,
      tsUs: this.tsUs.finish(),
      tsFrac: this.tsFrac.finish(),
      durNs: this.durNs.finish(),
      name: this.name.finish(),
      cat: this.cat.finish(),
      args: this.args.finish(),
      bind: this.bind.finish(),
      flowDir: this.flowDir.finish(),
    };
  }
}

class BeBuilder extends SliceBuilder {
  begin = u8();
  override finish(): RawBeCols {
    return { ...super.finish(), begin: this.begin.finish() };
  }
}

class InstantBuilder {
  tsUs = f64();
  tsFrac = u16();
  name = u32();
  cat = u32();
  args = i32();
  finish(): RawInstantCols {
    return {
      length: this.tsUs.n,
      tsUs: this.tsUs.finish(),
      tsFrac: this.tsFrac.finish(),
      name: this.name.finish(),
      cat: this.cat.finish(),
      args: this.args.finish(),
    };
  }
}

/**
 * A thread's columns, each created on first use: a trace may hold 100,000 threads that each use
 * one of them, and 22 idle columns per thread would cost more than the events.
 */
interface ThreadBuilder {
  pid: number;
  tid: number;
  x: SliceBuilder | null;
  be: BeBuilder | null;
  instants: InstantBuilder | null;
}

interface CounterBuilder {
  pid: number;
  name: number;
  id: number;
  tsUs: Column<Float64Array>;
  tsFrac: Column<Uint16Array>;
  /** Series by interned key name. */
  series: Map<number, Column<Float64Array>>;
}

/** Most series one counter track keeps (real traces have 1 or 2). */
export const MAX_COUNTER_SERIES = 64;

export interface CollectorOptions {
  /** Copy args bytes into an arena (gzip, in-memory sources) instead of keeping file offsets. */
  copyArgs: boolean;
}

export class TraceCollector implements ScanHandler {
  readonly strings = new ByteInterner();
  readonly log = new WarningLog();
  private readonly emptyId: number;
  private readonly threads: ThreadBuilder[] = [];
  private readonly threadIndex = new Map<number, number>();
  private readonly counters: CounterBuilder[] = [];
  private readonly counterIndex = new Map<string, number>();
  private readonly counterByPidName = new Map<number, number>();
  /** Scratch (key id, value) pairs of the counter being read. */
  private readonly counterPairs: number[] = [];
  private readonly processInstants = new Map<number, InstantBuilder>();
  private readonly globalInstants = new InstantBuilder();
  private readonly processSeen = new Set<number>();
  private readonly processOrder: number[] = [];
  private readonly processMeta = new Map<
    number,
    { pid: number; name?: string; labels?: string; sortIndex?: number }
  >();
  private readonly threadMeta = new Map<
    number,
    { pid: number; tid: number; name?: string; sortIndex?: number }
  >();
  private readonly topLevel: Record<string, unknown> = {};
  private readonly byPhase = new Map<string, number>();
  private readonly phaseCounts = new Float64Array(256);
  private events = 0;
  private readonly allTsUs = f64(1024);
  private readonly allTsFrac = u16(1024);
  private readonly flows = {
    phase: u8(),
    cat: u32(),
    name: u32(),
    id: u32(),
    pid: u32(),
    tid: u32(),
    tsUs: f64(),
    tsFrac: u16(),
    enclosing: u8(),
  };
  private readonly async = {
    phase: u8(),
    cat: u32(),
    name: u32(),
    id: u32(),
    local: u8(),
    scope: i32(),
    pid: u32(),
    tsUs: f64(),
    tsFrac: u16(),
    args: i32(),
  };
  private readonly argsOffset = f64(1024);
  private readonly argsSize = u32(1024);
  private readonly argsArena: Column<Uint8Array> | null;

  constructor(opts: CollectorOptions) {
    this.emptyId = this.strings.intern('');
    this.argsArena = opts.copyArgs ? u8(1 << 16) : null;
  }

  /** Events seen so far (for progress). */
  get eventCount(): number {
    return this.events;
  }

  warn(code: string, example: string): void {
    this.log.add(code, example);
  }

  metadata(key: string, value: JsonValue | undefined, bytes: number): void {
    this.topLevel[key] = value === undefined ? `<${bytes} bytes, not kept>` : value;
  }

  event(ev: RawEvent, buf: Uint8Array, bufBase: number): void {
    if (ev.keys === 0) return; // `{}`: not an event
    this.events++;
    const ph = ev.ph;
    this.phaseCounts[ph]!++;
    if (ph === 0) {
      this.log.add('missing_phase', `event at byte ${ev.offset} has no "ph"`);
      return;
    }
    if (ev.tsError) {
      this.log.add(
        `ts_${ev.tsError}`,
        `event at byte ${ev.offset} has an unusable ts (${ev.tsError})`,
      );
    }
    if (ev.hasTs) {
      this.allTsUs.push(ev.ts.us);
      this.allTsFrac.push(ev.ts.fracNs);
    }
    if (ph === PH.M) {
      this.onMetadata(ev, buf, bufBase);
      return;
    }
    if (!ev.hasTs) {
      if (!ev.tsError) this.log.add('missing_ts', `event at byte ${ev.offset} has no ts`);
      return;
    }
    const pid = ev.pid < 0 ? this.emptyId : ev.pid;
    this.noteProcess(pid);
    switch (ph) {
      case PH.X:
        this.onComplete(ev, pid, buf, bufBase);
        break;
      case PH.B:
      case PH.E:
        this.onBeginEnd(ev, pid, buf, bufBase);
        break;
      case PH.i:
      case PH.I:
      case PH.R:
        this.onInstant(ev, pid, buf, bufBase);
        break;
      case PH.C:
        this.onCounter(ev, pid, buf, bufBase);
        break;
      case PH.b:
      case PH.e:
      case PH.n:
      case PH.S:
      case PH.T:
      case PH.p:
      case PH.F:
        this.onAsync(ev, pid, buf, bufBase);
        break;
      case PH.s:
      case PH.t:
      case PH.f:
        this.onFlow(ev, pid);
        break;
      default:
        break; // counted in byPhase, not drawn
    }
  }

  private thread(pid: number, tid: number): ThreadBuilder {
    const key = pid * 67108864 + tid;
    let idx = this.threadIndex.get(key);
    if (idx === undefined) {
      idx = this.threads.length;
      this.threads.push({ pid, tid, x: null, be: null, instants: null });
      this.threadIndex.set(key, idx);
    }
    return this.threads[idx]!;
  }

  private noteProcess(pid: number): void {
    if (!this.processSeen.has(pid)) {
      this.processSeen.add(pid);
      this.processOrder.push(pid);
    }
  }

  private addArgs(ev: RawEvent, buf: Uint8Array, bufBase: number): number {
    if (ev.argsStart < 0) return -1;
    const size = ev.argsEnd - ev.argsStart;
    // `{}` args are not worth a row.
    if (size <= 2) return -1;
    const idx = this.argsOffset.n;
    if (this.argsArena) {
      this.argsOffset.push(this.argsArena.n);
      this.argsArena.append(buf.subarray(ev.argsStart - bufBase, ev.argsEnd - bufBase), size);
    } else this.argsOffset.push(ev.argsStart);
    this.argsSize.push(size);
    return idx;
  }

  private onComplete(ev: RawEvent, pid: number, buf: Uint8Array, bufBase: number): void {
    let durNs = NaN;
    if (ev.hasDur) {
      durNs = ev.dur.us * 1000 + ev.dur.fracNs;
      if (durNs < 0) {
        this.log.add(
          'negative_dur',
          `X "${this.strings.strings[ev.name] ?? ''}" at byte ${ev.offset} has dur < 0; dropped`,
        );
        return;
      }
    } else {
      this.log.add(
        ev.durError ? 'bad_dur' : 'missing_dur',
        `X "${this.strings.strings[ev.name] ?? ''}" at byte ${ev.offset} has no usable dur; drawn to the trace end`,
      );
    }
    const t = this.thread(pid, ev.tid < 0 ? this.emptyId : ev.tid);
    this.pushSlice((t.x ??= new SliceBuilder()), ev, durNs, buf, bufBase);
  }

  private pushSlice(
    b: SliceBuilder,
    ev: RawEvent,
    durNs: number,
    buf: Uint8Array,
    bufBase: number,
  ): void {
    b.tsUs.push(ev.ts.us);
    b.tsFrac.push(ev.ts.fracNs);
    b.durNs.push(durNs);
    b.name.push(ev.name < 0 ? this.emptyId : ev.name);
    b.cat.push(ev.cat < 0 ? this.emptyId : ev.cat);
    b.args.push(this.addArgs(ev, buf, bufBase));
    b.bind.push(ev.bindId);
    b.flowDir.push((ev.flowIn ? 1 : 0) | (ev.flowOut ? 2 : 0));
  }

  private onBeginEnd(ev: RawEvent, pid: number, buf: Uint8Array, bufBase: number): void {
    const t = this.thread(pid, ev.tid < 0 ? this.emptyId : ev.tid);
    const be = (t.be ??= new BeBuilder());
    this.pushSlice(be, ev, 0, buf, bufBase);
    be.begin.push(ev.ph === PH.B ? 1 : 0);
  }

  private onInstant(ev: RawEvent, pid: number, buf: Uint8Array, bufBase: number): void {
    let b: InstantBuilder;
    if (ev.s === 103 /* g */) b = this.globalInstants;
    else if (ev.s === 112 /* p */ || ev.tid < 0) {
      b = this.processInstants.get(pid) ?? new InstantBuilder();
      this.processInstants.set(pid, b);
    } else b = this.thread(pid, ev.tid).instants ??= new InstantBuilder();
    b.tsUs.push(ev.ts.us);
    b.tsFrac.push(ev.ts.fracNs);
    b.name.push(ev.name < 0 ? this.emptyId : ev.name);
    b.cat.push(ev.cat < 0 ? this.emptyId : ev.cat);
    b.args.push(this.addArgs(ev, buf, bufBase));
  }

  private onCounter(ev: RawEvent, pid: number, buf: Uint8Array, bufBase: number): void {
    const pairs = this.counterPairs;
    pairs.length = 0;
    const s = ev.argsStart - bufBase;
    const e = ev.argsEnd - bufBase;
    // Fast path: flat `{"key": number, ...}` args (every Ascend counter) without building objects.
    if (ev.argsStart < 0 || !scanNumericArgs(buf, s, e, this.strings, pairs)) {
      pairs.length = 0;
      let args: JsonValue = null;
      try {
        if (ev.argsStart >= 0) args = parseJsonBytes(buf, s, e);
      } catch {
        args = null;
      }
      if (args && typeof args === 'object' && !Array.isArray(args)) {
        for (const [k, v] of Object.entries(args)) {
          const value = toNumber(v);
          if (value !== null) pairs.push(this.strings.intern(k), value);
        }
      } else {
        this.log.add(
          'counter_without_args',
          `C "${this.strings.strings[ev.name] ?? ''}" at byte ${ev.offset} has no args; dropped`,
        );
        return;
      }
    }
    const name = ev.name < 0 ? this.emptyId : ev.name;
    const c = this.counter(pid, name, ev.id);
    const row = c.tsUs.n;
    c.tsUs.push(ev.ts.us);
    c.tsFrac.push(ev.ts.fracNs);
    let filled = 0;
    for (let k = 0; k < pairs.length; k += 2) {
      const key = pairs[k]!;
      let col = c.series.get(key);
      if (!col) {
        // Series are dense (one value per sample), so their number is capped: a key per event
        // would otherwise cost samples × keys.
        if (c.series.size >= MAX_COUNTER_SERIES) {
          this.log.add(
            'counter_series_limit',
            `C "${this.strings.strings[name]}" at byte ${ev.offset} has more than ${MAX_COUNTER_SERIES} series; the values of "${this.strings.strings[key]}" and any further series are dropped`,
          );
          continue;
        }
        col = f64(row + 16);
        col.a.fill(NaN, 0, row);
        col.n = row;
        c.series.set(key, col);
      }
      if (col.n === row) {
        col.push(pairs[k + 1]!);
        filled++;
      }
    }
    if (filled !== c.series.size) {
      for (const col of c.series.values()) if (col.n === row) col.push(NaN);
    }
    if (pairs.length === 0) {
      this.log.add(
        'counter_not_numeric',
        `C "${this.strings.strings[name]}" at byte ${ev.offset} has no numeric value`,
      );
    }
  }

  private counter(pid: number, name: number, id: number): CounterBuilder {
    let idx: number | undefined;
    const numKey = pid * 67108864 + name;
    if (id < 0) idx = this.counterByPidName.get(numKey);
    else idx = this.counterIndex.get(`${pid}|${name}|${id}`);
    if (idx === undefined) {
      idx = this.counters.length;
      this.counters.push({ pid, name, id, tsUs: f64(), tsFrac: u16(), series: new Map() });
      if (id < 0) this.counterByPidName.set(numKey, idx);
      else this.counterIndex.set(`${pid}|${name}|${id}`, idx);
    }
    return this.counters[idx]!;
  }

  private onAsync(ev: RawEvent, pid: number, buf: Uint8Array, bufBase: number): void {
    const id = ev.id2 >= 0 ? ev.id2 : ev.id;
    if (id < 0) {
      this.log.add(
        'async_without_id',
        `async "${String.fromCharCode(ev.ph)}" event at byte ${ev.offset} has no id; dropped`,
      );
      return;
    }
    const a = this.async;
    a.phase.push(ev.ph);
    a.cat.push(ev.cat < 0 ? this.emptyId : ev.cat);
    a.name.push(ev.name < 0 ? this.emptyId : ev.name);
    a.id.push(id);
    a.local.push(ev.id2 >= 0 && ev.id2Local ? 1 : 0);
    a.scope.push(ev.scope);
    a.pid.push(pid);
    a.tsUs.push(ev.ts.us);
    a.tsFrac.push(ev.ts.fracNs);
    a.args.push(this.addArgs(ev, buf, bufBase));
  }

  private onFlow(ev: RawEvent, pid: number): void {
    if (ev.id < 0 && ev.id2 < 0) {
      this.log.add('flow_without_id', `flow event at byte ${ev.offset} has no id; dropped`);
      return;
    }
    const fl = this.flows;
    fl.phase.push(ev.ph === PH.s ? 0 : ev.ph === PH.t ? 1 : 2);
    fl.cat.push(ev.cat < 0 ? this.emptyId : ev.cat);
    fl.name.push(ev.name < 0 ? this.emptyId : ev.name);
    fl.id.push(ev.id >= 0 ? ev.id : ev.id2);
    fl.pid.push(pid);
    fl.tid.push(ev.tid < 0 ? this.emptyId : ev.tid);
    fl.tsUs.push(ev.ts.us);
    fl.tsFrac.push(ev.ts.fracNs);
    fl.enclosing.push(ev.bp === 101 /* e */ ? 1 : 0);
  }

  private onMetadata(ev: RawEvent, buf: Uint8Array, bufBase: number): void {
    const pid = ev.pid < 0 ? this.emptyId : ev.pid;
    const kind = this.strings.strings[ev.name] ?? '';
    let args: JsonValue = null;
    if (ev.argsStart >= 0) {
      try {
        args = parseJsonBytes(buf, ev.argsStart - bufBase, ev.argsEnd - bufBase);
      } catch {
        this.log.add('bad_metadata_args', `M "${kind}" at byte ${ev.offset} has malformed args`);
        return;
      }
    }
    const obj = args && typeof args === 'object' && !Array.isArray(args) ? args : {};
    switch (kind) {
      case 'process_name':
      case 'process_labels':
      case 'process_sort_index': {
        this.noteProcess(pid);
        const m = this.processMeta.get(pid) ?? { pid };
        if (kind === 'process_name') m.name = stringArg(obj['name']);
        else if (kind === 'process_labels') m.labels = stringArg(obj['labels']);
        else m.sortIndex = toNumber(obj['sort_index'] ?? null) ?? undefined;
        this.processMeta.set(pid, m);
        break;
      }
      case 'thread_name':
      case 'thread_sort_index': {
        this.noteProcess(pid);
        const tid = ev.tid < 0 ? this.emptyId : ev.tid;
        const key = pid * 67108864 + tid;
        const m = this.threadMeta.get(key) ?? { pid, tid };
        if (kind === 'thread_name') m.name = stringArg(obj['name']);
        else m.sortIndex = toNumber(obj['sort_index'] ?? null) ?? undefined;
        this.threadMeta.set(key, m);
        break;
      }
      default:
        this.log.add('metadata_other', `M "${kind}" is kept as a count only`);
    }
  }

  /** Hands over everything collected (the collector must not be used afterwards). */
  finish(): RawTraceParts {
    for (let c = 0; c < 256; c++) {
      const n = this.phaseCounts[c]!;
      if (n > 0) this.byPhase.set(c === 0 ? '?' : String.fromCharCode(c), n);
    }
    const arena = this.argsArena ? this.argsArena.finish() : null;
    const f = this.flows;
    const a = this.async;
    const none = {
      x: new SliceBuilder().finish(),
      be: new BeBuilder().finish(),
      instants: new InstantBuilder().finish(),
    };
    return {
      strings: this.strings.strings,
      threads: this.threads.map((t): RawThread => ({
        pid: t.pid,
        tid: t.tid,
        x: t.x?.finish() ?? none.x,
        be: t.be?.finish() ?? none.be,
        instants: t.instants?.finish() ?? none.instants,
      })),
      counters: this.counters.map((c): RawCounter => ({
        pid: c.pid,
        name: c.name,
        id: c.id,
        tsUs: c.tsUs.finish(),
        tsFrac: c.tsFrac.finish(),
        series: [...c.series].map(([key, col]) => ({
          name: this.strings.strings[key] ?? '',
          values: col.finish(),
        })),
      })),
      processInstants: [...this.processInstants].map(([pid, b]) => ({
        pid,
        instants: b.finish(),
      })),
      globalInstants: this.globalInstants.finish(),
      flows: {
        length: f.phase.n,
        phase: f.phase.finish(),
        cat: f.cat.finish(),
        name: f.name.finish(),
        id: f.id.finish(),
        pid: f.pid.finish(),
        tid: f.tid.finish(),
        tsUs: f.tsUs.finish(),
        tsFrac: f.tsFrac.finish(),
        enclosing: f.enclosing.finish(),
      } satisfies RawFlowCols,
      async: {
        length: a.phase.n,
        phase: a.phase.finish(),
        cat: a.cat.finish(),
        name: a.name.finish(),
        id: a.id.finish(),
        local: a.local.finish(),
        scope: a.scope.finish(),
        pid: a.pid.finish(),
        tsUs: a.tsUs.finish(),
        tsFrac: a.tsFrac.finish(),
        args: a.args.finish(),
      } satisfies RawAsyncCols,
      args: {
        length: this.argsOffset.n,
        offset: this.argsOffset.finish(),
        size: this.argsSize.finish(),
        arena,
      },
      processMeta: [...this.processMeta.values()],
      threadMeta: [...this.threadMeta.values()],
      processOrder: this.processOrder,
      metadata: this.topLevel,
      events: this.events,
      byPhase: Object.fromEntries(this.byPhase),
      allTsUs: this.allTsUs.finish(),
      allTsFrac: this.allTsFrac.finish(),
      warnings: this.log.list(),
    };
  }
}

function toNumber(v: JsonValue | undefined): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isNaN(n) ? null : n;
  }
  return null;
}

function stringArg(v: JsonValue | undefined): string {
  if (typeof v === 'string') return v;
  if (v === undefined || v === null) return '';
  // A name that is not a string is shown as its JSON (integers beyond 2^53 are bigint there).
  return typeof v === 'bigint'
    ? v.toString()
    : JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
}
