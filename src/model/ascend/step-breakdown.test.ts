import { describe, expect, it } from 'vitest';
import type { StepRow } from '../ascend-data';
import {
  compareSteps,
  deviceStepRanges,
  profilerStepRanges,
  stepBreakdownFromTrace,
} from './step-breakdown';
import { makeTrace, type FakeProcess } from './test-models';

// Two host steps; device work of step 1 runs past the host step's end.
const python: FakeProcess = {
  name: 'Python',
  labels: ['CPU'],
  threads: [
    {
      name: 'Thread 1',
      slices: [
        ['ProfilerStep#1', 0, 1000],
        ['aten::mm', 100, 10],
        ['ProfilerStep#2', 1000, 1000],
        ['aten::mm', 1100, 10],
      ],
    },
  ],
};
const hardware: FakeProcess = {
  name: 'Ascend Hardware',
  labels: ['NPU'],
  threads: [
    {
      name: 'Stream 2',
      slices: [
        ['MatMul', 500, 700],
        ['MatMul', 1300, 200],
      ],
    },
  ],
};
const overlap: FakeProcess = {
  name: 'Overlap Analysis',
  labels: ['NPU'],
  threads: [
    {
      name: 'Computing',
      slices: [
        ['Computing', 500, 400],
        ['Computing', 1300, 200],
      ],
    },
    { name: 'Communication', slices: [['Communication', 800, 300]] },
    {
      name: 'Communication(Not Overlapped)',
      slices: [['Communication(Not Overlapped)', 900, 200]],
    },
    {
      name: 'Free',
      slices: [
        ['Free', 1100, 200],
        ['Free', 1500, 100],
      ],
    },
  ],
};

describe('stepBreakdownFromTrace', () => {
  const trace = makeTrace([python, hardware, overlap], {
    flows: [
      [
        [0, 0, 1],
        [1, 0, 0],
      ],
      [
        [0, 0, 3],
        [1, 0, 1],
      ],
    ],
  });

  it('finds ProfilerStep ranges on the Python process', () => {
    expect(profilerStepRanges(trace)).toEqual([
      { step: '1', startNs: 0, endNs: 1000 },
      { step: '2', startNs: 1000, endNs: 2000 },
    ]);
  });

  it('widens steps to the device work their flows reach', () => {
    expect(deviceStepRanges(trace)).toEqual([
      { step: '1', startNs: 500, endNs: 1200 },
      { step: '2', startNs: 1300, endNs: 2000 },
    ]);
  });

  it('sums each lane per step by slice start (µs), Overlapped = Comm − Not Overlapped', () => {
    const rows = stepBreakdownFromTrace(trace);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      step: '1',
      computing: 0.4,
      communication: 0.3,
      communicationNotOverlapped: 0.2,
      overlapped: 0.1,
      free: 0,
      stage: null,
      bubble: null,
      preparing: null,
    });
    // The Free slice at 1100 starts in host step 2.
    expect(rows[1]).toMatchObject({ step: '2', computing: 0.2, free: 0.3 });
    const dev = stepBreakdownFromTrace(trace, deviceStepRanges(trace));
    expect(dev[0]).toMatchObject({ step: '1', free: 0.2 });
    expect(dev[1]).toMatchObject({ step: '2', free: 0.1 });
  });

  it('gives one whole-capture row without steps, none without Overlap Analysis', () => {
    const noSteps = makeTrace([hardware, overlap]);
    const rows = stepBreakdownFromTrace(noSteps);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ step: '', computing: 0.6, free: 0.3, deviceId: null });
    expect(stepBreakdownFromTrace(makeTrace([python, hardware]))).toEqual([]);
  });

  it('takes the device id from an `NPU n` label', () => {
    const t = makeTrace([{ ...overlap, labels: ['NPU 3'] }]);
    expect(stepBreakdownFromTrace(t)[0]!.deviceId).toBe('3');
  });
});

describe('compareSteps', () => {
  const row = (step: string, computing: number): StepRow => ({
    step,
    deviceId: null,
    computing,
    communicationNotOverlapped: 1,
    overlapped: 1,
    communication: 2,
    free: 3,
    stage: 9,
    bubble: 0,
    communicationNotOverlappedExcludeReceive: 1,
    preparing: 5,
  });

  it('ignores float noise and reports real differences and missing steps', () => {
    const csv = [row('1', 8868.240000000003), row('2', 10), row('3', 1)];
    const trace = [row('1', 8868.24), row('2', 10.5), row('4', 1)];
    const mm = compareSteps(csv, trace);
    expect(mm).toEqual([
      { step: '2', deviceId: null, field: 'computing', csv: 10, trace: 10.5, diffUs: 0.5 },
      { step: '3', deviceId: null, field: 'missingInTrace', csv: null, trace: null, diffUs: NaN },
      { step: '4', deviceId: null, field: 'missingInCsv', csv: null, trace: null, diffUs: NaN },
    ]);
  });

  it('matches device ids when both sides give one (-1 means unknown)', () => {
    const a = { ...row('1', 1), deviceId: '0' };
    const b = { ...row('1', 2), deviceId: '1' };
    expect(compareSteps([a, b], [{ ...b }, { ...a }])).toEqual([]);
    expect(compareSteps([{ ...a, deviceId: '-1' }], [{ ...a, deviceId: null }])).toEqual([]);
  });
});
