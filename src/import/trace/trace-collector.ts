/**
 * The collect phase: turns scanned events into per-track columns (RawTraceParts) in file order.
 * Sorting, nesting, flow binding and rebasing happen later, once all parts are in (finalize).
 *
 * Read: X, B/E, i/I/R, C, b/e/n, S/T/p/F, s/t/f, X/B with bind_id (flow v2), M (process_name,
 * process_labels, process_sort_index, thread_name, thread_sort_index). Counted but not drawn:
 * every other phase (N/O/D, P, V/v, c, ( ), =, …). Dropped with a warning: events without a usable
 * ts (except M), X with negative dur, C without numeric args.
 *
 * This is the core (dispatch, threads, instants, args); counters are in counter-collector.ts, M
 * events in metadata-collector.ts and the column builders in collect-columns.ts.
 */
import { f64, u16, u32, u8, type Column } from '../../lib/columns';
import { ByteInterner } from '../json/byte-interner';
import type { JsonValue } from '../../lib/json-bytes';
import type { RawEvent } from '../json/raw-event';
import type { ScanHandler } from '../json/trace-scanner';
import { detail, msg, type Detail } from '../../lib/message';
import { timeProblem } from '../reader-detail';
import {
  AsyncBuilder,
  BeBuilder,
  FlowBuilder,
  InstantBuilder,
  PH,
  SliceBuilder,
  type ThreadBuilder,
} from './collect-columns';
import { CounterCollector } from './counter-collector';
import { MetadataCollector } from './metadata-collector';
import type { RawThread, RawTraceParts } from './raw-parts';
import { WarningLog } from './warning-log';

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
  private readonly counters: CounterCollector;
  private readonly processInstants = new Map<number, InstantBuilder>();
  private readonly globalInstants = new InstantBuilder();
  private readonly processSeen = new Set<number>();
  private readonly processOrder: number[] = [];
  private readonly meta: MetadataCollector;
  private readonly topLevel: Record<string, unknown> = {};
  private readonly byPhase = new Map<string, number>();
  private readonly phaseCounts = new Float64Array(256);
  private events = 0;
  private readonly allTsUs = f64(1024);
  private readonly allTsFrac = u16(1024);
  private readonly metaTsUs = f64(16);
  private readonly metaTsFrac = u16(16);
  private readonly flows = new FlowBuilder();
  private readonly async = new AsyncBuilder();
  private readonly argsOffset = f64(1024);
  private readonly argsSize = u32(1024);
  private readonly argsArena: Column<Uint8Array> | null;

  constructor(opts: CollectorOptions) {
    this.emptyId = this.strings.intern('');
    this.counters = new CounterCollector(this.strings, this.log, this.emptyId);
    this.meta = new MetadataCollector(this.strings, this.log, this.emptyId);
    this.argsArena = opts.copyArgs ? u8(1 << 16) : null;
  }

  /** Events seen so far (for progress). */
  get eventCount(): number {
    return this.events;
  }

  warn(code: string, example: string | Detail): void {
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
      this.log.add(
        'missing_phase',
        detail(
          `event at byte ${ev.offset} has no "ph"`,
          msg('reader:missing_phase', { at: String(ev.offset) }),
        ),
      );
      return;
    }
    if (ev.tsError) {
      this.log.add(
        `ts_${ev.tsError}`,
        detail(
          `event at byte ${ev.offset} has an unusable ts (${ev.tsError})`,
          msg('reader:unusable_ts', { at: String(ev.offset), problem: timeProblem(ev.tsError) }),
        ),
      );
    }
    if (ev.hasTs) {
      // M timestamps carry no time meaning: they never set the base or the extent.
      (ph === PH.M ? this.metaTsUs : this.allTsUs).push(ev.ts.us);
      (ph === PH.M ? this.metaTsFrac : this.allTsFrac).push(ev.ts.fracNs);
    }
    if (ph === PH.M) {
      this.onMetadata(ev, buf, bufBase);
      return;
    }
    if (!ev.hasTs) {
      if (!ev.tsError)
        this.log.add(
          'missing_ts',
          detail(
            `event at byte ${ev.offset} has no ts`,
            msg('reader:missing_ts', { at: String(ev.offset) }),
          ),
        );
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
        this.counters.add(ev, pid, buf, bufBase);
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
          detail(
            `X "${this.strings.strings[ev.name] ?? ''}" at byte ${ev.offset} has dur < 0; dropped`,
            msg('reader:negative_dur', {
              name: this.strings.strings[ev.name] ?? '',
              at: String(ev.offset),
            }),
          ),
        );
        return;
      }
    } else {
      this.log.add(
        ev.durError ? 'bad_dur' : 'missing_dur',
        detail(
          `X "${this.strings.strings[ev.name] ?? ''}" at byte ${ev.offset} has no usable dur; drawn to the trace end`,
          msg('reader:no_usable_dur', {
            name: this.strings.strings[ev.name] ?? '',
            at: String(ev.offset),
          }),
        ),
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
    b.seq.push(ev.offset);
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

  private onAsync(ev: RawEvent, pid: number, buf: Uint8Array, bufBase: number): void {
    const id = ev.id2 >= 0 ? ev.id2 : ev.id;
    if (id < 0) {
      this.log.add(
        'async_without_id',
        detail(
          `async "${String.fromCharCode(ev.ph)}" event at byte ${ev.offset} has no id; dropped`,
          msg('reader:async_without_id', {
            ph: String.fromCharCode(ev.ph),
            at: String(ev.offset),
          }),
        ),
      );
      return;
    }
    this.async.push(ev, pid, id, this.addArgs(ev, buf, bufBase), this.emptyId);
  }

  private onFlow(ev: RawEvent, pid: number): void {
    if (ev.id < 0 && ev.id2 < 0) {
      this.log.add(
        'flow_without_id',
        detail(
          `flow event at byte ${ev.offset} has no id; dropped`,
          msg('reader:flow_without_id', { at: String(ev.offset) }),
        ),
      );
      return;
    }
    this.flows.push(ev, pid, this.emptyId);
  }

  private onMetadata(ev: RawEvent, buf: Uint8Array, bufBase: number): void {
    const pid = ev.pid < 0 ? this.emptyId : ev.pid;
    if (this.meta.add(ev, pid, buf, bufBase)) this.noteProcess(pid);
  }

  /** Hands over everything collected (the collector must not be used afterwards). */
  finish(): RawTraceParts {
    for (let c = 0; c < 256; c++) {
      const n = this.phaseCounts[c]!;
      if (n > 0) this.byPhase.set(c === 0 ? '?' : String.fromCharCode(c), n);
    }
    const arena = this.argsArena ? this.argsArena.take() : null;
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
      counters: this.counters.finish(),
      processInstants: [...this.processInstants].map(([pid, b]) => ({
        pid,
        instants: b.finish(),
      })),
      globalInstants: this.globalInstants.finish(),
      flows: this.flows.finish(),
      async: this.async.finish(),
      args: {
        length: this.argsOffset.n,
        offset: this.argsOffset.take(),
        size: this.argsSize.take(),
        arena,
      },
      ...this.meta.finish(),
      processOrder: this.processOrder,
      metadata: this.topLevel,
      events: this.events,
      byPhase: Object.fromEntries(this.byPhase),
      allTsUs: this.allTsUs.take(),
      allTsFrac: this.allTsFrac.take(),
      metaTsUs: this.metaTsUs.take(),
      metaTsFrac: this.metaTsFrac.take(),
      warnings: this.log.list(),
    };
  }
}
