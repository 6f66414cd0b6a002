/**
 * Reads `operator_details.csv` (one row per torch operator instance) into an OperatorTable.
 * `Input Shapes` is a `;`+line-break separated list and `Call Stack` a multi-line quoted cell
 * (CRLF as written, LF after git): shapes become `a;b;c`, call stacks keep one frame per line
 * (LF). Durations are µs in the file, exact ns here.
 */
import type { OperatorTable } from '../../model/ascend-data';
import type { TextTable } from '../../model/profile';
import type { TraceWarning } from '../../model/trace-model';
import {
  CsvTable,
  StringTable,
  normalizeLines,
  splitTensorList,
  type ColumnSpec,
} from './csv-table';

const COLUMNS = {
  name: { names: ['Name'], required: true },
  inputShapes: { names: ['Input Shapes'] },
  callStack: { names: ['Call Stack'] },
  hostSelf: { names: ['Host Self Duration(us)'], required: true },
  hostTotal: { names: ['Host Total Duration(us)'], required: true },
  deviceSelf: { names: ['Device Self Duration(us)'], required: true },
  deviceTotal: { names: ['Device Total Duration(us)'], required: true },
  deviceSelfAiCore: { names: ['Device Self Duration With AICore(us)'] },
  deviceTotalAiCore: { names: ['Device Total Duration With AICore(us)'] },
} satisfies Record<string, ColumnSpec>;

/** `a;\r\nb;\r\n;\r\n` → `a;b;` (one entry per input; inputs without a shape stay empty). */
export function joinShapes(cell: string): string {
  return splitTensorList(cell).join(';');
}

export function parseOperatorDetails(table: TextTable): {
  operators: OperatorTable;
  warnings: TraceWarning[];
} {
  const t = new CsvTable(table, 'operator_details.csv');
  const c = t.columns(COLUMNS);
  const n = t.length;
  const strings = new StringTable();
  const clean = new Map<number, (s: string) => string>();
  if (c.inputShapes >= 0) clean.set(c.inputShapes, joinShapes);
  if (c.callStack >= 0) clean.set(c.callStack, normalizeLines);
  const ops: OperatorTable = {
    source: 'csv',
    text: t.displayTable(clean),
    length: n,
    name: new Uint32Array(n),
    inputShapes: new Uint32Array(n),
    hostSelfNs: new Float64Array(n),
    hostTotalNs: new Float64Array(n),
    deviceSelfNs: new Float64Array(n),
    deviceTotalNs: new Float64Array(n),
    deviceSelfAiCoreNs: new Float64Array(n),
    deviceTotalAiCoreNs: new Float64Array(n),
    strings: strings.strings,
  };
  for (let r = 0; r < n; r++) {
    ops.name[r] = strings.id(t.text(r, c.name));
    ops.inputShapes[r] = strings.id(joinShapes(t.raw(r, c.inputShapes)));
    ops.hostSelfNs[r] = t.durationNs(r, c.hostSelf);
    ops.hostTotalNs[r] = t.durationNs(r, c.hostTotal);
    ops.deviceSelfNs[r] = t.durationNs(r, c.deviceSelf);
    ops.deviceTotalNs[r] = t.durationNs(r, c.deviceTotal);
    ops.deviceSelfAiCoreNs[r] = t.durationNs(r, c.deviceSelfAiCore);
    ops.deviceTotalAiCoreNs[r] = t.durationNs(r, c.deviceTotalAiCore);
  }
  return { operators: ops, warnings: t.log.list() };
}
