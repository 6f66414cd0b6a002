/**
 * Drawing of the rank × step heatmap on a canvas: a fixed header of step labels, then only the
 * rank rows in view (the canvas is as tall as the viewport; the rows scroll under it), so 256 or
 * 1,024 ranks cost what 40 do. Geometry (layout, hit test) is pure; colours arrive resolved.
 */
import type { HeatmapRows } from '../../model/cluster/heatmap';

export interface HeatLayout {
  labelW: number;
  headerH: number;
  colW: number;
  rowH: number;
  rows: number;
  cols: number;
  /** Width of the cell grid, CSS px. */
  gridW: number;
  /** Height of all rows, CSS px (the scroll height below the header). */
  rowsH: number;
  /** Left edge and width of the per-row mean bars (width 0: no room). */
  sumX: number;
  sumW: number;
}

export const LABEL_W = 138;
export const HEADER_H = 30;
const MIN_ROW = 12;
const MAX_ROW = 30;
const MIN_COL = 6;
const MAX_COL = 160;
const SUM_W = 240;
const SUM_GAP = 18;

/** Cell sizes for a width: rows shrink to fit ~480 px, never below 12 px (then they scroll). */
export function heatLayout(width: number, rows: number, cols: number): HeatLayout {
  const rowH = Math.max(MIN_ROW, Math.min(MAX_ROW, Math.floor(480 / Math.max(1, rows))));
  const room = Math.max(0, width - LABEL_W - 4);
  const withSum = room >= cols * MIN_COL + SUM_W + SUM_GAP + 120;
  const avail = withSum ? room - SUM_W - SUM_GAP : room;
  const colW = Math.max(MIN_COL, Math.min(MAX_COL, Math.floor(avail / Math.max(1, cols))));
  return {
    labelW: LABEL_W,
    headerH: HEADER_H,
    colW,
    rowH,
    rows,
    cols,
    gridW: colW * cols,
    rowsH: rowH * rows,
    sumX: LABEL_W + colW * cols + SUM_GAP,
    sumW: withSum ? SUM_W : 0,
  };
}

/** Total drawn width, CSS px. */
export const heatWidth = (l: HeatLayout): number =>
  l.sumW > 0 ? l.sumX + l.sumW : l.labelW + l.gridW + 4;

/** Viewport height for the rows (at most `max`). */
export const viewportRowsHeight = (l: HeatLayout, max = 560): number => Math.min(l.rowsH, max);

export type HeatHit =
  | { kind: 'cell'; row: number; col: number }
  | { kind: 'label'; row: number }
  | { kind: 'header'; col: number };

/** What is at (x, y) in canvas CSS px (rows scrolled by `scrollTop`). */
export function heatHit(l: HeatLayout, x: number, y: number, scrollTop: number): HeatHit | null {
  const col = Math.floor((x - l.labelW) / l.colW);
  if (y < l.headerH) return x >= l.labelW && col < l.cols ? { kind: 'header', col } : null;
  const row = Math.floor((y - l.headerH + scrollTop) / l.rowH);
  if (row < 0 || row >= l.rows) return null;
  if (x < l.labelW || (l.sumW > 0 && x >= l.sumX && x < l.sumX + l.sumW))
    return { kind: 'label', row };
  if (col < 0 || col >= l.cols) return null;
  return { kind: 'cell', row, col };
}

/** Centre of a cell in canvas CSS px (rows scrolled by `scrollTop`). */
export function cellCentre(l: HeatLayout, row: number, col: number, scrollTop: number) {
  return {
    x: l.labelW + col * l.colW + l.colW / 2,
    y: l.headerH + row * l.rowH - scrollTop + l.rowH / 2,
  };
}

export interface HeatColors {
  bg: string;
  bg2: string;
  fg: string;
  fg2: string;
  border: string;
  accent: string;
  danger: string;
  select: string;
  dark: boolean;
}

