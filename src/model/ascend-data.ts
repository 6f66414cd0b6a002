/**
 * Typed views of the Ascend files (kernels, steps, communication, memory, statistics), the same
 * whether they came from the CSV/JSON text export or from the SQLite export. Readers fill
 * `ProfileModel.ascend` with this shape; views and derivations read it.
 *
 * Times: exact absolute timestamps are kept as (µs integer, ns remainder) pairs, like the trace
 * importer, and turned into timeline ns with `trace.baseNs` only when linking.
 */
import type { TextTable } from './profile';

export type AscendSource = 'csv' | 'json' | 'db' | 'trace';

/** One row per device kernel (kernel_details.csv or the db's TASK + COMPUTE_TASK_INFO). */
export interface KernelTable {
  source: AscendSource;
  /** All columns as text, row-aligned with the typed columns (shown by the Kernels view). */
  text: TextTable;
  length: number;
  /** Absolute start: `startUs * 1000 + startFrac` ns since the epoch (exact); NaN when unreadable. */
  startUs: Float64Array;
  startFrac: Uint16Array;
  /** Duration and wait, ns (NaN when missing). */
  durNs: Float64Array;
  waitNs: Float64Array;
  /** Indices into `strings`. */
  name: Uint32Array;
  type: Uint32Array;
  /** Accelerator core (AI_CORE, AI_VECTOR_CORE, MIX_AIC, HCCL…). */
  core: Uint32Array;
  inputShapes: Uint32Array;
  /** Step id, -1 when the file has no Step Id column. */
  step: Int32Array;
  /** Stream id (Level1+ / db), -1 when unknown. */
  stream: Int32Array;
  strings: string[];
}

/** One row of step_trace_time.csv / analysis.db StepTraceTime. Values in µs as in the source. */
export interface StepRow {
  /** Step id as written ('' when the profile has no steps). */
  step: string;
  deviceId: string | null;
  computing: number | null;
  communicationNotOverlapped: number | null;
  overlapped: number | null;
  communication: number | null;
  free: number | null;
  stage: number | null;
  bubble: number | null;
  communicationNotOverlappedExcludeReceive: number | null;
  preparing: number | null;
}

/** One collective / p2p op from communication.json (or analysis.db CommAnalyzerTime). */
export interface CommOpRow {
  step: string;
  kind: 'collective' | 'p2p';
  /** e.g. "hcom_allReduce__271_0_1". */
  op: string;
  /** Group hash / name after the '@'. */
  group: string;
  startUs: number | null;
  elapseMs: number | null;
  transitMs: number | null;
  waitMs: number | null;
  syncMs: number | null;
  idleMs: number | null;
  waitRatio: number | null;
  syncRatio: number | null;
  /** Per transport (RDMA, HCCS, PCIE, SDMA, SIO): size MB, time ms, bandwidth GB/s. */
  bandwidth: Record<
    string,
    {
      sizeMB: number | null;
      timeMs: number | null;
      bandwidthGBs: number | null;
      largePacketRatio: number | null;
    }
  >;
}

/** One link of communication_matrix.json (or CommAnalyzerMatrix). */
export interface CommMatrixRow {
  step: string;
  kind: 'collective' | 'p2p';
  /** e.g. "allreduce-top1". */
  group: string;
  groupHash: string;
  src: number;
  dst: number;
  transport: string;
  sizeMB: number | null;
  timeMs: number | null;
  bandwidthGBs: number | null;
  op: string;
}

/** A memory curve: one component's samples (memory_record / npu_module_mem). */
export interface MemorySeries {
  component: string;
  device: string;
  /** Absolute times (exact pairs) and values in MB (NaN when missing). */
  tsUs: Float64Array;
  tsFrac: Uint16Array;
  allocatedMB: Float64Array;
  reservedMB: Float64Array;
  activeMB: Float64Array;
}

/** One row per torch operator instance (operator_details.csv). Durations in ns, NaN when missing. */
export interface OperatorTable {
  source: AscendSource;
  /** All columns as text (shapes and call stacks with LF line breaks), row-aligned. */
  text: TextTable;
  length: number;
  /** Indices into `strings`. */
  name: Uint32Array;
  /** `;`-separated input shapes, one entry per input (line breaks removed). */
  inputShapes: Uint32Array;
  hostSelfNs: Float64Array;
  hostTotalNs: Float64Array;
  deviceSelfNs: Float64Array;
  deviceTotalNs: Float64Array;
  deviceSelfAiCoreNs: Float64Array;
  deviceTotalAiCoreNs: Float64Array;
  strings: string[];
  /**
   * 1 where the instance has an ancestor op of the same name (its total is inside that one's);
   * set by the trace analysis, derived from row order for operator_details.csv
   * (see model/analysis/operator-nesting.ts).
   */
  nested?: Uint8Array;
}

/** The run's profiler settings (profiler_info[_{rank}].json). */
export interface ProfilerInfo {
  rank: number | null;
  /** `_profiler_level`: Level_none / Level0 / Level1 / Level2. */
  level: string | null;
  /** `_aic_metrics` (decides kernel_details' metric columns), e.g. ACL_AICORE_PIPE_UTILIZATION. */
  aicMetrics: string | null;
  /** `_export_type` as a list (older files write one string). */
  exportType: string[];
  activities: string[];
  l2Cache: boolean | null;
  recordShapes: boolean | null;
  profileMemory: boolean | null;
  withStack: boolean | null;
  /** Newer torch_npu only. */
  torchNpuVersion: string | null;
  cannVersion: string | null;
  /** `end_info.collectionTimeEnd`, exact decimal ns since the epoch. */
  collectionEndNs: string | null;
}

/** One communication group from profiler_metadata.json `parallel_group_info`. */
export interface ParallelGroup {
  /** HCCL group id (the key). */
  id: string;
  /** e.g. "tp", "dp", "pp". */
  name: string;
  groupRank: number | null;
  globalRanks: number[];
}

export interface AscendData {
  kernels?: KernelTable;
  operators?: OperatorTable;
  profilerInfo?: ProfilerInfo;
  parallelGroups?: ParallelGroup[];
  steps?: StepRow[];
  communication?: CommOpRow[];
  commMatrix?: CommMatrixRow[];
  memory?: MemorySeries[];
  moduleMemory?: MemorySeries[];
  /** operator_memory.csv / OP_MEMORY rows as text. */
  operatorMemory?: TextTable;
  /** op_statistic / api_statistic / l2_cache as text tables. */
  statistics?: Record<string, TextTable>;
  /** Where each view's data came from. */
  sources: Partial<Record<keyof Omit<AscendData, 'sources'>, AscendSource>>;
}
