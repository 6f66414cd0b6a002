/**
 * The small trace the drawing and hit-testing tests share: one main thread with nested slices,
 * a memory counter and one thread instant, laid out with default collapse / pin state.
 */
import type { TraceModel } from '../model/trace-model';
import { computeRowLayout, type RowLayout } from './core/row-layout';
import type { TraceGroup } from './core/timeline-groups';
import { traceFromText } from './test-trace-dsl';

export interface SampleTimeline {
  trace: TraceModel;
  groups: TraceGroup[];
  layout: RowLayout;
}

/** The sample trace with its instant at `instantUs`, as one group at offset 0. */
export function sampleTimeline(instantUs: number): SampleTimeline {
  const trace = traceFromText(`
    thread Python (CPU) / main
      :|outer-----------|  |b|
      : |in|  |in2|
    counter Python / mem 0=5 10=7
    instant Python / main ${instantUs} tick
  `);
  const groups = [{ profileId: 'p', trace, offsetNs: 0, label: 'p' }];
  const layout = computeRowLayout(groups, {
    collapseDefault: false,
    collapseOverrides: {},
    pinnedTracks: [],
  });
  return { trace, groups, layout };
}
