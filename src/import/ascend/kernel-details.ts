/**
 * Reads `kernel_details.csv` (one row per device task: CANN op_summary renamed by torch_npu) into
 * a KernelTable. Columns are found by name, so every version's header works: optional leading
 * `Step Id` / `Device_id`, `Block Dim` or `Block Num`, any aic_metrics columns. Only the columns
 * the views compute with are typed; every column (known or not) stays in `kernels.text`.
 */
import type { KernelTable } from '../../model/ascend-data';
import { newKernelTable } from '../../model/ascend/kernel-table';
import type { TextTable } from '../../model/profile';
import type { TraceWarning } from '../../model/trace-model';
import type { ExactTime } from '../../lib/exact-time';
import { CsvTable, StringTable, stripQuoteChars, type ColumnSpec } from './csv-table';

const COLUMNS = {
  step: { names: ['Step Id'] },
  stream: { names: ['Stream ID', 'Stream Id'] },
  name: { names: ['Name', 'Op Name'], required: true },
  type: { names: ['Type', 'OP Type'] },
  core: { names: ['Accelerator Core', 'Task Type'] },
  start: { names: ['Start Time(us)', 'Task Start Time(us)'], required: true },
  dur: { names: ['Duration(us)', 'Task Duration(us)'], required: true },
  wait: { names: ['Wait Time(us)', 'Task Wait Time(us)'] },
  inputShapes: { names: ['Input Shapes'] },
} satisfies Record<string, ColumnSpec>;

/** Columns whose cells carry literal quote characters (shapes); stripped for display. */
const SHAPE_COLUMNS = ['Input Shapes', 'Output Shapes'];

export function parseKernelDetails(table: TextTable): {
  kernels: KernelTable;
  warnings: TraceWarning[];
} {
  const t = new CsvTable(table, 'kernel_details.csv');
  const cols = t.columns(COLUMNS);
  const n = t.length;
  const strings = new StringTable();
  const k = newKernelTable(
    'csv',
    t.displayTable(
      new Map(
        SHAPE_COLUMNS.map((name) => t.col([name]))
          .filter((c) => c >= 0)
          .map((c) => [c, stripQuoteChars]),
      ),
    ),
    n,
    strings.strings,
  );
  const ts: ExactTime = { us: 0, fracNs: 0 };
  for (let r = 0; r < n; r++) {
    if (t.time(r, cols.start, ts, cols.start >= 0)) {
      k.startUs[r] = ts.us;
      k.startFrac[r] = ts.fracNs;
    } else {
      k.startUs[r] = NaN;
      k.startFrac[r] = 0;
    }
    k.durNs[r] = t.durationNs(r, cols.dur);
    k.waitNs[r] = t.durationNs(r, cols.wait);
    k.name[r] = strings.id(t.text(r, cols.name));
    k.type[r] = strings.id(t.text(r, cols.type));
    k.core[r] = strings.id(t.text(r, cols.core));
    k.inputShapes[r] = strings.id(stripQuoteChars(t.text(r, cols.inputShapes)));
    k.step[r] = cols.step < 0 ? -1 : t.id(r, cols.step);
    k.stream[r] = t.id(r, cols.stream);
  }
  return { kernels: k, warnings: t.log.list() };
}
