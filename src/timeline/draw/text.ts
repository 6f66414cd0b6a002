/**
 * Text fitting for canvas labels: widths are measured once per (font, string) and cached, and a
 * label too long for its box is cut with an ellipsis using the string's mean character width
 * (no repeated measureText per frame).
 */

export const LABEL_FONT = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
export const BOLD_FONT = '600 12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
export const SMALL_FONT = '10px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** Boxes narrower than this get no text at all (CSS px). */
export const MIN_LABEL_PX = 5;

const MAX_CACHE = 50_000;
const widths = new Map<string, Map<string, number>>();

export function measure(ctx: CanvasRenderingContext2D, font: string, s: string): number {
  let m = widths.get(font);
  if (!m) widths.set(font, (m = new Map<string, number>()));
  let w = m.get(s);
  if (w === undefined) {
    if (m.size > MAX_CACHE) m.clear();
    w = ctx.measureText(s).width;
    m.set(s, w);
  }
  return w;
}

/** `s`, or a prefix of it with '…', fitting `maxPx`; '' when not even one character fits. */
export function fitText(
  ctx: CanvasRenderingContext2D,
  font: string,
  s: string,
  maxPx: number,
): string {
  if (maxPx < MIN_LABEL_PX || s.length === 0) return '';
  const full = measure(ctx, font, s);
  if (full <= maxPx) return s;
  const ell = measure(ctx, font, '…');
  const perChar = full / s.length;
  const n = Math.floor((maxPx - ell) / perChar);
  if (n < 1) return '';
  return `${s.slice(0, n)}…`;
}
