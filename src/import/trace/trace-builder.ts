/**
 * A programmatic front to the trace collector for sources that are not trace-event JSON (the
 * SQLite exports, tests): events are described with strings and exact times, and go through the
 * very same collect → finalize path as scanned JSON, so every source yields the same model.
 */
import type { ExactTime } from '../../lib/exact-time';
import { newRawEvent, resetRawEvent, type RawEvent } from '../json/raw-event';
import type { Detail } from '../../lib/message';
import type { RawTraceParts } from './raw-parts';
import { TraceCollector } from './trace-collector';

export type ArgsObject = Record<string, unknown>;

const encoder = new TextEncoder();
const NO_ARGS = new Uint8Array(0);

function jsonArgs(args: ArgsObject | undefined): Uint8Array {
  if (!args) return NO_ARGS;
  return encoder.encode(
    JSON.stringify(args, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)),
  );
}

export class TraceBuilder {
  private readonly c = new TraceCollector({ copyArgs: true });
  private readonly ev: RawEvent = newRawEvent();
  private seq = 0;

  private begin(ph: string, pid: string, tid: string | null, ts: ExactTime | null): RawEvent {
    const ev = this.ev;
    resetRawEvent(ev, this.seq++);
    ev.keys = 1;
    ev.ph = ph.charCodeAt(0);
    ev.pid = this.c.strings.intern(pid);
    ev.tid = tid === null ? -1 : this.c.strings.intern(tid);
    if (ts) {
      ev.hasTs = true;
      ev.ts.us = ts.us;
      ev.ts.fracNs = ts.fracNs;
    }
    return ev;
  }

  private emit(ev: RawEvent, args: ArgsObject | undefined): void {
    const bytes = jsonArgs(args);
    if (bytes.length > 0) {
      ev.argsStart = 0;
      ev.argsEnd = bytes.length;
    }
    this.c.event(ev, bytes, 0);
  }

  /** An X slice; durNs < 0 is dropped with a warning like any X. */
  complete(
    pid: string,
    tid: string,
    ts: ExactTime,
    durNs: number,
    name: string,
    cat = '',
    args?: ArgsObject,
  ): void {
    const ev = this.begin('X', pid, tid, ts);
    ev.name = this.c.strings.intern(name);
    ev.cat = this.c.strings.intern(cat);
    ev.hasDur = Number.isFinite(durNs);
    const us = Math.floor(durNs / 1000);
    ev.dur.us = us;
    ev.dur.fracNs = durNs - us * 1000;
    this.emit(ev, args);
  }

  instant(
    pid: string,
    tid: string | null,
    ts: ExactTime,
    name: string,
    scope: 't' | 'p' | 'g' = 't',
    args?: ArgsObject,
  ): void {
    const ev = this.begin('i', pid, tid, ts);
    ev.name = this.c.strings.intern(name);
    ev.s = scope.charCodeAt(0);
    this.emit(ev, args);
  }

  counter(pid: string, name: string, ts: ExactTime, values: Record<string, number>): void {
    const ev = this.begin('C', pid, null, ts);
    ev.name = this.c.strings.intern(name);
    this.emit(ev, values);
  }

  /** A flow endpoint: 's' binds to the enclosing slice, 'f' to the enclosing one (bp:"e"). */
  flow(
    phase: 's' | 'f',
    pid: string,
    tid: string,
    ts: ExactTime,
    cat: string,
    name: string,
    id: string,
  ): void {
    const ev = this.begin(phase, pid, tid, ts);
    ev.cat = this.c.strings.intern(cat);
    ev.name = this.c.strings.intern(name);
    ev.id = this.c.strings.intern(id);
    ev.bp = 101;
    this.emit(ev, undefined);
  }

  private meta(kind: string, pid: string, tid: string | null, args: ArgsObject): void {
    const ev = this.begin('M', pid, tid, null);
    ev.name = this.c.strings.intern(kind);
    this.emit(ev, args);
  }

  processName(pid: string, name: string): void {
    this.meta('process_name', pid, null, { name });
  }
  processLabels(pid: string, labels: string): void {
    this.meta('process_labels', pid, null, { labels });
  }
  processSortIndex(pid: string, sortIndex: number): void {
    this.meta('process_sort_index', pid, null, { sort_index: sortIndex });
  }
  threadName(pid: string, tid: string, name: string): void {
    this.meta('thread_name', pid, tid, { name });
  }
  threadSortIndex(pid: string, tid: string, sortIndex: number): void {
    this.meta('thread_sort_index', pid, tid, { sort_index: sortIndex });
  }

  warn(code: string, example: string | Detail, count = 1): void {
    this.c.log.add(code, example, count);
  }

  finish(): RawTraceParts {
    return this.c.finish();
  }
}
