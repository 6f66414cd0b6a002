import { describe, expect, it } from 'vitest';
import type { MemorySeries } from '../ascend-data';
import {
  memoryByDevice,
  memoryTimesNs,
  moduleMemoryByComponent,
  summarizeMemorySeries,
} from './memory-series';

function series(component: string, device: string, reserved: number[]): MemorySeries {
  const n = reserved.length;
  return {
    component,
    device,
    tsUs: Float64Array.from(reserved.map((_, i) => 1736412474607990 + i)),
    tsFrac: Uint16Array.from(reserved.map(() => 240)),
    allocatedMB: new Float64Array(n).fill(NaN),
    reservedMB: Float64Array.from(reserved),
    activeMB: new Float64Array(n).fill(NaN),
  };
}

describe('memory series', () => {
  it('summarizes peaks with exact times', () => {
    const s = summarizeMemorySeries(series('APP', 'NPU:0', [2109.6, 2113.7, 2100]));
    expect(s).toMatchObject({
      samples: 3,
      peakReservedMB: 2113.7,
      peakReservedAtNs: '1736412474607991240',
    });
    expect(s.peakAllocatedMB).toBeNaN();
  });

  it('groups memory_record by device with a stable component order', () => {
    const m = memoryByDevice([
      series('APP', 'NPU:1', [1]),
      series('GE', 'NPU:0', [1]),
      series('PTA', 'NPU:0', [1]),
      series('PTA+GE', 'NPU:0', [1]),
    ]);
    expect([...m.keys()]).toEqual(['NPU:0', 'NPU:1']);
    expect(m.get('NPU:0')!.map((s) => s.component)).toEqual(['PTA+GE', 'PTA', 'GE']);
  });

  it('groups npu_module_mem by component, largest first', () => {
    const m = moduleMemoryByComponent([
      series('SLOG', 'NPU:0', [0]),
      series('HCCL', 'NPU:0', [50]),
      series('HCCL', 'NPU:1', [60]),
    ]);
    expect([...m.keys()]).toEqual(['HCCL', 'SLOG']);
    expect(m.get('HCCL')).toHaveLength(2);
  });

  it('puts samples on the timeline exactly', () => {
    const t = memoryTimesNs(series('APP', 'NPU:0', [1, 2]), '1736412474607917240');
    expect([...t]).toEqual([73000, 74000]);
  });
});
