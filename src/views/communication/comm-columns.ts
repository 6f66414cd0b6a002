/** Columns of the communication ops table (communication.json / CommAnalyzerTime). */
import { t } from '../../i18n/t';
import type { CommOpRow } from '../../model/ascend-data';
import type { ColumnDef } from '../../tables/column';
import { formatOffsetNs } from '../kernels/kernel-columns';

const ms = (v: number | null) => (v === null || !Number.isFinite(v) ? '' : v.toFixed(4));
const ratio = (v: number | null) => (v === null || !Number.isFinite(v) ? '' : v.toFixed(4));
const numOr = (v: number | null | undefined) => (v === null || v === undefined ? NaN : v);

/** Transports with any data (size or time above 0) come first and are shown by default. */
export function transportsOf(rows: readonly CommOpRow[]): { name: string; used: boolean }[] {
  const all = new Map<string, boolean>();
  for (const r of rows) {
    for (const [t, b] of Object.entries(r.bandwidth)) {
      const used = (b.sizeMB ?? 0) > 0 || (b.timeMs ?? 0) > 0;
      all.set(t, (all.get(t) ?? false) || used);
    }
  }
  return [...all]
    .map(([name, used]) => ({ name, used }))
    .sort((a, b) => Number(b.used) - Number(a.used));
}

/**
 * `exact[r]` = 1 where `starts[r]` is the trace's exact start of the op (see comm-starts.ts);
 * elsewhere the start is communication.json's float µs, rounded, and shown with "≈".
 */
export function commColumns(
  rows: readonly CommOpRow[],
  starts: Float64Array,
  exact?: Uint8Array,
): { columns: ColumnDef[]; hidden: Set<string> } {
  const timeCol = (id: keyof CommOpRow, label: string, title?: string): ColumnDef => ({
    id,
    label,
    title,
    text: (r) => ms(rows[r]![id] as number | null),
    value: (r) => numOr(rows[r]![id] as number | null),
    width: 104,
  });
  const columns: ColumnDef[] = [
    { id: 'step', label: t('communication:step'), text: (r) => rows[r]!.step, width: 64 },
    { id: 'kind', label: t('communication:kind'), text: (r) => rows[r]!.kind, width: 86 },
    { id: 'op', label: t('communication:op'), text: (r) => rows[r]!.op, width: 250 },
    { id: 'group', label: t('communication:group'), text: (r) => rows[r]!.group, width: 170 },
    {
      id: 'start',
      label: t('communication:start_on_timeline'),
      title:
        t('communication:since_the_trace_start_exact_the') +
        ' ' +
        t('communication:communication_json_s_start_timestamp_a'),
      text: (r) => {
        const t = formatOffsetNs(starts[r]!);
        return t && exact && !exact[r] ? `≈ ${t}` : t;
      },
      value: (r) => starts[r]!,
      width: 140,
    },
    timeCol('elapseMs', 'Elapse (ms)', 'Op duration'),
    timeCol('transitMs', 'Transit (ms)', 'Time moving data'),
    timeCol('waitMs', 'Wait (ms)', 'Waiting for the peer before the first transfer'),
    timeCol('syncMs', 'Sync (ms)', 'Synchronisation'),
    timeCol('idleMs', 'Idle (ms)', 'Elapse − transit − wait'),
    {
      id: 'waitRatio',
      label: t('communication:wait_ratio'),
      text: (r) => ratio(rows[r]!.waitRatio),
      value: (r) => numOr(rows[r]!.waitRatio),
      width: 84,
    },
    {
      id: 'syncRatio',
      label: t('communication:sync_ratio'),
      text: (r) => ratio(rows[r]!.syncRatio),
      value: (r) => numOr(rows[r]!.syncRatio),
      width: 84,
    },
  ];
  const hidden = new Set<string>(['syncRatio']);
  for (const t of transportsOf(rows)) {
    const get = (r: number) => rows[r]!.bandwidth[t.name];
    const add = (key: 'sizeMB' | 'timeMs' | 'bandwidthGBs', label: string) => {
      const id = `${t.name}:${key}`;
      columns.push({
        id,
        label: `${t.name} ${label}`,
        text: (r) => {
          const v = get(r)?.[key];
          return v === null || v === undefined ? '' : String(Number(v.toFixed(4)));
        },
        value: (r) => numOr(get(r)?.[key]),
        width: 118,
      });
      if (!t.used || key === 'timeMs') hidden.add(id);
    };
    add('sizeMB', 'size (MB)');
    add('timeMs', 'time (ms)');
    add('bandwidthGBs', 'BW (GB/s)');
  }
  return { columns, hidden };
}
