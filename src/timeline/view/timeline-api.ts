/**
 * What the rest of the timeline (panels, input, the shell) asks of the view: its actions, the
 * shown traces and where things are on screen. TimelineView implements it; its pointer, hit and
 * drag state stays private (written only through `PointerInput` by the input handlers).
 */
import type { TimeSpan } from '../../model/units';
import type { Hit } from '../core/hit-test';
import type { SliceAddress, TraceGroup } from '../core/timeline-groups';

/** How input handlers tell the view where the pointer is and what range is being dragged. */
export interface PointerInput {
  setPointer(p: { x: number; y: number } | null, hit: Hit | null): void;
  setDragRange(r: TimeSpan | null): void;
}

/** What the overlay and the tooltip read: the pointer, what is under it, the range dragged. */
export interface TimelineOverlayState {
  /** Pointer position over the canvas (CSS px), null when outside. */
  readonly pointer: { readonly x: number; readonly y: number } | null;
  /** What is under the pointer. */
  readonly hit: Hit | null;
  /** Range being dragged (axis ns). */
  readonly dragRange: TimeSpan | null;
}

/** The timeline's actions (timeline-actions.ts) and queries, as panels and input call them. */
export interface TimelineActions {
  /** The traces shown, in group order. */
  readonly groups: readonly TraceGroup[];
  /** Selects a slice (or clears with null) and, if asked, brings it into view. */
  select(a: SliceAddress | null, reveal?: boolean): void;
  /** Expands what hides a slice's track, scrolls it into view and pans to it if needed. */
  reveal(a: SliceAddress, opts?: { center?: boolean }): void;
  /** F: fit the selected slice (with margins), else the range. */
  fit(): void;
  /** ] / [: select the slice at the other end of the selected slice's flow. */
  followFlow(dir: 'out' | 'in'): boolean;
  /** . / , : the next / previous slice at the same depth of the same track. */
  stepSlice(dir: 1 | -1): void;
  /** ↑ / ↓: parent / first child. */
  stepDepth(dir: 'parent' | 'child'): void;
  /** Goes to search match k: selects it and brings it into view. */
  gotoMatch(k: number): void;
  /** Toggles the collapsed state of a row. */
  toggleRow(key: string): void;
  /** Describes what is under the pointer for the tooltip (plain text lines). */
  describeHit(h: Hit): string[] | null;
  /** Flows of a slice for the details panel. */
  flowsOf(a: SliceAddress): { out: number[]; in: number[] };
  /** Flow categories of the shown traces, with counts. */
  flowCategories(): { name: string; count: number }[];
  /** First slice named `name` (tests, links from other views), or null. */
  findSlice(name: string, group?: number): SliceAddress | null;
  /** Centre of a slice's visible part in client (page) coordinates, or null if off-screen. */
  clientPointOf(a: SliceAddress): { x: number; y: number } | null;
  /** Client x of an axis time (tests: ruler drags). */
  clientXOf(t: number): number;
}
