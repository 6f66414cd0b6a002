/**
 * Rules about time the device spends waiting: free time per step and the causes of idle gaps.
 * Thresholds and wording: msprof-analyze advisor and HTA's idle-time analysis
 * (docs/analysis-definitions.md §7, §8).
 */
import { msg, type Message } from '../../lib/message';
import { stepOf } from './advisor-inputs';
import {
  found,
  fmtNs,
  NO_DEVICE,
  NO_DEVICE_MSG,
  notChecked,
  passed,
  pct,
  plural,
  rangeRow,
  type RuleSpec,
} from './rule-kit';
import {
  EVIDENCE_LIMIT,
  IDLE_CAUSES,
  IDLE_CAUSE_LABELS,
  type EvidenceRow,
  type IdleCause,
} from './types';

/** The idle causes' names (advisor namespace, as the views' legend names them). */
export const IDLE_CAUSE_MSG: Record<IdleCause, Message> = {
  'host-bound': msg('advisor:cause_host_bound'),
  'launch-gap': msg('advisor:cause_launch_gap'),
  sync: msg('advisor:cause_sync'),
  gc: msg('advisor:cause_gc'),
  dataloader: msg('advisor:cause_dataloader'),
  memory: msg('advisor:cause_memory'),
  other: msg('advisor:cause_misc'),
};

export const freeTime: RuleSpec = {
  id: 'free-time',
  checks: 'Device free time per step (Free lane, or gaps of all device tasks)',
  threshold: 'free > 10 % of the step',
  source: 'MA overall_summary_analyzer; MSI best practice',
  kinds: ['ascend', 'kineto'],
  run(ctx) {
    const { inp, th } = ctx;
    if (inp.streams.length === 0) return notChecked(this.id, NO_DEVICE, NO_DEVICE_MSG);
    const bad = inp.steps.filter((s) => s.stepNs > 0 && s.freeNs / s.stepNs > th['freeRatio']!);
    const totalFree = inp.steps.reduce((a, s) => a + s.freeNs, 0);
    const total = inp.steps.reduce((a, s) => a + s.stepNs, 0);
    if (bad.length === 0)
      return passed(
        this.id,
        `Device free time is ${pct(total > 0 ? totalFree / total : 0)} of the step time.`,
        msg('findings:free_ok', { ratio: { ratio: total > 0 ? totalFree / total : 0 } }),
      );
    const freeNs = bad.reduce((a, s) => a + s.freeNs, 0);
    const badNs = bad.reduce((a, s) => a + s.stepNs, 0);
    const inBad = (ts: number) => bad.some((s) => s.startNs <= ts && ts < s.endNs);
    const evidence: EvidenceRow[] = inp.free
      .filter((f) => inBad(f.startNs))
      .map((f) => {
        const step = stepOf(inp.steps, f.startNs);
        const d = f.endNs - f.startNs;
        return f.slice
          ? {
              label: 'Free',
              step,
              startNs: f.startNs,
              durNs: d,
              slice: f.slice,
              track: f.slice.track,
              value: d / 1000,
              detail: 'Free lane',
              detailMsg: msg('findings:ev_free_lane'),
            }
          : {
              ...rangeRow(
                'device idle',
                step,
                f.startNs,
                d,
                -1,
                d / 1000,
                'no device task on any stream',
              ),
              labelMsg: msg('findings:ev_device_idle'),
              detailMsg: msg('findings:ev_no_device_task'),
            };
      });
    return found(ctx, {
      rule: this.id,
      timeNs: freeNs,
      count: bad.length,
      title: `The device is free ${pct(freeNs / badNs)} of the time in ${plural(bad.length, 'step')} of ${inp.steps.length} (${fmtNs(freeNs)}).`,
      titleMsg: msg('findings:free_title', {
        ratio: { ratio: freeNs / badNs },
        count: bad.length,
        steps: inp.steps.length,
        time: { ns: freeNs },
      }),
      fix: 'Keep Free at about 10 % or less: see idle-cause for what the device waits on (host dispatch, synchronisation, GC, dataloader); reduce host overhead with fused / affinity APIs or graph mode.',
      fixMsg: msg('findings:free_fix'),
      evidence,
    });
  },
};

