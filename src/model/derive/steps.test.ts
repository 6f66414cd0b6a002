import { describe, expect, it } from 'vitest';
import { bareProfile } from '../../generator/bare-profile';
import type { StepRow } from '../ascend-data';
import type { ProfileModel } from '../profile';
import { makeTrace, type FakeProcess } from '../ascend/test-models';
import { STEP_SEGMENTS, stepBars, stepLabel, stepsData } from './steps';

const row = (step: string, o: Partial<StepRow> = {}): StepRow => ({
  step,
  deviceId: null,
  computing: 10,
  communicationNotOverlapped: 4,
  overlapped: 3,
  communication: 7,
  free: 2,
  stage: 16,
  bubble: 0,
  communicationNotOverlappedExcludeReceive: 4,
  preparing: 5,
  ...o,
});

describe('step chart data', () => {
  it('stacks Preparing, Computing − Overlapped, Overlapped, Comm(Not Overlapped), Free', () => {
    const [bar] = stepBars([row('50')]);
    expect(bar!.label).toBe('Step 50');
    expect(bar!.segments.map((s) => s.key)).toEqual(STEP_SEGMENTS.map((s) => s.key));
    expect(bar!.segments.map((s) => [s.start, s.value])).toEqual([
      [0, 5],
      [5, 7],
      [12, 3],
      [15, 4],
      [19, 2],
    ]);
    expect(bar!.total).toBe(21);
  });

  it('treats missing values as zero and never goes negative', () => {
    const [bar] = stepBars([row('', { preparing: null, overlapped: 12, free: NaN })]);
    expect(bar!.label).toBe('Whole capture');
    expect(bar!.segments.map((s) => s.value)).toEqual([0, 0, 12, 4, 0]);
  });

  it('labels device ids', () => {
    expect(stepLabel('3', '1')).toBe('Step 3 · NPU 1');
    expect(stepLabel('3', '-1')).toBe('Step 3');
  });
});

const python: FakeProcess = {
  name: 'Python',
  threads: [{ name: 'T', slices: [['ProfilerStep#7', 0, 1000]] }],
};
const overlap: FakeProcess = {
  name: 'Overlap Analysis',
  labels: ['NPU'],
  threads: [
    { name: 'Computing', slices: [['Computing', 100, 400]] },
    { name: 'Free', slices: [['Free', 500, 300]] },
  ],
};

function profile(trace: ReturnType<typeof makeTrace> | null, steps?: StepRow[]): ProfileModel {
  return bareProfile(
    { id: 'p', label: 'p', kind: 'ascend' },
    { trace, ascend: { sources: {}, ...(steps ? { steps } : {}) } },
  );
}

describe('stepsData', () => {
  const trace = makeTrace([python, overlap]);
  const zero = { communicationNotOverlapped: 0, overlapped: 0, communication: 0 };

  it('shows the file rows, recomputes from the trace and lists differences', () => {
    const d = stepsData(
      profile(trace, [row('7', { ...zero, computing: 0.4, free: 0.25 })]),
      'host',
    );
    expect(d.rowsFrom).toBe('file');
    expect(d.fromTrace).toHaveLength(1);
    expect(d.mismatches).toEqual([
      {
        step: '7',
        deviceId: null,
        field: 'free',
        csv: 0.25,
        trace: 0.3,
        diffUs: expect.closeTo(0.05),
      },
    ]);
    expect(d.ranges.get('7')).toEqual({ step: '7', startNs: 0, endNs: 1000 });
    expect(d.ranges.get('')).toEqual({ step: '', startNs: 0, endNs: 1000 });
  });

  it('agrees when the values match', () => {
    const d = stepsData(profile(trace, [row('7', { ...zero, computing: 0.4, free: 0.3 })]), 'host');
    expect(d.mismatches).toEqual([]);
  });

  it('falls back to the trace, and to nothing', () => {
    expect(stepsData(profile(trace), 'device').rowsFrom).toBe('trace');
    const none = stepsData(profile(null), 'host');
    expect(none).toMatchObject({ rows: [], rowsFrom: null, fromTrace: null, mismatches: [] });
  });

  it('compares a step-less file (SGLang) with the whole capture', () => {
    const d = stepsData(profile(trace, [row('', { ...zero, computing: 0.4, free: 0.3 })]), 'host');
    expect(d.mismatches).toEqual([]);
    expect(d.rows[0]!.step).toBe('');
  });
});
