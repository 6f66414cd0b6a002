/**
 * Cluster state: every rank's overview summary (from the small files, loaded in the background),
 * msprof-analyze's cluster output when present, the ranks open on the timeline with the offsets
 * that place them on the shared axis, the user's manual offset per rank, the collective to
 * highlight on every open rank, and the cluster view's choices (metric, group, order…).
 *
 * Plain data, so e2e tests can read it from `window.__viewer.store.getState()`; what is derived
 * from it (the cluster model, the placement, the timeline's groups) is in cluster-selectors.ts.
 */
import type { StateCreator } from 'zustand';
import type { ClusterMetric } from '../model/cluster/analyze';
import type { ClusterOutput } from '../model/cluster/cluster-output';
import type { RowOrder } from '../model/cluster/heatmap';
import type { RankSummary } from '../model/cluster/rank-summary';
import type { CommMatrixRow } from '../model/ascend-data';
import type { HeatMetric } from '../model/derive/comm-heatmap';
import type { AppState } from './app-store';
import { clusterPlacement } from './cluster-selectors';

export type ClusterStatus = 'idle' | 'loading' | 'ready' | 'error';
/** The cross-rank matrix's metric (the Communication view's). */
export type ClusterCommMetric = HeatMetric;
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
  /** Manual offsets of every rank at once (a shared link's), by rank. */
  setManualOffsets: (offsets: Record<string, string>) => void;
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
    set(clusterPlacement(get()));
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
    set(clusterPlacement(get()));
  },
  syncClusterTimeline: () => set(clusterPlacement(get())),
  setRankManualOffset: (rank, ns) => {
    set((s) => {
      const next = { ...s.clusterManualOffsets };
      if (ns === null || ns === 0n) delete next[String(rank)];
      else next[String(rank)] = ns.toString();
      return { clusterManualOffsets: next };
    });
    set(clusterPlacement(get()));
  },
  resetManualOffsets: () => {
    set({ clusterManualOffsets: {} });
    set(clusterPlacement(get()));
  },
  setManualOffsets: (clusterManualOffsets) => {
    set({ clusterManualOffsets });
    set(clusterPlacement(get()));
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
