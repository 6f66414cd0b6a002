/**
 * The parts the rank × rank matrix panels share (Communication view, cluster view): the step
 * menu, the metric switch and the table of totals per transport.
 */
import { t } from '../../i18n/t';
import {
  HEAT_METRICS,
  type HeatMetric,
  type TransportSummary,
} from '../../model/derive/comm-heatmap';
import { Segmented } from '../../ui/Segmented';
import { SelectField } from '../common/SelectField';
import { fmt } from './CommHeatmap';

/** "Step" menu: every step of the matrix, with "All steps" ('*') when there are several. */
export function StepField(p: {
  steps: readonly string[];
  value: string;
  onChange: (step: string) => void;
  testId?: string;
}) {
  const options = [
    ...(p.steps.length > 1 ? [{ value: '*', label: t('communication:all_steps') }] : []),
    ...p.steps.map((s) => ({ value: s, label: s === '' ? t('communication:no_step') : s })),
  ];
  return (
    <SelectField
      label={t('communication:step')}
      testId={p.testId}
      value={p.value}
      onChange={p.onChange}
      options={options}
    />
  );
}

const METRIC_OPTIONS = HEAT_METRICS.map((x) => ({
  value: x.value,
  label: `${x.label} (${x.unit})`,
}));

/** Which metric the matrix colours: bandwidth, size or time. */
export function MetricSwitch(p: {
  value: HeatMetric;
  onChange: (m: HeatMetric) => void;
  testId: string;
}) {
  return (
    <Segmented<HeatMetric>
      ariaLabel={t('communication:metric')}
      testId={p.testId}
      value={p.value}
      onChange={p.onChange}
      options={METRIC_OPTIONS}
    />
  );
}

/** Totals per transport (links, size, time, bandwidth); `current` marks the chosen transport. */
export function TransportTable(p: {
  summary: readonly TransportSummary[];
  testId: string;
  current?: string;
}) {
  return (
    <table className="grid compact" data-testid={p.testId}>
      <thead>
        <tr>
          <th>{t('communication:transport')}</th>
          <th className="num">{t('communication:links')}</th>
          <th className="num">{t('communication:size_mb')}</th>
          <th className="num">{t('communication:time_ms')}</th>
          <th className="num">GB/s</th>
        </tr>
      </thead>
      <tbody>
        {p.summary.map((t) => (
          <tr key={t.transport} className={t.transport === p.current ? 'current' : undefined}>
            <td>{t.transport}</td>
            <td className="num">{t.links}</td>
            <td className="num">{fmt(t.sizeMB)}</td>
            <td className="num">{fmt(t.timeMs)}</td>
            <td className="num">{fmt(t.bandwidthGBs)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
