// block-dim reads the AI Core count from msprof's info.json (PROF_…/device_N/info.json.N) when the
// opened folder has it, instead of a count entered by hand; the file never makes a profile of its
// own and raw data next to it stays skipped.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { hasSamples, samplePath, SKIP_REASON } from '../../../test/real-samples';
import { advisorAscendProfile } from '../../generator/advisor-scenario';
import { coreCounts } from '../../model/ascend/core-counts';
import { adviseGenerated, rule } from './test-advise';

describe('block-dim with info.json', () => {
  it('24 AI Cores from info.json: every Block Dim 20 kernel is flagged, as with the count entered', async () => {
    const g = advisorAscendProfile({ infoJson: { aiCoreNum: 24, aivNum: 48 } });
    const { report, inputs, profile } = await adviseGenerated(g.files);
    expect(inputs.cores).toEqual({ aiCore: 24, aiv: 48, source: 'info.json' });
    const f = rule(report, 'block-dim');
    expect(f.count).toBe(24);
    expect(f.title).toMatch(/24 AI Cores \(info\.json\)/);
    const manual = await adviseGenerated(advisorAscendProfile({}).files, { aiCoreNum: 24 });
    expect(rule(manual.report, 'block-dim').count).toBe(f.count);
    // One profile; the device info.json read, the host copy and the raw data skipped.
    const inp = (end: string) => profile.inputs.find((i) => i.path.endsWith(end))!;
    expect(inp('device_0/info.json.0').status).toBe('read');
    expect(inp('host/info.json').status).toBe('skipped');
    expect(inp('aicore.data.0.slice_0').status).toBe('skipped');
  });

  it('20 AI Cores from info.json pass; a count entered by hand wins over the file', async () => {
    const g = advisorAscendProfile({ infoJson: { aiCoreNum: 20, aivNum: 40 } });
    expect(rule((await adviseGenerated(g.files)).report, 'block-dim').severity).toBe('ok');
    const over = await adviseGenerated(g.files, { aiCoreNum: 24 });
    expect(rule(over.report, 'block-dim').count).toBe(24);
    expect(rule(over.report, 'block-dim').title).toMatch(/\(entered\)/);
  });

  it('without info.json it is not checked and says what it needs', async () => {
    const { report } = await adviseGenerated(advisorAscendProfile({}).files);
    expect(rule(report, 'block-dim').needs).toMatch(/info\.json ai_core_num/);
  });
});

describe.skipIf(!hasSamples)(`msprof's info.json${hasSamples ? '' : ` - ${SKIP_REASON}`}`, () => {
  it('the msprof unit-test info.json names 8 AI Cores and no separate vector cores', () => {
    const path = samplePath(
      'ascend/Ascend__msprof/test/msprof_python/ut/testcase/msconfig/info.json',
    );
    expect(coreCounts(JSON.parse(readFileSync(path, 'utf8')))).toEqual({ aiCore: 8, aiv: 0 });
  });
});
