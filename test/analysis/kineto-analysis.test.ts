// The analysis layer on generated Kineto traces (old and new category names): device kernels,
// steps projected onto the device, operators with device time through ac2g flows (nested
// same-name ops counted once), collectives; checked against the generator's truth.
import { describe, expect, it } from 'vitest';
import { generateKinetoTrace, type KinetoStyle } from '../../src/generator/kineto-trace';
import { memoryFile } from '../../src/import/sources/input-file';
import { importTraceJson } from '../../src/import/trace/import-trace-json';
import { operatorStatsForRows } from '../../src/model/derive/kernel-groups';
import { computeOperatorStats } from '../../src/model/ascend/overview';
import { derivedOperatorStatistic } from '../../src/model/analysis/statistics';
import { analyzeTrace } from '../../src/model/analysis/analyze';
import { DeviceKind } from '../../src/model/analysis/device-events';
import { traceStepRow } from '../../src/model/analysis/step-rows';
import { analysisSummary } from '../../src/model/analysis/summary';
import { openProfiles } from './test-invariants';

async function load(style: KinetoStyle) {
  const g = generateKinetoTrace({ seed: 5, style, steps: 3, kernelsPerStep: 6 });
  const trace = await importTraceJson(memoryFile('trace.json', g.text));
  return { g, trace, a: analyzeTrace(trace) };
}

describe.each(['new', 'old'] as const)('Kineto %s categories', (style) => {
  it('finds every kernel, copy and NCCL kernel with its kind', async () => {
    const { g, a } = await load(style);
    expect(a.flavor).toBe('kineto');
    expect(a.device.length).toBe(g.truth.kernels.length);
    const kinds = { compute: 0, communication: 0, memory: 0 };
    for (const k of g.truth.kernels) kinds[k.kind]++;
    const count = (k: number) => a.device.kind.filter((x) => x === k).length;
    expect(count(DeviceKind.Compute)).toBe(kinds.compute);
    expect(count(DeviceKind.Communication)).toBe(kinds.communication);
    expect(count(DeviceKind.Memory)).toBe(kinds.memory);
    const total = g.truth.kernels.reduce((s, k) => s + k.durNs, 0);
    const table = a.kernels!;
    expect(table.length).toBe(g.truth.kernels.length);
    expect(table.durNs.reduce((s, d) => s + d, 0)).toBe(total);
    // Every row was launched inside a step: its Step Id is that step.
    for (let i = 0; i < table.length; i++) expect(table.step[i]).toBeGreaterThan(0);
    expect(a.collectives.length).toBe(kinds.communication);
    for (const c of a.collectives) expect(c.overlapNs).toBeLessThanOrEqual(c.durNs);
  });

  it('projects each ProfilerStep onto the device through its launches', async () => {
    const { g, a } = await load(style);
    // One step per id, even though the new style repeats them on the GPU.
    expect(a.steps.map((s) => s.id)).toEqual(g.truth.steps.map((s) => s.id));
    const t0 = Math.min(...g.truth.kernels.map((k) => k.startNs));
    const off = a.totals!.spanStartNs - t0; // timeline ns = generator ns + off
    for (const s of a.steps) {
      const ks = g.truth.kernels.filter((k) => k.step === s.id);
      expect(s.events).toBe(ks.length);
      const first = Math.min(...ks.map((k) => k.startNs)) + off;
      const last = Math.max(...ks.map((k) => k.startNs + k.durNs)) + off;
      const truthStep = g.truth.steps.find((x) => x.id === s.id)!;
      expect(s.hostStartNs).toBe(truthStep.hostStartNs + off);
      expect(s.spanStartNs).toBe(first);
      expect(s.spanEndNs).toBe(Math.max(last, truthStep.hostEndNs + off));
      const span = s.spanEndNs - s.spanStartNs;
      expect(s.busyNs).toBeLessThanOrEqual(span);
      expect(s.computeNs + s.communicationNotOverlappedNs + s.freeNs).toBe(span);
      expect(s.overlappedNs).toBeGreaterThan(0); // the all-reduce overlaps compute
      // Preparing ends at the first Computing or Communication event (§2.2), not at the
      // batch's host-to-device copy that opens every step (was: first device event).
      const firstCc = Math.min(...ks.filter((k) => k.kind !== 'memory').map((k) => k.startNs));
      expect(first).toBeLessThan(firstCc + off);
      expect(traceStepRow(s).preparing! * 1000).toBeCloseTo(firstCc + off - s.hostStartNs, 3);
    }
    // summarize's step time: µs with at most the 3 ns decimals, no float noise.
    const p = await openProfiles([memoryFile('trace.json', g.text)]);
    for (const r of analysisSummary(p[0]!)['steps'] as { stepTime: number }[])
      expect(String(r.stepTime)).toMatch(/^\d+(\.\d{1,3})?$/);
  });

  it('gives operators device time through ac2g flows, nested same-name ops once', async () => {
    const { g, a } = await load(style);
    const ops = a.operators.table;
    expect(a.operators.attributedEvents).toBe(g.truth.kernels.length);
    const groups = operatorStatsForRows(ops, 'name', null);
    for (const [name, t] of Object.entries(g.truth.operators)) {
      const row = groups.find((r) => r.parts[0] === name)!;
      // Calls = outermost instances (§4.2); the nested same-name ones are counted apart.
      expect(row.count, name).toBe(t.outermost);
      expect(row.nestedCount, name).toBe(t.calls - t.outermost);
      expect(row.deviceTotalNs, name).toBe(t.deviceNs);
    }
    // MyBlock: two instances per step, one nested in the other: one call per step, whose
    // device time counts once (was 6 calls for 3 steps).
    const block = groups.find((r) => r.parts[0] === 'MyBlock')!;
    expect(block.count).toBe(3);
    expect(block.nestedCount).toBe(3);
    expect(block.avgDeviceSelfNs * block.count).toBe(block.deviceTotalNs);
    // The Overview, summarize, compare and Statistics read the same grouping.
    const overview = computeOperatorStats(ops).find((r) => r.name === 'MyBlock')!;
    expect([overview.count, overview.nestedCount]).toEqual([3, 3]);
    const stat = derivedOperatorStatistic(ops, 'trace');
    const c = stat.header.indexOf('Calls');
    expect(stat.rows.find((r) => r[0] === 'MyBlock')![c]).toBe('3');
    expect(block.deviceSelfNs).toBe(block.deviceTotalNs);
    const deviceSum = groups.reduce((s, r) => s + r.deviceSelfNs, 0);
    expect(deviceSum).toBe(g.truth.kernels.reduce((s, k) => s + k.durNs, 0));
  });
});
