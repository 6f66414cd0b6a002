/**
 * What msprof-analyze's `cluster_analysis_output/` gave (cluster_step_trace_time.csv,
 * cluster_communication.json, cluster_communication_matrix.json, communication_group.json,
 * cluster_analysis.db), in the shapes the per-rank files give. Filled by import/cluster; the
 * cluster model uses it where the per-rank files are missing.
 */
import type { CommMatrixRow, CommOpRow } from '../ascend-data';
import type { RankStep } from './rank-summary';

export interface ClusterOutputFile {
  path: string;
  /** cluster_step_trace_time.csv, cluster_communication.json, … */
  kind: string;
  status: 'read' | 'failed' | 'skipped';
  /** What it gave ("8 ranks × 3 steps") or why it failed. */
  note: string;
}

/** A communication group as msprof-analyze lists it (communication_group.json / db). */
export interface ClusterCommGroup {
  type: 'collective' | 'p2p';
  ranks: number[];
  /** Group hash (the `@…` suffix of op keys), when known. */
  hash: string | null;
  /** Parallel group name (pg_name: tp, dp, pp…), when known. */
  name: string | null;
  /** HCCL group id (profiler_metadata's parallel_group_info key), when known. */
  id: string | null;
}

export interface ClusterOutput {
  files: ClusterOutputFile[];
  /** Step breakdown per rank (rows of Type = rank). */
  steps: { rank: number; steps: RankStep[] }[];
  stepsSource: string | null;
  /** Collective / p2p ops per rank (as communication.json rows). */
  comm: { rank: number; rows: CommOpRow[] }[];
  commSource: string | null;
  /** Links between global ranks. */
  matrix: CommMatrixRow[];
  matrixSource: string | null;
  groups: ClusterCommGroup[];
  groupsSource: string | null;
}

export function emptyClusterOutput(): ClusterOutput {
  return {
    files: [],
    steps: [],
    stepsSource: null,
    comm: [],
    commSource: null,
    matrix: [],
    matrixSource: null,
    groups: [],
    groupsSource: null,
  };
}
