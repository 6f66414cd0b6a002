/**
 * Summary keys from the analysis layer (added to `npm run summarize`'s per-profile object;
 * existing keys keep their meaning):
 * - `kernels`: `{rows, byCore, source, totalNs, top: [{name, count, totalNs}]}` (top 10 by total
 *   time), from kernel_details / the db's tasks, else the trace's device events;
 * - `operators`: `{rows, source, top: [{name, calls, deviceNs, hostNs}]}` (top 10 by device
 *   total, as the Overview shows them: nested same-name calls counted once);
 * - `steps`: when the profile has no step_trace_time, one row per `ProfilerStep#N` from the
 *   trace, the Steps view's rows (steps-data.ts: the trace's Overlap Analysis lanes when it has
 *   them, else its device events per step; µs like the file's rows) with `source`, `stepTime`
 *   (Computing + Communication(Not Overlapped) + Free) and `hostWall` (the ProfilerStep#N
 *   duration);
 * - `deviceTime`: the trace's device totals (ns, interval unions; §3.2);
 * - `checks`: the cross-view invariants that failed (empty when all hold).
 * `source` is 'trace', 'db' (a timeline built from the profiler db) or a file name.
 */
import { computeKernelStats } from '../ascend/kernel-stats';
import { computeOperatorStats } from '../ascend/overview';
import type { ProfileModel } from '../profile';
import { analyzeProfile } from './analyze';
import { checkInvariants, checkInvariantsCached } from './invariants';
import { stepsData } from './steps-data';

const TOP = 10;

export function analysisSummary(p: ProfileModel): Record<string, unknown> {
  const a = analyzeProfile(p);
  const out: Record<string, unknown> = {};
  if (a.kernels) {
    const k = a.kernels.table;
    const byCore: Record<string, number> = {};
    let totalNs = 0;
    for (let i = 0; i < k.length; i++) {
      const core = k.strings[k.core[i]!] || 'N/A';
      byCore[core] = (byCore[core] ?? 0) + 1;
      if (!Number.isNaN(k.durNs[i]!)) totalNs += k.durNs[i]!;
    }
    out['kernels'] = {
      rows: k.length,
      byCore,
      source: a.kernels.source,
      totalNs,
      top: computeKernelStats(k, 'name')
        .slice(0, TOP)
        .map((r) => ({ name: r.parts[0] ?? '', count: r.count, totalNs: r.totalNs })),
    };
  }
  if (a.operators) {
    const o = a.operators.table;
    out['operators'] = {
      rows: o.length,
      source: a.operators.source,
      top: computeOperatorStats(o)
        .slice(0, TOP)
        .map((r) => ({
          name: r.name,
          calls: r.count,
          nestedCalls: r.nestedCount,
          deviceNs: r.deviceTotalNs,
          hostNs: r.hostTotalNs,
        })),
    };
  }
  // The Steps view's rows (one definition per figure: a lone trace_view.json's steps are its
  // Overlap Analysis lanes, as CANN's step_trace_time, not the device-event recomputation).
  const sd = p.ascend.steps ? null : stepsData(p, 'device');
  const rows = sd && sd.rowsFrom !== 'file' ? sd.rows.filter((r) => r.step !== '') : [];
  if (sd && rows.length > 0) {
    out['steps'] = rows.map((r) => ({
      step: r.step,
      computing: r.computing,
      communicationNotOverlapped: r.communicationNotOverlapped,
      overlapped: r.overlapped,
      communication: r.communication,
      free: r.free,
      stage: r.stage,
      bubble: r.bubble,
      preparing: r.preparing,
      // µs with the ns digits (3 decimals): the sum of three µs floats carries float noise.
      stepTime:
        Math.round(
          ((r.computing ?? 0) + (r.communicationNotOverlapped ?? 0) + (r.free ?? 0)) * 1000,
        ) / 1000,
      hostWall: (sd.hostWallNs.get(r.step) ?? NaN) / 1000,
      source: a.traceSource,
    }));
  }
  const t = a.trace?.totals;
  if (t) out['deviceTime'] = { source: a.traceSource, ...t };
  out['checks'] = (checkInvariantsCached(p) ?? checkInvariants(p)).map((w) => ({
    code: w.code,
    count: w.count,
    example: w.example,
  }));
  return out;
}
