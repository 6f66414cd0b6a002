// The idle-cause breakdown on real Kineto traces, against figures recomputed by hand from the raw
// files (README "Checked by hand"): per (pid, tid) stream of kernel / memcpy / memset events
// sorted by start, a gap = the next start − the latest end so far; late = the launching runtime
// call (same args.correlation) started after the gap began; the first host cause overlapping the
// late part wins (gc, dataloader, memory, sync), else host-bound; a gap under 30 µs is a launch
// gap (HTA's kernel wait), else other. Integer ns; every figure must match exactly.
import { describe, expect, it } from 'vitest';
import { hasSamples, samplePath, SKIP_REASON } from '../../../test/real-samples';
import { extractAdvisorInputs } from '../../model/advisor/advisor-inputs';
import { runAdvisor } from '../../model/advisor/engine';
import { emptyByCause } from '../../model/advisor/idle';
import { IDLE_CAUSES } from '../../model/advisor/types';
import { listInputFiles } from '../../node/node-files';
import { importProfile } from '../import-profile';
import { openInputs } from '../open-inputs';
import { rule } from './test-advise';

async function idleOf(rel: string) {
  const opened = await openInputs(await listInputFiles(samplePath(rel)));
  const profile = await importProfile(opened.discovery.profiles[0]!, opened.files);
  const report = runAdvisor(await extractAdvisorInputs(profile));
  const byCause = emptyByCause();
  let total = 0;
  for (const r of report.idle!.rows) {
    total += r.idleNs;
    for (const c of IDLE_CAUSES) byCause[c] += r.byCause[c];
  }
  return { total, gaps: report.idle!.gaps.length, byCause, finding: rule(report, 'idle-cause') };
}

const NCCL =
  'trace-json/facebookresearch__HolisticTraceAnalysis/tests/data/nccl_parser_config/nccl_data.json.gz';
const RESNET =
  'trace-json/pytorch__kineto/tb_plugin/samples/resnet50_num_workers_0/worker0.1623143089861.pt.trace.json.gz';

describe.skipIf(!hasSamples)(
  `idle causes on real Kineto traces, checked by hand${hasSamples ? '' : ` - ${SKIP_REASON}`}`,
  () => {
    it('HTA nccl_data: streams 7 and 40 idle 1,126,165,916 ns in 3,772 gaps', async () => {
      const r = await idleOf(NCCL);
      // Stream 7: 3,752 gaps, 542,241,660 ns; stream 40 (NCCL): 20 gaps, 583,924,256 ns.
      expect(r.total).toBe(1_126_165_916);
      expect(r.gaps).toBe(3772);
      // HTA host wait (launched after the gap began) = host-bound + sync; kernel wait = launch gap.
      expect(r.byCause).toEqual({
        'host-bound': 1_038_813_293,
        sync: 85_202_280,
        'launch-gap': 2_150_343,
        gc: 0,
        dataloader: 0,
        memory: 0,
        other: 0,
      });
      // The time at stake is the host-side part: 1,124,015,573 ns (HTA's host wait).
      expect(r.finding.timeNs).toBe(1_124_015_573);
      expect(r.finding.title).toMatch(/^Device streams sit idle 1\.13 s in 3772 gaps, 1\.12 s /);
    });

    it('kineto resnet50: stream 7 idle 392,919,000 ns in 8,921 gaps, mostly the dataloader', async () => {
      const r = await idleOf(RESNET);
      // Equal to deviceTime idle (one stream: its gaps are the span minus the busy union).
      expect(r.total).toBe(392_919_000);
      expect(r.gaps).toBe(8921);
      expect(r.byCause).toEqual({
        dataloader: 285_214_000,
        'host-bound': 94_821_000,
        sync: 2_641_000,
        'launch-gap': 10_243_000,
        gc: 0,
        memory: 0,
        other: 0,
      });
      expect(r.finding.timeNs).toBe(382_676_000);
    });
  },
);