export interface HeatDrawInput {
  ctx: CanvasRenderingContext2D;
  width: number;
  height: number;
  dpr: number;
  layout: HeatLayout;
  scrollTop: number;
  data: HeatmapRows;
  /** Fill of cell (row, col); null when missing. */
  fill: (row: number, col: number) => string | null;
  /** Text drawn in a cell when there is room (null: none). */
  cellText: ((row: number, col: number) => string) | null;
  colors: HeatColors;
  slowRank: number | null;
  divergentCol: number;
  selected: ReadonlySet<number>;
  open: ReadonlySet<number>;
  hover: HeatHit | null;
  focus: { row: number; col: number } | null;
  /** Text of a row mean (the bars at the right); `dev` = mean / median rank − 1 in median mode. */
  meanText: (row: number, dev: number) => string;
  /** Bars from 0, or both ways from the median rank. */
  meanMode: 'value' | 'median';
  /** Header of the mean bars. */
  meanLabel: string;
}

const FONT = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const FONT_BOLD = '600 11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const FONT_SMALL = '10px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** Relative luminance of a #rrggbb or rgb() colour (0..1), for text contrast. */
export function luminance(color: string): number {
  let r: number;
  let g: number;
  let b: number;
  const hex = /^#([0-9a-f]{6})$/i.exec(color);
  if (hex) {
    const n = parseInt(hex[1]!, 16);
    r = (n >> 16) & 255;
    g = (n >> 8) & 255;
    b = n & 255;
  } else {
    const m = /rgba?\(\s*(\d+)[,\s]+(\d+)[,\s]+(\d+)/.exec(color);
    if (!m) return 0.5;
    r = Number(m[1]);
    g = Number(m[2]);
    b = Number(m[3]);
  }
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function drawHeatmap(f: HeatDrawInput): void {
  const { ctx, width, height, dpr, layout: l, scrollTop, data, colors: c } = f;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  ctx.textBaseline = 'middle';
  const first = Math.max(0, Math.floor(scrollTop / l.rowH));
  const last = Math.min(l.rows - 1, Math.floor((scrollTop + height - l.headerH) / l.rowH));
  const yOf = (row: number) => l.headerH + row * l.rowH - scrollTop;
  const x0 = l.labelW;
  const gap = l.colW >= 10 ? 1 : 0;
  const vgap = l.rowH >= 10 ? 1 : 0;

  // Rows: label, then cells (clipped below the header).
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, l.headerH, width, height - l.headerH);
  ctx.clip();
  for (let row = first; row <= last; row++) {
    const y = yOf(row);
    const rank = data.ranks[row]!;
    const host = data.hosts[row];
    const isSlow = rank === f.slowRank;
    const sel = f.selected.has(rank);
    const hoverRow =
      f.hover && (f.hover.kind === 'cell' || f.hover.kind === 'label') && f.hover.row === row;
    if (sel || hoverRow) {
      ctx.fillStyle = sel
        ? c.dark
          ? 'rgba(255,183,77,0.16)'
          : 'rgba(255,152,0,0.14)'
        : c.dark
          ? 'rgba(255,255,255,0.05)'
          : 'rgba(0,0,0,0.04)';
      ctx.fillRect(0, y, x0 - 2, l.rowH);
    }
    if (isSlow) {
      ctx.fillStyle = c.danger;
      ctx.fillRect(0, y + 1, 3, l.rowH - 2);
    }
    // Open-on-timeline dot.
    if (f.open.has(rank)) {
      ctx.fillStyle = c.accent;
      ctx.beginPath();
      ctx.arc(12, y + l.rowH / 2, Math.min(3.5, l.rowH / 4), 0, Math.PI * 2);
      ctx.fill();
    }
    ctx.font = isSlow ? FONT_BOLD : FONT;
    ctx.fillStyle = isSlow ? c.danger : c.fg;
    ctx.textAlign = 'left';
    const rankText = `${rank}`;
    ctx.fillText(rankText, 22, y + l.rowH / 2);
    const rw = ctx.measureText(rankText).width;
    if (l.rowH >= 14) {
      ctx.font = FONT_SMALL;
      ctx.fillStyle = c.fg2;
      const tag = isSlow ? (host ? `${host} · slowest` : 'slowest') : (host ?? '');
      if (tag) ctx.fillText(clip(ctx, tag, x0 - 36 - rw), 30 + rw, y + l.rowH / 2);
    } else if (isSlow) {
      ctx.font = FONT_SMALL;
      ctx.fillText('slowest', 30 + rw, y + l.rowH / 2);
    }
    for (let col = 0; col < l.cols; col++) {
      const x = x0 + col * l.colW;
      const fill = f.fill(row, col);
      if (fill === null) {
        ctx.fillStyle = c.bg2;
        ctx.fillRect(x, y, l.colW - gap, l.rowH - vgap);
        ctx.strokeStyle = c.border;
        ctx.lineWidth = 1;
        ctx.beginPath();
        ctx.moveTo(x + 3, y + l.rowH - 3);
        ctx.lineTo(x + l.colW - 3 - gap, y + 3);
        ctx.stroke();
        continue;
      }
      ctx.fillStyle = fill;
      ctx.fillRect(x, y, l.colW - gap, l.rowH - vgap);
      if (f.cellText && l.colW >= 54 && l.rowH >= 16) {
        ctx.font = FONT;
        ctx.textAlign = 'center';
        ctx.fillStyle = luminance(fill) > 0.42 ? '#14181f' : '#ffffff';
        ctx.fillText(clip(ctx, f.cellText(row, col), l.colW - 6), x + l.colW / 2, y + l.rowH / 2);
        ctx.textAlign = 'left';
      }
    }
  }
  // Mean per row: bars from 0 (value mode), or from the median rank both ways (median mode).
  if (l.sumW > 0) {
    const means = Array.from(data.rowMean).filter((v) => Number.isFinite(v));
    const maxMean = means.reduce((a, v) => Math.max(a, v), 0);
    const sorted = [...means].sort((a, b) => a - b);
    const median = sorted.length > 0 ? sorted[sorted.length >> 1]! : NaN;
    const maxDev = means.reduce((a, v) => Math.max(a, Math.abs(v / median - 1)), 0) || 1;
    const dev = f.meanMode === 'median' && median > 0;
    const barMax = l.sumW - (dev ? 120 : 70);
    const mid = dev ? l.sumX + barMax / 2 : l.sumX;
    if (dev) {
      ctx.fillStyle = c.border;
      ctx.fillRect(Math.round(mid), l.headerH, 1, Math.min(l.rowsH - scrollTop, height));
    }
    for (let row = first; row <= last; row++) {
      const v = data.rowMean[row]!;
      if (!Number.isFinite(v) || maxMean <= 0) continue;
      const y = yOf(row);
      const rank = data.ranks[row]!;
      const d = v / median - 1;
      const w = dev ? (d / maxDev) * (barMax / 2) : Math.max(1, (v / maxMean) * barMax);
      const bh = Math.max(3, Math.min(10, l.rowH - 6));
      ctx.fillStyle =
        rank === f.slowRank
          ? c.danger
          : f.selected.has(rank)
            ? c.select
            : c.dark
              ? 'rgba(154,163,178,0.55)'
              : 'rgba(91,98,112,0.38)';
      const x = w >= 0 ? mid : mid + w;
      ctx.fillRect(x, y + (l.rowH - bh) / 2, Math.max(1, Math.abs(w)), bh);
      if (l.rowH >= 12) {
        ctx.font = rank === f.slowRank ? FONT_BOLD : FONT_SMALL;
        ctx.fillStyle = rank === f.slowRank ? c.danger : c.fg2;
        const text = f.meanText(row, dev ? d : NaN);
        const end = dev ? Math.max(mid, mid + w) : mid + w;
        ctx.fillText(text, end + 6, y + l.rowH / 2);
      }
    }
  }
  // Marks: divergent column, slowest row, hover and focus cells.
  if (f.divergentCol >= 0 && f.divergentCol < l.cols) {
    const x = x0 + f.divergentCol * l.colW;
    ctx.strokeStyle = c.accent;
    ctx.lineWidth = 2;
    ctx.setLineDash([4, 3]);
    ctx.strokeRect(
      x - 1,
      l.headerH - 1,
      l.colW - gap + 2,
      Math.min(l.rowsH - scrollTop, height) + 2,
    );
    ctx.setLineDash([]);
  }
  const slowRow = f.slowRank === null ? -1 : data.ranks.indexOf(f.slowRank);
  if (slowRow >= first && slowRow <= last) {
    ctx.strokeStyle = c.danger;
    ctx.lineWidth = 2;
    ctx.strokeRect(x0 - 1, yOf(slowRow) - 1, l.gridW - gap + 2, l.rowH - vgap + 2);
  }
  if (f.focus && f.focus.row >= first && f.focus.row <= last) {
    ctx.strokeStyle = c.accent;
    ctx.lineWidth = 2;
    ctx.strokeRect(x0 + f.focus.col * l.colW, yOf(f.focus.row), l.colW - gap, l.rowH - vgap);
  }
  if (f.hover?.kind === 'cell') {
    const y = yOf(f.hover.row);
    ctx.strokeStyle = c.dark ? '#ffffff' : '#111111';
    ctx.lineWidth = 1.5;
    ctx.strokeRect(
      x0 + f.hover.col * l.colW + 0.75,
      y + 0.75,
      l.colW - gap - 1.5,
      l.rowH - vgap - 1.5,
    );
  }
  ctx.restore();

  // Header: step labels, the divergent one marked.
  ctx.fillStyle = c.bg;
  ctx.fillRect(0, 0, width, l.headerH);
  ctx.strokeStyle = c.border;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(0, l.headerH - 0.5);
  ctx.lineTo(l.sumW > 0 ? l.sumX + l.sumW : x0 + l.gridW, l.headerH - 0.5);
  ctx.stroke();
  ctx.font = FONT_SMALL;
  ctx.fillStyle = c.fg2;
  ctx.textAlign = 'left';
  ctx.fillText('rank', 22, l.headerH / 2);
  if (l.sumW > 0) ctx.fillText(f.meanLabel, l.sumX, l.headerH / 2);
  ctx.textAlign = 'center';
  const widest = Math.max(...data.steps.map((s) => ctx.measureText(stepText(s)).width), 10);
  const every = Math.max(1, Math.ceil((widest + 8) / l.colW));
  for (let col = 0; col < l.cols; col++) {
    const div = col === f.divergentCol;
    const hov = f.hover && f.hover.kind !== 'label' && f.hover.col === col;
    if (col % every !== 0 && !div && !hov) continue;
    const x = x0 + col * l.colW + l.colW / 2;
    ctx.font = div || hov ? FONT_BOLD : FONT_SMALL;
    ctx.fillStyle = div ? c.accent : hov ? c.fg : c.fg2;
    ctx.fillText(stepText(data.steps[col]!), x, l.headerH / 2 - 2);
    if (div) {
      ctx.beginPath();
      ctx.moveTo(x - 4, l.headerH - 7);
      ctx.lineTo(x + 4, l.headerH - 7);
      ctx.lineTo(x, l.headerH - 2);
      ctx.closePath();
      ctx.fill();
    }
  }
  ctx.textAlign = 'left';
}

const stepText = (s: string) => (s === '' ? 'all' : s);

function clip(ctx: CanvasRenderingContext2D, text: string, max: number): string {
  if (max <= 4) return '';
  if (ctx.measureText(text).width <= max) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ctx.measureText(`${text.slice(0, mid)}…`).width <= max) lo = mid;
    else hi = mid - 1;
  }
  return lo === 0 ? '' : `${text.slice(0, lo)}…`;
}
