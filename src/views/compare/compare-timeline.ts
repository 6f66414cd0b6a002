/**
 * The Compare view's timelines: both sides on one axis (store/compare-slice.ts; ranks of one
 * cluster can use the cluster's collective alignment instead), and a diff row shown on both
 * sides at once: the item is found on the side the user chose (first occurrence), then on the
 * other side the occurrence nearest to it on the shared axis; both rows are opened and framed
 * together, the chosen side's slice is selected and both are outlined.
 */
import { analyzeProfile } from '../../model/analysis/analyze';
import type { CompareAlign } from '../../model/compare/align';
import type { ProfileModel } from '../../model/profile';
import type { SliceRef } from '../../model/trace-model';
import type { AppStore } from '../../store/app-store';
import type { ProfileSliceAddress } from '../../model/slice-address';
import { selectTimelineGroups } from '../../store/cluster-selectors';
import { navigateToSlices } from '../../timeline/core/navigation';
import { findNamedSlice, isHostProcess } from '../common/navigate';

/** How the two timelines share the axis: the compare model's, or the cluster's collectives. */
export type TimelineAlign = CompareAlign | 'collectives';
export type Side = 'baseline' | 'target';
export type ItemKind = 'kernel' | 'operator';

/** Both sides are ranks of the opened cluster: they can be aligned by their collectives. */
export const bothRanked = (
  clusterRanks: readonly { profileId: string }[],
  b: ProfileModel,
  t: ProfileModel,
) =>
  [b, t].every((p) => clusterRanks.some((r) => r.profileId === p.descriptor.id)) &&
  b.descriptor.id !== t.descriptor.id;

/**
 * The device slice named `name`: the first in time, or the one starting nearest to `at` (ns on
 * the trace's own axis). Null when the trace has none.
 */
export function deviceSliceNamed(p: ProfileModel, name: string, at?: number): SliceRef | null {
  const trace = p.trace;
  const dev = trace ? analyzeProfile(p).trace?.device : null;
  if (!trace || !dev) return null;
  const id = trace.strings.indexOf(name);
  if (id < 0) return null;
  let best: SliceRef | null = null;
  let bestKey = Infinity;
  for (let e = 0; e < dev.length; e++) {
    const s = trace.sliceTracks[dev.track[e]!]!.slices;
    const i = dev.index[e]!;
    if (s.name[i] !== id) continue;
    const key = at === undefined ? s.start[i]! : Math.abs(s.start[i]! - at);
    if (key < bestKey) {
      bestKey = key;
      best = { track: dev.track[e]!, index: i };
    }
  }
  return best;
}

function locate(p: ProfileModel, kind: ItemKind, name: string, at?: number): SliceRef | null {
  if (kind === 'kernel') return deviceSliceNamed(p, name, at);
  return p.trace ? findNamedSlice(p.trace, { name, at, process: isHostProcess }) : null;
}

/** Puts the pair on one axis (or leaves ranks open together as they are) and shows it. */
export function showPairOnTimeline(
  store: AppStore,
  base: ProfileModel,
  target: ProfileModel,
  align: CompareAlign,
): void {
  const st = store.getState();
  st.showCompareTimeline({ baseline: base.descriptor.id, target: target.descriptor.id, align });
  st.setActiveProfile(base.descriptor.id);
  st.clearSelection();
  st.setTab('timeline');
}

/**
 * Shows a diff row's item on both timelines at once. With `align` 'collectives' and both ranks
 * already open together, on the cluster's axis; otherwise the pair is put on one axis aligned
 * by `align` ('collectives' without open ranks falls back to the first step). False when
 * neither side has the item.
 */
export function revealOnBoth(
  store: AppStore,
  sides: Record<Side, ProfileModel>,
  kind: ItemKind,
  name: string,
  focus: Side,
  align: TimelineAlign,
): boolean {
  let st = store.getState();
  const ids = [sides.baseline.descriptor.id, sides.target.descriptor.id];
  const onCluster =
    align === 'collectives' &&
    st.compareTimeline === null &&
    ids.every((id) => st.clusterTimeline.some((t) => t.profileId === id));
  if (!onCluster)
    st.showCompareTimeline({
      baseline: ids[0]!,
      target: ids[1]!,
      align: align === 'collectives' ? 'step' : align,
    });
  st = store.getState();
  const groups = selectTimelineGroups(st);
  const offset = (p: ProfileModel) =>
    groups.find((g) => g.profileId === p.descriptor.id)?.offsetNs ?? 0;
  let first: Side = focus;
  let hit = locate(sides[first], kind, name);
  if (!hit) {
    first = focus === 'baseline' ? 'target' : 'baseline';
    hit = locate(sides[first], kind, name);
  }
  if (!hit) return false;
  const firstP = sides[first];
  const otherP = sides[first === 'baseline' ? 'target' : 'baseline'];
  const at = firstP.trace!.sliceTracks[hit.track]!.slices.start[hit.index]!;
  const other = locate(otherP, kind, name, at + offset(firstP) - offset(otherP));
  const targets: ProfileSliceAddress[] = [{ profileId: firstP.descriptor.id, ...hit }];
  if (other) targets.push({ profileId: otherP.descriptor.id, ...other });
  if (onCluster) st.setClusterCollective(null);
  st.setCompareHighlights(targets);
  st.setActiveProfile(firstP.descriptor.id);
  return navigateToSlices(store, groups, targets, firstP.descriptor.id, { tab: true });
}
