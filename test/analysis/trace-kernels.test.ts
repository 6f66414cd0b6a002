// The trace's own Kernels table (no kernel_details): its text cells are made on first read, not
// with the analysis (issue 18: they were most of the import worker's analysis memory).
import { describe, expect, it } from 'vitest';
import { generateAscendProfile } from '../../src/generator/ascend-profile';
import { memoryFile } from '../../src/import/sources/input-file';
import { analyzeTrace } from '../../src/model/analysis/analyze';
import { DEVICE_KIND_LABEL } from '../../src/model/analysis/device-events';
import { TRACE_KERNEL_HEADER } from '../../src/model/analysis/trace-kernels';
import { openProfiles } from './test-invariants';

describe('the trace Kernels table', () => {
  it('makes its text rows on first read, the same cells as its typed columns', async () => {
    const g = generateAscendProfile({ seed: 9, level: 'Level1', steps: 2, kernelsPerStep: 10 });
    const files = g.files.filter((f) => !/kernel_details|operator_details/.test(f.path));
    const [p] = await openProfiles(files.map((f) => memoryFile(f.path, f.data)));
    const a = analyzeTrace(p!.trace!);
    const k = a.kernels!;
    expect(k.source).toBe('trace');
    expect(k.length).toBeGreaterThan(10);
    // Not materialised by the analysis (nor by the import's checks): a getter until read.
    const d = Object.getOwnPropertyDescriptor(k.text, 'rows')!;
    expect(typeof d.get).toBe('function');
    expect(d.enumerable).toBe(true);
    const rows = k.text.rows;
    expect(k.text.rows).toBe(rows); // made once
    expect(rows).toHaveLength(k.length);
    const col = (h: string) => TRACE_KERNEL_HEADER.indexOf(h);
    for (let r = 0; r < k.length; r++) {
      const cells = rows[r]!;
      expect(cells).toHaveLength(TRACE_KERNEL_HEADER.length);
      expect(cells[col('Name')]).toBe(k.strings[k.name[r]!]);
      expect(cells[col('Type')]).toBe(k.strings[k.type[r]!]);
      expect(DEVICE_KIND_LABEL as readonly string[]).toContain(cells[col('Kind')]);
      expect(cells[col('Step Id')]).toBe(k.step[r]! >= 0 ? String(k.step[r]) : '');
      expect(cells[col('Start Time(us)')]).toBe(
        `${k.startUs[r]}.${String(k.startFrac[r]).padStart(3, '0')}`,
      );
      expect(cells[col('Duration(us)')]).toBe((k.durNs[r]! / 1000).toFixed(3));
      expect(cells[col('Wait Time(us)')]).toBe((k.waitNs[r]! / 1000).toFixed(3));
    }
    // A copy (structured clone, as to another worker) carries the cells.
    expect(structuredClone(k.text).rows).toEqual(rows);
  });
});
