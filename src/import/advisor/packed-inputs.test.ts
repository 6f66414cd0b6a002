import { describe, expect, it } from 'vitest';
import { generateAscendProfile } from '../../generator/ascend-profile';
import type { AdvisorInputs } from '../../model/advisor/advisor-inputs';
import { runAdvisor } from '../../model/advisor/engine';
import { AdvisorInputsCache } from './advisor-cache';
import { packInputs, unpackInputs } from './packed-inputs';
import { adviseGenerated } from './test-advise';
import { openInputs } from '../open-inputs';
import { importProfile } from '../import-profile';
import { memoryFile } from '../sources/input-file';

const rows = (n: number, f: (i: number) => Record<string, unknown>) =>
  Array.from({ length: n }, (_, i) => f(i));

describe('the advisor inputs kept packed between runs', () => {
  it('unpack to the same lists: numbers (NaN, -0), strings, slice refs and nulls', () => {
    const free = rows(300, (i) => ({
      startNs: i === 0 ? -0 : i * 1.5,
      endNs: i === 1 ? NaN : i * 2 + 2 ** 53,
      slice: i % 3 === 0 ? null : { track: i % 7, index: i },
    }));
    const op = rows(400, (i) => ({
      track: i % 4,
      index: i,
      startNs: i,
      durNs: 1,
      name: `aten::op${i % 9}`,
    }));
    const mixed = rows(300, (i) => ({ a: i % 2 ? 'x' : 1 })); // not one shape: kept as it is
    const short = rows(10, (i) => ({ a: i }));
    const inp = {
      kind: 'ascend',
      free,
      host: { op, gc: short },
      mixed,
      apiStart: new Float64Array([1, 2]),
    } as unknown as AdvisorInputs;
    const p = packInputs(inp);
    expect(p.lists.map((l) => l.path.join('.'))).toEqual(['free', 'host.op']);
    expect(p.inputs.free).toEqual([]); // the objects are gone from what is kept
    expect(p.inputs.host.op).toEqual([]);
    expect(inp.free).toHaveLength(300); // the extracted inputs are not changed
    const back = unpackInputs(p) as unknown as Record<string, unknown>;
    expect(back).toEqual(inp);
    expect(Object.keys(back)).toEqual(Object.keys(inp));
    expect(Object.is((back['free'] as { startNs: number }[])[0]!.startNs, -0)).toBe(true);
    expect(Object.keys((back['free'] as object[])[4]!)).toEqual(['startNs', 'endNs', 'slice']);
    expect(back['mixed']).toBe(mixed);
  });

  it('runs the rules to the same findings as the inputs made fresh', async () => {
    const g = generateAscendProfile({ seed: 3, level: 'Level1', steps: 3, kernelsPerStep: 200 });
    const { report, inputs } = await adviseGenerated(g.files);
    const p = packInputs(inputs);
    expect(p.lists.length).toBeGreaterThan(0); // long lists were packed
    expect(runAdvisor(unpackInputs(p)).findings).toEqual(report.findings);
    // Through the worker's cache, as `advisor:run` does.
    const opened = await openInputs(g.files.map((f) => memoryFile(f.path, f.data)));
    const d = opened.discovery.profiles[0]!;
    const profile = await importProfile(d, opened.files, {});
    const cache = new AdvisorInputsCache();
    await cache.keep(d.id, profile, opened.files);
    expect((await cache.run(d.id, {})).findings).toEqual(report.findings);
  });
});
