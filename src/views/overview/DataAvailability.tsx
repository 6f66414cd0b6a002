/** "Data in this folder": which views the folder fills, from which file, and what is missing. */
import { t } from '../../i18n/t';
import { PRODUCED_BY } from '../../model/produced-by';
import { analyzeProfile } from '../../model/analysis/analyze';
import type { ProfileModel } from '../../model/profile';
import { useAppStoreApi } from '../../store/use-app-store';
import type { ViewTab } from '../../store/ui-slice';
import { sourceLabel } from '../common/SourceNote';

type DataKey = Exclude<keyof ProfileModel['ascend'], 'sources'>;

const VIEWS: { tab: ViewTab; label: string; parts: { key: DataKey; file: string }[] }[] = [
  {
    tab: 'kernels',
    get label() {
      return t('overview:kernels');
    },
    parts: [{ key: 'kernels', file: 'kernel_details.csv' }],
  },
  {
    tab: 'operators',
    get label() {
      return t('overview:operators');
    },
    parts: [{ key: 'operators', file: 'operator_details.csv' }],
  },
  {
    tab: 'steps',
    get label() {
      return t('overview:steps');
    },
    parts: [{ key: 'steps', file: 'step_trace_time.csv' }],
  },
  {
    tab: 'communication',
    get label() {
      return t('overview:communication');
    },
    parts: [
      { key: 'communication', file: 'communication.json' },
      { key: 'commMatrix', file: 'communication_matrix.json' },
    ],
  },
  {
    tab: 'memory',
    get label() {
      return t('overview:memory');
    },
    parts: [
      { key: 'memory', file: 'memory_record.csv' },
      { key: 'moduleMemory', file: 'npu_module_mem.csv' },
      { key: 'operatorMemory', file: 'operator_memory.csv' },
    ],
  },
  {
    tab: 'statistics',
    get label() {
      return t('overview:statistics');
    },
    parts: [
      { key: 'statistics', file: 'op_statistic.csv' },
      { key: 'statistics', file: 'api_statistic.csv' },
      { key: 'statistics', file: 'l2_cache.csv' },
    ],
  },
];

/** Which views have data, where it came from, and why the others are empty. */
export function DataAvailability({ profile }: { profile: ProfileModel }) {
  const store = useAppStoreApi();
  const a = profile.ascend;
  const analysis = analyzeProfile(profile);
  const fromTrace = (src: string | undefined) =>
    src === 'db' ? t('overview:from_db_timeline') : t('overview:from_trace');
  /** Views the analysis layer fills from the trace when the side file is absent. */
  const derived: Partial<Record<DataKey, string>> = {};
  if (!a.kernels && analysis.kernels) derived.kernels = fromTrace(analysis.kernels.source);
  if (!a.operators && analysis.operators) derived.operators = fromTrace(analysis.operators.source);
  if (!a.steps && analysis.trace?.steps.some((s) => s.events > 0))
    derived.steps = fromTrace(analysis.traceSource);
  if (!a.statistics && analysis.kernels?.table.source === 'trace')
    derived.statistics = `derived ${fromTrace(analysis.kernels.source)}`;
  if (!a.communication && analysis.trace && analysis.trace.collectives.length > 0)
    derived.communication = fromTrace(analysis.traceSource);
  return (
    <section className="panel" data-testid="data-availability">
      <h2>
        {t('overview:data_in_this_folder')}{' '}
        <span className="muted">{t('overview:what_each_view_reads')}</span>
      </h2>
      <ul className="avail">
        {VIEWS.map((v) => {
          const has = (p: { key: DataKey; file: string }) =>
            p.key === 'statistics' ? a.statistics?.[p.file] !== undefined : a[p.key] !== undefined;
          const viaTrace = v.parts.map((p) => derived[p.key]).find((x) => x !== undefined);
          if (viaTrace) {
            return (
              <li key={v.tab} className="ok">
                <span className="avail-mark" aria-hidden>
                  ●
                </span>
                <button
                  type="button"
                  className="link"
                  onClick={() => store.getState().setTab(v.tab)}
                >
                  {v.label}
                </button>
                <span className="muted"> {viaTrace}</span>
              </li>
            );
          }
          const present = [...new Set(v.parts.filter(has).map((p) => p.key))];
          const missingFiles = v.parts.filter((p) => !has(p)).map((p) => p.file);
          return (
            <li key={v.tab} className={present.length ? 'ok' : 'none'}>
              <span className="avail-mark" aria-hidden>
                {present.length ? '●' : '○'}
              </span>
              <button type="button" className="link" onClick={() => store.getState().setTab(v.tab)}>
                {v.label}
              </button>
              <span className="muted">
                {present.length
                  ? ` ${(v.tab === 'statistics'
                      ? Object.keys(a.statistics ?? {})
                      : present.map((k) => sourceLabel(a.sources, k))
                    )
                      .filter(Boolean)
                      .join(' · ')}`
                  : ''}
              </span>
              {missingFiles.length > 0 && (
                <div className="avail-missing small">
                  {missingFiles.map((f) => (
                    <div key={f}>
                      {t('common:no')} <code>{f}</code>
                      {PRODUCED_BY[f] ? ` — ${PRODUCED_BY[f]}` : ''}
                    </div>
                  ))}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
