/** Small helpers shared by the timeline's input modules (timeline-input.ts and friends). */

/** A press that moves less than this (px) is a click, not a drag. */
export const CLICK_SLOP = 3;

/** Undo steps collected while attaching input; run in reverse order to detach. */
export type Cleanups = (() => void)[];

/** addEventListener whose removal is queued on `cleanups`. */
export function listen<K extends keyof HTMLElementEventMap>(
  cleanups: Cleanups,
  target: HTMLElement,
  type: K,
  fn: (e: HTMLElementEventMap[K]) => void,
  opts?: AddEventListenerOptions,
): void {
  target.addEventListener(type, fn as EventListener, opts);
  cleanups.push(() => target.removeEventListener(type, fn as EventListener, opts));
}

/** Pointer position relative to `target`'s box, CSS px. */
export function localPoint(e: MouseEvent, target: HTMLElement): { x: number; y: number } {
  const r = target.getBoundingClientRect();
  return { x: e.clientX - r.left, y: e.clientY - r.top };
}

/** Runs cleanups in reverse order of registration. */
export function runCleanups(cleanups: Cleanups): void {
  for (const c of cleanups.reverse()) c();
}
