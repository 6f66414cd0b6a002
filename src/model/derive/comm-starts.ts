/**
 * Where each communication op starts on the timeline. communication.json gives the start as a
 * float µs since the epoch (1736412474757059.8: near 1.7e15 a double resolves 0.25 µs, and the
 * file keeps even less), so it can sit tens of ns off the op's slice in the trace, whose times
 * are exact ns. When the trace holds the op (same name on an HCCL / Communication lane, within
 * 1 µs of the file's start), the exact start is used and flagged; otherwise the file's rounded
 * one.
 */
import type { CommOpRow } from '../ascend-data';
import { collectivesFromTrace } from '../cluster/rank-summary';
import type { TraceModel } from '../trace-model';
import { absUsToTimelineNs } from './abs-time';

/** Largest gap between the file's start and the trace's for the two to be the same op, ns. */
export const SAME_OP_NS = 1000;

export interface CommStarts {
  /** ns since the trace start; NaN without a trace or a start. */
  starts: Float64Array;
  /** 1 where `starts` is the trace's exact start, 0 where it is communication.json's rounded one. */
  exact: Uint8Array;
}

export function commTimelineStarts(
  rows: readonly CommOpRow[],
  trace: TraceModel | null,
): CommStarts {
  const starts = Float64Array.from(rows, (r) =>
    trace === null ? NaN : absUsToTimelineNs(r.startUs, trace.baseNs),
  );
  const exact = new Uint8Array(rows.length);
  if (trace === null) return { starts, exact };
  const base = BigInt(trace.baseNs);
  const byOp = new Map<string, number[]>();
  for (const c of collectivesFromTrace(trace)) {
    let l = byOp.get(c.op);
    if (!l) byOp.set(c.op, (l = []));
    l.push(Number(c.startNs - base));
  }
  rows.forEach((r, i) => {
    const rounded = starts[i]!;
    const list = byOp.get(r.op);
    if (!list || !Number.isFinite(rounded)) return;
    let best = NaN;
    for (const t of list) if (!(Math.abs(t - rounded) >= Math.abs(best - rounded))) best = t;
    if (Math.abs(best - rounded) <= SAME_OP_NS) {
      starts[i] = best;
      exact[i] = 1;
    }
  });
  return { starts, exact };
}
