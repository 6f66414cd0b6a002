import { describe, expect, it } from 'vitest';
import { UnusableTableError } from './csv-table';
import { parseKernelDetails } from './kernel-details';
import { KERNELS_2023, KERNELS_L0, KERNELS_L2, KERNELS_NEW, T, csv, tableOf } from './test-csv';

const ns = (k: { startUs: Float64Array; startFrac: Uint16Array }, i: number) =>
  BigInt(k.startUs[i]!) * 1000n + BigInt(k.startFrac[i]!);
const str = (k: { strings: string[] }, ids: Uint32Array, i: number) => k.strings[ids[i]!];
const codes = (w: { code: string }[]) => w.map((x) => x.code);

describe('parseKernelDetails', () => {
  it('reads the Level0 header (CRLF, TAB-suffixed start) exactly', async () => {
    const { kernels: k, warnings } = parseKernelDetails(await tableOf(KERNELS_L0));
    expect(warnings).toEqual([]);
    expect(k.length).toBe(2);
    expect(ns(k, 0)).toBe(1736405443881410320n);
    expect(k.durNs[0]).toBe(50621);
    expect(k.waitNs[1]).toBe(99142);
    expect(k.step[0]).toBe(50);
    expect(str(k, k.name, 1)).toBe('Conv2D1');
    // N/A type and core are missing ('').
    expect(str(k, k.type, 0)).toBe('');
    expect(str(k, k.core, 0)).toBe('');
    expect(k.stream[0]).toBe(-1);
    // The display table has the TAB trimmed; the raw table keeps it.
    expect(k.text.rows[0]![4]).toBe('1736405443881410.320');
  });

  it('reads Level2 rows: quoted start, triple-quoted shapes, N/A HCCL row, invalid ids', async () => {
    const table = await tableOf(KERNELS_L2);
    expect(table.rows[0]![8]).toBe(`1736413971558972.912${T}`);
    expect(table.rows[0]![14]).toBe('"81920,4096;8192,512"');
    const { kernels: k, warnings } = parseKernelDetails(table);
    expect(warnings).toEqual([]);
    expect(ns(k, 0)).toBe(1736413971558972912n);
    expect(ns(k, 1)).toBe(1736413971559059739n);
    expect(str(k, k.inputShapes, 0)).toBe('81920,4096;8192,512');
    expect(k.text.rows[0]![14]).toBe('81920,4096;8192,512');
    expect(k.text.rows[0]![17]).toBe('4096,512');
    expect(k.stream[0]).toBe(2);
    expect(k.stream[1]).toBe(-1);
    expect(str(k, k.core, 1)).toBe('HCCL');
    expect(str(k, k.inputShapes, 1)).toBe('');
    // Unknown metric columns stay in the text table.
    expect(k.text.header).toContain('aic_mac_ratio');
    expect(k.text.rows[0]![22]).toBe('0.824');
  });

  it('reads the newest header: Device_id, Block Num, no Step Id', async () => {
    const { kernels: k, warnings } = parseKernelDetails(await tableOf(KERNELS_NEW));
    expect(warnings).toEqual([]);
    expect(k.step[0]).toBe(-1);
    expect(ns(k, 0)).toBe(1736413971558972900n);
    expect(str(k, k.inputShapes, 0)).toBe('8,8;8,8');
  });

  it('reads 2023 float and integer starts (no TAB) and sub-ns durations rounded', async () => {
    const { kernels: k } = parseKernelDetails(await tableOf(KERNELS_2023));
    expect(ns(k, 0)).toBe(1699529622790614800n);
    expect(ns(k, 1)).toBe(1695115378713661000n);
    expect(k.durNs[1]).toBe(496851);
  });

  it('flags Excel exponent times naming file, row and column, and keeps going', async () => {
    const text = csv([
      'Name,Start Time(us),Duration(us)',
      'a,1.69512E+15,1',
      'b,not a time,2',
      'c,,3',
      'd,1736405443881410.320,N/A',
    ]);
    const { kernels: k, warnings } = parseKernelDetails(
      await tableOf(text, 'rank0/ASCEND_PROFILER_OUTPUT/kernel_details.csv'),
    );
    expect(k.length).toBe(4);
    expect(ns(k, 0)).toBe(1695120000000000000n);
    expect(k.startUs[1]).toBeNaN();
    expect(k.startUs[2]).toBeNaN();
    expect(k.durNs[3]).toBeNaN();
    const lost = warnings.find((w) => w.code === 'time_lost_precision')!;
    expect(lost.count).toBe(1);
    expect(lost.example).toContain('kernel_details.csv row 1, column "Start Time(us)"');
    expect(lost.example).toContain('1.69512E+15');
    expect(codes(warnings)).toEqual(
      expect.arrayContaining(['time_lost_precision', 'bad_time', 'missing_time']),
    );
  });

  it('reports ragged rows, duplicate and missing columns, and keeps going', async () => {
    const text = csv(['Name,Start Time(us),Name,Extra', `a,1.5${T}`, 'b,2.5,b2,x,y']);
    const { kernels: k, warnings } = parseKernelDetails(await tableOf(text));
    expect(k.length).toBe(2);
    expect(ns(k, 1)).toBe(2500n);
    expect(k.durNs[0]).toBeNaN();
    expect(k.text.rows[0]).toEqual(['a', '1.5', '', '']);
    expect(k.text.rows[1]).toEqual(['b', '2.5', 'b2', 'x', 'y']);
    expect(codes(warnings).sort()).toEqual([
      'duplicate_column',
      'long_row',
      'missing_column',
      'short_row',
    ]);
    expect(warnings.find((w) => w.code === 'missing_column')!.example).toContain('Duration(us)');
  });

  it('throws only for unusable files', () => {
    expect(() => parseKernelDetails({ path: 'kernel_details.csv', header: [], rows: [] })).toThrow(
      UnusableTableError,
    );
    expect(() =>
      parseKernelDetails({ path: 'k.csv', header: ['a', 'b'], rows: [['1', '2']] }),
    ).toThrow(/none of the expected columns/);
  });
});
