/**
 * Reads the statistics CSVs copied from CANN: `op_statistic.csv` (per op type and core),
 * `api_statistic.csv` (per API and level) and `l2_cache.csv` (hit/victim rate per task). They
 * are kept as display tables (cells trimmed; `N/A` stays as written, e.g. every `Hit Rate` of the
 * 2025 samples); numeric columns are checked so that bad cells are reported. Newer CANN adds a
 * leading `Device_id` (and op_statistic an optional `Model Name`): columns are found by name.
 */
import type { TextTable } from '../../model/profile';
import type { TraceWarning } from '../../model/trace-model';
import { CsvTable, type ColumnSpec } from './csv-table';

interface StatisticsSpec {
  key: Record<string, ColumnSpec>;
  numbers: string[];
  ids?: string[];
}

export const STATISTICS_KINDS: Record<string, StatisticsSpec> = {
  'op_statistic.csv': {
    key: {
      type: { names: ['OP Type'], required: true },
      total: { names: ['Total Time(us)'], required: true },
    },
    numbers: [
      'Count',
      'Total Time(us)',
      'Min Time(us)',
      'Avg Time(us)',
      'Max Time(us)',
      'Ratio(%)',
    ],
  },
  'api_statistic.csv': {
    key: {
      name: { names: ['API Name'], required: true },
      time: { names: ['Time(us)'], required: true },
    },
    numbers: ['Time(us)', 'Count', 'Avg(us)', 'Min(us)', 'Max(us)', 'Variance'],
  },
  'l2_cache.csv': {
    key: {
      name: { names: ['Op Name'], required: true },
      task: { names: ['Task Id'], required: true },
    },
    numbers: ['Hit Rate', 'Victim Rate'],
    ids: ['Stream Id', 'Task Id'],
  },
};

/** Checks one statistics CSV (`kind` is a key of STATISTICS_KINDS) and returns its display table. */
export function parseStatistics(
  kind: string,
  table: TextTable,
): { table: TextTable; warnings: TraceWarning[] } {
  const spec = STATISTICS_KINDS[kind];
  const t = new CsvTable(table, kind);
  if (!spec) return { table: t.displayTable(), warnings: t.log.list() };
  t.columns(spec.key);
  const nums = spec.numbers.map((n) => t.col([n])).filter((c) => c >= 0);
  const ids = (spec.ids ?? []).map((n) => t.col([n])).filter((c) => c >= 0);
  for (let r = 0; r < t.length; r++) {
    for (const c of nums) t.number(r, c);
    for (const c of ids) t.id(r, c);
  }
  return { table: t.displayTable(), warnings: t.log.list() };
}
