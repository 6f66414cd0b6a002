import { describe, expect, it } from 'vitest';
import { findKernelRow, findKernelSlice, kernelStartNs } from './kernel-link';
import { makeKernels, makeTrace } from './test-models';

// baseNs = 1736412474607917.240 µs; kernel at 1736412474730135.222 µs → 122217982 ns later.
const BASE = '1736412474607917240';
const kernels = makeKernels([
  {
    name: 'trans_TransData_0',
    core: 'AI_VECTOR_CORE',
    start: '1736412474730135.222',
    durNs: 55161,
  },
  { name: 'trans_TransData_0', core: 'AI_VECTOR_CORE', start: '1736412474730135.223', durNs: 1 },
  { name: 'hcom_allReduce__271_0_1', core: 'HCCL', start: '1736412474757059.739', durNs: 86470907 },
  { name: 'not_in_trace', core: 'AI_CORE', start: '1736412474757059.739', durNs: 1 },
  { name: 'no_start', start: 'N/A', durNs: 1 },
]);
const trace = makeTrace(
  [
    {
      name: 'Ascend Hardware',
      labels: ['NPU'],
      threads: [
        {
          name: 'Stream 2',
          slices: [
            ['other', 122217982, 5],
            ['trans_TransData_0', 122217982, 55161],
            ['trans_TransData_0', 122217983, 1],
          ],
        },
      ],
    },
    {
      name: 'HCCL',
      labels: ['NPU'],
      threads: [
        // CANN's start is one ns later than kernel_details' (…059.740 vs …059.739).
        {
          name: 'Group 0 Communication',
          slices: [['hcom_allReduce__271_0_1', 149142500, 86470907]],
        },
      ],
    },
  ],
  { baseNs: BASE },
);

describe('kernel ↔ slice links', () => {
  it('converts a kernel start to exact timeline ns', () => {
    expect(kernelStartNs(kernels, 0, BASE)).toBe(122217982);
    expect(kernelStartNs(kernels, 1, BASE)).toBe(122217983);
    expect(kernelStartNs(kernels, 4, BASE)).toBeNaN();
  });

  it('finds the Ascend Hardware slice by exact start and name, and back', () => {
    expect(findKernelSlice(trace, kernels, 0)).toEqual({ track: 0, index: 1 });
    expect(findKernelSlice(trace, kernels, 1)).toEqual({ track: 0, index: 2 });
    expect(findKernelRow(kernels, trace, 0, 1)).toBe(0);
    expect(findKernelRow(kernels, trace, 0, 2)).toBe(1);
    expect(findKernelRow(kernels, trace, 0, 0)).toBe(-1);
  });

  it('finds HCCL ops on the communication lane within a ns', () => {
    expect(findKernelSlice(trace, kernels, 2)).toEqual({ track: 1, index: 0 });
    expect(findKernelRow(kernels, trace, 1, 0)).toBe(2);
  });

  it('returns null / -1 when there is no match', () => {
    expect(findKernelSlice(trace, kernels, 3)).toBeNull();
    expect(findKernelSlice(trace, kernels, 4)).toBeNull();
    expect(findKernelRow(kernels, trace, 7, 0)).toBe(-1);
  });
});
