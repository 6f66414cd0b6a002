/**
 * Coalesces redraw requests into at most one draw per animation frame. Any number of store
 * updates, scrolls and pointer moves between two frames cost a single `draw(layers)` call, with
 * the union of the layers that asked to be redrawn.
 */

export const Layer = {
  /** Slices, counters, labels, ruler ticks. */
  Content: 1,
  /** Hover, selection, flows, cursor, range. */
  Overlay: 2,
  /** The minimap strip. */
  Overview: 4,
  /** Every drawn layer. */
  All: 7,
  /** Run animations (keyboard navigation) without necessarily redrawing. */
  Animation: 8,
} as const;

export type RafLike = (cb: (now: number) => void) => number;
export type CancelRafLike = (handle: number) => void;

export class FrameScheduler {
  private pending = 0;
  private handle: number | null = null;
  private disposed = false;

  constructor(
    private readonly draw: (layers: number, now: number) => void,
    private readonly raf: RafLike = (cb) => requestAnimationFrame(cb),
    private readonly cancel: CancelRafLike = (h) => cancelAnimationFrame(h),
  ) {}

  /** Asks for the given layers to be redrawn on the next frame. */
  schedule(layers: number = Layer.All): void {
    if (this.disposed) return;
    this.pending |= layers;
    if (this.handle !== null) return;
    this.handle = this.raf((now) => this.run(now));
  }

  /** Removes and returns the pending bits in `mask` (requests made during a frame's own work). */
  takePending(mask: number): number {
    const p = this.pending & mask;
    this.pending &= ~mask;
    return p;
  }

  /** Draws now if something is pending (e.g. right after a resize). */
  flush(now = performance.now()): void {
    if (this.handle !== null) this.cancel(this.handle);
    this.run(now);
  }

  private run(now: number): void {
    this.handle = null;
    const layers = this.pending;
    this.pending = 0;
    if (layers !== 0 && !this.disposed) this.draw(layers, now);
  }

  dispose(): void {
    this.disposed = true;
    if (this.handle !== null) this.cancel(this.handle);
    this.handle = null;
  }
}