const CAUSE_FIX: Record<IdleCause, string> = {
  'host-bound':
    'the host launches too late: reduce Python and dispatch overhead (fused ops, larger kernels, graph mode / CUDA graphs)',
  'launch-gap': 'short gaps between back-to-back launches: fuse small kernels',
  sync: 'remove host synchronisations in the loop (stream synchronize, .item(), .cpu())',
  gc: 'tune Python GC (gc.set_threshold, gc.freeze, collect between steps)',
  dataloader: 'speed up data loading (num_workers, pin_memory, prefetch)',
  memory: 'avoid allocator churn (expandable_segments:True, no empty_cache)',
  other: 'event waits and cross-stream dependencies: check the streams the task waits on',
};
const CAUSE_FIX_MSG: Record<IdleCause, Message> = {
  'host-bound': msg('findings:cause_fix_host_bound'),
  'launch-gap': msg('findings:cause_fix_launch_gap'),
  sync: msg('findings:cause_fix_sync'),
  gc: msg('findings:cause_fix_gc'),
  dataloader: msg('findings:cause_fix_dataloader'),
  memory: msg('findings:cause_fix_memory'),
  other: msg('findings:cause_fix_misc'),
};

const HOST_CAUSES: IdleCause[] = ['host-bound', 'sync', 'gc', 'dataloader', 'memory'];

export const idleCause: RuleSpec = {
  id: 'idle-cause',
  checks:
    'Every idle gap of every device stream, classified per step: host-bound, launch gap, synchronisation, GC, dataloader, memory allocation, other',
  threshold: 'launch gap < 30 µs; reported when host-side causes hold idle time',
  source: 'HTA idle_time_breakdown; MA free_analysis',
  kinds: ['ascend', 'kineto'],
  run(ctx) {
    const { inp, idle } = ctx;
    if (inp.streams.length === 0) return notChecked(this.id, NO_DEVICE, NO_DEVICE_MSG);
    const by = Object.fromEntries(IDLE_CAUSES.map((c) => [c, 0])) as Record<IdleCause, number>;
    let total = 0;
    for (const r of idle.rows) {
      total += r.idleNs;
      for (const c of IDLE_CAUSES) by[c] += r.byCause[c];
    }
    const hostNs = HOST_CAUSES.reduce((a, c) => a + by[c], 0);
    if (total === 0)
      return passed(
        this.id,
        'No idle gaps on the device streams.',
        msg('advisor:no_idle_gaps_on_the_device'),
      );
    const top = [...IDLE_CAUSES].sort((a, b) => by[b] - by[a]).filter((c) => by[c] > 0);
    const g = idle.gaps;
    const names = new Map(inp.streams.map((d) => [d.track, d.name]));
    const evidence: EvidenceRow[] = [];
    // Rows for the longest gaps only (there may be millions).
    const order = Array.from({ length: g.length }, (_, i) => i);
    order.sort((a, b) => g.endNs[b]! - g.startNs[b]! - (g.endNs[a]! - g.startNs[a]!));
    for (const i of order.slice(0, EVIDENCE_LIMIT)) {
      const c = IDLE_CAUSES[g.cause[i]!]!;
      const d = g.endNs[i]! - g.startNs[i]!;
      evidence.push({
        ...rangeRow(
          `${IDLE_CAUSE_LABELS[c]}`,
          inp.steps[g.step[i]!]?.step ?? '',
          g.startNs[i]!,
          d,
          g.track[i]!,
          d / 1000,
          names.get(g.track[i]!) ?? '',
        ),
        labelMsg: IDLE_CAUSE_MSG[c],
      });
    }
    const parts = top.slice(0, 3).map((c) => `${IDLE_CAUSE_LABELS[c]} ${fmtNs(by[c])}`);
    return found(ctx, {
      rule: this.id,
      timeNs: hostNs,
      count: g.length,
      severity: hostNs === 0 ? 'low' : undefined,
      title: `Device streams sit idle ${fmtNs(total)} in ${plural(g.length, 'gap')}, ${fmtNs(hostNs)} of it waiting on the host: ${parts.join(', ')}.`,
      titleMsg: msg('findings:idle_title', {
        total: { ns: total },
        count: g.length,
        host: { ns: hostNs },
        parts: {
          list: top
            .slice(0, 3)
            .map((c) =>
              msg('findings:idle_part', { cause: { msg: IDLE_CAUSE_MSG[c] }, time: { ns: by[c] } }),
            ),
        },
      }),
      fix:
        top
          .slice(0, 2)
          .map((c) => CAUSE_FIX[c])
          .join('; ') + '.',
      fixMsg: msg('findings:sentence', {
        text: { list: top.slice(0, 2).map((c) => CAUSE_FIX_MSG[c]), sep: 'semicolon' },
      }),
      evidence,
      evidenceTotal: g.length,
    });
  },
};
