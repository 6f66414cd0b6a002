// The advisor reads the figures the views show (issue 16: one definition per figure): its step
// times and Free per step are the Steps view's (device-step mode), its free intervals add up to
// the analysis' Free, its device streams hold the analysis' device tasks, and its kernel rows are
// the Kernels view's. Checked on generated Ascend and Kineto profiles and on the real samples.
import { describe, expect, it } from 'vitest';
import { hasSamples, MI, samplePath, SKIP_REASON } from '../../../test/real-samples';
import { advisorAscendProfile, advisorKinetoTrace } from '../../generator/advisor-scenario';
import { extractAdvisorInputs, type AdvisorInputs } from '../../model/advisor/advisor-inputs';
import { runAdvisor } from '../../model/advisor/engine';
import { analyzeProfile } from '../../model/analysis/analyze';
import { ASCEND_HARDWARE } from '../../model/analysis/device-events';
import type { ProfileModel } from '../../model/profile';
import { stepsData } from '../../model/analysis/steps-data';
import { stepTimeUs } from '../../model/step-time';
import { listInputFiles } from '../../node/node-files';
import { importProfile } from '../import-profile';
import { openInputs } from '../open-inputs';
import { adviseGenerated, rule } from './test-advise';

/** The Steps view's step time and Free per step id, ns (device-step mode, summed over devices). */
function viewSteps(p: ProfileModel): Map<string, { stepNs: number; freeNs: number }> {
  const data = stepsData(p, 'device');
  const out = new Map<string, { stepNs: number; freeNs: number }>();
  for (const r of data.rows) {
    const o = out.get(r.step) ?? { stepNs: 0, freeNs: 0 };
    o.stepNs += Math.round((stepTimeUs(r) ?? NaN) * 1000);
    o.freeNs += Math.round((r.free ?? 0) * 1000);
    out.set(r.step, o);
  }
  return out;
}

function expectSameFigures(p: ProfileModel, inp: AdvisorInputs, label: string) {
  const view = viewSteps(p);
  expect(inp.steps.length, label).toBeGreaterThan(0);
  for (const s of inp.steps) {
    const v = view.get(s.step);
    expect(v, `${label}: step ${s.step} in the Steps view`).toBeDefined();
    // Rounding of the file's float µs to whole ns only.
    expect(Math.abs(s.stepNs - v!.stepNs), `${label}: step ${s.step} time`).toBeLessThanOrEqual(1);
    expect(Math.abs(s.freeNs - v!.freeNs), `${label}: step ${s.step} free`).toBeLessThanOrEqual(1);
  }
  // free-time with a 0 % threshold reports every step: its time at stake is the views' Free.
  const all = runAdvisor(inp, { freeRatio: 0 }).findings.find((f) => f.rule === 'free-time')!;
  const withFree = inp.steps.filter((s) => s.stepNs > 0 && s.freeNs > 0);
  expect(all.timeNs, label).toBe(withFree.reduce((a, s) => a + s.freeNs, 0));
  const a = analyzeProfile(p);
  const t = p.trace!;
  // Device streams hold exactly the analysis' device tasks (Ascend: the hardware streams).
  let tasks = 0;
  for (let e = 0; e < a.trace!.device.length; e++) {
    const proc = t.processes[t.sliceTracks[a.trace!.device.track[e]!]!.process]!;
    if (inp.kind !== 'ascend' || proc.name === ASCEND_HARDWARE) tasks++;
  }
  expect(
    inp.streams.reduce((n, d) => n + d.start.length, 0),
    label,
  ).toBe(tasks);
  // Free intervals without lanes: the gaps that make the analysis' Free.
  if (!inp.freeFromLanes) {
    const sum = inp.free.reduce((n, f) => n + f.endNs - f.startNs, 0);
    expect(sum, label).toBe(a.trace!.totals!.freeNs);
  }
  // Kernel rows: the Kernels view's table when it has the side file's columns.
  if (a.kernels && a.kernels.table.source !== 'trace')
    expect(inp.kernels?.length, label).toBe(a.kernels.table.length);
}

describe('the advisor reads the views’ figures', () => {
  it('generated Ascend profile: step time and Free per step equal the Steps view', async () => {
    const { inputs, profile, report } = await adviseGenerated(
      advisorAscendProfile({ gcPause: { step: 1, kernel: 2, us: 3000 } }).files,
    );
    expectSameFigures(profile, inputs, 'ascend');
    // The finding's step count is the Steps view's count of steps over the threshold.
    const view = viewSteps(profile);
    const over = [...view.values()].filter((v) => v.freeNs / v.stepNs > 0.1).length;
    const f = rule(report, 'free-time');
    expect(f.severity === 'ok' ? 0 : f.count).toBe(over);
  });

  it('generated Kineto trace (no lanes, no step file): the analysis’ steps and Free', async () => {
    const { inputs, profile } = await adviseGenerated(
      advisorKinetoTrace({ lateLaunch: { step: 1, kernel: 3, us: 400 } }).files,
    );
    expect(inputs.kind).toBe('kineto');
    expect(inputs.freeFromLanes).toBe(false);
    expect(stepsData(profile, 'device').rowsFrom).toBe('kernels');
    expectSameFigures(profile, inputs, 'kineto');
    // Steps are the analysis' device steps.
    const steps = analyzeProfile(profile).trace!.steps;
    expect(inputs.steps.map((s) => [s.step, s.startNs, s.endNs])).toEqual(
      steps.map((s) => [s.id, s.spanStartNs, s.spanEndNs]),
    );
  });
});

async function openReal(rel: string): Promise<ProfileModel> {
  const opened = await openInputs(await listInputFiles(samplePath(rel)));
  return importProfile(opened.discovery.profiles[0]!, opened.files);
}

describe.skipIf(!hasSamples)(
  `the advisor reads the views’ figures on real samples${hasSamples ? '' : ` - ${SKIP_REASON}`}`,
  () => {
    it('Level2 rank 0 (step_trace_time.csv) and Level0 rank 0', async () => {
      for (const rel of [
        `${MI}/text/level2/rank0_ascend_pt`,
        `${MI}/text/level0/rank0_ascend_pt`,
      ]) {
        const p = await openReal(rel);
        expectSameFigures(p, await extractAdvisorInputs(p), rel);
      }
    });

    it('a Kineto GPU trace', async () => {
      const rel =
        'trace-json/facebookresearch__HolisticTraceAnalysis/tests/data/trace_filter/sampled_rank-0.json.gz';
      const p = await openReal(rel);
      expectSameFigures(p, await extractAdvisorInputs(p), rel);
    });
  },
);
