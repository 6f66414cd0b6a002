import { describe, expect, it } from 'vitest';
import { parseMemoryRecord, parseNpuModuleMem, parseOperatorMemory } from './memory';
import { warningJson } from '../../model/summarize-profile';
import {
  MEMORY_2023,
  MEMORY_2025,
  MEMORY_EXCEL,
  MODULE_MEM,
  MODULE_MEM_NEW,
  OPERATOR_MEMORY,
  tableOf,
} from './test-csv';

const ns = (s: { tsUs: Float64Array; tsFrac: Uint16Array }, i: number) =>
  BigInt(s.tsUs[i]!) * 1000n + BigInt(s.tsFrac[i]!);

describe('memory files', () => {
  it('groups memory_record by component and device, sorted by exact time', async () => {
    const { memory, warnings } = parseMemoryRecord(await tableOf(MEMORY_2025));
    expect(warnings).toEqual([]);
    expect(memory.map((s) => [s.component, s.device, s.tsUs.length])).toEqual([
      ['APP', 'NPU:0', 1],
      ['PTA', 'NPU:0', 2],
      ['GE', 'NPU:0', 1],
    ]);
    const app = memory[0]!;
    expect(ns(app, 0)).toBe(1736412474607990240n);
    expect(app.allocatedMB[0]).toBeNaN();
    expect(app.reservedMB[0]).toBe(2109.6015625);
    const pta = memory[1]!;
    expect([ns(pta, 0), ns(pta, 1)]).toEqual([1736412474720600100n, 1736412474720601300n]);
    expect([...pta.allocatedMB]).toEqual([900.5, 935.9951171875]);
    expect(pta.activeMB[1]).toBe(935.9951171875);
  });

  it('reads the 2023 header (no Total Active / Stream Ptr)', async () => {
    const { memory, warnings } = parseMemoryRecord(await tableOf(MEMORY_2023));
    expect(warnings).toEqual([]);
    expect(ns(memory[1]!, 0)).toBe(1695115378714622800n);
    expect(memory[1]!.activeMB[0]).toBeNaN();
  });

  it('flags Excel-mangled times and pointers with file, row and column', async () => {
    const { memory, warnings } = parseMemoryRecord(
      await tableOf(MEMORY_EXCEL, 'test_rank_1/ASCEND_PROFILER_OUTPUT/memory_record.csv'),
    );
    expect(memory).toHaveLength(2);
    expect(ns(memory[0]!, 0)).toBe(1695120000000000000n);
    expect(warnings.map(warningJson)).toEqual([
      {
        code: 'value_lost_precision',
        count: 1,
        example:
          'memory_record.csv row 2, column "Stream Ptr": "9.4509E+13" is in exponent form (saved by a spreadsheet?); the value lost precision',
      },
      {
        code: 'time_lost_precision',
        count: 2,
        example:
          'memory_record.csv row 1, column "Timestamp(us)": "1.69512E+15" is in exponent form (saved by a spreadsheet?); the time lost precision',
      },
    ]);
  });

  it('reads npu_module_mem with and without a leading Device_id', async () => {
    const { moduleMemory } = parseNpuModuleMem(await tableOf(MODULE_MEM));
    expect(moduleMemory.map((s) => [s.component, [...s.reservedMB]])).toEqual([
      ['SLOG', [0]],
      ['HCCL', [52.5, -1]],
    ]);
    const { moduleMemory: m2, warnings } = parseNpuModuleMem(await tableOf(MODULE_MEM_NEW));
    expect(warnings).toEqual([]);
    expect(m2[0]).toMatchObject({ component: 'RUNTIME', device: 'NPU:1' });
  });

  it('checks operator_memory: empty release times are fine, TABs trimmed for display', async () => {
    const { operatorMemory, warnings } = parseOperatorMemory(await tableOf(OPERATOR_MEMORY));
    expect(warnings).toEqual([]);
    expect(operatorMemory.rows).toHaveLength(2);
    expect(operatorMemory.rows[1]!.slice(2, 7)).toEqual([
      '1706704429088523.015',
      '1706704429088697.964',
      '1706704429088696.941',
      '174.949',
      '173.926',
    ]);
    expect(operatorMemory.rows[0]![3]).toBe('');
  });
});
