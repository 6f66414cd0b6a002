/**
 * Columns of the Kernels table: every column of kernel_details (as text), typed where the
 * KernelTable has the value (names, types and cores dictionary-encoded; start, duration and wait
 * as exact numbers), numeric-detected otherwise, plus "Start on timeline" when there is a trace.
 * Typed columns get canonical ids (KERNEL_COLUMN) whatever the file's header spelling.
 */
import { t } from '../../i18n/t';
import type { KernelTable } from '../../model/ascend-data';
import type { KernelTraceJoin } from '../../model/analysis/kernel-join';
import type { KernelGroupBy, KernelStatRow } from '../../model/ascend/kernel-stats';
import { kernelTimelineStarts } from '../../model/derive/range-filter';
import { formatDuration } from '../../lib/format';
import type { ColumnDef } from '../../tables/column';
import { groupCountColumn, groupShareColumn } from '../common/group-columns';
import { guessWidth, isNumericColumn } from '../../tables/text-columns';
import { parseCellNumber } from '../../tables/column';

export const KERNEL_COLUMN = {
  step: 'Step Id',
  name: 'Name',
  type: 'Type',
  core: 'Accelerator Core',
  start: 'Start Time(us)',
  dur: 'Duration(us)',
  wait: 'Wait Time(us)',
  shapes: 'Input Shapes',
  stream: 'Stream ID',
  timeline: 'Start on timeline',
  traceKind: 'Kind (trace)',
  traceOperator: 'Launched by (trace)',
  traceStep: 'Launch step (trace)',
} as const;

/** Header spellings of the typed columns (as the importer accepts them). */
const HEADERS: Record<string, string[]> = {
  [KERNEL_COLUMN.step]: ['Step Id'],
  [KERNEL_COLUMN.name]: ['Name', 'Op Name'],
  [KERNEL_COLUMN.type]: ['Type', 'OP Type'],
  [KERNEL_COLUMN.core]: ['Accelerator Core', 'Task Type', 'Kind'],
  [KERNEL_COLUMN.start]: ['Start Time(us)', 'Task Start Time(us)'],
  [KERNEL_COLUMN.dur]: ['Duration(us)', 'Task Duration(us)'],
  [KERNEL_COLUMN.wait]: ['Wait Time(us)', 'Task Wait Time(us)'],
  [KERNEL_COLUMN.shapes]: ['Input Shapes'],
  [KERNEL_COLUMN.stream]: ['Stream ID', 'Stream Id'],
};

/** Columns shown until the user chooses (the rest: model/task ids, formats, PMU metrics). */
const DEFAULT_SHOWN = new Set<string>([
  'Step Id',
  'Device_id',
  'Stream ID',
  'Name',
  'Type',
  'Accelerator Core',
  'Kind',
  'Device',
  'Start on timeline',
  'Kind (trace)',
  'Launched by (trace)',
  'Start Time(us)',
  'Duration(us)',
  'Wait Time(us)',
  'Block Dim',
  'Block Num',
  'Mix Block Dim',
  'Mix Block Num',
  'Input Shapes',
  'Output Shapes',
]);

/** Columns the "any column" filter searches (names, types, cores, shapes). */
const FILTERED = new Set<string>([
  KERNEL_COLUMN.name,
  KERNEL_COLUMN.type,
  KERNEL_COLUMN.core,
  KERNEL_COLUMN.shapes,
  'Output Shapes',
]);

/**
 * The file's start column (µs since the epoch) when "Start on timeline" gives the same time in
 * the origin every other view uses: kept for the column chooser and export, hidden by default.
 */
const epochStartBesideTimeline = new WeakSet<ColumnDef>();

export const kernelDefaultVisible = (c: ColumnDef): boolean =>
  DEFAULT_SHOWN.has(c.id) && !epochStartBesideTimeline.has(c);

