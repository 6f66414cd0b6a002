/**
 * The rank × step heatmap (canvas): one row per rank, one column per step, coloured by the
 * chosen metric or by its deviation from the step's median across ranks. The slowest rank's row
 * and the divergent step's column are outlined; ranks open on the timeline carry a dot; picked
 * ranks are shaded. Only the rows in view are drawn (see heatmap-draw.ts).
 *
 * Mouse: hover for the readout; click a cell to open that rank on the timeline at that step;
 * Ctrl/⌘-click a cell or click a rank label to pick ranks. Keyboard: arrows move the focused
 * cell, Enter opens it, Space picks its rank.
 */
import { t } from '../../i18n/t';
import { scaleLinear } from 'd3-scale';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { RankStep } from '../../model/cluster/rank-summary';
import { deviation, type HeatmapRows } from '../../model/cluster/heatmap';
import { Tooltip } from '../../ui/Tooltip';
import { useElementSize } from '../../ui/use-element-size';
import { formatDeviation, formatUs, METRIC_LABELS } from './cluster-text';
import type { ClusterMetric } from '../../model/cluster/analyze';
import {
  cellCentre,
  drawHeatmap,
  heatHit,
  heatLayout,
  heatWidth,
  viewportRowsHeight,
  type HeatColors,
  type HeatHit,
} from './heatmap-draw';

export const VALUE_PALETTE = {
  light: ['#fff7ec', '#fdd49e', '#fc8d59', '#d7301f', '#7f0000'],
  dark: ['#2b2420', '#5e3a22', '#a4512a', '#e8833a', '#ffd59a'],
};
export const DEVIATION_PALETTE = {
  light: ['#2166ac', '#92c5de', '#f4f4f2', '#f4a582', '#b2182b'],
  dark: ['#5aa0e0', '#2b4a6b', '#2b2e35', '#7b3b2d', '#f07058'],
};

export interface RankHeatmapProps {
  data: HeatmapRows;
  metric: ClusterMetric;
  mode: 'value' | 'median';
  theme: 'light' | 'dark';
  slowRank: number | null;
  divergentStep: string | null;
  selected: readonly number[];
  open: readonly number[];
  /** The rank's step row, for the readout. */
  stepOf: (rank: number, step: string) => RankStep | undefined;
  onOpenCell: (rank: number, step: string) => void;
  onToggleRank: (rank: number, additive: boolean) => void;
}

export interface HeatmapTestHook {
  /** Client (page) coordinates of a cell's centre, scrolling it into view first. */
  cellCenter: (rank: number, step: string) => { x: number; y: number } | null;
}

function readColors(el: HTMLElement, dark: boolean): HeatColors {
  const cs = getComputedStyle(el);
  const v = (n: string, d: string) => cs.getPropertyValue(n).trim() || d;
  return {
    bg: v('--bg', '#ffffff'),
    bg2: v('--bg-2', '#f4f5f7'),
    fg: v('--fg', '#1d2129'),
    fg2: v('--fg-2', '#5b6270'),
    border: v('--border', '#d5d9e0'),
    accent: v('--accent', '#2f6fde'),
    danger: v('--danger', '#c62828'),
    select: v('--select', '#ff9800'),
    dark,
  };
}

