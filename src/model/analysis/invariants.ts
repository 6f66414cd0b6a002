/**
 * Cross-view invariants, checked on every profile after import (cheap: linear in the trace) and
 * by the invariant test suite. Each failure is a warning with a code (`check_*`), a count and an
 * example, shown in the Import report and in `summarize`'s `checks`:
 * - check_kernel_total: the Kernels table's total equals the summed duration of the same slices;
 * - check_operator_device: no operator's device time (grouped by name) exceeds the summed kernel
 *   time it is part of;
 * - check_operator_host: no single operator call is longer than the capture;
 * - check_step_busy: per step, device busy ≤ the device step, and Computing + exposed
 *   communication + Free = the device step;
 * - check_overview_shares: Overview shares are within 0..100 % and busy fits in the capture;
 * - check_extent: the timeline extent [0, end] contains every slice, counter sample, instant and
 *   flow end.
 */
import { detail, msg, type Detail } from '../../lib/message';
import { computeOperatorStats, overviewFiguresCached } from '../ascend/overview';
import type { ProfileModel } from '../profile';
import type { TraceModel, TraceWarning } from '../trace-model';
import { analyzeProfile } from './analyze';

/** Absolute slack for float µs sources (CSV) and rounding, ns. */
const SLACK_NS = 1000;
const REL = 1e-6;

class Checks {
  out = new Map<string, TraceWarning>();
  fail(code: string, example: Detail) {
    const w = this.out.get(code);
    if (w) w.count++;
    else this.out.set(code, { code, count: 1, example: example.text, exampleMsg: example.msg });
  }
}

const fmt = (ns: number) => `${(ns / 1e6).toFixed(3)} ms`;

function checkExtent(trace: TraceModel, c: Checks): void {
  const end = trace.endNs;
  for (const t of trace.sliceTracks) {
    const s = t.slices;
    for (let i = 0; i < s.length; i++) {
      const a = s.start[i]!;
      const b = a + s.dur[i]!;
      if (a < 0 || b > end) {
        const name = trace.strings[s.name[i]!] ?? '';
        c.fail(
          'check_extent',
          detail(
            `${name} on ${t.name} [${a}, ${b}] ns is outside the timeline [0, ${end}] ns`,
            msg('reader:check_ex_slice_outside', {
              name,
              track: t.name,
              a: String(a),
              b: String(b),
              end: String(end),
            }),
          ),
        );
      }
    }
  }
  for (const ct of trace.counters) {
    if (ct.ts.length > 0 && (ct.ts[0]! < 0 || ct.ts[ct.ts.length - 1]! > end))
      c.fail(
        'check_extent',
        detail(
          `counter ${ct.name} has samples outside the timeline`,
          msg('reader:check_ex_counter_outside', { name: ct.name }),
        ),
      );
  }
  const f = trace.flows;
  for (let i = 0; i < f.length; i++) {
    if (f.fromTs[i]! < 0 || f.toTs[i]! > end || f.toTs[i]! < 0 || f.fromTs[i]! > end)
      c.fail(
        'check_extent',
        detail('a flow end lies outside the timeline', msg('reader:check_ex_flow_outside')),
      );
  }
}

