/** Which profiler setting writes a file (shown when a view's file is missing). */
export const PRODUCED_BY: Record<string, string> = {
  'trace_view.json': 'written for export_type=text at every level',
  'kernel_details.csv': 'written with NPU activity at Level0 and above (export_type=text)',
  'operator_details.csv': 'written with CPU activity (torch operators), export_type=text',
  'step_trace_time.csv':
    'written with NPU activity at Level0 and above when Overlap Analysis exists',
  'op_statistic.csv': 'written at Level1 and above',
  'api_statistic.csv': 'written at Level1 and above',
  'l2_cache.csv': 'written with experimental_config l2_cache=True',
  'memory_record.csv': 'written with profile_memory=True',
  'operator_memory.csv': 'written with profile_memory=True',
  'npu_module_mem.csv': 'written with NPU activity (CANN module memory)',
  'communication.json': 'written at Level1 and above when the job communicates (HCCL)',
  'communication_matrix.json': 'written at Level1 and above when the job communicates (HCCL)',
  'ascend_pytorch_profiler.db': 'written with export_type=db (newer CANN also writes it for text)',
  'analysis.db': 'written with export_type=db',
};
