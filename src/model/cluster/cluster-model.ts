/**
 * Everything the cluster view shows, from the per-rank overview summaries, msprof-analyze's
 * cluster output (where the per-rank files lack data), the exact collectives of ranks whose
 * traces are loaded, and the user's manual offsets:
 *
 * - each rank's steps (step_trace_time / analysis.db, else cluster_step_trace_time.csv) and
 *   collectives (trace lanes, exact; else communication.json; else cluster_communication.json);
 * - clock offsets: aligned over the whole cluster from the lowest rank, then refined among the
 *   ranks open on the timeline from their traces alone, so that their relative offsets are exact
 *   ns; plus the manual correction per rank;
 * - arrivals, the slowest rank and divergent step (analyze.ts), the per-collective table, the
 *   communication groups and the merged rank × rank matrix.
 */
import type { CommMatrixRow } from '../ascend-data';
import { alignRanks, collectiveArrivals, type CollectiveArrival } from './align';
import { analyzeCluster, type ClusterFindings } from './analyze';
import type { ClusterOutput } from './cluster-output';
import {
  collectiveIndex,
  collectiveRows,
  type CollectiveIndex,
  type CollectiveRow,
} from './collectives';
import { mergeRankMatrices } from './comm-matrix';
import { clusterGroups, type ClusterGroup } from './groups';
import {
  collectivesFromComm,
  mergeCommDetails,
  reduceMatrixRows,
  type RankCollective,
  type RankSummary,
} from './rank-summary';

export type OffsetSource =
  'reference' | 'trace' | 'communication.json' | 'cluster_communication.json' | 'none';

export interface RankOffset {
  rank: number;
  /** Found automatically (subtract to align), ns. */
  autoNs: bigint;
  /** The user's correction, added to autoNs. */
  manualNs: bigint;
  effectiveNs: bigint;
  /** What the automatic offset was measured from ('none': shares no collective; 0). */
  source: OffsetSource;
  /** The rank it was measured against. */
  via: number | null;
  /** Collectives the median was taken over. */
  pairs: number;
}

export interface ClusterModelInput {
  overview: readonly RankSummary[];
  output: ClusterOutput | null;
  /** Exact collectives (with their slices) per rank whose trace is loaded. */
  traced: ReadonlyMap<number, RankCollective[]>;
  /** Ranks open on the timeline. */
  openRanks: readonly number[];
  manualNs: ReadonlyMap<number, bigint>;
}

export type StepsSource = 'per-rank' | 'cluster' | 'none';

export interface ClusterModel {
  /** Effective per-rank summaries, by rank. */
  ranks: RankSummary[];
  byRank: Map<number, RankSummary>;
  hosts: Map<number, string | null>;
  hostNames: string[];
  refRank: number | null;
  offsets: Map<number, RankOffset>;
  arrivals: CollectiveArrival[];
  collectives: CollectiveRow[];
  index: CollectiveIndex;
  findings: ClusterFindings;
  groups: ClusterGroup[];
  matrix: { rows: CommMatrixRow[]; source: string | null; unmapped: number; remapped: boolean };
  /** Where each rank's steps and collectives came from. */
  stepsFrom: Map<number, StepsSource>;
  collectivesFrom: Map<number, RankCollective['source'] | 'none'>;
  /** The cluster_analysis_output files used, for the source note. */
  output: ClusterOutput | null;
}

const rankOf = (a: RankSummary, b: RankSummary) => a.rank - b.rank;

