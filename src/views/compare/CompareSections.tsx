/** Compare view sections drawn as plain tables and bars: Summary, Steps diff, Communication diff. */
import { segmentLabel, segmentTitle } from '../steps/step-text';
import { t } from '../../i18n/t';
import { renderMessage } from '../../i18n/message';
import { formatDuration } from '../../lib/format';
import type { CommDiffRow, CompareResult, SummaryRow } from '../../model/compare/compare';
import { STEP_SEGMENTS, type StepBar } from '../../model/derive/steps';
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
      <h2>{t('compare:summary')}</h2>
      <table className="grid compact" data-testid="compare-summary">
        <thead>
          <tr>
            <th>{t('compare:figure')}</th>
            <th className="num">{t('compare:baseline')}</th>
            <th className="num">{t('compare:target')}</th>
            <th className="num">Δ</th>
            <th className="num">Δ %</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-id={r.id}>
              <td title={r.titleMsg ? renderMessage(r.titleMsg) : undefined}>
                {renderMessage(r.labelMsg)}
              </td>
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
      title={
        bar ? `${label}: ${formatDuration(bar.stepTime * 1000)}` : `${label}${t('compare:none')}`
      }
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
      <h2>{t('compare:steps_diff')}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t('compare:neither_side_has_steps')}</p>
      ) : (
        <>
          <p className="muted small">
            {t('compare:aligned_by_step_index_step_time')}
            {d && (
              <>
                {' '}
                {t('compare:mean_per_step_step_time')} {formatSignedDuration(d.stepTime)}
                {t('compare:computing')} {formatSignedDuration(d.computing)}
                {t('compare:exposed_communication')}{' '}
                {formatSignedDuration(d.communicationNotOverlapped)}
                {t('compare:free')} {formatSignedDuration(d.free)}.
              </>
            )}
          </p>
          <div className="step-legend small">
            {STEP_SEGMENTS.map((s) => (
              <span key={s.key} title={segmentTitle(s.key)}>
                <span className={`step-seg seg-${s.key} swatch`} /> {segmentLabel(s.key)}
              </span>
            ))}
          </div>
          {rows.slice(0, 200).map((r) => (
            <div className="compare-step" key={r.index} data-testid="compare-step">
              <div className="compare-step-head small">
                #{r.index + 1} {t('compare:baseline_step')} {r.baselineStep ?? '–'}{' '}
                {t('compare:target_step')} {r.targetStep ?? '–'}
                {r.deltaNs && (
                  <span className={tone(r.deltaNs.stepTime)}>
                    {' '}
                    · Δ {formatSignedDuration(r.deltaNs.stepTime)} {t('compare:computing_2')}{' '}
                    {formatSignedDuration(r.deltaNs.computing)}
                    {t('compare:exposed_comm')}{' '}
                    {formatSignedDuration(r.deltaNs.communicationNotOverlapped)}
                    {t('compare:free')} {formatSignedDuration(r.deltaNs.free)})
                  </span>
                )}
              </div>
              <Bar bar={r.baselineBar} scale={scale} label={t('compare:baseline_2')} />
              <Bar bar={r.targetBar} scale={scale} label={t('compare:target_2')} />
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
      <h2>{t('compare:communication_diff')}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t('compare:neither_side_has_communication_ops')}</p>
      ) : (
        <table className="grid compact" data-testid="compare-communication">
          <thead>
            <tr>
              <th>{t('compare:type')}</th>
              <th>{t('compare:group')}</th>
              {(['Baseline', 'Target'] as const).map((s) => (
                <th key={s} className="num" colSpan={5}>
                  {s}
                  {t('compare:count_total_wait_transit_bandwidth')}
                </th>
              ))}
              <th className="num">{t('compare:total')}</th>
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
