/**
 * A step-line chart over a time axis, as SVG owned by React (d3-scale for the scales, d3-shape
 * for the path strings). The x domain is given (the caller's visible window), so several charts
 * and the timeline can share one axis. Hover shows a crosshair and every series' value;
 * Ctrl/⌘ + wheel zooms around the pointer, dragging pans, a click reports its time.
 *
 *   left ┌──────────────── plot ────────────────┐ right
 *        │   ┌──┐      ┌────                    │
 *        │───┘  └──────┘                        │ y = value (0 at the bottom)
 *        └──────────────────────────────────────┘
 *        x0 (domain start)              x1 (domain end)
 */
import { t } from '../i18n/t';
import { scaleLinear } from 'd3-scale';
import { curveStepAfter, line } from 'd3-shape';
import { useEffect, useId, useMemo, useRef, useState, type PointerEvent } from 'react';
import { Axis } from './Axis';
import { Tooltip } from './Tooltip';
import { marksIn, type ChartMark } from './chart-marks';
import { useElementSize } from './use-element-size';
import './ui.css';

export interface LineSeries {
  key: string;
  label: string;
  color: string;
  dashed?: boolean;
  /** Points to draw (already limited to the domain and decimated). */
  t: readonly number[];
  v: readonly number[];
  /** The value in effect at a time (hover readout). */
  valueAt: (t: number) => number;
}

export interface LineChartProps {
  /** Builds the series for a plot width (so the caller can decimate per pixel). */
  series: (plotWidth: number) => LineSeries[];
  x0: number;
  x1: number;
  /** Largest value to fit (the y domain is [0, yMax] made nice). */
  yMax: (series: LineSeries[]) => number;
  height: number;
  formatX: (v: number) => string;
  formatY: (v: number) => string;
  /** A highlighted span of x (e.g. the selected range). */
  band?: { start: number; end: number } | null;
  /** Markers at x (points as lines, ranges as bands), in their colours. */
  marks?: readonly ChartMark[];
  onZoom?: (center: number, factor: number) => void;
  onPan?: (dx: number) => void;
  onPick?: (x: number) => void;
  onReset?: () => void;
  ariaLabel: string;
  testId?: string;
}

const M = { left: 64, right: 16, top: 8, bottom: 24 };
/** A press that moves less than this (px) is a click, not a drag. */
const CLICK_SLOP = 4;

