import { describe, expect, it } from 'vitest';
import { advisorAscendProfile, advisorKinetoTrace } from '../../generator/advisor-scenario';
import { RULES } from '../../model/advisor/engine';
import { adviseGenerated, rule } from './test-advise';

const plain = advisorAscendProfile({});

describe('advisor rules on generated Ascend profiles', () => {
  it('lists every rule once, ranked by time at stake, not-checked last with what it needs', async () => {
    const { report } = await adviseGenerated(
      advisorAscendProfile({
        gcPause: { step: 1, kernel: 2, us: 3000 },
        aicpu: { kernel: 1, us: 80 },
      }).files,
    );
    expect(report.findings.map((f) => f.rule).sort()).toEqual(RULES.map((r) => r.id).sort());
    const active = report.findings.filter(
      (f) => f.severity !== 'ok' && f.severity !== 'not-checked',
    );
    for (let i = 1; i < active.length; i++)
      expect(active[i - 1]!.timeNs).toBeGreaterThanOrEqual(active[i]!.timeNs);
    const nc = report.findings.filter((f) => f.severity === 'not-checked');
    expect(nc.map((f) => f.rule)).toContain('block-dim');
    for (const f of nc) expect(f.needs).toMatch(/^needs /);
    expect(report.findings.at(-1)!.severity).toBe('not-checked');
  });

  it('gc: a 3 ms GC pause fires; none without it (and not-checked without gc detection)', async () => {
    const { report } = await adviseGenerated(
      advisorAscendProfile({ gcPause: { step: 1, kernel: 2, us: 3000 } }).files,
    );
    const f = rule(report, 'gc');
    expect([f.count, f.timeNs]).toEqual([1, 3_000_000]);
    expect(f.evidence[0]!.slice).not.toBeNull();
    expect(f.evidence[0]!.durNs).toBe(3_000_000);
    const short = await adviseGenerated(
      advisorAscendProfile({ gcPause: { step: 1, kernel: 2, us: 500 } }).files,
    );
    expect(rule(short.report, 'gc').severity).toBe('ok');
    const none = await adviseGenerated(plain.files);
    expect(rule(none.report, 'gc').severity).toBe('not-checked');
    expect(rule(none.report, 'gc').needs).toMatch(/gc_detect_threshold/);
  });

  it('dataloader: a 20 ms stall fires; a 5 ms one does not', async () => {
    const { report } = await adviseGenerated(
      advisorAscendProfile({ dataloaderStall: { step: 1, us: 20000 } }).files,
    );
    expect(rule(report, 'dataloader')).toMatchObject({ count: 1, timeNs: 20_000_000 });
    expect(rule(report, 'dataloader').fix).toMatch(/num_workers/);
    const small = await adviseGenerated(
      advisorAscendProfile({ dataloaderStall: { step: 1, us: 5000 } }).files,
    );
    expect(rule(small.report, 'dataloader').severity).toBe('ok');
  });

  it('sync-after-launch: a synchronize after every launch fires; none without', async () => {
    const { report } = await adviseGenerated(advisorAscendProfile({ syncAfterLaunch: true }).files);
    const f = rule(report, 'sync-after-launch');
    expect(f.count).toBe(24);
    expect(f.fix).toMatch(/ASCEND_LAUNCH_BLOCKING/);
    expect(rule((await adviseGenerated(plain.files)).report, 'sync-after-launch').severity).toBe(
      'ok',
    );
  });

  it('aicpu: an 80 µs AI CPU op with DOUBLE input fires; a 10 µs one does not', async () => {
    const { report } = await adviseGenerated(
      advisorAscendProfile({ aicpu: { kernel: 1, us: 80 } }).files,
    );
    const f = rule(report, 'aicpu');
    expect([f.count, f.timeNs]).toEqual([3, 240_000]);
    expect(f.fix).toMatch(/DOUBLE/);
    expect(f.evidence[0]!.detail).toMatch(/DOUBLE.*index_put/);
    expect(f.evidence[0]!.track).toBeGreaterThanOrEqual(0);
    const fast = await adviseGenerated(
      advisorAscendProfile({ aicpu: { kernel: 1, us: 10 } }).files,
    );
    expect(rule(fast.report, 'aicpu').severity).toBe('ok');
  });

  it('free-time: a 2 ms late launch makes the device free; thresholds change the verdict', async () => {
    const late = advisorAscendProfile({ lateLaunch: { step: 1, kernel: 3, us: 2000 } });
    const { report } = await adviseGenerated(late.files);
    const f = rule(report, 'free-time');
    expect(f.severity).not.toBe('ok');
    expect(f.count).toBe(1);
    expect(f.evidence[0]!.durNs).toBeGreaterThanOrEqual(2_000_000);
    const lax = await adviseGenerated(late.files, { freeRatio: 0.9 });
    expect(rule(lax.report, 'free-time').severity).toBe('ok');
  });

  it('small-packets: 2 MB SDMA ops fire; 64 MB do not', async () => {
    const { report } = await adviseGenerated(advisorAscendProfile({ smallPackets: true }).files);
    const f = rule(report, 'small-packets');
    expect(f.count).toBe(3);
    expect(f.evidence[0]!.slice).not.toBeNull();
    expect(rule((await adviseGenerated(plain.files)).report, 'small-packets').severity).toBe('ok');
  });

  it('env: ASCEND_LAUNCH_BLOCKING=1 is flagged high; a clean environment passes', async () => {
    const { report } = await adviseGenerated(advisorAscendProfile({ launchBlocking: true }).files);
    expect(rule(report, 'env')).toMatchObject({ severity: 'high', count: 1 });
    expect(rule((await adviseGenerated(plain.files)).report, 'env').severity).toBe('ok');
  });

  it('op-compile and memory-ops pass; block-dim runs once the core count is given', async () => {
    const { report } = await adviseGenerated(plain.files, { aiCoreNum: 24 });
    expect(rule(report, 'op-compile').severity).toBe('ok');
    expect(rule(report, 'memory-ops').severity).toBe('ok');
    // Block Dim 20 on 24 cores: every AI Core kernel is flagged.
    expect(rule(report, 'block-dim').count).toBe(24);
    const ok = await adviseGenerated(plain.files, { aiCoreNum: 20 });
    expect(rule(ok.report, 'block-dim').severity).toBe('ok');
  });
});

