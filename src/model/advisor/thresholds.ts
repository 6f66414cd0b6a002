/**
 * The advisor's thresholds: one table, shown in the Advisor view and editable there. Values are
 * msprof-analyze advisor's (MA msprof_analyze/advisor/…, see docs/analysis-definitions.md §8)
 * unless the source says otherwise.
 */
import type { Thresholds } from './types';

export interface ThresholdSpec {
  key: string;
  /** Rule ids that read it. */
  rules: string[];
  value: number;
  unit: 'ratio' | 'µs' | 'ms' | 'count' | 'MB' | 'bytes';
  label: string;
  source: string;
}

export const THRESHOLD_SPECS: readonly ThresholdSpec[] = [
  {
    key: 'freeRatio',
    rules: ['free-time'],
    value: 0.1,
    unit: 'ratio',
    label: 'Device free time above this share of the step',
    source: 'MA overall_summary_analyzer (Free > 10 % of E2E); MSI best practice',
  },
  {
    key: 'launchGapUs',
    rules: ['idle-cause'],
    value: 30,
    unit: 'µs',
    label: 'A gap shorter than this between back-to-back launched tasks is a launch gap',
    source: 'HTA consecutive_kernel_delay (30, in the trace unit: µs)',
  },
  {
    key: 'aicpuUs',
    rules: ['aicpu'],
    value: 20,
    unit: 'µs',
    label: 'AI CPU tasks longer than',
    source: 'MA aicpu_checker; MSI AICpuOpAdvisor (> 20 µs)',
  },
  {
    key: 'opCompileCount',
    rules: ['op-compile'],
    value: 20,
    unit: 'count',
    label: 'aclopCompileAndExecute calls, at least',
    source: 'MA timeline_op_dispatch_analyzer MAX_OP_COMPILE_NUM',
  },
  {
    key: 'syncAfterLaunchRatio',
    rules: ['sync-after-launch'],
    value: 0.5,
    unit: 'ratio',
    label: 'Share of launches followed at once by a stream synchronize, above',
    source: 'MA synchronize_stream_checker',
  },
  {
    key: 'gcUs',
    rules: ['gc'],
    value: 1000,
    unit: 'µs',
    label: 'GC events at least this long',
    source: 'MA gc_checker, rules/en/gc.yaml',
  },
  {
    key: 'gcSuspectedFreeMs',
    rules: ['gc-suspected'],
    value: 200,
    unit: 'ms',
    label: 'Free gaps longer than this with almost no host API activity',
    source: 'MA conjectured_gc_checker (FREE_DURATION_FOR_GC_ANALYSIS)',
  },
  {
    key: 'gcSuspectedApiTimeRatio',
    rules: ['gc-suspected'],
    value: 0.01,
    unit: 'ratio',
    label: 'Host API time ÷ free time below',
    source: 'MA conjectured_gc_checker',
  },
  {
    key: 'gcSuspectedApiPerUs',
    rules: ['gc-suspected'],
    value: 0.0001,
    unit: 'ratio',
    label: 'Host API calls per µs of free time below',
    source: 'MA conjectured_gc_checker',
  },
  {
    key: 'dataloaderUs',
    rules: ['dataloader'],
    value: 10000,
    unit: 'µs',
    label: 'Dataloader calls at least this long',
    source: 'MA dataloader_checker, rules/en/dataloader.yaml',
  },
  {
    key: 'memoryOpsUs',
    rules: ['memory-ops'],
    value: 10000,
    unit: 'µs',
    label: 'Total time of one memory API at least',
    source: 'MA memory_checker, rules/en/memory.yaml',
  },
  {
    key: 'aiCoreNum',
    rules: ['block-dim'],
    value: 0,
    unit: 'count',
    label: 'AI Cores of the chip (0 = read from info.json ai_core_num when the folder has it)',
    source: 'MA block_dim_checker (info.json under PROF_*/device_*)',
  },
  {
    key: 'aivNum',
    rules: ['block-dim'],
    value: 0,
    unit: 'count',
    label: 'AI Vector cores of the chip (0 = read from info.json aiv_num when the folder has it)',
    source: 'MA block_dim_checker',
  },
  {
    key: 'aicoreFreqRatio',
    rules: ['aicore-freq'],
    value: 0.05,
    unit: 'ratio',
    label: 'Mean frequency drop below the maximum, at least',
    source: 'MA ai_core_freq_checker, config.ini frequency_threshold',
  },
  {
    key: 'sdmaSmallMB',
    rules: ['small-packets'],
    value: 16,
    unit: 'MB',
    label: 'SDMA transfers smaller than this are small',
    source: 'MA packet_checker, rules/en/packet.yaml',
  },
  {
    key: 'rdmaSmallMB',
    rules: ['small-packets'],
    value: 1,
    unit: 'MB',
    label: 'RDMA transfers smaller than this are small',
    source: 'MA packet_checker',
  },
  {
    key: 'smallPacketRatio',
    rules: ['small-packets'],
    value: 0.2,
    unit: 'ratio',
    label: 'Share of small transfers above',
    source: 'MA packet_checker',
  },
  {
    key: 'alignmentBytes',
    rules: ['byte-alignment'],
    value: 512,
    unit: 'bytes',
    label: 'SDMA transfer sizes should be a multiple of',
    source: 'MA byte_alignment_checker',
  },
  {
    key: 'slowLinkRatio',
    rules: ['slow-link'],
    value: 0.05,
    unit: 'ratio',
    label: 'Bandwidth spread (max − min) ÷ mean across ranks above',
    source: 'MA slow_link_analyzer / cluster_dataset (rank selection test)',
  },
];

export const DEFAULT_THRESHOLDS: Thresholds = Object.fromEntries(
  THRESHOLD_SPECS.map((s) => [s.key, s.value]),
);

/** Defaults with the overrides that are finite numbers applied. */
export function withDefaults(over: Partial<Thresholds> = {}): Thresholds {
  const out = { ...DEFAULT_THRESHOLDS };
  for (const [k, v] of Object.entries(over))
    if (k in out && typeof v === 'number' && Number.isFinite(v)) out[k] = v;
  return out;
}
