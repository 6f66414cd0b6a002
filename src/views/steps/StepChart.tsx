/**
 * One horizontal stacked bar per step (Preparing, Computing, Overlapped, Communication not
 * overlapped, Free). React owns the SVG; d3 only provides the scale and ticks. Click a bar to
 * choose the step; hover for its values.
 */
import { segmentLabel, stepName, stepTimeDefinition } from './step-text';
import { t } from '../../i18n/t';
import { scaleLinear } from 'd3-scale';
import { useRef, useState } from 'react';
import { formatDuration, formatPercent } from '../../lib/format';
import { STEP_SEGMENTS, type StepBar } from '../../model/derive/steps';
import { Axis } from '../../ui/Axis';
import type { StepMark } from '../../ui/chart-marks';
import { Legend } from '../../ui/Legend';
import { Tooltip } from '../../ui/Tooltip';
import { useElementSize } from '../../ui/use-element-size';
import '../../ui/ui.css';

const BAND = 28;
const BAR = 18;
const LABEL_W = 150;
const RIGHT = 24;
const AXIS_H = 30;

export const SEGMENT_COLOR: Record<string, string> = {
  preparing: 'var(--seg-preparing)',
  computeOnly: 'var(--seg-compute)',
  overlapped: 'var(--seg-overlapped)',
  communicationNotOverlapped: 'var(--seg-comm)',
  free: 'var(--seg-free)',
};

export interface StepChartProps {
  /** Timeline markers inside the steps (stepMarks). */
  marks?: readonly StepMark[];
  bars: readonly StepBar[];
  /** Index of the chosen bar (-1 = none). */
  chosen: number;
  onChoose: (index: number) => void;
}

const us = (v: number) => formatDuration(v * 1000);
const axisUs = (v: number) => (v === 0 ? '0' : us(v));

export function StepChart({ bars, chosen, onChoose, marks }: StepChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const { width } = useElementSize(ref);
  const [hover, setHover] = useState<{ i: number; x: number; y: number } | null>(null);
  const max = Math.max(1e-9, ...bars.map((b) => b.total));
  const w = Math.max(width, LABEL_W + RIGHT + 100);
  const x = scaleLinear()
    .domain([0, max])
    .nice()
    .range([LABEL_W, w - RIGHT]);
  const height = bars.length * BAND + AXIS_H + 6;
  const h = hover ? bars[hover.i] : undefined;
  return (
    <div className="step-chart" ref={ref} data-testid="step-chart">
      <Legend
        items={STEP_SEGMENTS.map((s) => ({
          key: s.key,
          label: segmentLabel(s.key),
          color: SEGMENT_COLOR[s.key]!,
        }))}
      />
      <div className="step-chart-plot">
        {width > 0 && (
          <svg
            width={w}
            height={height}
            role="img"
            aria-label={`${t('steps:step_time_breakdown')} ${t('steps:n_steps', { count: bars.length })}`}
            onMouseLeave={() => setHover(null)}
          >
            <g transform={`translate(0,${bars.length * BAND + 4})`}>
              <Axis
                scale={x}
                orient="bottom"
                count={Math.max(2, Math.floor((w - LABEL_W) / 110))}
                format={axisUs}
                grid={bars.length * BAND + 4}
                range={[LABEL_W, w - RIGHT]}
              />
            </g>
            {bars.map((b, i) => (
              <g
                key={`${b.step}|${b.deviceId ?? ''}|${i}`}
                className={i === chosen ? 'step-bar chosen' : 'step-bar'}
                transform={`translate(0,${i * BAND})`}
                onClick={() => onChoose(i)}
                onMouseMove={(e) => {
                  const r = ref.current?.getBoundingClientRect();
                  if (r) setHover({ i, x: e.clientX - r.left, y: e.clientY - r.top });
                }}
                data-testid="step-bar"
              >
                <rect className="step-band" x={0} y={0} width={w} height={BAND} />
                <text
                  className="step-label"
                  x={LABEL_W - 10}
                  y={BAND / 2}
                  dy="0.32em"
                  textAnchor="end"
                >
                  {stepName(b.step, b.deviceId)}
                </text>
                {b.segments.map((s) =>
                  s.value > 0 ? (
                    <rect
                      key={s.key}
                      className="step-seg"
                      x={x(s.start)}
                      y={(BAND - BAR) / 2}
                      width={Math.max(0.5, x(s.start + s.value) - x(s.start))}
                      height={BAR}
                      style={{ fill: SEGMENT_COLOR[s.key] }}
                    />
                  ) : null,
                )}
                {(marks ?? [])
                  .filter((m) => m.bar === i)
                  .map((m) => {
                    const at = x(m.at * b.total);
                    return m.end !== undefined ? (
                      <rect
                        key={m.id}
                        className="ui-mark"
                        data-testid="step-marker"
                        x={at}
                        y={1}
                        width={Math.max(1, x(m.end * b.total) - at)}
                        height={BAND - 2}
                        style={{ fill: m.color, stroke: m.color }}
                      >
                        <title>{m.name}</title>
                      </rect>
                    ) : (
                      <line
                        key={m.id}
                        className="ui-mark-line"
                        data-testid="step-marker"
                        x1={at}
                        x2={at}
                        y1={1}
                        y2={BAND - 1}
                        style={{ stroke: m.color }}
                      >
                        <title>{m.name}</title>
                      </line>
                    );
                  })}
                <text className="step-total" x={x(b.total) + 6} y={BAND / 2} dy="0.32em">
                  {us(b.stepTime)}
                  <title>{stepTimeDefinition()}</title>
                </text>
              </g>
            ))}
          </svg>
        )}
      </div>
      {hover && h && (
        <Tooltip
          x={hover.x}
          y={hover.y}
          width={w}
          height={Math.max(height + 40, 200)}
          testId="step-tooltip"
        >
          <strong>{stepName(h.step, h.deviceId)}</strong>
          <table className="tip-table">
            <tbody>
              {h.segments.map((s) => (
                <tr key={s.key}>
                  <td>
                    <span className="ui-swatch" style={{ background: SEGMENT_COLOR[s.key] }} />{' '}
                    {segmentLabel(s.key)}
                  </td>
                  <td className="num">{us(s.value)}</td>
                  <td className="num muted">
                    {s.key === 'preparing'
                      ? t('steps:not_in_step_time')
                      : formatPercent(h.stepTime > 0 ? s.value / h.stepTime : 0)}
                  </td>
                </tr>
              ))}
              <tr className="tip-total">
                <td title={stepTimeDefinition()}>{t('steps:step_time_c_cno_free')}</td>
                <td className="num">{us(h.stepTime)}</td>
                <td />
              </tr>
            </tbody>
          </table>
        </Tooltip>
      )}
    </div>
  );
}
