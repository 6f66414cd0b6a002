/** Test helpers for row layouts: ranks made from one trace text, and the rows' titles. */
import type { TrackLayout } from '../../store/track-layout';
import { traceFromText } from '../test-trace-dsl';
import { computeRowLayout, type CollapseState } from './row-layout';
import type { TraceGroup } from './timeline-groups';

/**
 * A host step, two Ascend Hardware streams (one with a nested task) and an HCCL plane: the
 * trace the merged-streams tests build on (each appends its own instants or counters).
 */
export const STREAMS_TEXT = `
  thread Python (CPU) / main
    :|step----------------|
  thread Ascend Hardware (NPU) / Stream 7
    :  |mm-----|   |add|
  thread Ascend Hardware (NPU) / Stream 9
    :    |ar---|   |cp|
    :     |x|
  thread HCCL (NPU) / Plane 0
    :      |hcom------|
`;

/** Two ranks (`r0`, `r1`) of the same trace text, not offset. */
export const ranksOf = (text: string): TraceGroup[] =>
  ['r0', 'r1'].map((id, i) => ({
    profileId: id,
    trace: traceFromText(text),
    offsetNs: 0,
    label: `rank ${i}`,
  }));

/** Everything expanded, nothing pinned, laid out by `trackLayout`. */
export const layoutState = (trackLayout: TrackLayout): CollapseState => ({
  collapseDefault: false,
  collapseOverrides: {},
  pinnedTracks: [],
  trackLayout,
});

/** `kind:title` of every row. */
export const rowTitles = (g: TraceGroup[], l: TrackLayout): string[] =>
  computeRowLayout(g, layoutState(l)).rows.map((r) => `${r.kind}:${r.title}`);
