/**
 * Display labels of processes and threads without a name: their pid / tid, or what is missing
 * ("Process (no pid)", "Thread (no tid)") rather than a bare "Process " / "Thread ". The trace
 * format allows an event without pid or tid (or with an empty string); such events keep a
 * process / thread of their own.
 */
import { msg, type Message } from '../lib/message';
import type { ProcessModel, ThreadModel, TraceModel } from './trace-model';

export function processLabel(p: Pick<ProcessModel, 'name' | 'pid'>): string {
  if (p.name) return p.name;
  return p.pid === '' ? 'Process (no pid)' : `Process ${p.pid}`;
}

export function threadLabel(t: Pick<ThreadModel, 'name' | 'tid'>): string {
  if (t.name) return t.name;
  return t.tid === '' ? 'Thread (no tid)' : `Thread ${t.tid}`;
}

/** `processLabel` as an interface message when the label is the model's own words (no name). */
export function processLabelMsg(p: Pick<ProcessModel, 'name' | 'pid'>): Message | null {
  if (p.name) return null;
  return p.pid === ''
    ? msg('timeline:process_no_pid')
    : msg('timeline:process_pid', { pid: p.pid });
}

/** `threadLabel` as an interface message when the label is the model's own words (no name). */
export function threadLabelMsg(t: Pick<ThreadModel, 'name' | 'tid'>): Message | null {
  if (t.name) return null;
  return t.tid === '' ? msg('timeline:thread_no_tid') : msg('timeline:thread_tid', { tid: t.tid });
}

/**
 * The name of a slice track as a message when the model composed it: an overflow lane is
 * "<thread> (overlapping)" (finalize-trace.ts); other tracks are named by the data (null).
 */
export function trackNameMsg(
  t: Pick<TraceModel, 'sliceTracks' | 'threads'>,
  track: number,
): Message | null {
  const st = t.sliceTracks[track];
  if (!st || st.kind !== 'overflow') return null;
  const th = t.threads[st.thread];
  if (!th) return null;
  const label = threadLabelMsg(th);
  return msg('timeline:overlapping_track', { name: label ? { msg: label } : threadLabel(th) });
}
