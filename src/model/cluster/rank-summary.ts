/**
 * What the cluster views need from one rank: its step breakdown and its collectives. Built from
 * whatever the rank's profile has: step_trace_time / analysis.db steps, and collectives from the
 * trace's communication lanes (exact ns) or, without a trace, from communication.json (µs floats).
 */
import type { CommOpRow, ParallelGroup, StepRow } from '../ascend-data';
import type { ProfileModel } from '../profile';
import type { TraceModel } from '../trace-model';

export interface RankStep {
  step: string;
  /** Step time = Computing + Communication(Not Overlapped) + Free (torch_npu's Stage), µs. */
  stepTimeUs: number | null;
  computingUs: number | null;
  commNotOverlappedUs: number | null;
  freeUs: number | null;
  preparingUs: number | null;
}

export interface RankCollective {
  /** Group key shared by all members (group hash / thread name). */
  group: string;
  op: string;
  /** Occurrence of (group, op) on this rank, 0-based: the same collective has the same on all members. */
  seq: number;
  /** Absolute start and end, ns since the epoch on this rank's clock (exact when from the trace). */
  startNs: bigint;
  endNs: bigint;
  /** Time spent waiting for peers, ns, when known (communication.json). */
  waitNs: number | null;
  source: 'trace' | 'communication.json';
}

export interface RankSummary {
  rank: number;
  profileId: string;
  /** Folder of the rank's profile. */
  path: string;
  host: string | null;
  steps: RankStep[];
  collectives: RankCollective[];
  groups: ParallelGroup[];
}

const num = (v: number | null | undefined): number | null =>
  v === null || v === undefined || !Number.isFinite(v) ? null : v;

export function rankSteps(rows: readonly StepRow[]): RankStep[] {
  return rows.map((r) => {
    const c = num(r.computing);
    const n = num(r.communicationNotOverlapped);
    const f = num(r.free);
    const stage = num(r.stage);
    return {
      step: r.step,
      stepTimeUs: stage ?? (c !== null && n !== null && f !== null ? c + n + f : null),
      computingUs: c,
      commNotOverlappedUs: n,
      freeUs: f,
      preparingUs: num(r.preparing),
    };
  });
}

/** Collectives from communication.json rows (start µs float + elapse ms). */
export function collectivesFromComm(rows: readonly CommOpRow[]): RankCollective[] {
  const seen = new Map<string, number>();
  const out: RankCollective[] = [];
  const sorted = [...rows]
    .filter((r) => r.startUs !== null && r.op !== 'Total Op Info')
    .sort((a, b) => a.startUs! - b.startUs!);
  for (const r of sorted) {
    const key = `${r.group}|${r.op}`;
    const seq = seen.get(key) ?? 0;
    seen.set(key, seq + 1);
    const startNs = BigInt(Math.round(r.startUs! * 1000));
    out.push({
      group: r.group,
      op: r.op,
      seq,
      startNs,
      endNs: startNs + BigInt(Math.round((r.elapseMs ?? 0) * 1e6)),
      waitNs: r.waitMs === null ? null : r.waitMs * 1e6,
      source: 'communication.json',
    });
  }
  return out;
}

/** Collectives from the trace's HCCL / Communication group lanes (exact). */
export function collectivesFromTrace(trace: TraceModel): RankCollective[] {
  const base = BigInt(trace.baseNs);
  const out: RankCollective[] = [];
  for (const t of trace.sliceTracks) {
    if (t.kind !== 'thread') continue;
    const p = trace.processes[t.process]!;
    if (p.name !== 'HCCL' && p.name !== 'Communication') continue;
    if (!/Communication$/.test(t.name) && !/^Group /.test(t.name)) continue;
    const seen = new Map<string, number>();
    const s = t.slices;
    for (let i = 0; i < s.length; i++) {
      if (s.depth[i] !== 0) continue;
      const op = trace.strings[s.name[i]!] ?? '';
      const seq = seen.get(op) ?? 0;
      seen.set(op, seq + 1);
      const startNs = base + BigInt(s.start[i]!);
      out.push({
        group: t.name,
        op,
        seq,
        startNs,
        endNs: startNs + BigInt(s.dur[i]!),
        waitNs: null,
        source: 'trace',
      });
    }
  }
  return out;
}

export function rankSummaryOf(p: ProfileModel, fallbackRank: number): RankSummary {
  const d = p.descriptor;
  const fromTrace = p.trace ? collectivesFromTrace(p.trace) : [];
  const fromComm = p.ascend.communication ? collectivesFromComm(p.ascend.communication) : [];
  // Waits come from communication.json; times from the trace when it is there.
  if (fromTrace.length > 0 && fromComm.length > 0) {
    const waits = new Map(fromComm.map((c) => [`${c.op}|${c.seq}`, c.waitNs]));
    for (const c of fromTrace) c.waitNs = waits.get(`${c.op}|${c.seq}`) ?? null;
  }
  return {
    rank: d.rank ?? fallbackRank,
    profileId: d.id,
    path: d.root,
    host: d.host,
    steps: rankSteps(p.ascend.steps ?? []),
    collectives: fromTrace.length > 0 ? fromTrace : fromComm,
    groups: p.ascend.parallelGroups ?? [],
  };
}
