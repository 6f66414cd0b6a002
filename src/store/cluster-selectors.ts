/**
 * What is derived from the cluster state, each memoized: the cluster model (alignment, arrivals,
 * findings, groups, matrix), the placement of the open ranks on the shared axis, and what the
 * timeline reads — `selectTimelineGroups` (one group per open rank, or the active profile alone)
 * and `selectHighlightedSlices` (the chosen collective on every open rank).
 */
import { memoLast } from '../lib/memo-last';
import { buildClusterModel, type ClusterModel } from '../model/cluster/cluster-model';
import type { ClusterOutput } from '../model/cluster/cluster-output';
import { collectiveKey } from '../model/cluster/collectives';
import { axisPlacement } from '../model/cluster/offsets';
import {
  collectivesFromTrace,
  type RankCollective,
  type RankSummary,
} from '../model/cluster/rank-summary';
import type { ProfileModel } from '../model/profile';
import type { ProfileSliceAddress, TraceGroup } from '../model/slice-address';
import type { TraceModel } from '../model/trace-model';
import type { AppState } from './app-store';
import type { ClusterCollectiveRef, ClusterTimelineRank } from './cluster-slice';
import { selectCompareGroups } from './compare-slice';
import { clampWindow } from './viewport-slice';

const traceCollectives = new WeakMap<TraceModel, RankCollective[]>();

/** Exact collectives of a loaded trace (computed once per trace). */
export function collectivesOfTrace(trace: TraceModel): RankCollective[] {
  let c = traceCollectives.get(trace);
  if (!c) traceCollectives.set(trace, (c = collectivesFromTrace(trace)));
  return c;
}

const modelOf = memoLast(
  (
    ranks: RankSummary[],
    output: ClusterOutput | null,
    profiles: Record<string, ProfileModel>,
    open: string[],
    manual: Record<string, string>,
  ): ClusterModel | null => {
    if (ranks.length === 0 && !output) return null;
    const traced = new Map<number, RankCollective[]>();
    const rankOfProfile = new Map(ranks.map((r) => [r.profileId, r.rank]));
    for (const [id, p] of Object.entries(profiles)) {
      const rank = rankOfProfile.get(id);
      if (rank === undefined || !p.trace) continue;
      const c = collectivesOfTrace(p.trace);
      if (c.length > 0) traced.set(rank, c);
    }
    const manualNs = new Map<number, bigint>();
    for (const [k, v] of Object.entries(manual)) {
      try {
        manualNs.set(Number(k), BigInt(v));
      } catch {
        /* not an integer: ignored */
      }
    }
    return buildClusterModel({
      overview: ranks,
      output,
      traced,
      openRanks: open.flatMap((id) => {
        const r = rankOfProfile.get(id);
        return r === undefined ? [] : [r];
      }),
      manualNs,
    });
  },
);

/** The cluster model (alignment, arrivals, findings, groups, matrix); null before the overview. */
export const selectClusterModel = (s: AppState): ClusterModel | null =>
  modelOf(s.clusterRanks, s.clusterOutput, s.profiles, s.clusterOpenRanks, s.clusterManualOffsets);

/** The rank of a profile in the cluster (null when it is not one of its ranks). */
export function rankOfProfile(s: AppState, profileId: string): number | null {
  return s.clusterRanks.find((r) => r.profileId === profileId)?.rank ?? null;
}

/**
 * Placement of the open ranks whose traces are loaded, plus the viewport shifted so that what is
 * on screen stays put when the axis origin moves (a rank added or removed, an offset changed).
 */
