import { describe, expect, it } from 'vitest';
import {
  advisorAscendProfile,
  advisorKinetoTrace,
  type AdvisorKnobs,
} from '../../generator/advisor-scenario';
import { IDLE_CAUSES, type IdleCause } from '../../model/advisor/types';
import type { AdvisorInputs } from '../../model/advisor/advisor-inputs';
import { adviseGenerated, rule } from './test-advise';

const BASE_KNOBS: AdvisorKnobs = {
  lateLaunch: { step: 0, kernel: 3, us: 500 },
  gcPause: { step: 1, kernel: 5, us: 3000 },
  dataloaderStall: { step: 2, us: 20000 },
};

/** Independent per-stream idle: (last end − first start) − |union of its tasks|. */
function streamIdle(inp: AdvisorInputs): Map<number, number> {
  const out = new Map<number, number>();
  for (const d of inp.streams) {
    const iv = [...d.start].map((s, k) => [s, s + d.dur[k]!] as const).sort((a, b) => a[0] - b[0]);
    let busy = 0;
    let cs = iv[0]![0];
    let ce = iv[0]![1];
    let last = ce;
    for (const [s, e] of iv.slice(1)) {
      last = Math.max(last, e);
      if (s > ce) {
        busy += ce - cs;
        cs = s;
        ce = e;
      } else ce = Math.max(ce, e);
    }
    busy += ce - cs;
    out.set(d.track, last - iv[0]![0] - busy);
  }
  return out;
}

describe.each([
  ['ascend', advisorAscendProfile],
  ['kineto', advisorKinetoTrace],
] as const)('idle-cause on a generated %s profile', (_kind, make) => {
  it('classifies each knob gap by its cause and the causes sum exactly to the idle time', async () => {
    const { files, gaps: truth } = make(BASE_KNOBS);
    const { report, inputs } = await adviseGenerated(files);
    const idle = report.idle!;
    // Each true gap is found with its cause.
    const byStart = new Map<number, IdleCause>();
    for (let i = 0; i < idle.gaps.length; i++)
      byStart.set(idle.gaps.startNs[i]!, IDLE_CAUSES[idle.gaps.cause[i]!]!);
    expect(idle.gaps.length).toBe(truth.length);
    for (const g of truth)
      expect([g.step, g.kernel, byStart.get(g.startNs)]).toEqual([g.step, g.kernel, g.cause]);
    // Per (step, stream): Σ causes === idle, exactly; per stream: Σ steps === independent idle.
    const perStream = new Map<number, number>();
    for (const r of idle.rows) {
      expect(IDLE_CAUSES.reduce((a, c) => a + r.byCause[c], 0)).toBe(r.idleNs);
      perStream.set(r.track, (perStream.get(r.track) ?? 0) + r.idleNs);
    }
    expect(perStream).toEqual(streamIdle(inputs));
    // Per step: the step's gaps from the truth.
    for (const r of idle.rows) {
      const step = Number(r.step) - 1;
      const want = truth
        .filter((g) => g.step === step)
        .reduce((a, g) => a + g.endNs - g.startNs, 0);
      expect(r.idleNs).toBe(want);
    }
    const f = rule(report, 'idle-cause');
    expect(f.severity).not.toBe('ok');
    expect(f.timeNs).toBe(
      truth.filter((g) => g.cause !== 'launch-gap').reduce((a, g) => a + g.endNs - g.startNs, 0),
    );
  });

  it('finds only launch gaps when the host runs ahead', async () => {
    const { report } = await adviseGenerated(make({}).files);
    const rows = report.idle!.rows;
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.byCause['launch-gap']).toBe(r.idleNs);
    expect(rule(report, 'idle-cause').timeNs).toBe(0);
    expect(rule(report, 'free-time').severity).toBe('ok');
  });
});

describe('idle-cause thresholds', () => {
  it('a launch-gap threshold below the gaps makes them "other"', async () => {
    const { report } = await adviseGenerated(advisorAscendProfile({}).files, { launchGapUs: 1 });
    for (const r of report.idle!.rows) expect(r.byCause.other).toBe(r.idleNs);
  });
});