export function buildClusterModel(input: ClusterModelInput): ClusterModel {
  const out = input.output;
  const outSteps = new Map(out?.steps.map((s) => [s.rank, s.steps]) ?? []);
  const outComm = new Map(out?.comm.map((c) => [c.rank, c.rows]) ?? []);
  const stepsFrom = new Map<number, StepsSource>();
  const collectivesFrom = new Map<number, RankCollective['source'] | 'none'>();
  // The collectives the whole-cluster alignment uses: communication.json's wherever a rank has
  // them (one precision for every rank), the trace's otherwise.
  const coarse = new Map<number, RankCollective[]>();
  const seen = new Set<number>();
  const ranks: RankSummary[] = [];
  const effective = (r: RankSummary): RankSummary => {
    let steps = r.steps;
    let from: StepsSource = steps.length > 0 ? 'per-rank' : 'none';
    if (steps.length === 0 && outSteps.has(r.rank)) {
      steps = outSteps.get(r.rank)!;
      from = 'cluster';
    }
    stepsFrom.set(r.rank, from);
    let comm = r.collectives.filter((c) => c.source !== 'trace');
    if (comm.length === 0 && outComm.has(r.rank))
      comm = collectivesFromComm(outComm.get(r.rank)!, 'cluster_communication.json');
    const exact = input.traced.get(r.rank);
    const own = r.collectives.filter((c) => c.source === 'trace');
    let collectives: RankCollective[];
    if (exact && exact.length > 0) collectives = mergeCommDetails(exact.map(copy), comm);
    else if (own.length > 0) collectives = mergeCommDetails(own.map(copy), comm);
    else collectives = comm;
    coarse.set(r.rank, comm.length > 0 ? comm : collectives);
    collectivesFrom.set(r.rank, coarse.get(r.rank)![0]?.source ?? 'none');
    return { ...r, steps, collectives };
  };
  for (const r of [...input.overview].sort(rankOf)) {
    if (seen.has(r.rank)) continue;
    seen.add(r.rank);
    ranks.push(effective(r));
  }
  // Ranks only msprof-analyze's output knows (their folders were not opened).
  const extra = new Set([...outSteps.keys(), ...outComm.keys()].filter((r) => !seen.has(r)));
  for (const rank of [...extra].sort((a, b) => a - b)) {
    ranks.push(
      effective({
        rank,
        profileId: '',
        path: '',
        host: null,
        steps: [],
        collectives: [],
        groups: [],
      }),
    );
  }
  ranks.sort(rankOf);
  const byRank = new Map(ranks.map((r) => [r.rank, r]));
  const refRank = ranks[0]?.rank ?? null;

  // Offsets: whole cluster from the lowest rank, then exact among the open ranks with traces.
  const all = alignRanks(
    ranks.map((r) => ({ ...r, collectives: coarse.get(r.rank) ?? r.collectives })),
    refRank ?? 0,
  );
  const offsets = new Map<number, RankOffset>();
  const sourceOf = (rank: number): OffsetSource => {
    const c = collectivesFrom.get(rank);
    return c === undefined || c === 'none' ? 'none' : c;
  };
  const coarser = (a: OffsetSource, b: OffsetSource): OffsetSource =>
    a === 'trace' ? b : b === 'trace' || b === 'reference' ? a : a;
  for (const r of ranks) {
    const a = all.get(r.rank);
    const reached = a?.reached ?? false;
    const manualNs = input.manualNs.get(r.rank) ?? 0n;
    const autoNs = a?.offsetNs ?? 0n;
    let source: OffsetSource = 'none';
    if (r.rank === refRank) source = 'reference';
    else if (reached && a?.via !== null && a?.via !== undefined)
      source = coarser(sourceOf(r.rank), sourceOf(a.via));
    offsets.set(r.rank, {
      rank: r.rank,
      autoNs,
      manualNs,
      effectiveNs: autoNs + manualNs,
      source,
      via: reached ? (a?.via ?? null) : null,
      pairs: a?.pairs ?? 0,
    });
  }
  const openTraced = [...new Set(input.openRanks)]
    .filter((r) => byRank.has(r) && (input.traced.get(r)?.length ?? 0) > 0)
    .sort((a, b) => a - b);
  if (openTraced.length >= 2) {
    const anchor = openTraced[0]!;
    const exactOnly = openTraced.map((r) => ({
      ...byRank.get(r)!,
      collectives: byRank.get(r)!.collectives.filter((c) => c.source === 'trace'),
    }));
    const rel = alignRanks(exactOnly, anchor);
    const base = offsets.get(anchor)!.autoNs;
    for (const r of openTraced) {
      const x = rel.get(r);
      if (r === anchor || !x?.reached) continue;
      const o = offsets.get(r)!;
      o.autoNs = base + x.offsetNs;
      o.effectiveNs = o.autoNs + o.manualNs;
      o.source = 'trace';
      o.via = x.via;
      o.pairs = x.pairs;
    }
  }
  const effOffsets = new Map([...offsets].map(([r, o]) => [r, o.effectiveNs]));
  const arrivals = collectiveArrivals(ranks, effOffsets);
  const findings = analyzeCluster(ranks, arrivals);
  const groups = clusterGroups(ranks, out);
  const index = collectiveIndex(ranks);

  let matrix: ClusterModel['matrix'];
  if (out?.matrix.length) {
    matrix = {
      rows: reduceMatrixRows(out.matrix),
      source: out.matrixSource,
      unmapped: 0,
      remapped: false,
    };
  } else {
    const m = mergeRankMatrices(ranks);
    matrix = {
      rows: m.rows,
      source: m.rows.length > 0 ? 'communication_matrix.json' : null,
      unmapped: m.unmapped,
      remapped: m.remapped,
    };
  }
  const hosts = new Map(ranks.map((r) => [r.rank, r.host]));
  return {
    ranks,
    byRank,
    hosts,
    hostNames: [...new Set(ranks.map((r) => r.host).filter((h): h is string => h !== null))],
    refRank,
    offsets,
    arrivals,
    collectives: collectiveRows(arrivals, index, groups),
    index,
    findings,
    groups,
    matrix,
    stepsFrom,
    collectivesFrom,
    output: out,
  };
}

const copy = (c: RankCollective): RankCollective => ({ ...c });

/** Mean step time of a rank over its steps, µs (NaN when it has none). */
export function meanStepTime(r: RankSummary): number {
  let s = 0;
  let n = 0;
  for (const st of r.steps) {
    if (st.stepTimeUs === null || !Number.isFinite(st.stepTimeUs)) continue;
    s += st.stepTimeUs;
    n++;
  }
  return n > 0 ? s / n : NaN;
}

/**
 * The rank to open beside `rank` to compare it with: in its peer group (see peerGroupOf; all
 * ranks when it has none), the fastest rank (smallest mean step time) when `rank` is slower than
 * the group's median, else the slowest. Ranks without a folder cannot be opened and are skipped.
 */
export function partnerRank(
  m: ClusterModel,
  rank: number,
  peers: readonly number[],
): number | null {
  const candidates = peers
    .filter((r) => r !== rank && (m.byRank.get(r)?.profileId ?? '') !== '')
    .map((r) => ({ r, t: meanStepTime(m.byRank.get(r)!) }));
  if (candidates.length === 0) return null;
  const mine = m.byRank.get(rank);
  const all = [...candidates.map((c) => c.t), mine ? meanStepTime(mine) : NaN]
    .filter((t) => Number.isFinite(t))
    .sort((a, b) => a - b);
  const median = all.length > 0 ? all[all.length >> 1]! : NaN;
  const t = mine ? meanStepTime(mine) : NaN;
  const slower = Number.isFinite(t) && Number.isFinite(median) && t > median;
  const known = candidates.filter((c) => Number.isFinite(c.t));
  if (known.length === 0) return [...candidates].sort((a, b) => a.r - b.r)[0]!.r;
  return known.sort((a, b) => (slower ? a.t - b.t : b.t - a.t) || a.r - b.r)[0]!.r;
}
