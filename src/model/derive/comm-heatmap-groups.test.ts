// "All groups" of communication_matrix.json (TRUST audit): torch_npu's per-type groups
// (`-top1`, `-middle`, `-bottom1..3`) each hold one chosen op and `-total` holds all of them, so
// summing every group counted each op two or three times (the real Level2 rank 0: HCCS 972.6 MB
// in 42 links, where communication.json's Total Op Info says 427.6 MB). All groups = the
// `-total` groups (plus any type without one).
import { beforeAll, describe, expect, it } from 'vitest';
import { generateAscendProfile } from '../../generator/ascend-profile';
import { locateSqlJsInNode } from '../../import/db/sql-loader-node';
import { importProfile } from '../../import/import-profile';
import { openInputs } from '../../import/open-inputs';
import { memoryFile, type InputFile } from '../../import/sources/input-file';
import { listInputFiles } from '../../node/node-files';
import { MI, SKIP_REASON, hasSamples, samplePath } from '../../../test/real-samples';
import type { CommMatrixRow } from '../ascend-data';
import type { ProfileModel } from '../profile';
import { heatmapData, transportSummary } from './comm-heatmap';

beforeAll(() => locateSqlJsInNode());

async function open(files: InputFile[]): Promise<ProfileModel> {
  const o = await openInputs(files);
  return importProfile(o.discovery.profiles[0]!, o.files);
}

const totalOnly = (rows: readonly CommMatrixRow[]) =>
  rows.filter((r) => r.group.endsWith('-total'));

describe('all groups of a generated communication_matrix.json', () => {
  it('equal the -total groups, not the sum of every group', async () => {
    const g = generateAscendProfile({ seed: 41, level: 'Level2', steps: 2, kernelsPerStep: 8 });
    const p = await open(g.files.map((f) => memoryFile(f.path, f.data)));
    const rows = p.ascend.commMatrix!;
    expect(new Set(rows.map((r) => r.group.replace(/-.*$/, '')))).toEqual(new Set(['allreduce']));
    expect(rows.some((r) => r.group.endsWith('-top1'))).toBe(true);
    for (const step of [...new Set(rows.map((r) => r.step))]) {
      const all = transportSummary(rows, step, '');
      const want = transportSummary(totalOnly(rows), step, '');
      expect(all).toEqual(want);
      expect(heatmapData(rows, step, '', 'size')).toEqual(
        heatmapData(totalOnly(rows), step, '', 'size'),
      );
    }
  });

  it('keeps a type without a -total group', () => {
    const r = (group: string, sizeMB: number): CommMatrixRow => ({
      step: '1',
      kind: 'collective',
      group,
      groupHash: 'h',
      src: 0,
      dst: 1,
      transport: 'HCCS',
      sizeMB,
      timeMs: 1,
      bandwidthGBs: sizeMB,
      op: '',
    });
    const rows = [r('allreduce-top1', 5), r('allreduce-total', 7), r('broadcast-top1', 3)];
    expect(transportSummary(rows, '1', '')[0]!.sizeMB).toBe(10);
    expect(transportSummary(rows, '1', 'collective|allreduce-top1')[0]!.sizeMB).toBe(5);
  });
});

describe.skipIf(!hasSamples)(
  `all groups of the real Level2 matrix${hasSamples ? '' : ` - ${SKIP_REASON}`}`,
  () => {
    it('MI text level2 rank 0: HCCS 427.596 MB in 7 links, as communication.json totals', async () => {
      const p = await open(await listInputFiles(samplePath(`${MI}/text/level2/rank0_ascend_pt`)));
      const hccs = transportSummary(p.ascend.commMatrix!, '50', '').find(
        (t) => t.transport === 'HCCS',
      )!;
      expect(hccs.links).toBe(7);
      expect(hccs.sizeMB).toBeCloseTo(427.596096, 5);
      expect(hccs.bandwidthGBs).toBeCloseTo(15.0194, 3);
    });
  },
);