describe('advisor rules from the extra knobs', () => {
  it('op-compile: 8 compile calls per step (24) fire; 6 (18) do not', async () => {
    const { report } = await adviseGenerated(advisorAscendProfile({ compileCalls: 8 }).files);
    expect(rule(report, 'op-compile')).toMatchObject({ count: 24, timeNs: 24_000 });
    expect(rule(report, 'op-compile').fix).toMatch(/jit_compile=False/);
    const few = await adviseGenerated(advisorAscendProfile({ compileCalls: 6 }).files);
    expect(rule(few.report, 'op-compile').severity).toBe('ok');
  });

  it('memory-ops: aclrtFree totalling 12 ms fires; 3 ms does not', async () => {
    const { report } = await adviseGenerated(advisorAscendProfile({ freeCallUs: 4000 }).files);
    expect(rule(report, 'memory-ops')).toMatchObject({ count: 3, timeNs: 12_000_000 });
    expect(rule(report, 'memory-ops').fix).toMatch(/empty_cache/);
    const small = await adviseGenerated(advisorAscendProfile({ freeCallUs: 1000 }).files);
    expect(rule(small.report, 'memory-ops').severity).toBe('ok');
  });

  it('affinity-api and affinity-optimizer: an RMS norm sequence and AdamW fire; unrelated ops do not', async () => {
    const { report } = await adviseGenerated(
      advisorAscendProfile({
        atenOps: ['pow', 'mean', 'add', 'rsqrt', 'mul', 'linear'],
        optimizer: 'AdamW',
      }).files,
    );
    const a = rule(report, 'affinity-api');
    expect(a.count).toBe(3);
    expect(a.evidence[0]!.label).toBe('torch_npu.npu_rms_norm');
    expect(a.evidence[0]!.detail).toBe('pow-mean-add-rsqrt-mul');
    expect(rule(report, 'affinity-optimizer').fix).toMatch(/NpuFusedAdamW/);
    const none = await adviseGenerated(
      advisorAscendProfile({ atenOps: ['linear', 'relu'], optimizer: 'Foo' }).files,
    );
    expect(rule(none.report, 'affinity-api').severity).toBe('ok');
    expect(rule(none.report, 'affinity-optimizer').severity).toBe('ok');
  });

  it.each([
    [['chunk', 'mul', 'silu'], 'torch_npu.npu_swiglu'],
    [['slice', 'mul', 'mul', 'sigmoid'], 'torch_npu.npu_swiglu'],
    [['chunk', 'gelu', 'mul'], 'torch_npu.npu_geglu'],
    [['argsort', 'argsort', 'index_select'], 'torch_npu.npu_moe_token_permute'],
    [['index_select', 'mul', 'reduce_sum'], 'torch_npu.npu_moe_token_unpermute'],
    [['matmul', 'add', 'relu'], 'mindspeed.ops.npu_matmul_add'],
    [['mul', 'mul', 'add'], 'torch.addmm'],
  ])('affinity-api: %j → %s (remaining patterns of timeline_fusion_ops.yaml)', async (ops, api) => {
    const { report } = await adviseGenerated(advisorAscendProfile({ atenOps: ops }).files);
    const a = rule(report, 'affinity-api');
    expect(a.evidence[0]!.label).toBe(api);
    expect(a.evidence[0]!.detail).toBe(ops.filter((o) => o !== 'relu').join('-'));
  });

  it('byte-alignment: SDMA sizes off 512 B fire (sizes read from the args); aligned ones do not', async () => {
    const { report } = await adviseGenerated(
      advisorAscendProfile({ hcclTaskBytes: [1048576, 1000000, 256] }).files,
    );
    const f = rule(report, 'byte-alignment');
    expect(f.count).toBe(3);
    expect(f.evidence[0]!.value).toBe(1000000);
    const ok = await adviseGenerated(
      advisorAscendProfile({ hcclTaskBytes: [1048576, 4096] }).files,
    );
    expect(rule(ok.report, 'byte-alignment').severity).toBe('ok');
  });

  it('aicore-freq: a kernel at 1500 of 1800 MHz is flagged by name; 1780 MHz is not', async () => {
    const { report } = await adviseGenerated(
      advisorAscendProfile({ freqDrop: { step: 1, kernel: 2, mhz: 1500 } }).files,
    );
    const f = rule(report, 'aicore-freq');
    // MatMul_2 runs 3 times: mean drop (300/1800)/3 = 5.6 % ≥ 5 %.
    expect(f.count).toBe(3);
    expect(f.evidence[0]!.label).toBe('MatMul_2');
    const mild = await adviseGenerated(
      advisorAscendProfile({ freqDrop: { step: 1, kernel: 2, mhz: 1780 } }).files,
    );
    expect(rule(mild.report, 'aicore-freq').severity).toBe('ok');
  });

  it('gc-suspected: a 250 ms free gap without host API calls fires when no GC was recorded', async () => {
    const { report } = await adviseGenerated(
      advisorAscendProfile({ lateLaunch: { step: 1, kernel: 3, us: 250000 } }).files,
    );
    expect(rule(report, 'gc-suspected').count).toBe(1);
    expect(rule((await adviseGenerated(plain.files)).report, 'gc-suspected').severity).toBe('ok');
  });
});

describe('advisor rules on generated Kineto traces', () => {
  it('runs the GPU rules and lists the Ascend-only ones as not checked', async () => {
    const { report, inputs } = await adviseGenerated(
      advisorKinetoTrace({ syncAfterLaunch: true, dataloaderStall: { step: 1, us: 15000 } }).files,
    );
    expect(inputs.kind).toBe('kineto');
    expect(rule(report, 'sync-after-launch').count).toBe(24);
    expect(rule(report, 'sync-after-launch').fix).toMatch(/CUDA_LAUNCH_BLOCKING/);
    expect(rule(report, 'dataloader').count).toBe(1);
    for (const id of ['aicpu', 'op-compile', 'block-dim', 'small-packets', 'env'])
      expect(rule(report, id).needs).toMatch(/Ascend/);
    expect(rule(report, 'gc').severity).toBe('not-checked');
  });
});
