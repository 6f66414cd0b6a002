/**
 * Display labels of processes and threads without a name: their pid / tid, or what is missing
 * ("Process (no pid)", "Thread (no tid)") rather than a bare "Process " / "Thread ". The trace
 * format allows an event without pid or tid (or with an empty string); such events keep a
 * process / thread of their own.
 */
import type { ProcessModel, ThreadModel } from './trace-model';

export function processLabel(p: Pick<ProcessModel, 'name' | 'pid'>): string {
  if (p.name) return p.name;
  return p.pid === '' ? 'Process (no pid)' : `Process ${p.pid}`;
}

export function threadLabel(t: Pick<ThreadModel, 'name' | 'tid'>): string {
  if (t.name) return t.name;
  return t.tid === '' ? 'Thread (no tid)' : `Thread ${t.tid}`;
}
