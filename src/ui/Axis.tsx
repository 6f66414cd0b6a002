/**
 * An SVG axis drawn by React from a d3 scale: d3 computes the ticks and positions, React owns
 * every element (no d3-selection touching the DOM). Optional grid lines across the plot.
 *
 *      left axis            bottom axis
 *       │ 200 ─┼───── grid   ──┼────┼────┼──
 *       │ 100 ─┼─────          0   10   20 ms
 */
export interface TickScale {
  (v: number): number;
  ticks(count?: number): number[];
}

export interface AxisProps {
  scale: TickScale;
  orient: 'bottom' | 'left';
  /** Explicit tick values (else scale.ticks(count)). */
  ticks?: number[];
  count?: number;
  format: (v: number) => string;
  /** Length of grid lines drawn from each tick into the plot (0 = none). */
  grid?: number;
  /** Axis title. */
  label?: string;
  /** Range of the axis line, px. */
  range: [number, number];
}

export function Axis({
  scale,
  orient,
  ticks,
  count = 6,
  format,
  grid = 0,
  label,
  range,
}: AxisProps) {
  const values = ticks ?? scale.ticks(count);
  if (orient === 'bottom') {
    return (
      <g className="ui-axis" aria-hidden>
        {grid > 0 &&
          values.map((v, i) => (
            <line key={`g${i}`} className="ui-grid" x1={scale(v)} x2={scale(v)} y1={-grid} y2={0} />
          ))}
        <line className="ui-axis-line" x1={range[0]} x2={range[1]} y1={0} y2={0} />
        {values.map((v, i) => (
          <g key={i} transform={`translate(${scale(v)},0)`}>
            <line y2={4} />
            <text y={15} textAnchor="middle">
              {format(v)}
            </text>
          </g>
        ))}
        {label && (
          <text className="ui-axis-label" x={range[1]} y={30} textAnchor="end">
            {label}
          </text>
        )}
      </g>
    );
  }
  return (
    <g className="ui-axis" aria-hidden>
      {grid > 0 &&
        values.map((v, i) => (
          <line key={`g${i}`} className="ui-grid" x1={0} x2={grid} y1={scale(v)} y2={scale(v)} />
        ))}
      <line className="ui-axis-line" x1={0} x2={0} y1={range[0]} y2={range[1]} />
      {values.map((v, i) => (
        <g key={i} transform={`translate(0,${scale(v)})`}>
          <line x2={-4} />
          <text x={-7} dy="0.32em" textAnchor="end">
            {format(v)}
          </text>
        </g>
      ))}
      {label && (
        <text className="ui-axis-label" x={-7} y={range[1] - 8} textAnchor="end">
          {label}
        </text>
      )}
    </g>
  );
}
