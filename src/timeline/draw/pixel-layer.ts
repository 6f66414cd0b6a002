/**
 * A tiny software rasteriser for axis-aligned, opaque rects: slices, row backgrounds, grid lines
 * and summary bars are written straight into a Uint32Array of device pixels and handed to the
 * canvas with one putImageData per frame. Canvas 2D pays per rect (path building, scan
 * conversion, anti-aliasing: ~60–120 ms for 100 k small rects without a GPU); here a 1×16 px
 * rect costs 16 stores, so 100 k rects take ~3 ms. Edges are snapped to device pixels, which
 * keeps slices crisp. Text, curves and lines are still drawn with the canvas API on top.
 */

/** Packs an opaque colour for a little-endian RGBA ImageData buffer. */
export function packRgb(r: number, g: number, b: number): number {
  return ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

const packed = new Map<string, number>();

/** Parses '#rgb', '#rrggbb', 'rgb(r, g, b)' into a packed colour (mid grey when unknown). */
export function packColor(css: string): number {
  let v = packed.get(css);
  if (v !== undefined) return v;
  const s = css.trim();
  let rgb: [number, number, number] = [128, 128, 128];
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(s);
  if (hex) {
    const h = hex[1]!.length === 3 ? [...hex[1]!].map((c) => c + c).join('') : hex[1]!;
    const n = parseInt(h, 16);
    rgb = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  } else {
    const m = /^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)/i.exec(s);
    if (m) rgb = [Number(m[1]), Number(m[2]), Number(m[3])];
  }
  v = packRgb(rgb[0], rgb[1], rgb[2]);
  packed.set(css, v);
  return v;
}

export class PixelLayer {
  private img: ImageData | null = null;
  private u32 = new Uint32Array(0);
  /** Size in device pixels. */
  width = 0;
  height = 0;
  dpr = 1;
  /** Clip in device pixels: [cx0, cx1) × [cy0, cy1). */
  private cx0 = 0;
  private cx1 = 0;
  private cy0 = 0;
  private cy1 = 0;

  /** True when the buffer holds a frame of this size (a later part of it may be drawn on). */
  holds(cssW: number, cssH: number, dpr: number): boolean {
    return (
      this.img !== null &&
      this.dpr === dpr &&
      this.img.width === Math.max(1, Math.round(cssW * dpr)) &&
      this.img.height === Math.max(1, Math.round(cssH * dpr))
    );
  }

  /** Prepares a buffer of the canvas's size and fills it with `bg`. */
  begin(ctx: CanvasRenderingContext2D, cssW: number, cssH: number, dpr: number, bg: number): void {
    const w = Math.max(1, Math.round(cssW * dpr));
    const h = Math.max(1, Math.round(cssH * dpr));
    if (!this.img || this.img.width !== w || this.img.height !== h) {
      this.img = ctx.createImageData(w, h);
      this.u32 = new Uint32Array(this.img.data.buffer);
    }
    this.width = w;
    this.height = h;
    this.dpr = dpr;
    this.u32.fill(bg);
    this.clip(0, 0, cssW, cssH);
  }

  /** Restricts drawing to a CSS-px rect. */
  clip(x: number, y: number, w: number, h: number): void {
    const d = this.dpr;
    this.cx0 = Math.max(0, Math.round(x * d));
    this.cy0 = Math.max(0, Math.round(y * d));
    this.cx1 = Math.min(this.width, Math.round((x + w) * d));
    this.cy1 = Math.min(this.height, Math.round((y + h) * d));
  }

  /** Fills a CSS-px rect, snapped to device pixels (at least one device pixel wide). */
  fillRect(x: number, y: number, w: number, h: number, color: number): void {
    const d = this.dpr;
    let x0 = Math.round(x * d);
    let x1 = Math.round((x + w) * d);
    if (x1 <= x0) x1 = x0 + 1;
    let y0 = Math.round(y * d);
    let y1 = Math.round((y + h) * d);
    if (x0 < this.cx0) x0 = this.cx0;
    if (x1 > this.cx1) x1 = this.cx1;
    if (y0 < this.cy0) y0 = this.cy0;
    if (y1 > this.cy1) y1 = this.cy1;
    if (x0 >= x1 || y0 >= y1) return;
    const u32 = this.u32;
    const stride = this.width;
    if (x1 - x0 === 1) {
      for (let p = y0 * stride + x0, end = y1 * stride; p < end; p += stride) u32[p] = color;
    } else {
      for (let yy = y0; yy < y1; yy++) u32.fill(color, yy * stride + x0, yy * stride + x1);
    }
  }

  /**
   * Writes one row of device-pixel colours (`cols[j]` at device x = round(x·dpr) + j, 0 = leave
   * the pixel as is) at CSS y, then repeats that finished row down to y + h: a level-of-detail
   * lane costs one pass over its columns, not one rect per column. The rows below must hold what
   * the first row held (backgrounds, vertical lines, rects of the same height).
   */
  columns(x: number, y: number, h: number, cols: Uint32Array, n: number): void {
    const d = this.dpr;
    const ox = Math.round(x * d);
    let y0 = Math.round(y * d);
    let y1 = Math.round((y + h) * d);
    if (y0 < this.cy0) y0 = this.cy0;
    if (y1 > this.cy1) y1 = this.cy1;
    const xa = ox > this.cx0 ? ox : this.cx0;
    const xb = ox + n < this.cx1 ? ox + n : this.cx1;
    if (xa >= xb || y0 >= y1) return;
    const u32 = this.u32;
    const row = y0 * this.width;
    for (let px = xa; px < xb; px++) {
      const c = cols[px - ox]!;
      if (c !== 0) u32[row + px] = c;
    }
    for (let yy = y0 + 1; yy < y1; yy++) u32.copyWithin(yy * this.width + xa, row + xa, row + xb);
  }

  /** Copies the buffer to the canvas (device-pixel rect). */
  put(ctx: CanvasRenderingContext2D): void {
    if (!this.img) return;
    ctx.putImageData(this.img, 0, 0);
  }

  /** Copies the CSS-px band [y0, y1) of the buffer to the canvas (the rest stays as drawn). */
  putBand(ctx: CanvasRenderingContext2D, y0: number, y1: number): void {
    if (!this.img) return;
    const a = Math.max(0, Math.floor(y0 * this.dpr));
    const b = Math.min(this.height, Math.ceil(y1 * this.dpr));
    if (b > a) ctx.putImageData(this.img, 0, 0, 0, a, this.width, b - a);
  }
}
