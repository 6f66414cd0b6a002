import { describe, expect, it } from 'vitest';
import { parseStepTraceTime } from './step-trace-time';
import { STEPS_2023, STEPS_2025, STEPS_2025_ROW, STEPS_NEW, csv, tableOf } from './test-csv';
import { warningJson } from '../../model/summarize-profile';

describe('parseStepTraceTime', () => {
  it('reads the 2025 header with Preparing, keeping the file numbers', async () => {
    const { steps, warnings } = parseStepTraceTime(await tableOf(STEPS_2025));
    expect(warnings).toEqual([]);
    expect(steps).toEqual([STEPS_2025_ROW]);
    expect(String(steps[0]!.computing)).toBe('8868.240000000003');
  });

  it('reads the 2023 header without Preparing', async () => {
    const { steps } = parseStepTraceTime(await tableOf(STEPS_2023));
    expect(steps[0]).toMatchObject({
      step: '2',
      preparing: null,
      stage: 291698,
      free: 69909.50350390615,
    });
  });

  it('reads the newest header: leading Device_id, empty Step, N/A and empty cells', async () => {
    const { steps, warnings } = parseStepTraceTime(await tableOf(STEPS_NEW));
    expect(warnings).toEqual([]);
    expect(steps.map((s) => [s.deviceId, s.step])).toEqual([
      ['0', ''],
      ['1', ''],
    ]);
    expect(steps[0]).toMatchObject({
      computing: 1.5,
      bubble: null,
      communicationNotOverlappedExcludeReceive: null,
    });
  });

  it('reports bad numbers and keeps the row', async () => {
    const text = csv([
      'Step,Computing,Communication(Not Overlapped),Overlapped,Communication,Free',
      '1,abc,1,1,1,1',
    ]);
    const { steps, warnings } = parseStepTraceTime(await tableOf(text, 'step_trace_time.csv'));
    expect(steps[0]!.computing).toBeNull();
    expect(warnings.map(warningJson)).toEqual([
      {
        code: 'bad_number',
        count: 1,
        example: 'step_trace_time.csv row 1, column "Computing": "abc" is not a number',
      },
    ]);
  });
});
