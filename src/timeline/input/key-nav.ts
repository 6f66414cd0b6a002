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

/**
 * One axis of motion (pan in px, or zoom ratio): the held direction, the position reached since
 * the key went down and the running-away target.
 */
class Glide {
  private dir = 0;
  private pos = 0;
  private target = 0;
  private since = 0;
  moving = false;

  constructor(
    private readonly initial: number,
    private readonly perFrame: number,
    private readonly eps: number,
  ) {}

  press(dir: number, nowMs: number): void {
    if (this.dir !== dir) {
      this.pos = 0;
      this.target = dir * this.initial;
      this.since = nowMs;
    }
    this.dir = dir;
    this.moving = true;
  }

  /** Releases the key held in direction `dir` (a key of the other direction stays held). */
  release(dir: number): void {
    if (this.dir === dir) this.dir = 0;
  }

  releaseAll(): void {
    this.dir = 0;
  }

  /** This frame's motion; 0 once the glide has settled. */
  step(nowMs: number): number {
    if (!this.moving) return 0;
    const snap = (this.target - this.pos) * SNAP;
    if (this.dir !== 0) {
      const v = 1 + (nowMs - this.since) * ACCEL_PER_MS;
      this.target += this.dir * Math.max(this.perFrame * v, Math.abs(snap));
    }
    this.pos += snap;
    if (Math.abs(snap) > this.eps || this.dir !== 0) return snap;
    this.moving = false;
    return 0;
  }
}

export class KeyNavigator {
  private readonly pan = new Glide(INITIAL_PAN_PX, PAN_PX_PER_FRAME, PAN_EPS_PX);
  private readonly zoom = new Glide(INITIAL_ZOOM, ZOOM_PER_FRAME, ZOOM_EPS);

  /** True while there is motion left to apply. */
  get active(): boolean {
    return this.pan.moving || this.zoom.moving;
  }

  /** A/D pan (D = later), W/S zoom (W = in). */
  private axis(key: NavKey): { glide: Glide; dir: number } {
    return key === 'a' || key === 'd'
      ? { glide: this.pan, dir: key === 'd' ? 1 : -1 }
      : { glide: this.zoom, dir: key === 'w' ? 1 : -1 };
  }

  keyDown(key: NavKey, nowMs: number): void {
    const { glide, dir } = this.axis(key);
    glide.press(dir, nowMs);
  }

  keyUp(key: NavKey): void {
    const { glide, dir } = this.axis(key);
    glide.release(dir);
  }

  /** Releases every key (window blur). */
  releaseAll(): void {
    this.pan.releaseAll();
    this.zoom.releaseAll();
  }

  /** Stops all motion now, glide included (a jump such as reset or fit takes over). */
  stop(): void {
    this.releaseAll();
    this.pan.moving = false;
    this.zoom.moving = false;
  }

  /** Advances one animation frame. */
  step(nowMs: number): NavStep {
    const panPx = this.pan.step(nowMs);
    const zoom = this.zoom.step(nowMs);
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