/** Exact ns as "122.217982 ms" (timeline offsets keep every ns). */
export function formatOffsetNs(ns: number): string {
  if (!Number.isFinite(ns)) return '';
  return `${(ns / 1e6).toFixed(6)} ms`;
}

/** Smallest start µs of the table (the sort base that keeps start keys exact). */
function minStartUs(k: KernelTable): number {
  let m = Infinity;
  for (let i = 0; i < k.length; i++) if (k.startUs[i]! < m) m = k.startUs[i]!;
  return Number.isFinite(m) ? m : 0;
}

/**
 * Columns the analysis of the trace adds to kernel_details rows (labelled "(trace)"): the kind
 * of the row's slice, the CPU operator that launched it, the step it was launched in.
 */
function traceColumns(j: KernelTraceJoin): ColumnDef[] {
  return [
    {
      id: KERNEL_COLUMN.traceKind,
      label: t('kernels:kind_trace'),
      title: t('kernels:kind_trace_title'),
      text: j.kind,
      width: 110,
      filterable: true,
    },
    {
      id: KERNEL_COLUMN.traceOperator,
      label: t('kernels:launched_by_trace'),
      title: t('kernels:launched_by_trace_title'),
      text: j.operator,
      width: 200,
      filterable: true,
    },
    {
      id: KERNEL_COLUMN.traceStep,
      label: t('kernels:launch_step_trace'),
      title: t('kernels:launch_step_trace_title'),
      text: j.step,
      value: (r) => {
        const s = j.step(r);
        return s === '' ? NaN : Number(s);
      },
      width: 90,
    },
  ];
}

export function kernelColumns(
  k: KernelTable,
  baseNs: string | null,
  join: KernelTraceJoin | null = null,
): ColumnDef[] {
  const { header, rows } = k.text;
  const cell = (c: number) => (r: number) => rows[r]?.[c] ?? '';
  const dict = (ids: Uint32Array) => ({ ids, strings: k.strings });
  const used = new Set<string>();
  const out: ColumnDef[] = [];
  const base = minStartUs(k);
  header.forEach((h, c) => {
    const typed = Object.entries(HEADERS).find(([id, names]) => !used.has(id) && names.includes(h));
    const id = typed ? typed[0] : used.has(h) ? `${h}#${c}` : h;
    used.add(id);
    const text = cell(c);
    const col: ColumnDef = {
      id,
      label: h,
      text,
      width: guessWidth(k.text, c, false),
      filterable: FILTERED.has(id),
    };
    switch (id) {
      case KERNEL_COLUMN.name:
        Object.assign(col, {
          dict: dict(k.name),
          text: (r: number) => k.strings[k.name[r]!] ?? '',
          width: 260,
        });
        break;
      case KERNEL_COLUMN.type:
        Object.assign(col, {
          dict: dict(k.type),
          text: (r: number) => k.strings[k.type[r]!] ?? '',
          width: 150,
        });
        break;
      case KERNEL_COLUMN.core:
        Object.assign(col, {
          dict: dict(k.core),
          text: (r: number) => k.strings[k.core[r]!] ?? '',
          width: 130,
        });
        break;
      case KERNEL_COLUMN.shapes:
        Object.assign(col, {
          dict: dict(k.inputShapes),
          text: (r: number) => k.strings[k.inputShapes[r]!] ?? '',
          width: 220,
        });
        break;
      case KERNEL_COLUMN.start:
        col.value = (r) => (k.startUs[r]! - base) * 1000 + k.startFrac[r]!;
        col.width = 170;
        break;
      case KERNEL_COLUMN.dur:
        col.value = (r) => k.durNs[r]!;
        col.width = 100;
        break;
      case KERNEL_COLUMN.wait:
        col.value = (r) => k.waitNs[r]!;
        col.width = 100;
        break;
      case KERNEL_COLUMN.step:
        col.value = (r) => (k.step[r]! < 0 ? parseCellNumber(text(r)) : k.step[r]!);
        col.width = 70;
        break;
      default:
        if (isNumericColumn(k.text, c)) {
          col.value = (r) => parseCellNumber(text(r));
          col.width = guessWidth(k.text, c, true);
        }
    }
    out.push(col);
  });
  if (baseNs !== null) {
    const starts = () => kernelTimelineStarts(k, baseNs);
    const at = out.findIndex((c) => c.id === KERNEL_COLUMN.start);
    if (at >= 0) {
      epochStartBesideTimeline.add(out[at]!);
      out[at]!.title = 'As in kernel_details.csv: µs since the epoch';
    }
    out.splice(at < 0 ? out.length : at, 0, {
      id: KERNEL_COLUMN.timeline,
      label: t('kernels:start_on_timeline'),
      title: t('kernels:start_ns_since_the_trace_start'),
      text: (r) => formatOffsetNs(starts()[r]!),
      value: (r) => starts()[r]!,
      width: 140,
    });
  }
  if (join) {
    const at = out.findIndex((c) => c.id === KERNEL_COLUMN.name);
    out.splice(at < 0 ? out.length : at + 1, 0, ...traceColumns(join));
  }
  return out;
}

