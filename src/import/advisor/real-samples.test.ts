import { describe, expect, it } from 'vitest';
import { hasSamples, MI, samplePath, SKIP_REASON } from '../../../test/real-samples';
import { listInputFiles } from '../../node/node-files';
import { summarizeInputs } from '../../node/summarize-inputs';

interface Advice {
  rule: string;
  severity: string;
  timeNs: number;
  count: number;
  title: string;
  needs?: string;
}

async function summary(rel: string) {
  const r = await summarizeInputs(await listInputFiles(samplePath(rel)));
  if ('error' in r) throw new Error(r.error);
  return r.summary;
}
const find = (advice: Advice[], id: string) => advice.find((a) => a.rule === id)!;

describe.skipIf(!hasSamples)(
  `advisor on real samples${hasSamples ? '' : ` - ${SKIP_REASON}`}`,
  () => {
    it('Level2 rank 0: the findings a hand check of the files gives', async () => {
      const s = await summary(`${MI}/text/level2/rank0_ascend_pt`);
      const a = s['advice'] as Advice[];
      // step_trace_time.csv step 50: Free 25032.62 µs of 129862.9 µs (19.3 %) > 10 %.
      expect(find(a, 'free-time').severity).toBe('high');
      expect(Math.abs(find(a, 'free-time').timeNs - 25_032_620)).toBeLessThan(1000);
      expect(find(a, 'free-time').title).toMatch(/19\.3 %/);
      // 19 AscendCL@aclopCompileAndExecute calls: one below the threshold of 20.
      expect(find(a, 'op-compile')).toMatchObject({ severity: 'ok' });
      expect(find(a, 'op-compile').title).toMatch(/^19 /);
      // ENV_VARIABLES are all empty: ACLNN_CACHE_LIMIT, HOST_CACHE_CAPACITY, PYTORCH_NPU_ALLOC_CONF.
      expect(find(a, 'env').count).toBe(3);
      expect(find(a, 'env').title).toMatch(
        /ACLNN_CACHE_LIMIT, HOST_CACHE_CAPACITY, PYTORCH_NPU_ALLOC_CONF/,
      );
      // One Optimizer.step#SGD.step of 10317.56 µs.
      expect(find(a, 'affinity-optimizer')).toMatchObject({ count: 1, timeNs: 10_317_560 });
      // _gc_detect_threshold is null: GC cannot be checked; 7 synchronizes for 191 launches pass.
      expect(find(a, 'gc').severity).toBe('not-checked');
      expect(find(a, 'sync-after-launch').severity).toBe('ok');
      expect(find(a, 'block-dim').needs).toMatch(/ai_core_num/);
    });

    it('Level0 rank 0: rules that need the CANN lane are not checked, with what they need', async () => {
      const s = await summary(`${MI}/text/level0/rank0_ascend_pt`);
      const a = s['advice'] as Advice[];
      for (const id of ['op-compile', 'sync-after-launch', 'memory-ops'])
        expect(find(a, id).needs).toMatch(/Level1/);
      expect(find(a, 'free-time').severity).toBe('high');
    });

    it('Level2 two ranks: within noise, though rank 1 arrives last and makes rank 0 wait ~2.5 ms', async () => {
      // The ranks' largest step-time gap (Comm. not overlapped, 2.55 ms) is 2.0 % of the mean
      // step, under msprof-analyze's 5 %: no rank is called slow (cluster/analyze.ts).
      const s = await summary(`${MI}/text/level2`);
      const advice = (s['cluster'] as { advice: Advice[] }).advice;
      const slow = find(advice, 'slow-rank');
      expect(slow.severity).toBe('ok');
      expect(slow.title).toMatch(/^No rank is clearly slower: .* 2\.0% of the mean step time/);
      expect(slow.title).toMatch(/Rank 1 arrived last by the most \(its peers waited 2\.5 ms\)/);
    });

    it('a Kineto GPU trace runs the GPU rules and lists the Ascend-only ones as not checked', async () => {
      const s = await summary(
        'trace-json/facebookresearch__HolisticTraceAnalysis/tests/data/trace_filter/sampled_rank-0.json.gz',
      );
      const a = s['advice'] as Advice[];
      expect(find(a, 'free-time').severity).not.toBe('not-checked');
      expect(find(a, 'idle-cause').count).toBeGreaterThan(0);
      expect(find(a, 'aicpu').needs).toBe('needs an Ascend profile');
    });
  },
);