export function LineChart(p: LineChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const { width } = useElementSize(ref);
  const clip = useId().replace(/:/g, '');
  const plotW = Math.max(10, width - M.left - M.right);
  const plotH = Math.max(10, p.height - M.top - M.bottom);
  const { series: build, yMax: fit } = p;
  const series = useMemo(() => (width > 0 ? build(plotW) : []), [build, plotW, width]);
  const ymax = fit(series);
  const x = scaleLinear()
    .domain([p.x0, p.x1 > p.x0 ? p.x1 : p.x0 + 1])
    .range([M.left, M.left + plotW]);
  const y = scaleLinear()
    .domain([0, Number.isFinite(ymax) && ymax > 0 ? ymax * 1.05 : 1])
    .nice()
    .range([M.top + plotH, M.top]);
  const pathOf = (s: LineSeries) =>
    line<number>()
      .x((_v, i) => x(s.t[i]!))
      .y((v) => y(v))
      .curve(curveStepAfter)(s.v as number[]) ?? undefined;
  const [hover, setHover] = useState<{ px: number; py: number } | null>(null);

  // Wheel zoom needs a non-passive listener to keep the page from scrolling.
  const zoomRef = useRef(p.onZoom);
  const domainRef = useRef({ x0: p.x0, x1: p.x1, plotW });
  useEffect(() => {
    zoomRef.current = p.onZoom;
    domainRef.current = { x0: p.x0, x1: p.x1, plotW };
  });
  useEffect(() => {
    const el = svgRef.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      if (!(e.ctrlKey || e.metaKey) || !zoomRef.current) return;
      e.preventDefault();
      const d = domainRef.current;
      const r = el.getBoundingClientRect();
      const frac = (e.clientX - r.left - M.left) / d.plotW;
      const center = d.x0 + Math.max(0, Math.min(1, frac)) * (d.x1 - d.x0);
      zoomRef.current(center, Math.exp(e.deltaY * 0.002));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [width]);

  const drag = useRef<{ x: number; last: number; moved: boolean } | null>(null);
  const onDown = (e: PointerEvent<SVGSVGElement>) => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { x: e.clientX, last: e.clientX, moved: false };
  };
  const onMove = (e: PointerEvent<SVGSVGElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    setHover({ px: e.clientX - r.left, py: e.clientY - r.top });
    const d = drag.current;
    if (!d) return;
    if (Math.abs(e.clientX - d.x) > CLICK_SLOP) d.moved = true;
    if (d.moved && p.onPan) {
      p.onPan(-((e.clientX - d.last) / plotW) * (p.x1 - p.x0));
      d.last = e.clientX;
    }
  };
  const onUp = (e: PointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    drag.current = null;
    if (d && !d.moved && p.onPick) {
      const r = e.currentTarget.getBoundingClientRect();
      p.onPick(x.invert(e.clientX - r.left));
    }
  };

  const hx = hover && hover.px >= M.left && hover.px <= M.left + plotW ? hover.px : null;
  const ht = hx !== null ? x.invert(hx) : NaN;
  const band = p.band;
  const readout =
    hx === null
      ? []
      : series.map((s) => ({ s, v: s.valueAt(ht) })).filter((r) => Number.isFinite(r.v));
  return (
    <div className="ui-linechart" ref={ref} data-testid={p.testId}>
      {width > 0 && (
        <svg
          ref={svgRef}
          width={width}
          height={p.height}
          role="img"
          aria-label={p.ariaLabel}
          onPointerDown={onDown}
          onPointerMove={onMove}
          onPointerUp={onUp}
          onPointerLeave={() => setHover(null)}
          onDoubleClick={p.onReset}
        >
          <defs>
            <clipPath id={`c${clip}`}>
              <rect x={M.left} y={M.top - 2} width={plotW} height={plotH + 4} />
            </clipPath>
          </defs>
          <g transform={`translate(${M.left},0)`}>
            <Axis
              scale={y}
              orient="left"
              count={Math.max(2, Math.floor(plotH / 34))}
              format={p.formatY}
              grid={plotW}
              range={[M.top + plotH, M.top]}
            />
          </g>
          <g transform={`translate(0,${M.top + plotH})`}>
            <Axis
              scale={x}
              orient="bottom"
              count={Math.max(2, Math.floor(plotW / 110))}
              format={p.formatX}
              range={[M.left, M.left + plotW]}
            />
          </g>
          <g clipPath={`url(#c${clip})`}>
            {band && band.end > p.x0 && band.start < p.x1 && (
              <rect
                className="ui-band"
                x={x(Math.max(band.start, p.x0))}
                y={M.top}
                width={Math.max(1, x(Math.min(band.end, p.x1)) - x(Math.max(band.start, p.x0)))}
                height={plotH}
              />
            )}
            {marksIn(p.marks, p.x0, p.x1).map((m) =>
              m.end !== undefined ? (
                <rect
                  key={m.id}
                  className="ui-mark"
                  data-testid="chart-marker"
                  x={x(Math.max(m.start, p.x0))}
                  y={M.top}
                  width={Math.max(1, x(Math.min(m.end, p.x1)) - x(Math.max(m.start, p.x0)))}
                  height={plotH}
                  style={{ fill: m.color, stroke: m.color }}
                >
                  <title>{m.name}</title>
                </rect>
              ) : (
                <line
                  key={m.id}
                  className="ui-mark-line"
                  data-testid="chart-marker"
                  x1={x(m.start)}
                  x2={x(m.start)}
                  y1={M.top}
                  y2={M.top + plotH}
                  style={{ stroke: m.color }}
                >
                  <title>{m.name}</title>
                </line>
              ),
            )}
            {series.map((s) => (
              <path
                key={s.key}
                className="ui-line"
                d={pathOf(s)}
                data-series={s.key}
                style={{ stroke: s.color, strokeDasharray: s.dashed ? '5 3' : undefined }}
              />
            ))}
            {hx !== null && (
              <line className="ui-crosshair" x1={hx} x2={hx} y1={M.top} y2={M.top + plotH} />
            )}
            {hx !== null &&
              series.map((s) => {
                const v = s.valueAt(ht);
                return Number.isFinite(v) ? (
                  <circle
                    key={s.key}
                    className="ui-dot"
                    cx={hx}
                    cy={y(v)}
                    r={3}
                    style={{ fill: s.color }}
                  />
                ) : null;
              })}
          </g>
        </svg>
      )}
      {hx !== null && hover && series.length > 0 && (
        <Tooltip x={hover.px} y={hover.py} width={width} height={p.height} testId="chart-tooltip">
          <div className="muted">{p.formatX(ht)}</div>
          {readout.length === 0 ? (
            <div className="muted">{t('common:no_samples_here')}</div>
          ) : (
            <table className="ui-tip-table">
              <tbody>
                {readout.map(({ s, v }) => (
                  <tr key={s.key}>
                    <td>
                      <span className="ui-swatch" style={{ background: s.color }} /> {s.label}
                    </td>
                    <td className="num">{p.formatY(v)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Tooltip>
      )}
    </div>
  );
}
