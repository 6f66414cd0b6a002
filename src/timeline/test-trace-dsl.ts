/**
 * Builds small TraceModels from text, one character per µs, for timeline unit tests. The events
 * go through the project's TraceBuilder and finalizeTrace, so nesting, overflow lanes and flow
 * binding are the real ones.
 *
 *     thread Python (CPU) / main          ← process name, optional (labels), " / ", thread name
 *       :|outer-----------|  |b|          ← a lane: time 0 is the column right after ':'
 *       : |in|  |in2|                     ← "|name--|" spans from its first to its last bar
 *     thread Ascend Hardware (NPU) / Stream 7
 *       :    |matmul---| |add|
 *     flow async_npu in -> matmul         ← from the first slice named "in" to the first "matmul"
 *     counter Python / mem 0=5 10=7 20=3  ← samples at µs=value
 *     instant Python / main 12 tick       ← a thread instant at 12 µs
 *
 * A slice spans whole characters: `|add|` at column 4 covers [4 µs, 9 µs).
 */
import type { ExactTime } from '../lib/exact-time';
import { finalizeTrace } from '../import/trace/finalize-trace';
import { TraceBuilder } from '../import/trace/trace-builder';
import type { TraceModel } from '../model/trace-model';

const US = 1000;

function usTime(us: number): ExactTime {
  const whole = Math.floor(us);
  return { us: whole, fracNs: Math.round((us - whole) * 1000) };
}

interface Placed {
  pid: string;
  tid: string;
  startUs: number;
  durUs: number;
  name: string;
}

export function traceFromText(text: string): TraceModel {
  const b = new TraceBuilder();
  const pids = new Map<string, string>();
  const tids = new Map<string, string>();
  const placed: Placed[] = [];
  const pidFor = (proc: string): string => {
    const m = /^(.*?)\s*(?:\(([^)]*)\))?$/.exec(proc.trim())!;
    const name = m[1]!;
    let pid = pids.get(name);
    if (!pid) {
      pid = String(pids.size + 1);
      pids.set(name, pid);
      b.processName(pid, name);
      if (m[2]) b.processLabels(pid, m[2]);
    }
    return pid;
  };
  const threadFor = (spec: string): { pid: string; tid: string } => {
    const [proc, thread] = spec.split(' / ').map((s) => s.trim());
    const pid = pidFor(proc ?? '');
    const key = `${pid}/${thread}`;
    let tid = tids.get(key);
    if (!tid) {
      tid = String(tids.size + 1);
      tids.set(key, tid);
      b.threadName(pid, tid, thread ?? '');
    }
    return { pid, tid };
  };
  let current: { pid: string; tid: string } | null = null;
  const flows: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    const trimmed = line.trim();
    if (!trimmed) continue;
    if (trimmed.startsWith('thread ')) {
      current = threadFor(trimmed.slice(7));
    } else if (trimmed.startsWith(':')) {
      if (!current) throw new Error(`lane before any thread: ${line}`);
      const lane = line.slice(line.indexOf(':') + 1);
      for (const m of lane.matchAll(/\|([^|-]*)-*\|/g)) {
        placed.push({
          ...current,
          startUs: m.index,
          durUs: m[0].length,
          name: m[1]!.trim(),
        });
      }
    } else if (trimmed.startsWith('flow ')) {
      flows.push(trimmed);
    } else if (trimmed.startsWith('counter ')) {
      const m = /^counter (.+?) \/ (\S+)((?: \S+=\S+)+)$/.exec(trimmed);
      if (!m) throw new Error(`bad counter line: ${line}`);
      const pid = pidFor(m[1]!);
      for (const sample of m[3]!.trim().split(' ')) {
        const [t, v] = sample.split('=');
        b.counter(pid, m[2]!, usTime(Number(t)), { value: Number(v) });
      }
    } else if (trimmed.startsWith('instant ')) {
      const m = /^instant (.+ \/ .+?) (\d+(?:\.\d+)?) (\S+)$/.exec(trimmed);
      if (!m) throw new Error(`bad instant line: ${line}`);
      const t = threadFor(m[1]!);
      b.instant(t.pid, t.tid, usTime(Number(m[2])), m[3]!);
    } else {
      throw new Error(`unknown DSL line: ${line}`);
    }
  }
  for (const p of placed) {
    b.complete(p.pid, p.tid, usTime(p.startUs), p.durUs * US, p.name, 'test', { name: p.name });
  }
  let id = 0;
  for (const f of flows) {
    const m = /^flow (\S+) (\S+) -> (\S+)$/.exec(f);
    if (!m) throw new Error(`bad flow line: ${f}`);
    const from = placed.find((p) => p.name === m[2]);
    const to = placed.find((p) => p.name === m[3]);
    if (!from || !to) throw new Error(`flow endpoint not found: ${f}`);
    const fid = String(++id);
    b.flow('s', from.pid, from.tid, usTime(from.startUs), m[1]!, 'flow', fid);
    b.flow('f', to.pid, to.tid, usTime(to.startUs), m[1]!, 'flow', fid);
  }
  return finalizeTrace(b.finish(), { sourcePath: 'dsl' });
}

/** Index of the slice track whose display name is `name`. */
export function trackNamed(model: TraceModel, name: string): number {
  const i = model.sliceTracks.findIndex((t) => t.name === name);
  if (i < 0) throw new Error(`no track ${name}`);
  return i;
}

/** Index (in its track) of the first slice named `name`, with its track. */
export function sliceNamed(model: TraceModel, name: string): { track: number; index: number } {
  for (let t = 0; t < model.sliceTracks.length; t++) {
    const s = model.sliceTracks[t]!.slices;
    for (let i = 0; i < s.length; i++)
      if (model.strings[s.name[i]!] === name) return { track: t, index: i };
  }
  throw new Error(`no slice ${name}`);
}
