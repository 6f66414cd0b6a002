/**
 * Reads `step_trace_time.csv` (one row per step and device; µs) into StepRow[]. Every header
 * version is accepted: without `Preparing` (≤ 6.0.rc1), with it, and with a leading `Device_id`
 * (≥ 7.1.0). Values stay the file's numbers (parsed as float64, which round-trips the shortest
 * decimal Python wrote); missing cells are null. Unknown columns stay in the text table only.
 */
import type { StepRow } from '../../model/ascend-data';
import type { TextTable } from '../../model/profile';
import type { TraceWarning } from '../../model/trace-model';
import { CsvTable, type ColumnSpec } from './csv-table';

const COLUMNS = {
  step: { names: ['Step'] },
  device: { names: ['Device_id', 'Device Id', 'deviceId'] },
  computing: { names: ['Computing'], required: true },
  notOverlapped: { names: ['Communication(Not Overlapped)'], required: true },
  overlapped: { names: ['Overlapped'], required: true },
  communication: { names: ['Communication'], required: true },
  free: { names: ['Free'], required: true },
  stage: { names: ['Stage'] },
  bubble: { names: ['Bubble'] },
  notOverlappedExRecv: { names: ['Communication(Not Overlapped and Exclude Receive)'] },
  preparing: { names: ['Preparing'] },
} satisfies Record<string, ColumnSpec>;

export function parseStepTraceTime(table: TextTable): {
  steps: StepRow[];
  warnings: TraceWarning[];
} {
  const t = new CsvTable(table, 'step_trace_time.csv');
  const c = t.columns(COLUMNS);
  const steps: StepRow[] = [];
  for (let r = 0; r < t.length; r++) {
    steps.push({
      step: t.text(r, c.step),
      deviceId: c.device < 0 ? null : t.text(r, c.device) || null,
      computing: t.number(r, c.computing),
      communicationNotOverlapped: t.number(r, c.notOverlapped),
      overlapped: t.number(r, c.overlapped),
      communication: t.number(r, c.communication),
      free: t.number(r, c.free),
      stage: t.number(r, c.stage),
      bubble: t.number(r, c.bubble),
      communicationNotOverlappedExcludeReceive: t.number(r, c.notOverlappedExRecv),
      preparing: t.number(r, c.preparing),
    });
  }
  return { steps, warnings: t.log.list() };
}
