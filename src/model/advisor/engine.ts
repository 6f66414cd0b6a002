/**
 * The advisor's rule engine: one table of rules (RULES), run on AdvisorInputs with a set of
 * thresholds. Pure and worker-safe: the import worker extracts the inputs once and runs the
 * rules; a change of thresholds runs them again on the same inputs.
 */
import { msg, type Message } from '../../lib/message';
import type { AdvisorInputs } from './advisor-inputs';
import { classifyIdle } from './idle';
import type { RuleContext, RuleSpec } from './rule-kit';
import { notChecked } from './rule-kit';
import { aicoreFreq, aicpu, blockDim } from './rules-device';
import { byteAlignment, smallPackets } from './rules-comm';
import { affinityApi, affinityOptimizer, env } from './rules-api';
import {
  dataloader,
  gc,
  gcSuspected,
  memoryOps,
  opCompile,
  syncAfterLaunch,
} from './rules-schedule';
import { freeTime, idleCause } from './rules-idle';
import { withDefaults } from './thresholds';
import type { AdvisorReport, Finding, Severity, Thresholds } from './types';

/** Every per-profile rule, in the order they are listed when nothing else decides. */
export const RULES: readonly RuleSpec[] = [
  freeTime,
  idleCause,
  aicpu,
  opCompile,
  syncAfterLaunch,
  gc,
  gcSuspected,
  dataloader,
  memoryOps,
  affinityApi,
  affinityOptimizer,
  blockDim,
  aicoreFreq,
  smallPackets,
  byteAlignment,
  env,
];

const SEVERITY_ORDER: Record<Severity, number> = {
  high: 0,
  medium: 1,
  low: 2,
  ok: 3,
  'not-checked': 4,
};

/** Findings first (time at stake, then severity), then passed rules, then rules not checked. */
export function rankFindings(fs: readonly Finding[]): Finding[] {
  const group = (f: Finding) => (f.severity === 'not-checked' ? 2 : f.severity === 'ok' ? 1 : 0);
  return [...fs].sort(
    (a, b) =>
      group(a) - group(b) ||
      b.timeNs - a.timeNs ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      b.count - a.count ||
      a.rule.localeCompare(b.rule),
  );
}

const KIND_NEEDS: Record<AdvisorInputs['kind'], string> = {
  ascend: 'an Ascend profile',
  kineto: 'a PyTorch/Kineto GPU trace',
  trace: 'a profiler trace (Ascend or Kineto)',
};
const KIND_MSG: Record<AdvisorInputs['kind'], Message> = {
  ascend: msg('findings:kind_ascend'),
  kineto: msg('findings:kind_kineto'),
  trace: msg('findings:kind_trace'),
};

function needsKinds(kinds: readonly AdvisorInputs['kind'][]): Message {
  const [a, ...rest] = kinds.map((k) => KIND_MSG[k]);
  return rest.length === 0
    ? msg('findings:needs_kind', { kind: { msg: a! } })
    : msg('findings:needs_kind_or', { a: { msg: a! }, b: { list: rest } });
}

export function runAdvisor(inp: AdvisorInputs, over: Partial<Thresholds> = {}): AdvisorReport {
  const th = withDefaults(over);
  const idle = classifyIdle(inp, th);
  const ctx: RuleContext = {
    inp,
    th,
    idle,
    totalNs: inp.steps.reduce((a, s) => a + s.stepNs, 0),
  };
  const findings = RULES.map((r) => {
    if (!r.kinds.includes(inp.kind))
      return notChecked(
        r.id,
        `needs ${r.kinds.map((k) => KIND_NEEDS[k]).join(' or ')}`,
        needsKinds(r.kinds),
      );
    try {
      return r.run(ctx);
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      return notChecked(r.id, `failed: ${error}`, msg('findings:failed', { error }));
    }
  });
  return { findings: rankFindings(findings), idle, thresholds: th };
}

/** The headless form: `{rule, severity, timeNs, count, title[, needs]}` in rank order. */
export interface AdviceSummary {
  rule: string;
  severity: Severity;
  timeNs: number;
  count: number;
  title: string;
  needs?: string;
}

export function adviceSummary(
  r: AdvisorReport | { findings: readonly Finding[] },
): AdviceSummary[] {
  return r.findings.map((f) => ({
    rule: f.rule,
    severity: f.severity,
    timeNs: f.timeNs,
    count: f.count,
    title: f.title,
    ...(f.needs !== undefined ? { needs: f.needs } : {}),
  }));
}
