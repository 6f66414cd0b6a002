/**
 * Reads the memory files: `memory_record.csv` (PTA/GE/APP/WORKSPACE totals over time, MB) and
 * `npu_module_mem.csv` (reserved MB per CANN module) into MemorySeries grouped by component and
 * device; `operator_memory.csv` (one row per allocation) is checked and kept as a display table.
 * Timestamps are exact (trailing TAB, quotes); rows whose time is unreadable are left out of the
 * series (reported). Both 2023 headers (no Total Active / Stream Ptr) and current ones are read.
 */
import type { MemorySeries } from '../../model/ascend-data';
import type { TextTable } from '../../model/profile';
import type { TraceWarning } from '../../model/trace-model';
import type { ExactTime } from '../../lib/exact-time';
import { CsvTable, type ColumnSpec } from './csv-table';

const RECORD_COLUMNS = {
  component: { names: ['Component'], required: true },
  ts: { names: ['Timestamp(us)'], required: true },
  allocated: { names: ['Total Allocated(MB)'] },
  reserved: { names: ['Total Reserved(MB)'], required: true },
  active: { names: ['Total Active(MB)'] },
  streamPtr: { names: ['Stream Ptr'] },
  device: { names: ['Device Type', 'Device', 'Device_id'] },
} satisfies Record<string, ColumnSpec>;

const MODULE_COLUMNS = {
  component: { names: ['Component'], required: true },
  ts: { names: ['Timestamp(us)'], required: true },
  reserved: { names: ['Total Reserved(MB)'], required: true },
  device: { names: ['Device', 'Device Type', 'Device_id'] },
} satisfies Record<string, ColumnSpec>;

interface Sample {
  us: number;
  frac: number;
  allocated: number;
  reserved: number;
  active: number;
}

function toSeries(groups: Map<string, { component: string; device: string; s: Sample[] }>) {
  const out: MemorySeries[] = [];
  for (const g of groups.values()) {
    // Files are time-ordered per component in practice; a stable sort keeps it that way if not.
    g.s.sort((a, b) => a.us - b.us || a.frac - b.frac);
    const n = g.s.length;
    const series: MemorySeries = {
      component: g.component,
      device: g.device,
      tsUs: new Float64Array(n),
      tsFrac: new Uint16Array(n),
      allocatedMB: new Float64Array(n),
      reservedMB: new Float64Array(n),
      activeMB: new Float64Array(n),
    };
    g.s.forEach((x, i) => {
      series.tsUs[i] = x.us;
      series.tsFrac[i] = x.frac;
      series.allocatedMB[i] = x.allocated;
      series.reservedMB[i] = x.reserved;
      series.activeMB[i] = x.active;
    });
    out.push(series);
  }
  return out;
}

function readSeries(
  t: CsvTable,
  c: { component: number; ts: number; device: number },
  values: (r: number) => Omit<Sample, 'us' | 'frac'>,
): MemorySeries[] {
  const groups = new Map<string, { component: string; device: string; s: Sample[] }>();
  const ts: ExactTime = { us: 0, fracNs: 0 };
  for (let r = 0; r < t.length; r++) {
    if (!t.time(r, c.ts, ts, c.ts >= 0)) continue;
    const component = t.text(r, c.component);
    const device = t.text(r, c.device);
    const key = `${component}\u0000${device}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { component, device, s: [] }));
    g.s.push({ us: ts.us, frac: ts.fracNs, ...values(r) });
  }
  return toSeries(groups);
}

const nan = (v: number | null): number => (v === null ? NaN : v);

export function parseMemoryRecord(table: TextTable): {
  memory: MemorySeries[];
  warnings: TraceWarning[];
} {
  const t = new CsvTable(table, 'memory_record.csv');
  const c = t.columns(RECORD_COLUMNS);
  t.checkExponent(c.streamPtr);
  const memory = readSeries(t, c, (r) => ({
    allocated: nan(t.number(r, c.allocated)),
    reserved: nan(t.number(r, c.reserved)),
    active: nan(t.number(r, c.active)),
  }));
  return { memory, warnings: t.log.list() };
}

export function parseNpuModuleMem(table: TextTable): {
  moduleMemory: MemorySeries[];
  warnings: TraceWarning[];
} {
  const t = new CsvTable(table, 'npu_module_mem.csv');
  const c = t.columns(MODULE_COLUMNS);
  const moduleMemory = readSeries(t, c, (r) => ({
    allocated: NaN,
    reserved: nan(t.number(r, c.reserved)),
    active: NaN,
  }));
  return { moduleMemory, warnings: t.log.list() };
}

const OPERATOR_TIME_COLUMNS = [
  'Allocation Time(us)',
  'Release Time(us)',
  'Active Release Time(us)',
];
const OPERATOR_NUMBER_COLUMNS = [
  'Size(KB)',
  'Duration(us)',
  'Active Duration(us)',
  'Allocation Total Allocated(MB)',
  'Allocation Total Reserved(MB)',
  'Allocation Total Active(MB)',
  'Release Total Allocated(MB)',
  'Release Total Reserved(MB)',
  'Release Total Active(MB)',
];

/**
 * Checks `operator_memory.csv` cell by cell and returns its display table (cells trimmed of the
 * TAB). Empty release times are normal (the block was never released in the capture).
 */
export function parseOperatorMemory(table: TextTable): {
  operatorMemory: TextTable;
  warnings: TraceWarning[];
} {
  const t = new CsvTable(table, 'operator_memory.csv');
  t.columns({
    name: { names: ['Name'], required: true },
    size: { names: ['Size(KB)'], required: true },
    alloc: { names: ['Allocation Time(us)'], required: true },
  });
  const ts: ExactTime = { us: 0, fracNs: 0 };
  const timeCols = OPERATOR_TIME_COLUMNS.map((n) => t.col([n])).filter((c) => c >= 0);
  const numCols = OPERATOR_NUMBER_COLUMNS.map((n) => t.col([n])).filter((c) => c >= 0);
  const allocCol = t.col(['Allocation Time(us)']);
  for (let r = 0; r < t.length; r++) {
    for (const c of timeCols) t.time(r, c, ts, c === allocCol);
    for (const c of numCols) t.number(r, c);
  }
  for (const c of numCols) t.checkExponent(c);
  t.checkExponent(t.col(['Stream Ptr']));
  return { operatorMemory: t.displayTable(), warnings: t.log.list() };
}
