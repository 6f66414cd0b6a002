/**
 * Cluster state: every rank's overview summary (from the small files, loaded in the background),
 * msprof-analyze's cluster output when present, the ranks open on the timeline with the offsets
 * that place them on the shared axis, the user's manual offset per rank, the collective to
 * highlight on every open rank, and the cluster view's choices (metric, group, order…).
 *
 * Plain data, so e2e tests can read it from `window.__viewer.store.getState()`; the derived
 * model (alignment, arrivals, findings) is memoized in `selectClusterModel`.
 *
 * What the timeline reads: `selectTimelineGroups(state)` (one group per open rank, or the active
 * profile alone) and `selectHighlightedSlices(state)` (the chosen collective on every open rank).
 */
import type { StateCreator } from 'zustand';
import type { ClusterMetric } from '../model/cluster/analyze';
import { buildClusterModel, type ClusterModel } from '../model/cluster/cluster-model';
import type { ClusterOutput } from '../model/cluster/cluster-output';
import { collectiveKey } from '../model/cluster/collectives';
import type { RowOrder } from '../model/cluster/heatmap';
import { axisPlacement } from '../model/cluster/offsets';
import {
  collectivesFromTrace,
  type RankCollective,
  type RankSummary,
} from '../model/cluster/rank-summary';
import type { CommMatrixRow } from '../model/ascend-data';
import type { ProfileModel } from '../model/profile';
import type { TraceModel } from '../model/trace-model';
import type { AppState } from './app-store';
import { selectCompareGroups } from './compare-slice';
import { clampWindow } from './viewport-slice';

export type ClusterStatus = 'idle' | 'loading' | 'ready' | 'error';
/** The cross-rank matrix's metric (the Communication view's HeatMetric). */
export type ClusterCommMetric = 'bandwidth' | 'size' | 'time';
/** Heatmap colour: the value itself, or its deviation from the step's median across ranks. */
export type ClusterColorMode = 'value' | 'median';

/** A rank open on the timeline (plain data). */
export interface ClusterTimelineRank {
  profileId: string;
  rank: number;
  label: string;
  /** Clock offset applied (automatic + manual), exact decimal ns: subtracted from its times. */
  clockOffsetNs: string;
  /** Where its trace's ns 0 sits on the shared timeline axis, ns (an exact integer). */
  axisOffsetNs: number;
}

/** A collective by op name and occurrence (the same on every member). */
export interface ClusterCollectiveRef {
  op: string;
  seq: number;
}

/** Same shape as the timeline's TraceGroup (the store does not import the timeline). */
export interface ClusterTraceGroup {
  profileId: string;
  trace: TraceModel;
  offsetNs: number;
  label: string;
}

/** Same shape as the selection slice's SelectedSlice. */
export interface HighlightedSlice {
  profileId: string;
  track: number;
  index: number;
}

export interface ClusterSlice {
  clusterStatus: ClusterStatus;
  /** Ranks summarised so far, while loading. */
  clusterProgress: { done: number; total: number } | null;
  clusterError: string | null;
  /** One summary per rank (small files only). */
  clusterRanks: RankSummary[];
  clusterOutput: ClusterOutput | null;
  /** Every rank's communication_matrix.json, read after the overview. */
  clusterMatrixStatus: ClusterStatus;
  /** Manual clock correction per rank (decimal ns, added to the automatic offset). */
  clusterManualOffsets: Record<string, string>;
  /** Profile ids of the ranks open on the timeline, in the order they were opened. */
  clusterOpenRanks: string[];
  /** The open ranks whose traces are loaded, placed on the shared axis. */
  clusterTimeline: ClusterTimelineRank[];
  /** Aligned absolute ns (reference clock) of the shared axis's 0, decimal; null when none. */
  clusterAxisOriginNs: string | null;
  /** Collective highlighted on every open rank. */
  clusterCollective: ClusterCollectiveRef | null;
  clusterMetric: ClusterMetric;
  clusterColorMode: ClusterColorMode;
  clusterRowOrder: RowOrder;
  /** Group whose ranks the heatmap shows ('' = all ranks). */
  clusterGroup: string;
  /** Ranks picked in the heatmap / table (to open together). */
  clusterSelectedRanks: number[];
  clusterCommGroup: string;
  clusterCommStep: string;
  clusterCommMetric: ClusterCommMetric;
  clusterCommTransport: string;

  resetCluster: () => void;
  startCluster: (total: number) => void;
  setClusterProgress: (done: number, total: number) => void;
  setClusterData: (ranks: RankSummary[], output: ClusterOutput | null) => void;
  failCluster: (error: string) => void;
  setClusterMatrixStatus: (s: ClusterStatus) => void;
  /** Adds each rank's communication_matrix.json rows (by profile id) to its summary. */
  setClusterMatrices: (list: { profileId: string; rows: CommMatrixRow[] }[]) => void;
  /** Sets the open ranks and places their loaded traces on the shared axis. */
  setClusterOpenRanks: (profileIds: string[]) => void;
  /** Recomputes the placement (after a trace was loaded or offsets changed). */
  syncClusterTimeline: () => void;
  /** Manual offset of a rank (ns; null or 0 clears it). */
  setRankManualOffset: (rank: number, ns: bigint | null) => void;
  resetManualOffsets: () => void;
  setClusterCollective: (c: ClusterCollectiveRef | null) => void;
  setClusterView: (
    patch: Partial<
      Pick<
        ClusterSlice,
        | 'clusterMetric'
        | 'clusterColorMode'
        | 'clusterRowOrder'
        | 'clusterGroup'
        | 'clusterCommGroup'
        | 'clusterCommStep'
        | 'clusterCommMetric'
        | 'clusterCommTransport'
      >
    >,
  ) => void;
  /** Toggles a rank in the selection (or selects it alone when `additive` is false). */
  toggleClusterRank: (rank: number, additive: boolean) => void;
  setClusterSelectedRanks: (ranks: number[]) => void;
}

