// Defect 3: operator_details.csv lists a wrapper and the same-name op inside it (HcclAllreduce in
// HcclAllreduce), each with the full device total. Grouped by name, the device total must count
// the pair once (and never exceed the kernel time); self times still add up over every row.
import { describe, expect, it } from 'vitest';
import { tableOf, csv } from '../../src/import/ascend/test-csv';
import { parseOperatorDetails } from '../../src/import/ascend/operator-details';
import { operatorNesting } from '../../src/model/analysis/operator-nesting';
import { computeOperatorStats } from '../../src/model/ascend/overview';
import { operatorStatsForRows } from '../../src/model/derive/kernel-groups';

const HEADER =
  'Name,Input Shapes,Call Stack,Host Self Duration(us),Host Total Duration(us),Device Self Duration(us),Device Total Duration(us),Device Self Duration With AICore(us),Device Total Duration With AICore(us)';

/** Pre-order rows as torch_npu writes them: c10d::allreduce_ > HcclAllreduce > HcclAllreduce. */
function rows(calls: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < calls; i++) {
    const dev = (26_500 + i * 1000).toFixed(4);
    out.push(`c10d::allreduce_,,,90.5,111.79,0,${dev},0,0`);
    out.push(`HcclAllreduce,4097000,,11.94,21.29,0,${dev},0,0`);
    out.push(`HcclAllreduce,,,9.35,9.35,${dev},${dev},0,0`);
    out.push(`aten::add,"2,2",,5.1,5.1,3.2,3.2,3.2,3.2`);
  }
  return out;
}

async function ops(calls: number) {
  const t = await tableOf(
    csv([HEADER, ...rows(calls)]),
    'ASCEND_PROFILER_OUTPUT/operator_details.csv',
  );
  return parseOperatorDetails(t).operators;
}

describe('operators nested in a same-name operator', () => {
  it('rebuilds the op tree from the row order and marks the inner same-name rows', async () => {
    const o = await ops(2);
    expect([...operatorNesting(o)]).toEqual([0, 0, 1, 0, 0, 0, 1, 0]);
  });

  it('counts the device total of HcclAllreduce once per call (Overview and Operators view)', async () => {
    const o = await ops(4);
    const device = [0, 1, 2, 3].reduce((s, i) => s + (26_500 + i * 1000) * 1000, 0);
    const overview = computeOperatorStats(o).find((r) => r.name === 'HcclAllreduce')!;
    // 4 calls (the inner HcclAllreduce is part of its outer call), 4 nested instances apart.
    expect(overview.count).toBe(4);
    expect(overview.nestedCount).toBe(4);
    expect(overview.deviceTotalNs).toBeCloseTo(device, 0);
    expect(overview.deviceSelfNs).toBeCloseTo(device, 0);
    expect(overview.hostTotalNs).toBeCloseTo(4 * 21_290, 0);
    const view = operatorStatsForRows(o, 'name', null).find((r) => r.parts[0] === 'HcclAllreduce')!;
    expect(view.deviceTotalNs).toBeCloseTo(device, 0);
    expect([view.count, view.nestedCount]).toEqual([4, 4]);
    // The outer op has the same device total as the pair: no name's total exceeds it.
    const outer = computeOperatorStats(o).find((r) => r.name === 'c10d::allreduce_')!;
    expect(view.deviceTotalNs).toBeLessThanOrEqual(outer.deviceTotalNs + 1);
  });
});
