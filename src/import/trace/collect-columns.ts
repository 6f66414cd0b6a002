/**
 * The growable columns the collect phase (trace-collector.ts) fills, one builder per kind of
 * track, each turning into its RawTraceParts table with `finish()`.
 */
import { f64, i32, u16, u32, u8 } from '../../lib/columns';
import type { RawEvent } from '../json/raw-event';
import type {
  RawAsyncCols,
  RawBeCols,
  RawFlowCols,
  RawInstantCols,
  RawSliceCols,
} from './raw-parts';

/** Phase bytes (`ph`) the collector reads. */
export const PH = {
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

/** A table's builder: a growable column (`n` values so far) for each column of T. */
type TableBuilder<T> = {
  readonly [K in Exclude<keyof T, 'length'>]: { readonly n: number; take(): T[K] };
};

/**
 * The builder's columns, exactly sized, in declaration order after `length`; each column lets go
 * of its grown buffer as soon as its exact copy is made (the builder is used up).
 */
function finishTable<T extends { length: number }>(builder: TableBuilder<T>): T {
  const out: Record<string, unknown> = { length: 0 };
  for (const [key, col] of Object.entries(
    builder as Record<string, { n: number; take(): unknown }>,
  )) {
    out['length'] = col.n;
    out[key] = col.take();
  }
  return out as T;
}

export class SliceBuilder {
  tsUs = f64();
  tsFrac = u16();
  durNs = f64();
  name = u32();
  cat = u32();
  args = i32();
  bind = i32();
  flowDir = u8();
  seq = f64();
  finish(): RawSliceCols {
    return finishTable<RawSliceCols>(this);
  }
}

export class BeBuilder extends SliceBuilder {
  begin = u8();
  override finish(): RawBeCols {
    return finishTable<RawBeCols>(this);
  }
}

export class InstantBuilder {
  tsUs = f64();
  tsFrac = u16();
  name = u32();
  cat = u32();
  args = i32();
  finish(): RawInstantCols {
    return finishTable<RawInstantCols>(this);
  }
}

/**
 * A thread's columns, each created on first use: a trace may hold 100,000 threads that each use
 * one of them, and 22 idle columns per thread would cost more than the events.
 */
export interface ThreadBuilder {
  pid: number;
  tid: number;
  x: SliceBuilder | null;
  be: BeBuilder | null;
  instants: InstantBuilder | null;
}

/** Flow v1 endpoints (s/t/f). */
export class FlowBuilder {
  phase = u8();
  cat = u32();
  name = u32();
  id = u32();
  pid = u32();
  tid = u32();
  tsUs = f64();
  tsFrac = u16();
  enclosing = u8();

  /** Appends a flow event that has an id or id2; `emptyId` stands for a missing cat/name/tid. */
  push(ev: RawEvent, pid: number, emptyId: number): void {
    this.phase.push(ev.ph === PH.s ? 0 : ev.ph === PH.t ? 1 : 2);
    this.cat.push(ev.cat < 0 ? emptyId : ev.cat);
    this.name.push(ev.name < 0 ? emptyId : ev.name);
    this.id.push(ev.id >= 0 ? ev.id : ev.id2);
    this.pid.push(pid);
    this.tid.push(ev.tid < 0 ? emptyId : ev.tid);
    this.tsUs.push(ev.ts.us);
    this.tsFrac.push(ev.ts.fracNs);
    this.enclosing.push(ev.bp === 101 /* e */ ? 1 : 0);
  }

  finish(): RawFlowCols {
    return finishTable<RawFlowCols>(this);
  }
}

/** Async events (b/e/n and legacy S/T/p/F). */
export class AsyncBuilder {
  phase = u8();
  cat = u32();
  name = u32();
  id = u32();
  local = u8();
  scope = i32();
  pid = u32();
  tsUs = f64();
  tsFrac = u16();
  args = i32();

  /** Appends an async event under `id` (its id2 or id) with its args row (or -1). */
  push(ev: RawEvent, pid: number, id: number, args: number, emptyId: number): void {
    this.phase.push(ev.ph);
    this.cat.push(ev.cat < 0 ? emptyId : ev.cat);
    this.name.push(ev.name < 0 ? emptyId : ev.name);
    this.id.push(id);
    this.local.push(ev.id2 >= 0 && ev.id2Local ? 1 : 0);
    this.scope.push(ev.scope);
    this.pid.push(pid);
    this.tsUs.push(ev.ts.us);
    this.tsFrac.push(ev.ts.fracNs);
    this.args.push(args);
  }

  finish(): RawAsyncCols {
    return finishTable<RawAsyncCols>(this);
  }
}
