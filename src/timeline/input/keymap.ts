/**
 * The timeline's keyboard map (one table for the handler and the help overlay). Navigation keys
 * (W/A/S/D) are handled by key-nav.ts as held keys; everything else is a one-shot action.
 */

export type KeyAction =
  | 'fit'
  | 'reset'
  | 'clear'
  | 'flowOut'
  | 'flowIn'
  | 'nextSlice'
  | 'prevSlice'
  | 'parent'
  | 'child'
  | 'help'
  | 'search'
  | 'nextMatch'
  | 'prevMatch';

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

export function actionForKey(e: KeyLike): KeyAction | null {
  const mod = e.ctrlKey || e.metaKey;
  if (mod && e.key === 's') return 'search';
  if (mod || e.altKey) return null;
  switch (e.key) {
    case 'f':
    case 'F':
      return 'fit';
    case '0':
    case 'Home':
      return 'reset';
    case 'Escape':
      return 'clear';
    case ']':
      return 'flowOut';
    case '[':
      return 'flowIn';
    case '.':
      return 'nextSlice';
    case ',':
      return 'prevSlice';
    case 'ArrowUp':
      return 'parent';
    case 'ArrowDown':
      return 'child';
    case '?':
      return 'help';
    case '/':
      return 'search';
    case 'n':
      return 'nextMatch';
    case 'N':
      return 'prevMatch';
    default:
      return null;
  }
}

/** Help overlay rows: keys, what they do. */
export const HELP_ROWS: { section: string; rows: [string, string][] }[] = [
  {
    section: 'Navigation',
    rows: [
      ['W / S', 'Zoom in / out around the mouse (hold to accelerate)'],
      ['A / D', 'Pan left / right (hold to accelerate)'],
      ['Ctrl + wheel, pinch', 'Zoom around the cursor'],
      ['Wheel', 'Scroll tracks; horizontal wheel / Shift + wheel pans'],
      ['Drag', 'Pan (and scroll)'],
      ['0 or Home', 'Show the whole trace'],
      ['F', 'Fit what was picked last: the selected slice or the range'],
    ],
  },
  {
    section: 'Selection',
    rows: [
      ['Click', 'Select a slice; click empty space to clear'],
      ['Shift + drag, drag in the ruler', 'Select a time range (aggregated in the panel)'],
      ['Escape', 'Clear selection and range'],
      ['. / ,', 'Next / previous slice on the same track'],
      ['↑ / ↓', 'Parent / first child'],
      ['] / [', 'Follow the outgoing / incoming flow (e.g. CPU op → NPU kernel and back)'],
    ],
  },
  {
    section: 'Search',
    rows: [
      ['/ or Ctrl + S', 'Focus the search box'],
      ['Enter / Shift + Enter', 'Next / previous match (in the search box)'],
      ['N / Shift + N', 'Next / previous match'],
    ],
  },
  {
    section: 'Other',
    rows: [
      ['Click a pin', 'Keep the track at the top while scrolling'],
      ['Alt + click a pin', 'Pin the same track on every rank shown'],
      ['?', 'Show or hide this help'],
    ],
  },
];
