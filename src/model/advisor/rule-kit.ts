/** Shared pieces of the rules: the rule shape, result builders, evidence rows, formatting. */
import { msg, type Message } from '../../lib/message';
import { stepOf, type AdvisorInputs, type HostEvent, type InputKind } from './advisor-inputs';
import {
  EVIDENCE_LIMIT,
  type EvidenceRow,
  type Finding,
  type IdleGaps,
  type IdleStepRow,
  type Severity,
  type Thresholds,
} from './types';

export interface RuleContext {
  inp: AdvisorInputs;
  th: Thresholds;
  idle: { rows: IdleStepRow[]; gaps: IdleGaps };
  /** Σ step time over the steps (device), ns: the base of severities. */
  totalNs: number;
}

export interface RuleSpec {
  id: string;
  /** What it checks, for the README table and the view. */
  checks: string;
  /** The threshold in words. */
  threshold: string;
  source: string;
  /** Input kinds the rule applies to; others list it as not checked. */
  kinds: readonly InputKind[];
  run(ctx: RuleContext): Finding;
}

/** Share of the total time from which a finding is high / medium. */
const HIGH = 0.05;
const MEDIUM = 0.01;

export function severityOf(timeNs: number, totalNs: number): Severity {
  if (!(totalNs > 0)) return timeNs > 0 ? 'medium' : 'low';
  const r = timeNs / totalNs;
  return r >= HIGH ? 'high' : r >= MEDIUM ? 'medium' : 'low';
}

export function notChecked(rule: string, needs: string, needsMsg: Message): Finding {
  return {
    rule,
    severity: 'not-checked',
    timeNs: 0,
    count: 0,
    title: `Not checked: ${needs}.`,
    titleMsg: msg('findings:not_checked', { needs: { msg: needsMsg } }),
    fix: '',
    needs,
    needsMsg,
    evidence: [],
    evidenceTotal: 0,
  };
}

export function passed(rule: string, title: string, titleMsg: Message): Finding {
  return {
    rule,
    severity: 'ok',
    timeNs: 0,
    count: 0,
    title,
    titleMsg,
    fix: '',
    evidence: [],
    evidenceTotal: 0,
  };
}

export function found(
  ctx: RuleContext,
  f: Omit<Finding, 'severity' | 'evidence' | 'evidenceTotal'> & {
    evidence: EvidenceRow[];
    severity?: Severity;
    /** When `evidence` is already a selection: how many rows there were in all. */
    evidenceTotal?: number;
  },
): Finding {
  const sorted = [...f.evidence].sort((a, b) => b.durNs - a.durNs || a.startNs - b.startNs);
  return {
    ...f,
    severity: f.severity ?? severityOf(f.timeNs, ctx.totalNs),
    evidence: sorted.slice(0, EVIDENCE_LIMIT),
    evidenceTotal: f.evidenceTotal ?? f.evidence.length,
  };
}

/** Host events as evidence rows: each its step, its duration (µs) as the value, no detail. */
export function hostEventRows(inp: AdvisorInputs, events: readonly HostEvent[]): EvidenceRow[] {
  return events.map((e) => sliceRow(e, stepOf(inp.steps, e.startNs), e.durNs / 1000, ''));
}

export function sliceRow(
  e: HostEvent,
  step: string,
  value: number,
  detail: string,
  label = e.name,
): EvidenceRow {
  return {
    label,
    step,
    startNs: e.startNs,
    durNs: e.durNs,
    slice: { track: e.track, index: e.index },
    track: e.track,
    value,
    detail,
  };
}

export function rangeRow(
  label: string,
  step: string,
  startNs: number,
  durNs: number,
  track: number,
  value: number,
  detail: string,
): EvidenceRow {
  return { label, step, startNs, durNs, slice: null, track, value, detail };
}

/** "12.3 ms", "450 µs", "80 ns". */
export function fmtNs(ns: number): string {
  const a = Math.abs(ns);
  if (a >= 1e9) return `${(ns / 1e9).toFixed(2)} s`;
  if (a >= 1e6) return `${(ns / 1e6).toFixed(a >= 1e8 ? 0 : 1)} ms`;
  if (a >= 1e3) return `${(ns / 1e3).toFixed(a >= 1e5 ? 0 : 1)} µs`;
  return `${Math.round(ns)} ns`;
}

export const pct = (r: number) => `${(r * 100).toFixed(1)} %`;

export const sumDur = (es: readonly { durNs: number }[]) => es.reduce((a, e) => a + e.durNs, 0);

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The "needs" of a rule that reads the trace's device tasks. */
export const NO_DEVICE = 'needs device tasks in the trace (Ascend Hardware streams or GPU kernels)';
export const NO_DEVICE_MSG = msg('findings:needs_device');
