/**
 * Rank × rank heatmap (source rows, destination columns) of one metric, as SVG: d3 maps values
 * to colours, React draws the cells. Hover a cell for its link details.
 */
import { t } from '../../i18n/t';
import { scaleLinear } from 'd3-scale';
import { useId, useRef, useState } from 'react';
import type { HeatCell, HeatmapData } from '../../model/derive/comm-heatmap';
import { Tooltip } from '../../ui/Tooltip';
import { useElementSize } from '../../ui/use-element-size';
import '../../ui/ui.css';

const PALETTE = {
  light: ['#eaf2fc', '#bcd5f3', '#78a9e6', '#3a74d4', '#1b3f8b'],
  dark: ['#1b2535', '#22416f', '#2f6fde', '#78abff', '#dbe8ff'],
};
const LABEL = 44;
const TOP = 34;
const MAX_CELL = 46;
const MIN_CELL = 6;

export interface CommHeatmapProps {
  data: HeatmapData;
  metricLabel: string;
  unit: string;
  theme: 'light' | 'dark';
}

export const fmt = (v: number, digits = 3) =>
  Number.isFinite(v) ? Number(v.toFixed(v >= 100 ? 1 : digits)).toLocaleString('en-US') : '–';

export function CommHeatmap({ data, metricLabel, unit, theme }: CommHeatmapProps) {
  const ref = useRef<HTMLDivElement>(null);
  const { width } = useElementSize(ref);
  const gid = useId().replace(/:/g, '');
  const [hover, setHover] = useState<{ c: HeatCell; x: number; y: number } | null>(null);
  const n = data.ranks.length;
  const maxCell = n <= 4 ? 72 : MAX_CELL;
  const cell = Math.max(
    MIN_CELL,
    Math.min(maxCell, Math.floor((Math.max(width, 200) - LABEL - 120) / Math.max(1, n))),
  );
  const pos = new Map(data.ranks.map((r, i) => [r, i]));
  const stops = PALETTE[theme];
  // Every metric is a non-negative amount: the scale starts at 0 so colours compare honestly.
  const lo = 0;
  const hi = Number.isFinite(data.max) ? data.max : 1;
  const color = scaleLinear<string>()
    .domain(stops.map((_, i) => lo + ((hi - lo || 1) * i) / (stops.length - 1)))
    .range(stops)
    .clamp(true);
  const dark = (v: number) => (hi > lo ? (v - lo) / (hi - lo) : 1) > 0.55 === (theme === 'light');
  const size = LABEL + n * cell;
  const legendX = size + 24;
  const svgW = legendX + 90;
  const svgH = TOP + n * cell + 8;
  const showText = cell >= 38;
  const hasRemote = data.cells.some((c) => c.src !== c.dst);
  // Local copies (src = dst) are kept off the colour scale when real links exist.
  const offScale = (c: HeatCell) => hasRemote && c.src === c.dst;
  return (
    <div className="heatmap" ref={ref} data-testid="comm-heatmap">
      <svg
        width={svgW}
        height={svgH}
        role="img"
        aria-label={`${metricLabel} ${t('communication:between')} ${n} ${t('communication:ranks')}`}
        onMouseLeave={() => setHover(null)}
      >
        <defs>
          <pattern
            id={`grid${gid}`}
            x={LABEL}
            y={TOP}
            width={cell}
            height={cell}
            patternUnits="userSpaceOnUse"
          >
            <rect className="hm-empty" width={cell - 1} height={cell - 1} />
          </pattern>
          <linearGradient id={`hm${gid}`} x1="0" x2="0" y1="1" y2="0">
            {stops.map((c, i) => (
              <stop key={c} offset={`${(i / (stops.length - 1)) * 100}%`} stopColor={c} />
            ))}
          </linearGradient>
        </defs>
        <text className="hm-axis-title" x={LABEL} y={11}>
          {t('communication:destination_rank')}
        </text>
        <text className="hm-axis-title" transform={`translate(10,${TOP}) rotate(90)`}>
          {t('communication:source_rank')}
        </text>
        {data.ranks.map((r, i) => (
          <g key={r}>
            <text
              className="hm-label"
              x={LABEL + i * cell + cell / 2}
              y={TOP - 6}
              textAnchor="middle"
            >
              {r}
            </text>
            <text
              className="hm-label"
              x={LABEL - 6}
              y={TOP + i * cell + cell / 2}
              dy="0.32em"
              textAnchor="end"
            >
              {r}
            </text>
          </g>
        ))}
        {/* Empty cells: one rect filled with a cell-sized pattern (not n² elements). */}
        <rect
          className="hm-grid"
          x={LABEL}
          y={TOP}
          width={n * cell}
          height={n * cell}
          fill={`url(#grid${gid})`}
        />
        {data.cells.map((c) => {
          const x = LABEL + pos.get(c.dst)! * cell;
          const y = TOP + pos.get(c.src)! * cell;
          const v = c.value;
          return (
            <g
              key={`${c.src}>${c.dst}`}
              data-testid="heat-cell"
              onMouseMove={(e) => {
                const b = ref.current?.getBoundingClientRect();
                if (b) setHover({ c, x: e.clientX - b.left, y: e.clientY - b.top });
              }}
            >
              <rect
                className={
                  'hm-cell' + (offScale(c) ? ' local' : '') + (hover?.c === c ? ' hover' : '')
                }
                x={x}
                y={y}
                width={cell - 1}
                height={cell - 1}
                style={
                  offScale(c) ? undefined : { fill: Number.isFinite(v) ? color(v) : 'var(--bg-3)' }
                }
              />
              {showText && Number.isFinite(v) && (
                <text
                  className={
                    offScale(c) ? 'hm-value local' : dark(v) ? 'hm-value on-dark' : 'hm-value'
                  }
                  x={x + cell / 2}
                  y={y + cell / 2}
                  dy="0.32em"
                  textAnchor="middle"
                >
                  {fmt(v, 1)}
                </text>
              )}
            </g>
          );
        })}
        <g transform={`translate(${legendX},${TOP})`} aria-hidden>
          <rect width={12} height={Math.max(40, n * cell - 1)} fill={`url(#hm${gid})`} rx={2} />
          <text className="hm-label" x={18} y={8}>
            {fmt(hi)}
          </text>
          <text className="hm-label" x={18} y={Math.max(40, n * cell - 1)}>
            {fmt(lo)}
          </text>
          <text className="hm-label" x={18} y={Math.max(40, n * cell - 1) / 2} dy="0.32em">
            {unit}
          </text>
        </g>
      </svg>
      {hover && (
        <Tooltip
          x={hover.x}
          y={hover.y}
          width={Math.max(width, svgW)}
          height={svgH}
          testId="heat-tooltip"
        >
          <strong>
            {t('communication:rank')} {hover.c.src} → {hover.c.dst}
          </strong>
          <div>{hover.c.transports.join(', ') || t('communication:unknown_transport')}</div>
          <div>
            {fmt(hover.c.sizeMB)} {t('communication:mb_in')} {fmt(hover.c.timeMs)} ms ·{' '}
            {fmt(hover.c.bandwidthGBs)} GB/s
          </div>
          {hover.c.links > 1 && (
            <div className="muted">
              {hover.c.links} {t('communication:links_summed')}
            </div>
          )}
          {offScale(hover.c) && (
            <div className="muted">{t('communication:local_copy_not_on_the_colour')}</div>
          )}
        </Tooltip>
      )}
    </div>
  );
}
