/**
 * "Pin same name across ranks" (MindStudio Insight's pin-same-group): the row keys of the track
 * that has the same process name and track name (or counter and series) in every shown trace.
 */
import type { TraceModel } from '../../model/trace-model';
import { counterKey, trackKey } from './collapse-rules';
import type { Row } from './row-layout';
import type { TraceGroup } from './timeline-groups';

const procName = (t: TraceModel, p: number) => t.processes[p]?.name ?? '';

/** Keys of the rows matching `row` in every group (its own included), in group order. */
export function sameNameKeys(groups: readonly TraceGroup[], row: Row): string[] {
  const src = groups[row.group]?.trace;
  if (!src || row.track < 0) return [];
  const out: string[] = [];
  if (row.kind === 'slices') {
    const st = src.sliceTracks[row.track]!;
    const pn = procName(src, st.process);
    for (const g of groups) {
      const i = g.trace.sliceTracks.findIndex(
        (x) => x.kind === st.kind && x.name === st.name && procName(g.trace, x.process) === pn,
      );
      if (i >= 0) out.push(trackKey(g.profileId, i));
    }
  } else if (row.kind === 'counter') {
    const c = src.counters[row.track]!;
    const series = c.series[row.series]?.name;
    const pn = procName(src, c.process);
    for (const g of groups) {
      const i = g.trace.counters.findIndex(
        (x) => x.name === c.name && procName(g.trace, x.process) === pn,
      );
      const s = i >= 0 ? g.trace.counters[i]!.series.findIndex((x) => x.name === series) : -1;
      if (s >= 0) out.push(counterKey(g.profileId, i, s));
    }
  }
  return out;
}
