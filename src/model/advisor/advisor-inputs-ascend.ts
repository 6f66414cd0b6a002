/**
 * The Ascend-only part of the advisor's input adapter (see advisor-inputs.ts): kernel_details
 * rows, the AI Core Freq counter, profiler_info / profiler_metadata settings, communication.json
 * rows linked to their hcom slices, and the HCCL plane tasks whose args hold transfer sizes.
 */
import type { CommOpRow, KernelTable } from '../ascend-data';
import type { ProfileModel } from '../profile';
import type { TraceModel } from '../trace-model';
import { baseParts } from '../ascend/base-ns';
import { kernelStartNs } from '../ascend/kernel-link';
import type {
  AdvisorInputs,
  DeviceStream,
  HcclTask,
  HostEvent,
  KernelRow,
  StepWindow,
} from './advisor-inputs';
import { stepOf } from './step-of';

function processTracks(t: TraceModel, p: number): number[] {
  const out: number[] = [];
  for (const ti of t.processes[p]!.threads) {
    const th = t.threads[ti]!;
    if (th.track >= 0) out.push(th.track);
    if (th.overflowTrack >= 0) out.push(th.overflowTrack);
  }
  return out;
}

const col = (k: KernelTable, names: string[]) => {
  for (const n of names) {
    const i = k.text.header.indexOf(n);
    if (i >= 0) return i;
  }
  return -1;
};

/**
 * The Kernels view's rows when they come from kernel_details or the profiler db (the columns the
 * device rules read: Accelerator Core, Block Dim, input types); null for a table derived from the
 * trace, which has none of them (the rules then say what they need).
 */
export function kernelRows(
  kernels: { table: KernelTable } | null,
  t: TraceModel | null,
  steps: StepWindow[],
  streams: DeviceStream[],
): KernelRow[] | null {
  const k = kernels?.table;
  if (!k || k.source === 'trace') return null;
  const bd = col(k, ['Block Dim', 'Block Num']);
  const mbd = col(k, ['Mix Block Dim', 'Mix Block Num']);
  const it = col(k, ['Input Data Types']);
  const trackOfStream = new Map<number, number>();
  for (const d of streams) {
    const m = /^Stream (\d+)$/.exec(d.name);
    if (m) trackOfStream.set(Number(m[1]), d.track);
  }
  const rows: KernelRow[] = [];
  const base = t?.baseNs ?? null;
  for (let i = 0; i < k.length; i++) {
    const cells = k.text.rows[i] ?? [];
    const startNs = base !== null ? kernelStartNs(k, i, base) : NaN;
    rows.push({
      name: k.strings[k.name[i]!] ?? '',
      core: k.strings[k.core[i]!] ?? '',
      startNs,
      durNs: k.durNs[i]!,
      step: k.step[i]! >= 0 ? String(k.step[i]) : stepOf(steps, startNs),
      track: trackOfStream.get(k.stream[i]!) ?? -1,
      blockDim: bd >= 0 ? Number(cells[bd] ?? NaN) : NaN,
      mixBlockDim: mbd >= 0 ? Number(cells[mbd] ?? NaN) : NaN,
      inputTypes: it >= 0 ? (cells[it] ?? '') : '',
    });
  }
  return rows;
}

/** Step id whose window holds ts ('' when none). */
export function freqCounter(t: TraceModel): AdvisorInputs['freq'] {
  const c = t.counters.find((x) => x.name === 'AI Core Freq' && x.series.length > 0);
  if (!c) return null;
  return { ts: c.ts.slice(), value: c.series[0]!.values.slice() };
}

export function gcDetectOf(p: ProfileModel): boolean | null {
  const info = p.json['profiler_info.json'];
  if (!info || typeof info !== 'object') return null;
  const cfg = (info as Record<string, unknown>)['config'] as Record<string, unknown> | undefined;
  const exp = cfg?.['experimental_config'] as Record<string, unknown> | undefined;
  if (!exp || !('_gc_detect_threshold' in exp)) return false;
  const v = exp['_gc_detect_threshold'];
  return v !== null && v !== undefined && v !== false;
}

/** The hcom slice of each communication.json row: same name, start within 2 µs. */
export function commRowSlices(
  t: TraceModel | null,
  rows: CommOpRow[] | undefined,
  slices: HostEvent[],
) {
  if (!rows) return [];
  if (!t) return rows.map(() => null);
  const [bUs, bFrac] = baseParts(t.baseNs);
  const byName = new Map<string, HostEvent[]>();
  for (const s of slices) {
    let l = byName.get(s.name);
    if (!l) byName.set(s.name, (l = []));
    l.push(s);
  }
  return rows.map((r) => {
    if (r.startUs === null) return null;
    const ts = (r.startUs - bUs) * 1000 - bFrac;
    let best: HostEvent | null = null;
    for (const s of byName.get(r.op) ?? [])
      if (
        Math.abs(s.startNs - ts) <= 2000 &&
        (!best || Math.abs(s.startNs - ts) < Math.abs(best.startNs - ts))
      )
        best = s;
    return best;
  });
}

export function envOf(p: ProfileModel): Record<string, string> | null {
  const m = p.json['profiler_metadata.json'];
  if (!m || typeof m !== 'object') return null;
  const env = (m as Record<string, unknown>)['ENV_VARIABLES'];
  if (!env || typeof env !== 'object') return null;
  return Object.fromEntries(
    Object.entries(env as Record<string, unknown>).map(([k, v]) => [
      k,
      typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '',
    ]),
  );
}

export function hcclTasksOf(t: TraceModel): HcclTask[] | null {
  const out: HcclTask[] = [];
  let any = false;
  t.processes.forEach((p, pi) => {
    if (p.name !== 'HCCL' && p.name !== 'Communication') return;
    any = true;
    for (const track of processTracks(t, pi)) {
      const s = t.sliceTracks[track]!.slices;
      for (let i = 0; i < s.length; i++) {
        const name = t.strings[s.name[i]!] ?? '';
        if (!/^(Memcpy|Reduce)/.test(name) || s.args[i]! < 0) continue;
        out.push({
          startNs: s.start[i]!,
          durNs: s.dur[i]!,
          slice: { track, index: i },
          name,
          args: s.args[i]!,
        });
      }
    }
  });
  return any ? out : null;
}

/** Reads the args of slices (the caller knows where args live: arena or source file). */