export function RankHeatmap(props: RankHeatmapProps) {
  const { data, mode, theme } = props;
  const hostRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const { width } = useElementSize(hostRef);
  const [scrollTop, setScrollTop] = useState(0);
  const [hover, setHover] = useState<{ hit: HeatHit; x: number; y: number } | null>(null);
  const [focus, setFocus] = useState<{ row: number; col: number } | null>(null);
  const nSteps = data.steps.length;
  const layout = useMemo(
    () => heatLayout(width, data.ranks.length, nSteps),
    [width, data.ranks.length, nSteps],
  );
  const rowsH = viewportRowsHeight(layout);
  const height = layout.headerH + rowsH;
  const canvasW = Math.min(width, heatWidth(layout));

  const color = useMemo(() => {
    const stops = (mode === 'value' ? VALUE_PALETTE : DEVIATION_PALETTE)[theme];
    if (mode === 'value') {
      let lo = Number.isFinite(data.min) ? data.min : 0;
      let hi = Number.isFinite(data.max) ? data.max : 1;
      if (hi <= lo) {
        lo = lo * 0.95;
        hi = hi * 1.05 || 1;
      }
      return {
        scale: scaleLinear<string>()
          .domain(stops.map((_, i) => lo + ((hi - lo) * i) / (stops.length - 1)))
          .range(stops)
          .clamp(true),
        lo,
        hi,
        stops,
      };
    }
    const d = Math.max(0.01, data.maxDeviation);
    return {
      scale: scaleLinear<string>()
        .domain([-d, -d / 2, 0, d / 2, d])
        .range(stops)
        .clamp(true),
      lo: -d,
      hi: d,
      stops,
    };
  }, [mode, theme, data]);

  const fill = useCallback(
    (row: number, col: number): string | null => {
      const v = data.values[row * nSteps + col]!;
      if (Number.isNaN(v)) return null;
      if (mode === 'value') return color.scale(v);
      const dv = deviation(v, data.stepMedian[col]!);
      return Number.isNaN(dv) ? null : color.scale(dv);
    },
    [data, nSteps, mode, color],
  );
  const cellText = useCallback(
    (row: number, col: number) => {
      const v = data.values[row * nSteps + col]!;
      return mode === 'value' ? formatUs(v) : formatDeviation(deviation(v, data.stepMedian[col]!));
    },
    [data, nSteps, mode],
  );

  const selectedSet = useMemo(() => new Set(props.selected), [props.selected]);
  const openSet = useMemo(() => new Set(props.open), [props.open]);
  const divergentCol = props.divergentStep === null ? -1 : data.steps.indexOf(props.divergentStep);

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || canvasW <= 0) return;
    const dpr = Math.max(1, window.devicePixelRatio || 1);
    canvas.width = Math.round(canvasW * dpr);
    canvas.height = Math.round(height * dpr);
    canvas.style.width = `${canvasW}px`;
    canvas.style.height = `${height}px`;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    drawHeatmap({
      ctx,
      width: canvasW,
      height,
      dpr,
      layout,
      scrollTop,
      data,
      fill,
      cellText,
      colors: readColors(canvas, theme === 'dark'),
      slowRank: props.slowRank,
      divergentCol,
      selected: selectedSet,
      open: openSet,
      hover: hover?.hit ?? null,
      focus,
      meanText: (row, dev) =>
        Number.isNaN(dev)
          ? formatUs(data.rowMean[row])
          : `${formatUs(data.rowMean[row])} · ${formatDeviation(dev)}`,
      meanMode: mode,
      meanLabel:
        mode === 'median'
          ? `${t('cluster:mean_2')} ${METRIC_LABELS[props.metric].short.toLowerCase()} ${t('cluster:vs_median_rank')}`
          : `${t('cluster:mean_2')} ${METRIC_LABELS[props.metric].short.toLowerCase()} ${t('cluster:per_step')}`,
    });
  }, [
    canvasW,
    height,
    layout,
    scrollTop,
    data,
    fill,
    cellText,
    theme,
    props.slowRank,
    divergentCol,
    selectedSet,
    openSet,
    hover,
    focus,
    props.metric,
    mode,
  ]);

  const hitAt = (e: React.MouseEvent) => {
    const b = canvasRef.current?.getBoundingClientRect();
    if (!b) return null;
    const x = e.clientX - b.left;
    const y = e.clientY - b.top;
    if (x > canvasW) return null;
    const hit = heatHit(layout, x, y, scrollTop);
    return hit ? { hit, x, y } : null;
  };

  const onClick = (e: React.MouseEvent) => {
    const h = hitAt(e)?.hit;
    if (!h) return;
    if (h.kind === 'label')
      props.onToggleRank(data.ranks[h.row]!, e.ctrlKey || e.metaKey || e.shiftKey);
    else if (h.kind === 'cell') {
      setFocus({ row: h.row, col: h.col });
      const rank = data.ranks[h.row]!;
      if (e.ctrlKey || e.metaKey || e.shiftKey) props.onToggleRank(rank, true);
      else props.onOpenCell(rank, data.steps[h.col]!);
    }
  };

  const scrollRowIntoView = useCallback(
    (row: number) => {
      const el = scrollRef.current;
      if (!el) return;
      const top = row * layout.rowH;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top + layout.rowH > el.scrollTop + rowsH) el.scrollTop = top + layout.rowH - rowsH;
      setScrollTop(el.scrollTop);
    },
    [layout.rowH, rowsH],
  );

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (data.ranks.length === 0 || nSteps === 0) return;
    const f = focus ?? { row: 0, col: 0 };
    let next = f;
    const page = Math.max(1, Math.floor(rowsH / layout.rowH) - 1);
    switch (e.key) {
      case 'ArrowDown':
        next = { ...f, row: Math.min(data.ranks.length - 1, f.row + 1) };
        break;
      case 'ArrowUp':
        next = { ...f, row: Math.max(0, f.row - 1) };
        break;
      case 'ArrowRight':
        next = { ...f, col: Math.min(nSteps - 1, f.col + 1) };
        break;
      case 'ArrowLeft':
        next = { ...f, col: Math.max(0, f.col - 1) };
        break;
      case 'Home':
        next = e.ctrlKey ? { row: 0, col: 0 } : { ...f, col: 0 };
        break;
      case 'End':
        next = e.ctrlKey
          ? { row: data.ranks.length - 1, col: nSteps - 1 }
          : { ...f, col: nSteps - 1 };
        break;
      case 'PageDown':
        next = { ...f, row: Math.min(data.ranks.length - 1, f.row + page) };
        break;
      case 'PageUp':
        next = { ...f, row: Math.max(0, f.row - page) };
        break;
      case 'Enter':
        props.onOpenCell(data.ranks[f.row]!, data.steps[f.col]!);
        break;
      case ' ':
        props.onToggleRank(data.ranks[f.row]!, true);
        break;
      default:
        return;
    }
    e.preventDefault();
    setFocus(next);
    scrollRowIntoView(next.row);
  };

  // Test hook: where a cell is on the page (e2e clicks it like a user would).
  useEffect(() => {
    if (!__TEST_HOOKS__) return;
    const w = window as unknown as { __viewer?: Record<string, unknown> };
    if (!w.__viewer) return;
    const hook: HeatmapTestHook = {
      cellCenter: (rank, step) => {
        const row = data.ranks.indexOf(rank);
        const col = data.steps.indexOf(step);
        const el = scrollRef.current;
        const canvas = canvasRef.current;
        if (row < 0 || col < 0 || !el || !canvas) return null;
        const top = row * layout.rowH;
        if (top < el.scrollTop || top + layout.rowH > el.scrollTop + rowsH) el.scrollTop = top;
        const p = cellCentre(layout, row, col, el.scrollTop);
        const b = canvas.getBoundingClientRect();
        return { x: b.left + p.x, y: b.top + p.y };
      },
    };
    w.__viewer['clusterHeatmap'] = hook;
  }, [data, layout, rowsH]);

  const h = hover?.hit;
  const hoverCell = h?.kind === 'cell' ? h : null;
  const hoverRank = h && h.kind !== 'header' ? data.ranks[h.row]! : null;
  const hoverStep = hoverCell ? data.steps[hoverCell.col]! : null;
  const hoverValue = hoverCell ? data.values[hoverCell.row * nSteps + hoverCell.col]! : NaN;
  const hoverMedian = hoverCell ? data.stepMedian[hoverCell.col]! : NaN;
  const hoverRow =
    hoverRank !== null && hoverStep !== null ? props.stepOf(hoverRank, hoverStep) : undefined;
  const label = METRIC_LABELS[props.metric].short;

  return (
    <div className="rh" ref={hostRef} data-testid="cluster-heatmap">
      <div className="rh-stage" style={{ height }}>
        <canvas
          ref={canvasRef}
          className="rh-canvas"
          role="img"
          aria-label={`${label} ${t('cluster:per_rank_and_step')} ${data.ranks.length} ${t('cluster:ranks_3')} ${nSteps} ${t('cluster:steps')}`}
          data-ranks={data.ranks.length}
          data-steps={nSteps}
        />
        <div
          ref={scrollRef}
          className="rh-scroll"
          style={{ top: layout.headerH, height: rowsH, width: canvasW }}
          tabIndex={0}
          role="application"
          aria-label={t('cluster:rank_step_heatmap_arrows_move_enter')}
          aria-roledescription={t('cluster:heat_roledescription')}
          data-testid="cluster-heatmap-grid"
          onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
          onMouseMove={(e) => {
            const r = hitAt(e);
            setHover(r);
          }}
          onMouseLeave={() => setHover(null)}
          onClick={onClick}
          onKeyDown={onKeyDown}
          onFocus={() => setFocus((f) => f ?? { row: 0, col: 0 })}
          onBlur={() => setFocus(null)}
        >
          <div style={{ height: layout.rowsH }} />
        </div>
        <span className="cl-sr-only" aria-live="polite">
          {focus && data.ranks[focus.row] !== undefined
            ? t('cluster:heat_cell_live', {
                rank: String(data.ranks[focus.row]),
                step: data.steps[focus.col],
                metric: label,
                value: formatUs(data.values[focus.row * nSteps + focus.col]),
                deviation: formatDeviation(
                  deviation(
                    data.values[focus.row * nSteps + focus.col]!,
                    data.stepMedian[focus.col]!,
                  ),
                ),
              })
            : ''}
        </span>
        {hover && h && h.kind !== 'header' && hoverRank !== null && (
          <Tooltip
            x={hover.x}
            y={hover.y}
            width={canvasW}
            height={height}
            testId="cluster-heat-tooltip"
          >
            <strong>
              {t('cluster:rank_2')} {hoverRank}
              {data.hosts[h.row] ? ` · ${data.hosts[h.row]}` : ''}
              {hoverStep !== null
                ? ` ${t('cluster:step_4')} ${hoverStep === '' ? '(all)' : hoverStep}`
                : ''}
            </strong>
            {hoverCell ? (
              <>
                <div>
                  {label}: <b>{formatUs(hoverValue)}</b>{' '}
                  <span className="muted">
                    ({formatDeviation(deviation(hoverValue, hoverMedian))} {t('cluster:vs_median')}{' '}
                    {formatUs(hoverMedian)})
                  </span>
                </div>
                {hoverRow && (
                  <table className="tip-table">
                    <tbody>
                      {(
                        [
                          [t('cluster:heat_computing'), hoverRow.computingUs],
                          [t('steps:seg_comm_not_overlapped'), hoverRow.commNotOverlappedUs],
                          [t('steps:seg_free'), hoverRow.freeUs],
                          [t('steps:seg_preparing'), hoverRow.preparingUs],
                        ] as const
                      ).map(([k, v]) => (
                        <tr key={k}>
                          <td>{k}</td>
                          <td className="num">{formatUs(v)}</td>
                        </tr>
                      ))}
                      <tr className="tip-total">
                        <td title={t('cluster:computing_communication_not_overlapped_free_on')}>
                          {t('cluster:step_time')}
                        </td>
                        <td className="num">{formatUs(hoverRow.stepTimeUs)}</td>
                      </tr>
                    </tbody>
                  </table>
                )}
                <div className="muted small">{t('cluster:click_open_on_the_timeline_ctrl')}</div>
              </>
            ) : (
              <div className="muted small">
                {t('cluster:mean')} {label.toLowerCase()} {formatUs(data.rowMean[h.row])}{' '}
                {t('cluster:click_to_pick')}
              </div>
            )}
          </Tooltip>
        )}
      </div>
      <HeatLegend mode={mode} stops={color.stops} lo={color.lo} hi={color.hi} label={label} />
    </div>
  );
}

function HeatLegend(p: {
  mode: 'value' | 'median';
  stops: readonly string[];
  lo: number;
  hi: number;
  label: string;
}) {
  const gradient = `linear-gradient(to right, ${p.stops.join(', ')})`;
  return (
    <div className="rh-legend" data-testid="cluster-heat-legend">
      <span className="rh-legend-title">
        {p.mode === 'value' ? p.label : `${p.label} ${t('cluster:vs_step_median')}`}
      </span>
      <span className="rh-legend-end">
        {p.mode === 'value' ? formatUs(p.lo) : formatDeviation(p.lo)}
      </span>
      <span className="rh-legend-bar" style={{ background: gradient }} />
      <span className="rh-legend-end">
        {p.mode === 'value' ? formatUs(p.hi) : formatDeviation(p.hi)}
      </span>
      <span className="rh-legend-key">
        <i className="rh-key slow" /> {t('cluster:slowest_rank')}
      </span>
      <span className="rh-legend-key">
        <i className="rh-key div" /> {t('cluster:most_divergent_step')}
      </span>
      <span className="rh-legend-key">
        <i className="rh-key open" /> {t('cluster:on_the_timeline_2')}
      </span>
    </div>
  );
}
