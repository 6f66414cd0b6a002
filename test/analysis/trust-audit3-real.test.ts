// TRUST audit 3 on real samples (skips without ../shared/samples): the summarize figures of the
// inputs the earlier audits did not cover, recomputed by hand with Python over the raw JSON
// (analysis-definitions §2.2, §3.2, §4.2, §5.2; README "Checked by hand").
import { describe, expect, it } from 'vitest';
import { listInputFiles } from '../../src/node/node-files';
import { summarizeInputs } from '../../src/node/summarize-inputs';
import { hasSamples, samplePath, SKIP_REASON } from '../real-samples';

type Json = Record<string, unknown>;

async function summary(rel: string): Promise<Json> {
  const res = await summarizeInputs(await listInputFiles(samplePath(rel)));
  if ('error' in res) throw new Error(res.error);
  return res.summary;
}

describe.skipIf(!hasSamples)(`audit 3 real samples${hasSamples ? '' : ` - ${SKIP_REASON}`}`, () => {
  it('Kineto old categories (resnet50): kernels, device time, operators, steps', async () => {
    const s = await summary(
      'trace-json/pytorch__kineto/tb_plugin/samples/resnet50_num_workers_0/worker0.1623143089861.pt.trace.json.gz',
    );
    const k = s['kernels'] as Json;
    expect([k['rows'], k['totalNs']]).toEqual([9096, 603_558_000]);
    expect(s['deviceTime']).toMatchObject({
      busyNs: 603_558_000,
      computeNs: 591_532_000,
      idleNs: 392_919_000,
      freeNs: 404_945_000,
    });
    const op = ((s['operators'] as Json)['top'] as Json[])[0]!;
    expect(op).toMatchObject({
      name: 'CudnnConvolutionBackward',
      calls: 318,
      nestedCalls: 0,
      deviceNs: 273_428_000,
      hostNs: 90_989_000,
    });
    const steps = s['steps'] as Json[];
    expect(steps.map((r) => r['stepTime'])).toEqual([
      118872, 117806, 118821, 118402, 119833, 117529,
    ]);
    // Preparing ends at the first compute kernel (71,453 µs), not at the H2D copy (69,076 µs).
    expect(steps.map((r) => r['preparing'])).toEqual([71453, 71531, 76180, 74186, 73595, 65205]);
  });

  it('Kineto new categories (HTA nccl_parser_config): device time with NCCL, steps', async () => {
    const s = await summary(
      'trace-json/facebookresearch__HolisticTraceAnalysis/tests/data/nccl_parser_config/nccl_data.json.gz',
    );
    expect(s['deviceTime']).toMatchObject({
      busyNs: 157_500_014,
      computeNs: 115_655_847,
      communicationNs: 46_876_493,
      overlappedNs: 7_317_025,
      idleNs: 503_050_991,
      freeNs: 505_335_690,
    });
    const steps = s['steps'] as Json[];
    expect(steps.map((r) => r['computing'])).toEqual([38506.406, 38429.422, 38720.019]);
    expect(steps.map((r) => r['communicationNotOverlapped'])).toEqual([
      10163.762, 10539.609, 18856.097,
    ]);
    expect(steps.map((r) => r['preparing'])).toEqual([6092.115, 5643.641, 5589.366]);
    // Step time printed as a person reads it (was 214083.26400000002).
    expect(steps.map((r) => r['stepTime'])).toEqual([216350.076, 214083.264, 219346.877]);
    const ops = (s['operators'] as Json)['top'] as Json[];
    expect(ops.find((o) => o['name'] === 'c10d::allreduce_')).toMatchObject({
      calls: 15,
      deviceNs: 46_762_159,
    });
  });

  it('plain Chrome trace (catapult big_trace): extent', async () => {
    const s = await summary(
      'trace-json/catapult-project__catapult/tracing/test_data/big_trace.json',
    );
    const t = s['trace'] as Json;
    expect([t['slices'], t['durationNs']]).toEqual([933, 3_616_893_000]);
  });
});
