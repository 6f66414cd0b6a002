/**
 * Recognises the files of an `ASCEND_PROFILER_OUTPUT` folder and trace JSON by name, and says
 * which profiler setting produces each (for "missing file" explanations).
 */
import { baseName } from './sources/input-file';

export const ASCEND_CSV_KINDS = [
  'kernel_details.csv',
  'operator_details.csv',
  'step_trace_time.csv',
  'op_statistic.csv',
  'api_statistic.csv',
  'l2_cache.csv',
  'memory_record.csv',
  'operator_memory.csv',
  'npu_module_mem.csv',
  'data_preprocess.csv',
  'task_time.csv',
  'soc_pmu.csv',
  'nic.csv',
  'roce.csv',
  'pcie.csv',
  'hccs.csv',
  'static_op_mem.csv',
] as const;

export const ASCEND_JSON_KINDS = [
  'communication.json',
  'communication_matrix.json',
  'profiler_info.json',
  'profiler_metadata.json',
] as const;

/** The kind of a file from its path ('unknown' when not recognised). */
export function fileKind(path: string): string {
  const name = baseName(path);
  const lower = name.toLowerCase();
  if (lower === 'trace_view.json' || lower === 'trace_view.json.gz') return 'trace_view.json';
  if ((ASCEND_CSV_KINDS as readonly string[]).includes(lower)) return lower;
  if ((ASCEND_JSON_KINDS as readonly string[]).includes(lower)) return lower;
  if (/^profiler_info(_\d+)?\.json$/.test(lower)) return 'profiler_info.json';
  // msprof's raw metadata (PROF_*/host/info.json, PROF_*/device_{id}/info.json.{id}): core counts.
  if (/^info\.json(\.\d+)?$/.test(lower)) return 'info.json';
  if (/^ascend_pytorch_profiler(_\d+)?\.db$/.test(lower)) return 'ascend_pytorch_profiler.db';
  if (lower === 'analysis.db' || lower === 'analysis.dat') return 'analysis.db';
  if (lower === 'cluster_analysis.db') return 'cluster_analysis.db';
  if (/^msprof(_\d+)*\.db$/.test(lower)) return 'msprof.db';
  if (lower.endsWith('.db')) return 'db';
  if (/^cluster_step_trace_time\.csv$/.test(lower)) return 'cluster_step_trace_time.csv';
  if (/^cluster_communication(_matrix)?\.json$/.test(lower)) return lower;
  if (lower === 'communication_group.json') return lower;
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.json') || lower.endsWith('.json.gz') || lower.endsWith('.trace.gz'))
    return 'trace.json';
  if (lower.endsWith('.zip')) return 'zip';
  return 'unknown';
}
