/**
 * Columns of the Operators table (operator_details): names and input shapes
 * dictionary-encoded, durations from the typed ns columns (shown as the file's µs text), the
 * call stack as text (the view renders it expandable), anything else as found.
 */
import { t } from '../../i18n/t';
import type { OperatorTable } from '../../model/ascend-data';
import type { OperatorGroupRow, OperatorGroupBy } from '../../model/derive/kernel-groups';
import { formatDuration } from '../../lib/format';
import { parseCellNumber, type ColumnDef } from '../../tables/column';
import { guessWidth, isNumericColumn } from '../../tables/text-columns';
import { groupCountColumn, groupShareColumn } from '../common/group-columns';

export const OPERATOR_COLUMN = {
  name: 'Name',
  shapes: 'Input Shapes',
  stack: 'Call Stack',
} as const;

const TYPED: Record<string, keyof OperatorTable> = {
  'Host Self Duration(us)': 'hostSelfNs',
  'Host Total Duration(us)': 'hostTotalNs',
  'Device Self Duration(us)': 'deviceSelfNs',
  'Device Total Duration(us)': 'deviceTotalNs',
  'Device Self Duration With AICore(us)': 'deviceSelfAiCoreNs',
  'Device Total Duration With AICore(us)': 'deviceTotalAiCoreNs',
};

/** Lines of a multi-line cell (call stack frames, per-input shapes), without the `;` ends. */
export function cellLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim().replace(/;$/, ''))
    .filter((l) => l.length > 0);
}

const LIBRARY_FRAME =
  /[\\/](site-packages|dist-packages|lib[\\/]python\d[^\\/]*)[\\/]|^<(string|frozen)/;

/** "/a/b/main.py(350): train" → "main.py(350): train". */
export function shortFrame(frame: string): string {
  const m = /^(.*?)([^\\/]+\(\d+\).*)$/.exec(frame);
  return m ? m[2]! : frame;
}

/**
 * The frame that best says where an operator was called from: the innermost frame outside
 * Python and library code (the user's code), else the innermost frame.
 */
export function callSite(frames: readonly string[]): { index: number; text: string } | null {
  if (frames.length === 0) return null;
  const i = frames.findIndex((f) => !LIBRARY_FRAME.test(f));
  const index = i < 0 ? 0 : i;
  return { index, text: shortFrame(frames[index]!) };
}

export function operatorColumns(ops: OperatorTable): ColumnDef[] {
  const { header, rows } = ops.text;
  return header.map((h, c): ColumnDef => {
    const text = (r: number) => rows[r]?.[c] ?? '';
    if (h === OPERATOR_COLUMN.name)
      return {
        id: h,
        label: h,
        text: (r) => ops.strings[ops.name[r]!] ?? '',
        dict: { ids: ops.name, strings: ops.strings },
        width: 320,
      };
    if (h === OPERATOR_COLUMN.shapes)
      return {
        id: h,
        label: h,
        text: (r) => ops.strings[ops.inputShapes[r]!] ?? '',
        dict: { ids: ops.inputShapes, strings: ops.strings },
        width: 200,
      };
    if (h === OPERATOR_COLUMN.stack) return { id: h, label: h, text, width: 420 };
    const typed = TYPED[h];
    if (typed) {
      const a = ops[typed] as Float64Array;
      return { id: h, label: h, text, value: (r) => a[r]!, width: Math.max(110, h.length * 6.4) };
    }
    const numeric = isNumericColumn(ops.text, c);
    return {
      id: h,
      label: h,
      text,
      value: numeric ? (r) => parseCellNumber(text(r)) : undefined,
      width: guessWidth(ops.text, c, numeric),
    };
  });
}

export const OPERATOR_GROUP_OPTIONS: { value: '' | OperatorGroupBy; label: string }[] = [
  {
    value: '',
    get label() {
      return t('operators:no_grouping');
    },
  },
  {
    value: 'name',
    get label() {
      return t('operators:group_by_name');
    },
  },
  {
    value: 'shapes',
    get label() {
      return t('operators:group_by_name_input_shapes');
    },
  },
];

export const OPERATOR_GROUP_COLUMNS: Record<OperatorGroupBy, string[]> = {
  name: [OPERATOR_COLUMN.name],
  shapes: [OPERATOR_COLUMN.name, OPERATOR_COLUMN.shapes],
};

/** Calls per group (outermost instances, §4.2); the header says how many nested ones it leaves out. */
function operatorCallsColumn(groups: readonly OperatorGroupRow[]): ColumnDef {
  const nested = groups.reduce((a, g) => a + g.nestedCount, 0);
  return {
    ...groupCountColumn(groups),
    label: t('operators:calls'),
    title: t('operators:calls_title', { nested }),
  };
}

export function operatorGroupColumns(
  groups: readonly OperatorGroupRow[],
  by: OperatorGroupBy,
): ColumnDef[] {
  const keys: ColumnDef[] = OPERATOR_GROUP_COLUMNS[by].map((id, i) => ({
    id: `g:${id}`,
    label: id,
    text: (r) => groups[r]?.parts[i] ?? '',
    width: i === 0 ? 340 : 220,
  }));
  const ns = (
    id: string,
    label: string,
    get: (g: OperatorGroupRow) => number,
    title?: string,
  ): ColumnDef => ({
    id,
    label,
    title,
    text: (r) => formatDuration(get(groups[r]!)),
    value: (r) => get(groups[r]!),
    width: 112,
  });
  return [
    ...keys,
    operatorCallsColumn(groups),
    ns('deviceSelf', 'Device self', (g) => g.deviceSelfNs, 'Σ device self time over every call'),
    ns(
      'deviceTotal',
      'Device total',
      (g) => g.deviceTotalNs,
      'Σ device total time over the calls with no same-name op around them (a nested same-name call is already inside its outer one)',
    ),
    ns('avgDeviceSelf', 'Avg device self', (g) => g.avgDeviceSelfNs),
    ns('hostSelf', 'Host self', (g) => g.hostSelfNs),
    ns(
      'hostTotal',
      'Host total',
      (g) => g.hostTotalNs,
      'Σ host total time over the calls with no same-name op around them',
    ),
    groupShareColumn(groups, 'Share of the device self time of the rows shown'),
  ];
}
