/**
 * What the cluster views need from one rank: its step breakdown and its collectives. Built from
 * whatever the rank's profile has: step_trace_time / analysis.db steps, and collectives from the
 * trace's communication lanes (exact ns) or, without a trace, from communication.json (µs floats).
 */
import { stepTimeUs } from '../step-time';
import type { CommMatrixRow, CommOpRow, ParallelGroup, StepRow } from '../ascend-data';
import type { ProfileModel } from '../profile';
import type { TraceModel } from '../trace-model';

export interface RankStep {
  step: string;
  /**
   * Step time = Computing + Communication(Not Overlapped) + Free, µs (model/step-time.ts, the same
   * figure as the Steps view); torch_npu's Stage only when the three parts are missing.
   */
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
  /** Time spent moving data, ns, when known (communication.json). */
  transitNs?: number | null;
  /** Step the collective ran in ('' or absent when unknown). */
  step?: string;
  source: 'trace' | 'communication.json' | 'cluster_communication.json';
  /** The collective's slice in the rank's trace (source 'trace'). */
  track?: number;
  index?: number;
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
  /**
   * The rank's communication_matrix.json links (local ranks as written), reduced to each group's
   * `total` aggregate when the file has one (see reduceMatrixRows).
   */
  commMatrix?: CommMatrixRow[];
  /** Per transport: Σ transit size (MB) and time (ms) of communication.json ops ({@link linkTotals}). */
  linkTotals?: LinkTotals;
}

/** Per transport (SDMA, RDMA, …): Σ size MB and Σ time ms over ops that moved data. */
export type LinkTotals = Record<string, { sizeMB: number; timeMs: number }>;

/**
 * A rank's transit totals per transport from its communication.json rows (MA
 * slow_link_analyzer: bandwidth = Σ size ÷ Σ time over the ops with size and time > 0). The
 * slow-link rule reads these, headless and in the browser's Cluster view alike.
 */
export function linkTotals(rows: readonly CommOpRow[]): LinkTotals {
  const out: LinkTotals = {};
  for (const r of rows) {
    for (const [tr, b] of Object.entries(r.bandwidth)) {
      if (!b || !((b.sizeMB ?? 0) > 0) || !((b.timeMs ?? 0) > 0)) continue;
      const t = (out[tr] ??= { sizeMB: 0, timeMs: 0 });
      t.sizeMB += b.sizeMB!;
      t.timeMs += b.timeMs!;
    }
  }
  return out;
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
      stepTimeUs: stepTimeUs({ computing: c, communicationNotOverlapped: n, free: f }) ?? stage,
      computingUs: c,
      commNotOverlappedUs: n,
      freeUs: f,
      preparingUs: num(r.preparing),
    };
  });
}

/** Collectives from communication.json rows (start µs float + elapse ms). */
export function collectivesFromComm(
  rows: readonly CommOpRow[],
  source: 'communication.json' | 'cluster_communication.json' = 'communication.json',
): RankCollective[] {
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
      transitNs: r.transitMs === null ? null : r.transitMs * 1e6,
      step: r.step,
      source,
    });
  }
  return out;
}

/** Collectives from the trace's HCCL / Communication group lanes (exact). */
export function collectivesFromTrace(trace: TraceModel): RankCollective[] {
  const base = BigInt(trace.baseNs);
  const out: RankCollective[] = [];
  for (let ti = 0; ti < trace.sliceTracks.length; ti++) {
    const t = trace.sliceTracks[ti]!;
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
        track: ti,
        index: i,
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
  if (fromTrace.length > 0 && fromComm.length > 0) mergeCommDetails(fromTrace, fromComm);
  return {
    rank: d.rank ?? fallbackRank,
    profileId: d.id,
    path: d.root,
    host: d.host,
    steps: rankSteps(p.ascend.steps ?? []),
    collectives: fromTrace.length > 0 ? fromTrace : fromComm,
    groups: p.ascend.parallelGroups ?? [],
    ...(p.ascend.commMatrix?.length ? { commMatrix: reduceMatrixRows(p.ascend.commMatrix) } : {}),
    ...(p.ascend.communication?.length ? { linkTotals: linkTotals(p.ascend.communication) } : {}),
  };
}

/**
 * Copies wait, transit, step and group hash from communication.json collectives onto the exact
 * ones from the trace (matched by op name and occurrence). Mutates `exact`.
 */
export function mergeCommDetails(
  exact: RankCollective[],
  fromComm: readonly RankCollective[],
): RankCollective[] {
  const byKey = new Map(fromComm.map((c) => [`${c.op}|${c.seq}`, c]));
  for (const c of exact) {
    const m = byKey.get(`${c.op}|${c.seq}`);
    // Without a match, keep what the collective already carries (a second merge with no
    // communication.json must not wipe the waits of the first).
    if (m) {
      c.waitNs = m.waitNs;
      c.transitNs = m.transitNs ?? null;
      if (m.step !== undefined) c.step = m.step;
      // The trace names the lane ("Group 0 Communication"); the group hash matches other files.
      if (m.group) c.group = m.group;
    }
  }
  return exact;
}

const STAT_SUFFIX = /-(top\d*|middle|bottom\d*|total)$/;
const isTotalGroup = (g: string) => g.endsWith('-total') || g === 'Total Op Info';

/**
 * communication_matrix.json lists each group's links several times: for its top / middle /
 * bottom ops (samples) and for the `total` of all its ops. Keeps the `total` rows of a (step,
 * kind, group hash) when there are any; otherwise every op once (the same op's link listed under
 * several samples is kept once).
 */
export function reduceMatrixRows(rows: readonly CommMatrixRow[]): CommMatrixRow[] {
  const hasTotal = new Set<string>();
  for (const r of rows)
    if (isTotalGroup(r.group)) hasTotal.add(`${r.step}|${r.kind}|${r.groupHash}`);
  const seen = new Set<string>();
  const out: CommMatrixRow[] = [];
  for (const r of rows) {
    const gk = `${r.step}|${r.kind}|${r.groupHash}`;
    if (hasTotal.has(gk)) {
      if (isTotalGroup(r.group)) out.push(r);
      continue;
    }
    if (!STAT_SUFFIX.test(r.group)) {
      out.push(r);
      continue;
    }
    const k = `${gk}|${r.op}|${r.src}|${r.dst}|${r.transport}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(r);
  }
  return out;
}
