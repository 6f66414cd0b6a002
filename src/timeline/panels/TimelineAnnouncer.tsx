/**
 * The timeline canvas's text alternative: ARIA live regions that announce the selected slice (or
 * range) and the visible window, and the keyboard help the tracks are described by (issue 19).
 * The window is announced once it has settled (not on every frame of a zoom).
 */
import { t } from '../../i18n/t';
import { useEffect, useState } from 'react';
import { useAppStore } from '../../store/use-app-store';
import { describeRange, describeSlice, describeWindow, keyboardHelp } from './announce';
import type { TimelineView } from '../view/timeline-view';

/** Quiet time after the last window change before it is announced. */
const SETTLE_MS = 600;

export const KEYBOARD_HELP_ID = 'timeline-keyboard-help';

export function TimelineAnnouncer({ view }: { view: TimelineView | null }) {
  const selected = useAppStore((s) => s.selected);
  const range = useAppStore((s) => s.range);
  const visible = useAppStore((s) => s.visibleWindow);
  const [windowText, setWindowText] = useState('');
  useEffect(() => {
    const id = setTimeout(() => setWindowText(describeWindow(visible)), SETTLE_MS);
    return () => clearTimeout(id);
  }, [visible]);

  let selection = '';
  if (selected && view) {
    const group = view.groups.find((g) => g.profileId === selected.profileId);
    if (group) {
      const label = view.groups.length > 1 ? group.label : '';
      selection =
        describeSlice(group.trace, selected.track, selected.index, group.offsetNs, label) ?? '';
    }
  } else if (range) selection = describeRange(range);

  return (
    <div className="visually-hidden">
      <p id={KEYBOARD_HELP_ID}>{keyboardHelp()}</p>
      <div role="status" aria-live="polite" data-testid="timeline-live-selection">
        {selection || (selected || range ? '' : t('timeline:nothing_selected'))}
      </div>
      <div role="status" aria-live="polite" data-testid="timeline-live-window">
        {windowText}
      </div>
    </div>
  );
}
