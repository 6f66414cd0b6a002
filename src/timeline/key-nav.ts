/**
 * Smooth W/A/S/D navigation with acceleration, Perfetto style: pressing a key sets a target a
 * little ahead; each frame the view moves a fraction (SNAP) of the way to the target, and while
 * the key is held the target keeps running away faster and faster (velocity grows with the time
 * held). Releasing the key lets the view glide to the target and stop. Pure state machine: the
 * host calls `step()` once per animation frame and applies the result to the store.
 */

/** First jump when a key goes down. */
const INITIAL_PAN_PX = 50;
const INITIAL_ZOOM = 0.1;
/** Fraction of the remaining distance covered each frame. */
const SNAP = 0.4;
/** Velocity multiplier gained per ms held. */
const ACCEL_PER_MS = 1 / 50;
const PAN_PX_PER_FRAME = 8;
const ZOOM_PER_FRAME = 0.008;
/** Stop when a frame would move less than this. */
const PAN_EPS_PX = 0.1;
const ZOOM_EPS = 1e-6;

export type NavKey = 'w' | 'a' | 's' | 'd';

export function navKeyOf(key: string): NavKey | null {
  const k = key.toLowerCase();
  return k === 'w' || k === 'a' || k === 's' || k === 'd' ? k : null;
}

export interface NavStep {
  /** Pan by this many CSS px (positive = later in time). */
  panPx: number;
  /**
   * Zoom ratio for this frame: the span becomes span × (1 - zoom) around the anchor
   * (positive = zoom in).
   */
  zoom: number;
}

export class KeyNavigator {
  private panDir = 0;
  private panPos = 0;
  private panTarget = 0;
  private panSince = 0;
  private zoomDir = 0;
  private zoomPos = 0;
  private zoomTarget = 0;
  private zoomSince = 0;
  private panMoving = false;
  private zoomMoving = false;

  /** True while there is motion left to apply. */
  get active(): boolean {
    return this.panMoving || this.zoomMoving;
  }

  keyDown(key: NavKey, nowMs: number): void {
    if (key === 'a' || key === 'd') {
      const dir = key === 'd' ? 1 : -1;
      if (this.panDir !== dir) {
        this.panPos = 0;
        this.panTarget = dir * INITIAL_PAN_PX;
        this.panSince = nowMs;
      }
      this.panDir = dir;
      this.panMoving = true;
    } else {
      const dir = key === 'w' ? 1 : -1;
      if (this.zoomDir !== dir) {
        this.zoomPos = 0;
        this.zoomTarget = dir * INITIAL_ZOOM;
        this.zoomSince = nowMs;
      }
      this.zoomDir = dir;
      this.zoomMoving = true;
    }
  }

  keyUp(key: NavKey): void {
    if ((key === 'a' && this.panDir === -1) || (key === 'd' && this.panDir === 1)) this.panDir = 0;
    if ((key === 'w' && this.zoomDir === 1) || (key === 's' && this.zoomDir === -1))
      this.zoomDir = 0;
  }

  /** Releases every key (window blur). */
  releaseAll(): void {
    this.panDir = 0;
    this.zoomDir = 0;
  }

  /** Stops all motion now, glide included (a jump such as reset or fit takes over). */
  stop(): void {
    this.releaseAll();
    this.panMoving = false;
    this.zoomMoving = false;
  }

  /** Advances one animation frame. */
  step(nowMs: number): NavStep {
    let panPx = 0;
    let zoom = 0;
    if (this.panMoving) {
      const snap = (this.panTarget - this.panPos) * SNAP;
      if (this.panDir !== 0) {
        const v = 1 + (nowMs - this.panSince) * ACCEL_PER_MS;
        this.panTarget += this.panDir * Math.max(PAN_PX_PER_FRAME * v, Math.abs(snap));
      }
      this.panPos += snap;
      if (Math.abs(snap) > PAN_EPS_PX || this.panDir !== 0) panPx = snap;
      else this.panMoving = false;
    }
    if (this.zoomMoving) {
      const snap = (this.zoomTarget - this.zoomPos) * SNAP;
      if (this.zoomDir !== 0) {
        const v = 1 + (nowMs - this.zoomSince) * ACCEL_PER_MS;
        this.zoomTarget += this.zoomDir * Math.max(ZOOM_PER_FRAME * v, Math.abs(snap));
      }
      this.zoomPos += snap;
      if (Math.abs(snap) > ZOOM_EPS || this.zoomDir !== 0) zoom = snap;
      else this.zoomMoving = false;
    }
    return { panPx, zoom: Math.max(-0.5, Math.min(0.5, zoom)) };
  }
}

/**
 * Applies one frame of navigation to a window: pan by `panPx` (at the current zoom), then zoom
 * around `anchor` (ns on the axis, e.g. the time under the mouse). The store clamps the result.
 */
export function applyNavStep(
  w: { start: number; end: number },
  step: NavStep,
  anchor: number,
  widthPx: number,
): { start: number; end: number } {
  const dt = (step.panPx * (w.end - w.start)) / Math.max(1, widthPx);
  let start = w.start + dt;
  let end = w.end + dt;
  if (step.zoom !== 0) {
    const f = 1 - step.zoom;
    const a = Math.min(Math.max(anchor, start), end);
    start = a - (a - start) * f;
    end = a + (end - a) * f;
  }
  return { start, end };
}
