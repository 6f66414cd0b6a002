/** "From kernel_details.csv" / "From ascend_pytorch_profiler.db": where a view's data came from. */
import { t } from '../../i18n/t';
import type { AscendData, AscendSource } from '../../model/ascend-data';

type Key = keyof Omit<AscendData, 'sources'>;

/** The file each kind of data comes from, per source format. */
const FILES: Partial<Record<Key, Partial<Record<AscendSource, string>>>> = {
  kernels: {
    csv: 'kernel_details.csv',
    db: 'ascend_pytorch_profiler.db (TASK, COMPUTE_TASK_INFO)',
  },
  operators: { csv: 'operator_details.csv', db: 'ascend_pytorch_profiler.db' },
  steps: { csv: 'step_trace_time.csv', db: 'analysis.db (StepTraceTime)' },
  communication: {
    json: 'communication.json',
    db: 'analysis.db (CommAnalyzerTime, CommAnalyzerBandwidth)',
  },
  commMatrix: { json: 'communication_matrix.json', db: 'analysis.db (CommAnalyzerMatrix)' },
  memory: { csv: 'memory_record.csv', db: 'ascend_pytorch_profiler.db (MEMORY_RECORD)' },
  moduleMemory: { csv: 'npu_module_mem.csv', db: 'ascend_pytorch_profiler.db (NPU_MODULE_MEM)' },
  operatorMemory: { csv: 'operator_memory.csv', db: 'ascend_pytorch_profiler.db (OP_MEMORY)' },
  statistics: {
    csv: 'op_statistic.csv, api_statistic.csv, l2_cache.csv',
    db: 'ascend_pytorch_profiler.db',
  },
};

const FORMAT: Record<AscendSource, string> = {
  csv: 'CSV',
  json: 'JSON',
  db: 'SQLite',
  trace: 'trace',
};

/** "kernel_details.csv (CSV)" for a data key, or null when the profile lacks it. */
export function sourceLabel(sources: AscendData['sources'], key: Key): string | null {
  const src = sources[key];
  if (!src) return null;
  const file = FILES[key]?.[src];
  return file ? `${file}` : `${FORMAT[src]} export`;
}

export function SourceNote({ sources, keys }: { sources: AscendData['sources']; keys: Key[] }) {
  const labels = keys.map((k) => sourceLabel(sources, k)).filter((l): l is string => l !== null);
  if (labels.length === 0) return null;
  return (
    <span className="source-note" data-testid="source-note">
      {t('common:from')}{' '}
      {labels.map((l, i) => (
        <span key={l}>
          {i > 0 && ' · '}
          <code>{l}</code>
        </span>
      ))}
    </span>
  );
}