export function checkInvariants(p: ProfileModel): TraceWarning[] {
  const c = new Checks();
  const a = analyzeProfile(p);
  const trace = p.trace;
  const ta = a.trace;
  let kernelTimeNs = NaN;
  if (a.kernels) {
    const k = a.kernels.table;
    kernelTimeNs = 0;
    for (let i = 0; i < k.length; i++) if (!Number.isNaN(k.durNs[i]!)) kernelTimeNs += k.durNs[i]!;
    if (k.source === 'trace' && ta && trace) {
      let slices = 0;
      for (let e = 0; e < ta.device.length; e++) {
        slices += trace.sliceTracks[ta.device.track[e]!]!.slices.dur[ta.device.index[e]!]!;
      }
      if (slices !== kernelTimeNs)
        c.fail(
          'check_kernel_total',
          detail(
            `Kernels ${kernelTimeNs} ns vs slices ${slices} ns`,
            msg('reader:check_ex_kernel_total', {
              kernels: String(kernelTimeNs),
              slices: String(slices),
            }),
          ),
        );
    }
  }
  if (a.operators && Number.isFinite(kernelTimeNs)) {
    const limit = kernelTimeNs * (1 + REL) + SLACK_NS;
    for (const r of computeOperatorStats(a.operators.table)) {
      if (r.deviceTotalNs > limit) {
        c.fail(
          'check_operator_device',
          detail(
            `${r.name}: device total ${fmt(r.deviceTotalNs)} > all kernel time ${fmt(kernelTimeNs)}`,
            msg('reader:check_ex_operator_device', {
              name: r.name,
              device: fmt(r.deviceTotalNs),
              kernels: fmt(kernelTimeNs),
            }),
          ),
        );
      }
    }
  }
  if (a.operators && trace && trace.stats.events > 0) {
    const o = a.operators.table;
    for (let i = 0; i < o.length; i++) {
      if (o.hostTotalNs[i]! > trace.endNs + SLACK_NS) {
        const name = o.strings[o.name[i]!] ?? '';
        c.fail(
          'check_operator_host',
          detail(
            `${name}: host total ${fmt(o.hostTotalNs[i]!)} > capture ${fmt(trace.endNs)}`,
            msg('reader:check_ex_operator_host', {
              name,
              host: fmt(o.hostTotalNs[i]!),
              capture: fmt(trace.endNs),
            }),
          ),
        );
      }
    }
  }
  for (const s of ta?.steps ?? []) {
    const span = s.spanEndNs - s.spanStartNs;
    if (s.busyNs > span || s.computeNs + s.communicationNotOverlappedNs + s.freeNs !== span) {
      const sum = fmt(s.computeNs + s.communicationNotOverlappedNs + s.freeNs);
      c.fail(
        'check_step_busy',
        detail(
          `step ${s.id}: busy ${fmt(s.busyNs)}, C+CNO+Free ${sum}, device step ${fmt(span)}`,
          msg('reader:check_ex_step_busy', {
            step: String(s.id),
            busy: fmt(s.busyNs),
            sum,
            span: fmt(span),
          }),
        ),
      );
    }
  }
  const f = overviewFiguresCached(p);
  const d = f.device;
  if (d) {
    const eps = 1e-3; // µs
    const bad =
      d.busyUs < -eps ||
      d.freeUs < -eps ||
      d.overlappedUs > Math.min(d.computingUs, d.communicationUs) + eps ||
      d.communicationNotOverlappedUs > d.busyUs + eps ||
      (f.span !== null && d.busyUs * 1000 > f.span.durationNs + SLACK_NS);
    if (bad) {
      const capture = String(f.span?.durationNs ?? '–');
      c.fail(
        'check_overview_shares',
        detail(
          `busy ${d.busyUs} µs, free ${d.freeUs} µs, computing ${d.computingUs} µs, overlapped ${d.overlappedUs} µs, capture ${capture} ns`,
          msg('reader:check_ex_overview_shares', {
            busy: String(d.busyUs),
            free: String(d.freeUs),
            computing: String(d.computingUs),
            overlapped: String(d.overlappedUs),
            capture,
          }),
        ),
      );
    }
  }
  const shares = f.topKernels.reduce((s, k) => s + k.share, 0);
  if (shares > 1 + 1e-9)
    c.fail(
      'check_overview_shares',
      detail(
        `top kernel shares add up to ${shares}`,
        msg('reader:check_ex_kernel_shares', { shares: String(shares) }),
      ),
    );
  if (trace) checkExtent(trace, c);
  return [...c.out.values()];
}

/**
 * {@link checkInvariants} for the profile's current timeline: the result computed at import
 * (`p.crossChecks`, see {@link attachCrossChecks}) while the timeline's source is the same, else
 * computed now and kept on the profile. Null while the import worker is still making them
 * (`checksPending`: they follow the hand-over).
 */
export function checkInvariantsCached(p: ProfileModel): TraceWarning[] | null {
  if (p.checksPending && !p.crossChecks) return null;
  const src = p.traceSource ?? null;
  if (p.crossChecks?.traceSource !== src)
    p.crossChecks = { traceSource: src, warnings: checkInvariants(p) };
  return p.crossChecks.warnings;
}

/** Runs the checks at import (in the worker) so every view can show their status at once. */
export function attachCrossChecks(p: ProfileModel): void {
  p.crossChecks = { traceSource: p.traceSource ?? null, warnings: checkInvariants(p) };
}
