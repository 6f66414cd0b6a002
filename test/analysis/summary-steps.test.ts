// summarize's `steps` for a trace without step_trace_time are the Steps view's rows (TRUST
// audit): a lone trace_view.json printed its steps from the device-event recomputation (real
// Level2 rank 0: step time 136,020 µs, Free 31,190 µs) while its Steps view, the compare view and
// the folder's step_trace_time.csv say 129,862.875 µs and 25,032.619 µs (Overlap Analysis lanes).
import { describe, expect, it } from 'vitest';
import { generateAscendProfile } from '../../src/generator/ascend-profile';
import { memoryFile } from '../../src/import/sources/input-file';
import { analysisSummary } from '../../src/model/analysis/summary';
import { stepsData } from '../../src/model/analysis/steps-data';
import type { ProfileModel } from '../../src/model/profile';
import { listInputFiles } from '../../src/node/node-files';
import { MI, SKIP_REASON, hasSamples, samplePath } from '../real-samples';
import { openProfiles } from './test-invariants';

interface Row {
  step: string;
  computing: number;
  communicationNotOverlapped: number;
  free: number;
  stepTime: number;
  hostWall: number;
}
const summarySteps = (p: ProfileModel) => analysisSummary(p)['steps'] as Row[] | undefined;

function expectSameAsFile(lone: Row[], file: ProfileModel) {
  const rows = file.ascend.steps!;
  expect(lone.map((r) => r.step)).toEqual(rows.map((r) => r.step));
  lone.forEach((r, i) => {
    const f = rows[i]!;
    expect(r.computing).toBeCloseTo(f.computing!, 2);
    expect(r.communicationNotOverlapped).toBeCloseTo(f.communicationNotOverlapped!, 2);
    expect(r.free).toBeCloseTo(f.free!, 2);
    expect(r.stepTime).toBeCloseTo(f.computing! + f.communicationNotOverlapped! + f.free!, 2);
  });
}

describe('summarize steps of a lone trace_view.json (generated Level2)', () => {
  it('are the Steps view rows, equal to the folder’s step_trace_time', async () => {
    const g = generateAscendProfile({ seed: 23, level: 'Level2', steps: 3, kernelsPerStep: 12 });
    const [folder] = await openProfiles(g.files.map((f) => memoryFile(f.path, f.data)));
    const tv = g.files.find((f) => f.path.endsWith('trace_view.json'))!;
    const [lone] = await openProfiles([memoryFile('trace_view.json', tv.data)]);
    const steps = summarySteps(lone!)!;
    expect(steps).toHaveLength(3);
    const view = stepsData(lone!, 'device').rows;
    expect(steps.map((r) => r.stepTime)).toEqual(
      // The same sum, printed to the ns (3 decimals of µs) without float noise.
      view.map(
        (r) => Math.round((r.computing! + r.communicationNotOverlapped! + r.free!) * 1000) / 1000,
      ),
    );
    expectSameAsFile(steps, folder!);
    for (const r of steps) expect(r.hostWall).toBeGreaterThan(0);
  });
});

describe.skipIf(!hasSamples)(
  `summarize steps of a real lone trace_view.json${hasSamples ? '' : ` - ${SKIP_REASON}`}`,
  () => {
    it('MI text level2 rank 0: step 50 = 129,862.875 µs as in step_trace_time.csv', async () => {
      const dir = samplePath(`${MI}/text/level2/rank0_ascend_pt`);
      const [folder] = await openProfiles(await listInputFiles(dir));
      const [lone] = await openProfiles(
        await listInputFiles(`${dir}/ASCEND_PROFILER_OUTPUT/trace_view.json`),
      );
      const steps = summarySteps(lone!)!;
      expectSameAsFile(steps, folder!);
      expect(steps[0]!.stepTime).toBeCloseTo(129862.875, 2);
      expect(steps[0]!.hostWall).toBeCloseTo(148786.1, 3);
    });
  },
);