/** Which kernel column a group-by key filters when a group is opened. */
export const GROUP_COLUMNS: Record<KernelGroupBy, string[]> = {
  name: [KERNEL_COLUMN.name],
  type: [KERNEL_COLUMN.type],
  core: [KERNEL_COLUMN.core],
  shapes: [KERNEL_COLUMN.type, KERNEL_COLUMN.shapes],
};

export const GROUP_OPTIONS: { value: '' | KernelGroupBy; label: string }[] = [
  {
    value: '',
    get label() {
      return t('kernels:no_grouping');
    },
  },
  {
    value: 'name',
    get label() {
      return t('kernels:group_by_name');
    },
  },
  {
    value: 'type',
    get label() {
      return t('kernels:group_by_type');
    },
  },
  {
    value: 'core',
    get label() {
      return t('kernels:group_by_accelerator_core');
    },
  },
  {
    value: 'shapes',
    get label() {
      return t('kernels:group_by_type_input_shapes');
    },
  },
];

const GROUP_LABELS: Record<string, string> = {
  [KERNEL_COLUMN.name]: 'Name',
  [KERNEL_COLUMN.type]: 'Type',
  [KERNEL_COLUMN.core]: 'Accelerator Core',
  [KERNEL_COLUMN.shapes]: 'Input Shapes',
};

/** Columns of the group table (over an array of KernelStatRow). */
export function kernelGroupColumns(
  groups: readonly KernelStatRow[],
  by: KernelGroupBy,
): ColumnDef[] {
  const key: ColumnDef[] = GROUP_COLUMNS[by].map((id, i) => ({
    id: `g:${id}`,
    label: GROUP_LABELS[id] ?? id,
    text: (r) => groups[r]?.parts[i] ?? '',
    width: i === 0 && by !== 'shapes' ? 300 : 200,
  }));
  const ns = (
    id: string,
    label: string,
    get: (g: KernelStatRow) => number,
    title?: string,
  ): ColumnDef => ({
    id,
    label,
    title,
    text: (r) => formatDuration(get(groups[r]!)),
    value: (r) => get(groups[r]!),
    width: 96,
  });
  return [
    ...key,
    groupCountColumn(groups),
    ns('total', 'Total', (g) => g.totalNs, 'Sum of kernel durations'),
    ns('avg', 'Avg', (g) => g.avgNs),
    ns('min', 'Min', (g) => g.minNs),
    ns('max', 'Max', (g) => g.maxNs),
    ns('p50', 'P50', (g) => g.p50Ns, 'Median (nearest rank)'),
    ns('p90', 'P90', (g) => g.p90Ns, '90th percentile (nearest rank)'),
    groupShareColumn(groups, 'Share of the summed kernel time of the rows shown'),
  ];
}