const RESET = {
  clusterStatus: 'idle' as ClusterStatus,
  clusterProgress: null,
  clusterError: null,
  clusterRanks: [],
  clusterOutput: null,
  clusterMatrixStatus: 'idle' as ClusterStatus,
  clusterManualOffsets: {},
  clusterOpenRanks: [],
  clusterTimeline: [],
  clusterAxisOriginNs: null,
  clusterCollective: null,
  clusterGroup: '',
  clusterSelectedRanks: [],
  clusterCommGroup: '',
  clusterCommStep: '',
  clusterCommTransport: '',
} satisfies Partial<ClusterSlice>;

export const createClusterSlice: StateCreator<AppState, [], [], ClusterSlice> = (set, get) => ({
  ...RESET,
  clusterMetric: 'stepTimeUs',
  clusterColorMode: 'median',
  clusterRowOrder: 'rank',
  clusterCommMetric: 'bandwidth',

  resetCluster: () => set({ ...RESET }),
  startCluster: (total) =>
    set({
      clusterStatus: 'loading',
      clusterProgress: { done: 0, total },
      clusterError: null,
      clusterRanks: [],
      clusterOutput: null,
      clusterMatrixStatus: 'idle',
    }),
  setClusterProgress: (done, total) => set({ clusterProgress: { done, total } }),
  setClusterData: (clusterRanks, clusterOutput) => {
    set({ clusterStatus: 'ready', clusterProgress: null, clusterRanks, clusterOutput });
    set(timelinePatch(get()));
  },
  failCluster: (clusterError) =>
    set({ clusterStatus: 'error', clusterProgress: null, clusterError }),
  setClusterMatrixStatus: (clusterMatrixStatus) => set({ clusterMatrixStatus }),
  setClusterMatrices: (list) =>
    set((s) => {
      const by = new Map(list.map((m) => [m.profileId, m.rows]));
      return {
        clusterMatrixStatus: 'ready',
        clusterRanks: s.clusterRanks.map((r) =>
          by.has(r.profileId) ? { ...r, commMatrix: by.get(r.profileId)! } : r,
        ),
      };
    }),
  setClusterOpenRanks: (clusterOpenRanks) => {
    set({ clusterOpenRanks });
    set(timelinePatch(get()));
  },
  syncClusterTimeline: () => set(timelinePatch(get())),
  setRankManualOffset: (rank, ns) => {
    set((s) => {
      const next = { ...s.clusterManualOffsets };
      if (ns === null || ns === 0n) delete next[String(rank)];
      else next[String(rank)] = ns.toString();
      return { clusterManualOffsets: next };
    });
    set(timelinePatch(get()));
  },
  resetManualOffsets: () => {
    set({ clusterManualOffsets: {} });
    set(timelinePatch(get()));
  },
  setClusterCollective: (clusterCollective) => set({ clusterCollective }),
  setClusterView: (patch) => set(patch),
  toggleClusterRank: (rank, additive) =>
    set((s) => {
      const has = s.clusterSelectedRanks.includes(rank);
      if (!additive)
        return { clusterSelectedRanks: has && s.clusterSelectedRanks.length === 1 ? [] : [rank] };
      return {
        clusterSelectedRanks: has
          ? s.clusterSelectedRanks.filter((r) => r !== rank)
          : [...s.clusterSelectedRanks, rank].sort((a, b) => a - b),
      };
    }),
  setClusterSelectedRanks: (ranks) =>
    set({ clusterSelectedRanks: [...new Set(ranks)].sort((a, b) => a - b) }),
});

// ------------------------------------------------------------------ derived

/**
 * Memoizes on the identity of the arguments, remembering the last two calls (the timeline asks
 * with the new and the previous state in turn, and compares the answers by reference).
 */
function memoLast<A extends readonly unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  let cache: { args: A; value: R }[] = [];
  return (...args: A) => {
    const hit = cache.find(
      (c) => c.args.length === args.length && c.args.every((a, i) => a === args[i]),
    );
    if (hit) return hit.value;
    const value = fn(...args);
    cache = [{ args, value }, ...cache.slice(0, 1)];
    return value;
  };
}

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
function timelinePatch(s: AppState): Partial<AppState> {
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
  ): ClusterTraceGroup[] => {
    const groups: ClusterTraceGroup[] = [];
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
export const selectTimelineGroups = (s: AppState): ClusterTraceGroup[] =>
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
  ): HighlightedSlice[] => {
    if (!c) return [];
    const key = collectiveKey(c.op, c.seq);
    const out: HighlightedSlice[] = [];
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
export const selectHighlightedSlices = (s: AppState): HighlightedSlice[] =>
  // A compare diff row's item on both sides (store/compare-slice.ts), unless a collective is
  // chosen on ranks open together.
  selectCompareGroups(s) !== null ||
  (s.clusterCollective === null && s.compareHighlights.length > 0)
    ? s.compareHighlights
    : highlightOf(s.clusterCollective, s.clusterTimeline, s.profiles);
