/**
 * Arrow-key movement inside a composite widget (ARIA tabs and radio groups): Left/Up and
 * Right/Down move to the previous/next item (wrapping), Home/End to the first/last. Put the
 * handler on the container; items are its descendants with the given role. With `activate`
 * the focused item is also clicked (selection follows focus); without it Enter/Space activates.
 * The event is stopped so window-level shortcuts (the timeline's keys) do not also run.
 */
import type { KeyboardEvent } from 'react';

export function rovingKeyDown(
  e: KeyboardEvent<HTMLElement>,
  role: 'tab' | 'radio',
  activate: boolean,
): void {
  if (e.altKey || e.ctrlKey || e.metaKey) return;
  const items = [
    ...e.currentTarget.querySelectorAll<HTMLElement>(`[role="${role}"]:not([disabled])`),
  ];
  const at = items.findIndex((el) => el === document.activeElement);
  if (at < 0 || items.length === 0) return;
  const n = items.length;
  let next: number;
  switch (e.key) {
    case 'ArrowRight':
    case 'ArrowDown':
      next = (at + 1) % n;
      break;
    case 'ArrowLeft':
    case 'ArrowUp':
      next = (at - 1 + n) % n;
      break;
    case 'Home':
      next = 0;
      break;
    case 'End':
      next = n - 1;
      break;
    default:
      return;
  }
  e.preventDefault();
  e.stopPropagation();
  const el = items[next]!;
  el.focus();
  if (activate) el.click();
}