export function clusterPlacement(s: AppState): Partial<AppState> {
  const model = selectClusterModel(s);
  const items: { id: string; rank: number; label: string; trace: TraceModel; off: bigint }[] = [];
  for (const id of s.clusterOpenRanks) {
    const p = s.profiles[id];
    const rank = rankOfProfile(s, id);
    if (!p?.trace || rank === null) continue;
    const off = model?.offsets.get(rank)?.effectiveNs ?? 0n;
    const host = p.descriptor.host;
    items.push({ id, rank, label: `rank ${rank}${host ? ` · ${host}` : ''}`, trace: p.trace, off });
  }
  const { originNs, offsets } = axisPlacement(
    items.map((i) => ({ baseNs: i.trace.baseNs, clockOffsetNs: i.off })),
  );
  const clusterTimeline: ClusterTimelineRank[] = items.map((i, k) => ({
    profileId: i.id,
    rank: i.rank,
    label: i.label,
    clockOffsetNs: i.off.toString(),
    axisOffsetNs: offsets[k]!,
  }));
  const patch: Partial<AppState> = {
    clusterTimeline,
    clusterAxisOriginNs: originNs === null ? null : originNs.toString(),
  };
  if (originNs === null) return patch;
  // Keep the window on the same aligned times when the origin moves.
  let end = 1;
  items.forEach((i, k) => (end = Math.max(end, offsets[k]! + i.trace.endNs)));
  const extent = { start: 0, end };
  const prevOrigin = s.clusterAxisOriginNs === null ? null : BigInt(s.clusterAxisOriginNs);
  const shift = prevOrigin === null ? 0 : Number(prevOrigin - originNs);
  const w = s.visibleWindow;
  patch.extent = extent;
  patch.visibleWindow = clampWindow(
    prevOrigin === null ? extent : { start: w.start + shift, end: w.end + shift },
    extent,
  );
  if (s.range && shift !== 0)
    patch.range = { start: s.range.start + shift, end: s.range.end + shift };
  return patch;
}

const groupsOf = memoLast(
  (
    timeline: ClusterTimelineRank[],
    profiles: Record<string, ProfileModel>,
    active: ProfileModel | null,
  ): TraceGroup[] => {
    const groups: TraceGroup[] = [];
    for (const t of timeline) {
      const trace = profiles[t.profileId]?.trace;
      if (trace)
        groups.push({ profileId: t.profileId, trace, offsetNs: t.axisOffsetNs, label: t.label });
    }
    if (groups.length > 0 || !active?.trace) return groups;
    return [
      {
        profileId: active.descriptor.id,
        trace: active.trace,
        offsetNs: 0,
        label: active.descriptor.label,
      },
    ];
  },
);

/**
 * What the timeline shows: one group per rank open on it (aligned on the shared axis), or the
 * active profile alone at offset 0 when no rank is open. The same array while nothing changes.
 */
export const selectTimelineGroups = (s: AppState): TraceGroup[] =>
  // The Compare view's pair, when shown, takes the timeline (store/compare-slice.ts).
  selectCompareGroups(s) ??
  groupsOf(
    s.clusterTimeline,
    s.profiles,
    s.activeProfileId !== null ? (s.profiles[s.activeProfileId] ?? null) : null,
  );

const highlightOf = memoLast(
  (
    c: ClusterCollectiveRef | null,
    timeline: ClusterTimelineRank[],
    profiles: Record<string, ProfileModel>,
  ): ProfileSliceAddress[] => {
    if (!c) return [];
    const key = collectiveKey(c.op, c.seq);
    const out: ProfileSliceAddress[] = [];
    for (const t of timeline) {
      const trace = profiles[t.profileId]?.trace;
      if (!trace) continue;
      const hit = collectivesOfTrace(trace).find((x) => collectiveKey(x.op, x.seq) === key);
      if (hit?.track !== undefined && hit.index !== undefined)
        out.push({ profileId: t.profileId, track: hit.track, index: hit.index });
    }
    return out;
  },
);

/** The chosen collective's slice on every open rank (for the timeline to outline). */
export const selectHighlightedSlices = (s: AppState): ProfileSliceAddress[] =>
  // A compare diff row's item on both sides (store/compare-slice.ts), unless a collective is
  // chosen on ranks open together.
  selectCompareGroups(s) !== null ||
  (s.clusterCollective === null && s.compareHighlights.length > 0)
    ? s.compareHighlights
    : highlightOf(s.clusterCollective, s.clusterTimeline, s.profiles);
