import { describe, expect, it } from 'vitest';
import { findKernelRow, findKernelSlice } from '../../model/ascend/kernel-link';
import { compareSteps, stepBreakdownFromTrace } from '../../model/ascend/step-breakdown';
import { summarizeProfile } from '../../model/summarize-profile';
import { SUMMARY_EXTENSIONS } from '../summary-extensions';
import {
  COMMUNICATION,
  COMMUNICATION_MATRIX,
  KERNELS_L0,
  L2_CACHE,
  MEMORY_EXCEL,
  MODULE_MEM,
  OPERATOR_MEMORY,
  OP_STATISTIC,
  PROFILER_INFO_2025,
  PROFILER_METADATA,
  TRACE_STEPS,
  TRACE_VIEW,
  importFiles,
  operatorDetails,
} from './test-csv';

const R = 'run/host_1_20250109000000000_ascend_pt';
const O = `${R}/ASCEND_PROFILER_OUTPUT`;

const folder = {
  [`${R}/profiler_info_0.json`]: PROFILER_INFO_2025,
  [`${R}/profiler_metadata.json`]: PROFILER_METADATA,
  [`${O}/trace_view.json`]: TRACE_VIEW,
  [`${O}/kernel_details.csv`]: KERNELS_L0,
  [`${O}/operator_details.csv`]: operatorDetails('\r\n'),
  [`${O}/step_trace_time.csv`]: TRACE_STEPS,
  [`${O}/op_statistic.csv`]: OP_STATISTIC,
  [`${O}/l2_cache.csv`]: L2_CACHE,
  [`${O}/memory_record.csv`]: MEMORY_EXCEL,
  [`${O}/operator_memory.csv`]: OPERATOR_MEMORY,
  [`${O}/npu_module_mem.csv`]: MODULE_MEM,
  [`${O}/communication.json`]: COMMUNICATION,
  [`${O}/communication_matrix.json`]: COMMUNICATION_MATRIX,
  [`${O}/custom_metrics.csv`]: 'a,b\r\n1,2\r\n',
  [`${O}/api_statistic.csv`]: '',
};

describe('typed Ascend readers in the import pipeline', () => {
  it('fill profile.ascend on top of the text tables and JSON, with sources', async () => {
    const p = await importFiles(folder);
    const status = Object.fromEntries(p.inputs.map((i) => [i.path.slice(R.length + 1), i.status]));
    expect(status['ASCEND_PROFILER_OUTPUT/api_statistic.csv']).toBe('failed');
    expect(Object.values(status).filter((s) => s !== 'read')).toHaveLength(1);
    // Every CSV is still kept as text, including unknown ones.
    expect(Object.keys(p.tables).sort()).toEqual([
      'api_statistic.csv',
      'custom_metrics.csv',
      'kernel_details.csv',
      'l2_cache.csv',
      'memory_record.csv',
      'npu_module_mem.csv',
      'op_statistic.csv',
      'operator_details.csv',
      'operator_memory.csv',
      'step_trace_time.csv',
    ]);
    expect(p.tables['kernel_details.csv']!.rows[0]![4]).toBe('1736405443881410.320\t');
    expect(p.json['communication.json']).toBeTypeOf('object');
    expect(p.ascend.sources).toEqual({
      profilerInfo: 'json',
      parallelGroups: 'json',
      kernels: 'csv',
      operators: 'csv',
      steps: 'csv',
      statistics: 'csv',
      memory: 'csv',
      operatorMemory: 'csv',
      moduleMemory: 'csv',
      communication: 'json',
      commMatrix: 'json',
    });
    expect(p.ascend.kernels!.length).toBe(2);
    expect(Object.keys(p.ascend.statistics!).sort()).toEqual(['l2_cache.csv', 'op_statistic.csv']);
    expect(p.ascend.parallelGroups).toHaveLength(2);
    expect(p.ascend.profilerInfo!.aicMetrics).toBe('ACL_AICORE_PIPE_UTILIZATION');
    expect(p.descriptor.level).toBe('Level2');
  });

  it('report per-file warnings and the reason of an unusable file', async () => {
    const p = await importFiles(folder);
    const byName = (n: string) => p.inputs.find((i) => i.path.endsWith(n))!;
    expect(byName('api_statistic.csv').reason).toBe(
      'api_statistic.csv: no header row (empty file)',
    );
    expect(byName('memory_record.csv').warnings!.map((w) => w.code)).toEqual([
      'value_lost_precision',
      'time_lost_precision',
    ]);
    expect(byName('op_statistic.csv').warnings![0]!.code).toBe('bad_number');
    expect(byName('kernel_details.csv').warnings).toBeUndefined();
  });

  it('link kernels to the trace and rebuild the step from Overlap Analysis', async () => {
    const p = await importFiles(folder);
    const trace = p.trace!;
    const k = p.ascend.kernels!;
    const ref = findKernelSlice(trace, k, 1)!;
    expect(trace.strings[trace.sliceTracks[ref.track]!.slices.name[ref.index]!]).toBe('Conv2D1');
    expect(findKernelRow(k, trace, ref.track, ref.index)).toBe(1);
    const rows = stepBreakdownFromTrace(trace);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ step: '50', computing: 366.367, free: 211.144 });
    expect(compareSteps(p.ascend.steps!, rows)).toEqual([]);
  });

  it('add steps and kernel counts to the summary', async () => {
    const s = summarizeProfile(await importFiles(folder), SUMMARY_EXTENSIONS);
    expect(s['steps']).toEqual([
      {
        step: '50',
        computing: 366.36699999999996,
        communicationNotOverlapped: 0,
        overlapped: 0,
        communication: 0,
        free: 211.144,
        stage: 577.51,
        bubble: 0,
        preparing: 410.32,
      },
    ]);
    // Existing keys keep their values; the analysis layer adds source, totalNs and top.
    expect(s['kernels']).toMatchObject({ rows: 2, byCore: { 'N/A': 2 } });
    expect(s['kernels']).toMatchObject({
      source: 'kernel_details.csv',
      totalNs: 366367,
      top: [
        { name: 'Conv2D1', count: 1, totalNs: 315746 },
        { name: 'trans_TransData_0', count: 1, totalNs: 50621 },
      ],
    });
    expect(s['communication']).toEqual({ ops: 2, links: 3 });
    expect(s.tables['kernel_details.csv']!.rows).toBe(2);
  });
});
