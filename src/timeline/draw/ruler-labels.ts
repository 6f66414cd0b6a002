/**
 * Where the ruler's tick labels go: each right of its tick, measured, and left out when it would
 * touch the label before it, so tick labels never overlap at any zoom. The overlay uses the same
 * boxes to hide, whole, the tick labels its range tag or cursor readout would cover.
 */
import { LABEL_FONT, measure } from './text';

export interface RulerLabel {
  /** Left of the text, canvas CSS px. */
  x: number;
  w: number;
  text: string;
}

/** Space kept between two tick labels, CSS px. */
const GAP = 6;

export function rulerLabels(
  ctx: CanvasRenderingContext2D,
  tickXs: readonly number[],
  texts: readonly string[],
  right: number,
): RulerLabel[] {
  const out: RulerLabel[] = [];
  let free = -Infinity;
  for (let k = 0; k < tickXs.length; k++) {
    const x = tickXs[k]! + 4;
    const w = measure(ctx, LABEL_FONT, texts[k]!);
    if (x < free || x > right) continue;
    out.push({ x, w, text: texts[k]! });
    free = x + w + GAP;
  }
  return out;
}

/** Paints the ruler background over the labels that meet [x0, x1) (above the tick marks). */
export function hideLabelsUnder(
  ctx: CanvasRenderingContext2D,
  labels: readonly RulerLabel[],
  x0: number,
  x1: number,
  rulerHeight: number,
  bg: string,
): void {
  ctx.fillStyle = bg;
  for (const l of labels)
    if (l.x < x1 && l.x + l.w > x0) ctx.fillRect(l.x - 1, 1, l.w + 2, rulerHeight - 10);
}
