/**
 * Statistics: op_statistic, api_statistic and l2_cache (profile.ascend.statistics), then every
 * other CSV of the folder, each as a sortable, filterable, exportable table. A missing
 * statistics file says which profiler setting writes it.
 */
import { t } from '../../i18n/t';
import { useMemo } from 'react';
import { analyzeProfile } from '../../model/analysis/analyze';
import { derivedOpStatistic, derivedOperatorStatistic } from '../../model/analysis/statistics';
import type { ProfileModel, TextTable } from '../../model/profile';
import { selectActiveProfile } from '../../store/selectors';
import { useAppStore } from '../../store/use-app-store';
import { textGridColumns } from '../../tables/text-columns';
import { MissingData } from '../common/MissingData';
import { TableToolbar } from '../common/TableToolbar';
import { useTableView } from '../common/use-table-view';
import { ViewTable } from '../common/ViewTable';
import '../views.css';

/** The statistics files, in the order shown, with what each holds. */
export const STATISTICS_FILES: { kind: string; label: string; about: string }[] = [
  {
    kind: 'op_statistic.csv',
    get label() {
      return t('statistics:op_statistics');
    },
    get about() {
      return t('statistics:about_op_statistic');
    },
  },
  {
    kind: 'api_statistic.csv',
    get label() {
      return t('statistics:api_statistics');
    },
    get about() {
      return t('statistics:about_api_statistic');
    },
  },
  {
    kind: 'l2_cache.csv',
    get label() {
      return t('statistics:l2_cache');
    },
    about: 'L2 cache hit and victim rates per task',
  },
];

interface Entry {
  kind: string;
  label: string;
  about: string;
  table: TextTable | null;
}

/** Where a derived table came from, as its path (shown as "From …"). */
function derivedFrom(source: string, what: string): string {
  return source === 'db'
    ? `ascend_pytorch_profiler.db (${what}, via its timeline)`
    : `the trace (${what})`;
}

export function entriesOf(p: ProfileModel): Entry[] {
  const stats = p.ascend.statistics ?? {};
  const known = STATISTICS_FILES.map((f) => ({
    ...f,
    table: stats[f.kind] ?? p.tables[f.kind] ?? null,
  }));
  // Without the profiler's statistics files, derive them from the analysis (trace or db).
  const a = analyzeProfile(p);
  if (!known.some((e) => e.table)) {
    const k = a.kernels;
    if (k && k.table.source === 'trace') {
      known[0]!.table = derivedOpStatistic(
        k.table,
        derivedFrom(k.source, 'device events grouped by type and kind'),
      );
    }
    const o = a.operators;
    if (o && o.table.source === 'trace') {
      known.splice(1, 0, {
        kind: 'operator_statistic',
        label: t('statistics:operator_statistics'),
        about: t('statistics:about_operator_statistic'),
        table: derivedOperatorStatistic(
          o.table,
          derivedFrom(o.source, 'cpu_op slices grouped by name'),
        ),
      });
    }
  }
  const listed = new Set(STATISTICS_FILES.map((f) => f.kind));
  const others: Entry[] = [];
  for (const [kind, table] of [...Object.entries(stats), ...Object.entries(p.tables)]) {
    if (listed.has(kind)) continue;
    listed.add(kind);
    others.push({ kind, label: kind, about: table.path, table });
  }
  return [...known, ...others];
}

export function StatisticsView() {
  const profile = useAppStore(selectActiveProfile);
  const chosen = useAppStore((s) => s.statisticsTable);
  const setChosen = useAppStore((s) => s.setStatisticsTable);
  const entries = useMemo(() => (profile ? entriesOf(profile) : []), [profile]);
  if (!profile) return null;
  const current =
    entries.find((e) => e.kind === chosen) ?? entries.find((e) => e.table) ?? entries[0]!;
  const firstOther = entries.findIndex((e) => !STATISTICS_FILES.some((f) => f.kind === e.kind));
  return (
    <div className="view stats-view" data-testid="statistics-view">
      <header className="view-header">
        <h1>{t('statistics:statistics')}</h1>
        <nav className="stats-tabs" aria-label={t('statistics:tables')}>
          {entries.map((e, i) => (
            <span key={e.kind} className="stats-tab-wrap">
              {i === firstOther && <span className="stats-sep" aria-hidden />}
              <button
                type="button"
                className={e.kind === current.kind ? 'stats-tab on' : 'stats-tab'}
                aria-pressed={e.kind === current.kind}
                title={e.about}
                data-testid={`stats-${e.kind}`}
                onClick={() => setChosen(e.kind)}
              >
                {e.label}
                {e.table ? (
                  <span className="muted"> {e.table.rows.length.toLocaleString('en-US')}</span>
                ) : (
                  <span className="muted"> –</span>
                )}
              </button>
            </span>
          ))}
        </nav>
      </header>
      {current.table ? (
        <StatsTable key={current.kind} kind={current.kind} table={current.table} />
      ) : (
        <MissingData profile={profile} files={[current.kind]} what={current.label.toLowerCase()} />
      )}
    </div>
  );
}

function StatsTable({ kind, table }: { kind: string; table: TextTable }) {
  const columns = useMemo(() => textGridColumns(table), [table]);
  const view = useTableView({
    id: `stats:${kind}`,
    data: table,
    columns,
    rowCount: table.rows.length,
  });
  return (
    <>
      <TableToolbar
        view={view}
        noun="rows"
        exportName={kind.replace(/\.csv$/, '')}
        noRangeReason="this table is not placed on the timeline"
      >
        <span className="source-note">
          {t('statistics:from')} <code>{table.path}</code>
        </span>
      </TableToolbar>
      <ViewTable
        ariaLabel={kind}
        testId="stats-table"
        view={view}
        emptyText={t('statistics:no_rows_match_the_filter')}
      />
    </>
  );
}
