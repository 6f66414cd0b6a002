/** Compare view sections drawn as plain tables and bars: Summary, Steps diff, Communication diff. */
import { formatDuration } from '../../lib/format';
import type { CommDiffRow, CompareResult, SummaryRow } from '../../model/compare/compare';
import { STEP_SEGMENTS, type StepBar } from '../../model/views/steps';
import { formatSignedDuration } from './diff-columns';

const val = (v: number | null, unit: SummaryRow['unit']) =>
  v === null || !Number.isFinite(v) ? '–' : unit === 'ns' ? formatDuration(v) : String(v);
const pct = (v: number | null) =>
  v === null || !Number.isFinite(v) ? '' : `${v > 0 ? '+' : ''}${v.toFixed(1)} %`;
const signedVal = (v: number | null, unit: SummaryRow['unit']) =>
  v === null ? '–' : unit === 'ns' ? formatSignedDuration(v) : `${v > 0 ? '+' : ''}${v}`;
const tone = (v: number | null) => (v === null || v === 0 ? '' : v > 0 ? 'diff-up' : 'diff-down');

export function SummaryTable({ rows }: { rows: SummaryRow[] }) {
  return (
    <section className="compare-section">
      <h2>Summary</h2>
      <table className="grid compact" data-testid="compare-summary">
        <thead>
          <tr>
            <th>Figure</th>
            <th className="num">Baseline</th>
            <th className="num">Target</th>
            <th className="num">Δ</th>
            <th className="num">Δ %</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-id={r.id}>
              <td title={r.title}>{r.label}</td>
              <td className="num">{val(r.baseline, r.unit)}</td>
              <td className="num">{val(r.target, r.unit)}</td>
              <td className={`num ${tone(r.delta)}`}>{signedVal(r.delta, r.unit)}</td>
              <td className={`num ${tone(r.delta)}`}>{pct(r.deltaPct)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Bar({ bar, scale, label }: { bar: StepBar | null; scale: number; label: string }) {
  return (
    <div
      className="compare-bar"
      title={bar ? `${label}: ${formatDuration(bar.stepTime * 1000)}` : `${label}: none`}
    >
      <span className="compare-bar-label">{label}</span>
      <span className="compare-bar-track">
        {bar?.segments.map((s) => (
          <span
            key={s.key}
            className={`step-seg seg-${s.key}`}
            style={{ width: `${(s.value / scale) * 100}%` }}
          />
        ))}
      </span>
      <span className="num compare-bar-value">
        {bar ? formatDuration(bar.stepTime * 1000) : '–'}
      </span>
    </div>
  );
}

export function StepsDiff({ result }: { result: CompareResult }) {
  const rows = result.steps.rows;
  const scale = Math.max(
    1e-9,
    ...rows.flatMap((r) => [r.baselineBar?.total ?? 0, r.targetBar?.total ?? 0]),
  );
  const d = result.steps.deltaNs;
  return (
    <section className="compare-section" data-testid="compare-steps">
      <h2>Steps diff</h2>
      {rows.length === 0 ? (
        <p className="muted">Neither side has steps.</p>
      ) : (
        <>
          <p className="muted small">
            Aligned by step index. Step time = Computing + Communication (not overlapped) + Free.
            {d && (
              <>
                {' '}
                Mean per step Δ: step time {formatSignedDuration(d.stepTime)}, computing{' '}
                {formatSignedDuration(d.computing)}, exposed communication{' '}
                {formatSignedDuration(d.communicationNotOverlapped)}, free{' '}
                {formatSignedDuration(d.free)}.
              </>
            )}
          </p>
          <div className="step-legend small">
            {STEP_SEGMENTS.map((s) => (
              <span key={s.key} title={s.title}>
                <span className={`step-seg seg-${s.key} swatch`} /> {s.label}
              </span>
            ))}
          </div>
          {rows.slice(0, 200).map((r) => (
            <div className="compare-step" key={r.index} data-testid="compare-step">
              <div className="compare-step-head small">
                #{r.index + 1} · baseline step {r.baselineStep ?? '–'} · target step{' '}
                {r.targetStep ?? '–'}
                {r.deltaNs && (
                  <span className={tone(r.deltaNs.stepTime)}>
                    {' '}
                    · Δ {formatSignedDuration(r.deltaNs.stepTime)} (computing{' '}
                    {formatSignedDuration(r.deltaNs.computing)}, exposed comm.{' '}
                    {formatSignedDuration(r.deltaNs.communicationNotOverlapped)}, free{' '}
                    {formatSignedDuration(r.deltaNs.free)})
                  </span>
                )}
              </div>
              <Bar bar={r.baselineBar} scale={scale} label="baseline" />
              <Bar bar={r.targetBar} scale={scale} label="target" />
            </div>
          ))}
        </>
      )}
    </section>
  );
}

const cell = (v: number | null | undefined, f: (x: number) => string) =>
  v === null || v === undefined || !Number.isFinite(v) ? '–' : f(v);
const gbs = (v: number) => `${v.toFixed(2)} GB/s`;

export function CommDiff({ rows }: { rows: CommDiffRow[] }) {
  return (
    <section className="compare-section">
      <h2>Communication diff</h2>
      {rows.length === 0 ? (
        <p className="muted">Neither side has communication ops.</p>
      ) : (
        <table className="grid compact" data-testid="compare-communication">
          <thead>
            <tr>
              <th>Type</th>
              <th>Group</th>
              {(['Baseline', 'Target'] as const).map((s) => (
                <th key={s} className="num" colSpan={5}>
                  {s}: count · total · wait · transit · bandwidth
                </th>
              ))}
              <th className="num">Δ total</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <td className="mono">{r.type}</td>
                <td className="mono">{r.group || '–'}</td>
                {[r.baseline, r.target].flatMap((c, i) => [
                  <td key={`${i}c`} className="num">
                    {c?.count ?? 0}
                  </td>,
                  <td key={`${i}t`} className="num">
                    {cell(c?.totalNs, formatDuration)}
                  </td>,
                  <td key={`${i}w`} className="num">
                    {cell(c?.waitNs, formatDuration)}
                  </td>,
                  <td key={`${i}r`} className="num">
                    {cell(c?.transitNs, formatDuration)}
                  </td>,
                  <td key={`${i}b`} className="num">
                    {cell(c?.bandwidthGBs, gbs)}
                  </td>,
                ])}
                <td className={`num ${tone(r.deltaNs)}`}>{formatSignedDuration(r.deltaNs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
