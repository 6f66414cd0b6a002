import { describe, expect, it } from 'vitest';
import { parseJsonText } from '../../lib/json-bytes';
import { parseProfilerInfo, parseProfilerMetadata } from './profiler-json';
import { PROFILER_INFO_2025, PROFILER_METADATA } from './test-csv';

describe('profiler JSON files', () => {
  it('reads profiler_info (exact collection end ns)', () => {
    const { info, warnings } = parseProfilerInfo(parseJsonText(PROFILER_INFO_2025));
    expect(warnings).toEqual([]);
    expect(info).toEqual({
      rank: 0,
      level: 'Level2',
      aicMetrics: 'ACL_AICORE_PIPE_UTILIZATION',
      exportType: ['text'],
      activities: ['ProfilerActivity.CPU', 'ProfilerActivity.NPU'],
      l2Cache: true,
      recordShapes: true,
      profileMemory: true,
      withStack: true,
      torchNpuVersion: null,
      cannVersion: null,
      collectionEndNs: '1736412475029844920',
    });
  });

  it('reads the newer list export type and versions', () => {
    const { info } = parseProfilerInfo(
      parseJsonText(
        '{"config":{"experimental_config":{"_export_type":["text","db"]}},"torch_npu_version":"2.6.0","cann_version":"8.1","rank_id":-1}',
      ),
    );
    expect(info).toMatchObject({
      exportType: ['text', 'db'],
      torchNpuVersion: '2.6.0',
      cannVersion: '8.1',
      rank: null,
    });
  });

  it('reads parallel_group_info; absent in plain text runs', () => {
    const { parallelGroups } = parseProfilerMetadata(parseJsonText(PROFILER_METADATA));
    expect(parallelGroups).toEqual([
      {
        id: '10.0.0.1%eth0_55000_0_1738895506630464',
        name: 'tp',
        groupRank: 0,
        globalRanks: [0, 1],
      },
      {
        id: '10.0.0.1%eth0_55000_0_1738895507756334',
        name: 'pp',
        groupRank: 0,
        globalRanks: [0, 4],
      },
    ]);
    expect(parseProfilerMetadata(parseJsonText('{"ENV_VARIABLES": {}}')).parallelGroups).toBeNull();
  });
});
