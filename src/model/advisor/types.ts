/**
 * The advisor's vocabulary: findings, their evidence, the idle-gap classification. Plain data
 * (numbers, strings, typed arrays) so that a report crosses a worker boundary as it is.
 */
import type { Message } from '../../lib/message';
import type { SliceRef } from '../trace-model';

export type Severity = 'high' | 'medium' | 'low' | 'ok' | 'not-checked';

/** One row of a finding's evidence: a slice (track + exact start/dur) or a time range. */
export interface EvidenceRow {
  /** What the row is (a kernel name, "gap before MatMul", "ProfilerStep#3"…). */
  label: string;
  /** Step id ('' when the profile has no steps or the row belongs to none). */
  step: string;
  /** Timeline ns (relative to trace.baseNs); NaN when the row has no place on the timeline. */
  startNs: number;
  durNs: number;
  /** The slice, when the row is one (its start/dur equal startNs/durNs). */
  slice: SliceRef | null;
  /** The track a range row lies on (a stream), or -1. */
  track: number;
  /** A device task known by its exact start and duration only (kernel_details rows). */
  task?: boolean;
  /** The figure the rule judged (µs, count, ratio…) as a number, and a short detail. */
  value: number;
  detail: string;
  /** `label` / `detail` as interface messages, when they are words rather than data. */
  labelMsg?: Message;
  detailMsg?: Message;
}

export interface Finding {
  /** Stable rule id (see RULES). */
  rule: string;
  severity: Severity;
  /** Time at stake, ns (0 for rules that weigh no time). */
  timeNs: number;
  /** How many occurrences (gaps, kernels, calls, ops…). */
  count: number;
  /** One-sentence diagnosis. */
  title: string;
  /** The suggested fix, as msprof-analyze / HTA word it. */
  fix: string;
  /** For not-checked: what the rule needs ("needs Level1 and aic_metrics"). */
  needs?: string;
  /** `title`, `fix`, `needs` as interface messages (the views render these; the English stays for the headless outputs). */
  titleMsg: Message;
  fixMsg?: Message;
  needsMsg?: Message;
  /** Evidence rows, most telling first (at most EVIDENCE_LIMIT; `evidenceTotal` counts all). */
  evidence: EvidenceRow[];
  evidenceTotal: number;
}

export const EVIDENCE_LIMIT = 500;

/** Idle-gap causes, in the order the breakdown chart stacks them. */
export const IDLE_CAUSES = [
  'host-bound',
  'launch-gap',
  'sync',
  'gc',
  'dataloader',
  'memory',
  'other',
] as const;
export type IdleCause = (typeof IDLE_CAUSES)[number];

export const IDLE_CAUSE_LABELS: Record<IdleCause, string> = {
  'host-bound': 'Host-bound (launched late)',
  'launch-gap': 'Launch gap',
  sync: 'Synchronisation',
  gc: 'Python GC',
  dataloader: 'Dataloader',
  memory: 'Memory allocation',
  other: 'Other',
};

/**
 * Every idle gap of every device stream, as columns. A gap lies between the end of the tasks so
 * far on its stream and the start of the next task (`nextSlice` on `track`).
 */
export interface IdleGaps {
  length: number;
  track: Int32Array;
  startNs: Float64Array;
  endNs: Float64Array;
  /** Index into IDLE_CAUSES. */
  cause: Uint8Array;
  /** Index of the task after the gap, on `track`. */
  nextSlice: Int32Array;
  /** Step of the task after the gap (index into the steps), -1 for none. */
  step: Int32Array;
}

/** Idle time of one stream in one step, split by cause; Σ byCause = idleNs exactly. */
export interface IdleStepRow {
  step: string;
  /** The step's device window, timeline ns (NaN for gaps outside every step). */
  startNs: number;
  endNs: number;
  track: number;
  stream: string;
  idleNs: number;
  byCause: Record<IdleCause, number>;
}

export interface AdvisorReport {
  /** Every rule, ranked: time at stake first, then severity; not-checked and ok last. */
  findings: Finding[];
  idle: { rows: IdleStepRow[]; gaps: IdleGaps } | null;
  /** The thresholds the report was made with. */
  thresholds: Thresholds;
}

export type Thresholds = Record<string, number>;
