/**
 * The Kernels table of a trace without kernel_details: one row per device event (kernels,
 * copies, synchronisation tasks, communication ops), in the KernelTable shape the Kernels view,
 * the Overview and the SQL `kernel` table read. Columns: Step Id (the host step that launched
 * it), Device, Stream ID, Name, Type (the event's category, or the Ascend task class), Kind
 * (compute / communication / memory / other, see device-events.ts), start, duration, and
 * `Wait Time(us)` = max(0, start − end of the previous event on the same device), sorted by
 * start across all streams (as msprof defines it, §5.1).
 */
import type { KernelTable } from '../ascend-data';
import type { TextTable } from '../profile';
import { baseParts } from '../ascend/base-ns';
import { newKernelTable } from '../ascend/kernel-table';
import type { TraceModel } from '../trace-model';
import { DEVICE_KIND_LABEL, type DeviceEvents } from './device-events';
import type { TraceStep } from './breakdown';

export const TRACE_KERNEL_HEADER = [
  'Step Id',
  'Device',
  'Stream ID',
  'Name',
  'Type',
  'Kind',
  'Start Time(us)',
  'Duration(us)',
  'Wait Time(us)',
];

/** Exact "µs.nnn" text of timeline ns `t` on `baseNs`. */
function usText(us: number, frac: number): string {
  return `${us}.${String(frac).padStart(3, '0')}`;
}

export function traceKernelTable(
  trace: TraceModel,
  dev: DeviceEvents,
  steps: readonly TraceStep[],
): KernelTable {
  const n = dev.length;
  const strings: string[] = [''];
  const ids = new Map<string, number>();
  const intern = (s: string) => {
    let i = ids.get(s);
    if (i === undefined) ids.set(s, (i = strings.push(s) - 1));
    return i;
  };
  // The text cells are made on first read (the Kernels view, SQL), not with the analysis: nine
  // strings a device event would be most of the analysis' memory, and the import worker's
  // analysis (checks, advisor) never reads them.
  let rows: string[][] | null = null;
  const text = { path: 'trace', header: TRACE_KERNEL_HEADER } as TextTable;
  Object.defineProperty(text, 'rows', {
    enumerable: true,
    get: () => (rows ??= textRows(trace, dev, k)),
  });
  const k = newKernelTable('trace', text, n, strings);
  const [b0, b1] = baseParts(trace.baseNs);
  // Step of each event: the step whose device range holds it and that it was assigned to.
  const stepOf = new Int32Array(n).fill(-1);
  const starts = steps.map((s) => s.hostStartNs);
  const stepNum = steps.map((s) => Number(s.id));
  for (let e = 0; e < n; e++) {
    const t = Number.isNaN(dev.launchTs[e]!) ? dev.start[e]! : dev.launchTs[e]!;
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid]! <= t) lo = mid + 1;
      else hi = mid;
    }
    const s = lo - 1;
    if (s >= 0 && t < steps[s]!.hostEndNs && Number.isFinite(stepNum[s]!)) stepOf[e] = stepNum[s]!;
  }
  // Wait: per device, in start order across streams.
  const order = new Uint32Array(n).map((_, i) => i);
  order.sort((a, c) => dev.device[a]! - dev.device[c]! || dev.start[a]! - dev.start[c]!);
  let prevDev = -1;
  let prevEnd = NaN;
  for (const e of order) {
    if (dev.device[e] !== prevDev) {
      prevDev = dev.device[e]!;
      prevEnd = NaN;
    }
    k.waitNs[e] = Number.isNaN(prevEnd) ? 0 : Math.max(0, dev.start[e]! - prevEnd);
    prevEnd = Number.isNaN(prevEnd) ? dev.end[e]! : Math.max(prevEnd, dev.end[e]!);
  }
  for (let e = 0; e < n; e++) {
    const track = trace.sliceTracks[dev.track[e]!]!;
    const s = track.slices;
    const i = dev.index[e]!;
    const abs = b1 + dev.start[e]!;
    const us = b0 + Math.floor(abs / 1000);
    k.startUs[e] = us;
    k.startFrac[e] = abs - Math.floor(abs / 1000) * 1000;
    k.durNs[e] = dev.end[e]! - dev.start[e]!;
    const name = trace.strings[s.name[i]!] ?? '';
    const cat = trace.strings[s.cat[i]!] ?? '';
    const kind = DEVICE_KIND_LABEL[dev.kind[e]!] ?? 'other';
    k.name[e] = intern(name);
    k.type[e] = intern(cat || kind);
    k.core[e] = intern(kind);
    k.step[e] = stepOf[e]!;
    const th = track.thread >= 0 ? trace.threads[track.thread] : undefined;
    const streamText = th ? th.tid : '';
    k.stream[e] = /^\d+$/.test(streamText) ? Number(streamText) : -1;
  }
  return k;
}

/** The table's text cells, row by row, from its typed columns and the trace. */
function textRows(trace: TraceModel, dev: DeviceEvents, k: KernelTable): string[][] {
  const rows: string[][] = [];
  for (let e = 0; e < k.length; e++) {
    const track = trace.sliceTracks[dev.track[e]!]!;
    const th = track.thread >= 0 ? trace.threads[track.thread] : undefined;
    const kind = DEVICE_KIND_LABEL[dev.kind[e]!] ?? 'other';
    const p = trace.processes[dev.device[e]!];
    rows.push([
      k.step[e]! >= 0 ? String(k.step[e]) : '',
      p ? (p.labels[0] ?? p.name ?? p.pid) : '',
      th?.name ?? (th ? th.tid : ''),
      k.strings[k.name[e]!] ?? '',
      k.strings[k.type[e]!] ?? '',
      kind,
      usText(k.startUs[e]!, k.startFrac[e]!),
      (k.durNs[e]! / 1000).toFixed(3),
      (k.waitNs[e]! / 1000).toFixed(3),
    ]);
  }
  return rows;
}
