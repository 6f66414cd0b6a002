/**
 * Allocation of a KernelTable: every typed column zeroed, `n` rows long. Shared by the readers
 * (kernel_details.csv, the db) and the hand-built test tables, which then fill the rows.
 */
import type { AscendSource, KernelTable } from '../ascend-data';
import type { TextTable } from '../profile';

export function newKernelTable(
  source: AscendSource,
  text: TextTable,
  n: number,
  strings: string[],
): KernelTable {
  return {
    source,
    text,
    length: n,
    startUs: new Float64Array(n),
    startFrac: new Uint16Array(n),
    durNs: new Float64Array(n),
    waitNs: new Float64Array(n),
    name: new Uint32Array(n),
    type: new Uint32Array(n),
    core: new Uint32Array(n),
    inputShapes: new Uint32Array(n),
    step: new Int32Array(n),
    stream: new Int32Array(n),
    strings,
  };
}
