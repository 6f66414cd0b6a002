/**
 * Clicks on the tracks: select a slice or an instant, fold / unfold with the chevron or a label,
 * pin a track (Alt: the same track on every rank), clear on empty space; right-click on a track's
 * name hides it (the Tracks menu shows it again).
 */
import { toggleHidden } from '../../store/track-layout';
import { hitTest, type HitContext } from '../core/hit-test';
import { listen, localPoint, type Cleanups } from './input-events';
import { instantOwnerOf } from '../core/instant-select';
import { sameNameKeys } from '../core/pin-same';
import type { TimelineView } from '../view/timeline-view';

export function attachClicks(
  view: TimelineView,
  cleanups: Cleanups,
  hitCtx: () => HitContext,
): void {
  const { store } = view;
  const scroller = view.el.scroller;
  listen(cleanups, scroller, 'click', (e) => {
    if (e.shiftKey) return;
    const p = localPoint(e, scroller);
    const hit = hitTest(hitCtx(), p.x, p.y);
    const st = store.getState();
    if (!hit) {
      st.clearSelection();
      return;
    }
    switch (hit.kind) {
      case 'chevron':
        view.toggleRow(hit.row.key);
        return;
      case 'pin':
        // Alt + click: the same track on every shown rank (pin same name across ranks).
        if (e.altKey && view.groups.length > 1)
          st.togglePinnedMany(sameNameKeys(view.groups, hit.row));
        else st.togglePinned(hit.row.key);
        return;
      case 'label':
        if (hit.row.collapsible) view.toggleRow(hit.row.key);
        return;
      case 'slice':
        st.setRange(null);
        view.select({ group: hit.group, track: hit.track, index: hit.index });
        return;
      case 'instant': {
        // On a merged row, the instant belongs to one of its streams' threads.
        const owner =
          hit.thread !== undefined
            ? { scope: 'thread' as const, owner: hit.thread }
            : instantOwnerOf(hit.row);
        if (!owner) return;
        st.setRange(null);
        st.selectInstant({
          profileId: view.groups[hit.group]!.profileId,
          ...owner,
          index: hit.index,
        });
        st.setPanelTab('slice');
        return;
      }
      default:
        if (hit.row.kind === 'process' || hit.row.kind === 'group') view.toggleRow(hit.row.key);
        else st.clearSelection();
    }
  });

  // Right-click on a track's name hides it (the Tracks menu shows it again).
  listen(cleanups, scroller, 'contextmenu', (e) => {
    const p = localPoint(e, scroller);
    const hit = hitTest(hitCtx(), p.x, p.y);
    if (!hit || (hit.kind !== 'label' && hit.kind !== 'chevron') || !hit.row.hideName) return;
    e.preventDefault();
    const st = store.getState();
    st.setTrackLayout(toggleHidden(st.trackLayout, hit.row.hideName));
  });
}
