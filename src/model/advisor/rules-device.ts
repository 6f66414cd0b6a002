/**
 * Rules about what runs on the device and how it is called: AI CPU ops, block dim, AI Core
 * frequency, communication packets and alignment, fused-API and optimizer replacements, and the
 * environment. Ascend only. Thresholds and wording: msprof-analyze advisor
 * (docs/analysis-definitions.md §8).
 */
import { lowerBound } from '../../lib/bisect';
import { msg, type Message } from '../../lib/message';
import type { KernelRow } from './advisor-inputs';
import {
  found,
  fmtNs,
  notChecked,
  passed,
  pct,
  plural,
  rangeRow,
  sliceRow,
  type RuleSpec,
} from './rule-kit';
import type { EvidenceRow } from './types';
import { AFFINITY, matchAt } from './affinity-patterns';

const NEEDS_KERNELS =
  'needs kernel_details.csv (or the profiler db) with Accelerator Core (Level1+)';
const NEEDS_KERNELS_MSG = msg('findings:needs_kernels');

const kernelRow = (
  k: KernelRow,
  value: number,
  detail: string,
  detailMsg?: Message,
): EvidenceRow => ({
  ...rangeRow(k.name, k.step, k.startNs, k.durNs, k.track, value, detail),
  task: true,
  ...(detailMsg ? { detailMsg } : {}),
});

const hasCores = (ks: readonly KernelRow[] | null): ks is KernelRow[] =>
  ks !== null && ks.some((k) => k.core !== '');

const AICPU_HINTS: [RegExp, string, Message][] = [
  [
    /indexputv2|indexput|index_put/i,
    'replace index_put with an equivalent (masked assignment)',
    msg('findings:aicpu_hint_index_put'),
  ],
  [
    /^index$|index(?!put)/i,
    'replace index with an equivalent (index_select / gather)',
    msg('findings:aicpu_hint_index'),
  ],
  [
    /nonzero/i,
    'replace nonzero with an equivalent (masks, where)',
    msg('findings:aicpu_hint_nonzero'),
  ],
  [/argmin/i, 'upgrade CANN to ≥ 7.0.RC1', msg('findings:aicpu_hint_argmin')],
];

export const aicpu: RuleSpec = {
  id: 'aicpu',
  checks: 'AI CPU tasks (Accelerator Core AI_CPU)',
  threshold: 'a task longer than 20 µs',
  source: 'MA aicpu_checker; MSI AICpuOpAdvisor',
  kinds: ['ascend'],
  run(ctx) {
    const { inp, th } = ctx;
    if (!hasCores(inp.kernels)) return notChecked(this.id, NEEDS_KERNELS, NEEDS_KERNELS_MSG);
    const slow = inp.kernels.filter((k) => k.core === 'AI_CPU' && k.durNs > th['aicpuUs']! * 1000);
    if (slow.length === 0)
      return passed(
        this.id,
        `No AI CPU task longer than ${th['aicpuUs']} µs.`,
        msg('findings:aicpu_ok', { us: th['aicpuUs']! }),
      );
    const t = slow.reduce((a, k) => a + k.durNs, 0);
    const double = slow.some((k) => /DOUBLE/i.test(k.inputTypes));
    const names = [...new Set(slow.map((k) => k.name))].slice(0, 3).join(', ');
    return found(ctx, {
      rule: this.id,
      timeNs: t,
      count: slow.length,
      title: `${plural(slow.length, 'AI CPU task')} longer than ${th['aicpuUs']} µs take ${fmtNs(t)} (${names}).`,
      titleMsg: msg('findings:aicpu_title', {
        count: slow.length,
        us: th['aicpuUs']!,
        time: { ns: t },
        names,
      }),
      fix: `Avoid AI CPU operators: ${double ? 'convert DOUBLE inputs to float32; ' : ''}replace index / index_put / nonzero with AI Core equivalents (see the AI CPU replacement examples); argmin needs CANN ≥ 7.0.RC1.`,
      fixMsg: double ? msg('findings:aicpu_fix_double') : msg('findings:aicpu_fix'),
      evidence: slow.map((k) => {
        const hint = AICPU_HINTS.find(([re]) => re.test(k.name));
        const isDouble = /DOUBLE/i.test(k.inputTypes);
        const d = isDouble ? 'DOUBLE input: use float' : '';
        const parts = [isDouble ? msg('findings:aicpu_double_input') : null, hint?.[2] ?? null];
        const list = parts.filter((x): x is Message => x !== null);
        return kernelRow(
          k,
          k.durNs / 1000,
          [d, hint?.[1]].filter(Boolean).join('; '),
          list.length > 0 ? msg('findings:list', { items: { list, sep: 'semicolon' } }) : undefined,
        );
      }),
    });
  },
};

export const blockDim: RuleSpec = {
  id: 'block-dim',
  checks:
    'AI Core / AI Vector / MIX_AIC kernels whose block dim is not a multiple of the core count',
  threshold: 'block dim % cores ≠ 0 (cores from info.json, or aiCoreNum / aivNum when entered)',
  source: 'MA block_dim_checker',
  kinds: ['ascend'],
  run(ctx) {
    const { inp, th } = ctx;
    if (!hasCores(inp.kernels)) return notChecked(this.id, NEEDS_KERNELS, NEEDS_KERNELS_MSG);
    // A count entered in the thresholds wins; else the folder's info.json.
    const manual = th['aiCoreNum']! > 0;
    const aic = manual ? th['aiCoreNum']! : (inp.cores?.aiCore ?? 0);
    const aiv = th['aivNum']! > 0 ? th['aivNum']! : (inp.cores?.aiv ?? 0);
    const from = manual ? 'entered' : (inp.cores?.source ?? '');
    const fromP = manual ? { msg: msg('findings:block_dim_from_entered') } : from;
    if (!(aic > 0))
      return notChecked(
        this.id,
        'needs the AI Core count (info.json ai_core_num, under PROF_*/device_*): open the folder with its PROF_* data, or enter aiCoreNum in the thresholds',
        msg('findings:block_dim_needs_cores'),
      );
    if (inp.kernels.every((k) => Number.isNaN(k.blockDim)))
      return notChecked(
        this.id,
        'needs the Block Dim column of kernel_details.csv',
        msg('findings:block_dim_needs_column'),
      );
    const bad = inp.kernels.filter((k) => {
      if (!['AI_CORE', 'AI_VECTOR_CORE', 'MIX_AIC'].includes(k.core) || !(k.blockDim > 0))
        return false;
      const cores = k.core === 'AI_CORE' || !(aiv > 0) ? aic : aiv;
      if (k.blockDim % cores === 0) return false;
      return !(k.core === 'MIX_AIC' && aiv > 0 && k.mixBlockDim % aiv === 0);
    });
    if (bad.length === 0)
      return passed(
        this.id,
        `Every block dim is a multiple of the core count (${aic} AI Cores, ${from}).`,
        msg('findings:block_dim_ok', { cores: aic, from: fromP }),
      );
    const t = bad.reduce((a, k) => a + k.durNs, 0);
    return found(ctx, {
      rule: this.id,
      timeNs: t,
      count: bad.length,
      title: `${plural(bad.length, 'kernel')} (${fmtNs(t)}) use a block dim that is not a multiple of the ${aic} AI Cores (${from}): some cores idle in the last wave.`,
      titleMsg: msg('findings:block_dim_title', {
        count: bad.length,
        time: { ns: t },
        cores: aic,
        from: fromP,
      }),
      fix: 'Tune the listed operators with AOE (aoe --job_type=2 … --tune_ops_file).',
      fixMsg: msg('findings:block_dim_fix'),
      evidence: bad.map((k) => kernelRow(k, k.blockDim, `${k.core}, block dim ${k.blockDim}`)),
    });
  },
};

export const aicoreFreq: RuleSpec = {
  id: 'aicore-freq',
  checks:
    'AI Core kernels run while the AI Core Freq counter was below its maximum (mean drop per op name)',
  threshold: '≥ 5 % below the maximum',
  source: 'MA ai_core_freq_checker',
  kinds: ['ascend'],
  run(ctx) {
    const { inp, th } = ctx;
    if (!inp.freq)
      return notChecked(
        this.id,
        'needs the AI Core Freq counter in the trace (Level1+)',
        msg('findings:freq_needs_counter'),
      );
    if (!hasCores(inp.kernels)) return notChecked(this.id, NEEDS_KERNELS, NEEDS_KERNELS_MSG);
    const { ts, value } = inp.freq;
    let max = -Infinity;
    for (const v of value) if (v > max) max = v;
    if (!(max > 0))
      return notChecked(this.id, 'needs AI Core Freq samples', msg('findings:freq_needs_samples'));
    const minOver = (s: number, e: number) => {
      let i = lowerBound(ts, s + 1, 0, ts.length) - 1;
      let m = i >= 0 ? value[i]! : Infinity;
      for (i = Math.max(i + 1, 0); i < ts.length && ts[i]! <= e; i++) m = Math.min(m, value[i]!);
      return m;
    };
    const byName = new Map<string, { drops: number[]; ks: KernelRow[] }>();
    for (const k of inp.kernels) {
      if ((k.core !== 'AI_CORE' && k.core !== 'MIX_AIC') || Number.isNaN(k.startNs)) continue;
      const f = minOver(k.startNs, k.startNs + k.durNs);
      if (!Number.isFinite(f)) continue;
      let b = byName.get(k.name);
      if (!b) byName.set(k.name, (b = { drops: [], ks: [] }));
      b.drops.push((max - f) / max);
      b.ks.push(k);
    }
    const bad = [...byName].filter(
      ([, b]) => b.drops.reduce((a, x) => a + x, 0) / b.drops.length >= th['aicoreFreqRatio']!,
    );
    if (bad.length === 0)
      return passed(
        this.id,
        `AI Core kernels ran within ${pct(th['aicoreFreqRatio']!)} of the maximum frequency.`,
        msg('findings:freq_ok', { ratio: { ratio: th['aicoreFreqRatio']! } }),
      );
    const ks = bad.flatMap(([, b]) => b.ks);
    const t = ks.reduce((a, k) => a + k.durNs, 0);
    return found(ctx, {
      rule: this.id,
      timeNs: t,
      count: ks.length,
      title: `${plural(bad.length, 'operator')} (${fmtNs(t)}) ran with the AI Core frequency ≥ ${pct(th['aicoreFreqRatio']!)} below its maximum of ${max} MHz.`,
      titleMsg: msg('findings:freq_title', {
        count: bad.length,
        time: { ns: t },
        ratio: { ratio: th['aicoreFreqRatio']! },
        max,
      }),
      fix: 'Check the machine temperature and the power cap (the AI Core was throttled).',
      fixMsg: msg('findings:freq_fix'),
      evidence: bad.flatMap(([, b]) =>
        b.ks.map((k, i) =>
          kernelRow(
            k,
            b.drops[i]!,
            `${pct(b.drops[i]!)} below max`,
            msg('findings:freq_detail', { ratio: { ratio: b.drops[i]! } }),
          ),
        ),
      ),
    });
  },
};

export const smallPackets: RuleSpec = {
  id: 'small-packets',
  checks: 'Communication ops moving small payloads (communication.json: SDMA < 16 MB, RDMA < 1 MB)',
  threshold: 'small ops > 20 % of the ops with that transport',
  source: 'MA packet_checker',
  kinds: ['ascend'],
  run(ctx) {
    const { inp, th } = ctx;
    const rows = inp.communication;
    if (!rows || rows.length === 0)
      return notChecked(
        this.id,
        'needs communication.json (Level1+, with communication)',
        msg('findings:packets_needs'),
      );
    const out: EvidenceRow[] = [];
    let t = 0;
    const parts: string[] = [];
    const partMsgs: Message[] = [];
    for (const [tr, limit] of [
      ['SDMA', th['sdmaSmallMB']!],
      ['RDMA', th['rdmaSmallMB']!],
    ] as const) {
      const withSize = rows
        .map((r, i) => ({ r, i, b: r.bandwidth[tr] }))
        .filter((x) => (x.b?.sizeMB ?? 0) > 0);
      const small = withSize.filter((x) => x.b!.sizeMB! < limit);
      if (withSize.length === 0 || small.length / withSize.length <= th['smallPacketRatio']!)
        continue;
      parts.push(
        `${small.length} of ${withSize.length} ${tr} ops (${pct(small.length / withSize.length)}) move < ${limit} MB`,
      );
      partMsgs.push(
        msg('findings:packets_part', {
          small: small.length,
          total: withSize.length,
          transport: tr,
          ratio: { ratio: small.length / withSize.length },
          limit,
        }),
      );
      for (const { r, i, b } of small) {
        const ms = (b!.timeMs ?? 0) * 1e6;
        t += ms;
        const s = inp.commRowSlice[i];
        out.push(
          s
            ? sliceRow(s, r.step, b!.sizeMB!, `${tr} ${b!.sizeMB} MB`, r.op)
            : rangeRow(
                r.op,
                r.step,
                NaN,
                (r.elapseMs ?? 0) * 1e6,
                -1,
                b!.sizeMB!,
                `${tr} ${b!.sizeMB} MB`,
              ),
        );
      }
    }
    if (parts.length === 0)
      return passed(
        this.id,
        'Communication payloads are large enough.',
        msg('findings:packets_ok'),
      );
    return found(ctx, {
      rule: this.id,
      timeNs: t,
      count: out.length,
      title: `Small packets: ${parts.join('; ')} (${fmtNs(t)} of transfer).`,
      titleMsg: msg('findings:packets_title', {
        parts: { list: partMsgs, sep: 'semicolon' },
        time: { ns: t },
      }),
      fix: 'Send fewer, larger messages: bigger batches or gradient accumulation in data parallel; ZeRO3 → ZeRO2/1; fused / affinity optimizers (bucketed gradients).',
      fixMsg: msg('findings:packets_fix'),
      evidence: out,
    });
  },
};

export const byteAlignment: RuleSpec = {
  id: 'byte-alignment',
  checks:
    'SDMA transfers (Memcpy / Reduce on HCCL planes, link ≠ ON_CHIP, > 512 B) whose size is not a multiple of 512 B',
  threshold: 'size % 512 ≠ 0',
  source: 'MA byte_alignment_checker',
  kinds: ['ascend'],
  run(ctx) {
    const { inp, th } = ctx;
    if (!inp.hcclTasks)
      return notChecked(
        this.id,
        'needs the HCCL communication lanes in the trace (Level1+)',
        msg('findings:align_needs_lanes'),
      );
    if (inp.hcclTasks.length === 0)
      return passed(
        this.id,
        'No HCCL transfer tasks in the trace.',
        msg('findings:align_no_tasks'),
      );
    if (!inp.hcclSizes)
      return notChecked(
        this.id,
        'needs the HCCL task args (size(Byte), transport type)',
        msg('findings:align_needs_args'),
      );
    const a = th['alignmentBytes']!;
    const { size, sdma } = inp.hcclSizes;
    const bad: EvidenceRow[] = [];
    inp.hcclTasks.forEach((x, i) => {
      const sz = size[i]!;
      if (sdma[i] && sz > a && sz % a !== 0)
        bad.push({
          label: x.name,
          step: '',
          startNs: x.startNs,
          durNs: x.durNs,
          slice: x.slice,
          track: x.slice.track,
          value: sz,
          detail: `${sz} B`,
        });
    });
    if (bad.length === 0)
      return passed(
        this.id,
        `SDMA transfer sizes are multiples of ${a} B.`,
        msg('findings:align_ok', { bytes: a }),
      );
    const t = bad.reduce((s, r) => s + r.durNs, 0);
    return found(ctx, {
      rule: this.id,
      timeNs: t,
      count: bad.length,
      title: `${plural(bad.length, 'SDMA transfer')} (${fmtNs(t)}) have sizes that are not a multiple of ${a} B, which slows the copies.`,
      titleMsg: msg('findings:align_title', { count: bad.length, time: { ns: t }, bytes: a }),
      fix: `Align communication buffer sizes to ${a} B (pad tensors; contact HCCL support for the collective).`,
      fixMsg: msg('findings:align_fix', { bytes: a }),
      evidence: bad,
    });
  },
};

export const affinityApi: RuleSpec = {
  id: 'affinity-api',
  checks:
    'aten op sequences that have a fused NPU API (confusion_transpose, fast_gelu, scaled_masked_softmax, fusion_attention, rotary_mul, rms_norm, swiglu, geglu, addmm, matmul_add, moe token permute / unpermute, …)',
  threshold: 'any match',
  source: 'MA fusion_ops_analyzer, rules/timeline_fusion_ops.yaml',
  kinds: ['ascend'],
  run(ctx) {
    const { inp } = ctx;
    if (inp.host.op.length === 0)
      return notChecked(
        this.id,
        'needs aten operator events in the trace (CPU activity)',
        msg('findings:affinity_needs'),
      );
    const byTrack = new Map<number, typeof inp.host.op>();
    for (const e of inp.host.op) {
      let l = byTrack.get(e.track);
      if (!l) byTrack.set(e.track, (l = []));
      l.push(e);
    }
    const rows: EvidenceRow[] = [];
    const apis = new Map<string, number>();
    for (const [track, evs] of byTrack) {
      const ops = evs.map((e) => e.name.replace(/^(aten|npu)::/, ''));
      for (let i = 0; i < ops.length;) {
        let hit: { api: string; n: number } | null = null;
        for (const a of AFFINITY) {
          for (const pat of a.patterns) {
            const n = matchAt(ops, i, pat);
            if (n > 0 && (!hit || n > hit.n)) hit = { api: a.api, n };
          }
        }
        if (!hit) {
          i++;
          continue;
        }
        const first = evs[i]!;
        const last = evs[i + hit.n - 1]!;
        const end = Math.max(last.startNs + last.durNs, first.startNs + first.durNs);
        rows.push(
          rangeRow(
            hit.api,
            '',
            first.startNs,
            end - first.startNs,
            track,
            hit.n,
            ops.slice(i, i + hit.n).join('-'),
          ),
        );
        apis.set(hit.api, (apis.get(hit.api) ?? 0) + 1);
        i += hit.n;
      }
    }
    if (rows.length === 0)
      return passed(this.id, 'No aten sequence with a fused NPU API.', msg('findings:affinity_ok'));
    const t = rows.reduce((a, r) => a + r.durNs, 0);
    const apiList = [...apis].map(([a, n]) => `${a} ×${n}`).join(', ');
    return found(ctx, {
      rule: this.id,
      timeNs: t,
      count: rows.length,
      severity: 'medium',
      title: `${plural(rows.length, 'aten op sequence')} could use fused NPU APIs: ${apiList}.`,
      titleMsg: msg('findings:affinity_title', { count: rows.length, apis: apiList }),
      fix: 'Replace the sequences with the torch_npu fused APIs named in the evidence.',
      fixMsg: msg('findings:affinity_fix'),
      evidence: rows,
    });
  },
};

const FUSED_OPTIMIZERS = new Set([
  'AdamW',
  'SGD',
  'Adadelta',
  'Lamb',
  'AdamP',
  'BertAdam',
  'RMSprop',
  'RMSpropTF',
  'Adam',
]);

export const affinityOptimizer: RuleSpec = {
  id: 'affinity-optimizer',
  checks:
    'Optimizer.step#<X>.step with a fused NPU optimizer (AdamW, SGD, Adadelta, Lamb, AdamP, BertAdam, RMSprop, RMSpropTF, Adam)',
  threshold: 'any call',
  source: 'MA rules/timeline_fusion_ops.yaml (Optimizer); MSI AffinityOptimizerAdvisor',
  kinds: ['ascend'],
  run(ctx) {
    const { inp } = ctx;
    if (!inp.hasTrace) return notChecked(this.id, 'needs the trace', msg('findings:needs_trace'));
    const calls = inp.host.optimizer
      .map((e) => ({ e, x: /^Optimizer\.step#(\w+)\.step$/.exec(e.name)?.[1] ?? '' }))
      .filter((c) => FUSED_OPTIMIZERS.has(c.x));
    if (calls.length === 0)
      return passed(
        this.id,
        'No optimizer with a fused NPU version.',
        msg('findings:optimizer_ok'),
      );
    const t = calls.reduce((a, c) => a + c.e.durNs, 0);
    const xs = [...new Set(calls.map((c) => c.x))];
    return found(ctx, {
      rule: this.id,
      timeNs: t,
      count: calls.length,
      severity: 'medium',
      title: `The ${xs.join(', ')} optimizer step (${plural(calls.length, 'call')}, ${fmtNs(t)}) has a fused NPU version.`,
      titleMsg: msg('findings:optimizer_title', {
        names: xs.join(', '),
        count: calls.length,
        time: { ns: t },
      }),
      fix: xs.map((x) => `torch_npu.optim.NpuFused${x}`).join(', ') + '.',
      fixMsg: msg('findings:optimizer_fix', {
        apis: xs.map((x) => `torch_npu.optim.NpuFused${x}`).join(', '),
      }),
      evidence: calls.map((c) =>
        sliceRow(c.e, '', c.e.durNs / 1000, `torch_npu.optim.NpuFused${c.x}`),
      ),
    });
  },
};

/** Environment checks of MA environment_variable_checker. */
const ENV_CHECKS: { key: string; bad: (v: string) => boolean; fix: string; fixMsg: Message }[] = [
  {
    key: 'ASCEND_GLOBAL_LOG_LEVEL',
    bad: (v) => v !== '' && v !== '3',
    fix: 'set it to 3 (error only)',
    fixMsg: msg('findings:env_fix_log_level'),
  },
  {
    key: 'HCCL_RDMA_TC',
    bad: (v) => v !== '',
    fix: 'check the RDMA traffic class against the network documentation',
    fixMsg: msg('findings:env_fix_rdma_tc'),
  },
  {
    key: 'HCCL_RDMA_SL',
    bad: (v) => v !== '',
    fix: 'check the RDMA service level against the network documentation',
    fixMsg: msg('findings:env_fix_rdma_sl'),
  },
  {
    key: 'ACLNN_CACHE_LIMIT',
    bad: (v) => v === '' || Number(v) < 10000,
    fix: 'raise it, e.g. 100000',
    fixMsg: msg('findings:env_fix_aclnn_cache'),
  },
  {
    key: 'HOST_CACHE_CAPACITY',
    bad: (v) => v === '' || Number(v) === 0,
    fix: 'enable it, e.g. 20',
    fixMsg: msg('findings:env_fix_host_cache'),
  },
  {
    key: 'PYTORCH_NPU_ALLOC_CONF',
    bad: (v) => !v.includes('expandable_segments:True'),
    fix: 'add expandable_segments:True',
    fixMsg: msg('findings:env_fix_alloc_conf'),
  },
  {
    key: 'ASCEND_LAUNCH_BLOCKING',
    bad: (v) => v === '1',
    fix: 'set it to 0 (or unset it)',
    fixMsg: msg('findings:env_fix_launch_blocking'),
  },
  {
    key: 'HCCL_ALGO',
    bad: (v) => v !== '',
    fix: 'unset it and let HCCL choose',
    fixMsg: msg('findings:env_fix_hccl_algo'),
  },
];

export const env: RuleSpec = {
  id: 'env',
  checks: 'Environment variables recorded in profiler_metadata.json (ENV_VARIABLES)',
  threshold:
    'log level ≠ 3, ASCEND_LAUNCH_BLOCKING=1, no expandable_segments, cache limits, HCCL_ALGO/RDMA set',
  source: 'MA environment_variable_checker',
  kinds: ['ascend'],
  run(ctx) {
    const e = ctx.inp.env;
    if (!e)
      return notChecked(
        this.id,
        'needs profiler_metadata.json with ENV_VARIABLES',
        msg('findings:env_needs'),
      );
    const bad = ENV_CHECKS.filter((c) => c.key in e && c.bad(e[c.key]!));
    if (bad.length === 0)
      return passed(this.id, 'No flagged environment variable.', msg('findings:env_ok'));
    return found(ctx, {
      rule: this.id,
      timeNs: 0,
      count: bad.length,
      severity: bad.some((c) => c.key === 'ASCEND_LAUNCH_BLOCKING') ? 'high' : 'low',
      title: `${plural(bad.length, 'environment variable')} to change: ${bad.map((c) => c.key).join(', ')}.`,
      titleMsg: msg('findings:env_title', {
        count: bad.length,
        names: bad.map((c) => c.key).join(', '),
      }),
      fix: bad.map((c) => `${c.key}: ${c.fix}`).join('; ') + '.',
      fixMsg: msg('findings:sentence', {
        text: {
          list: bad.map((c) =>
            msg('findings:env_fix_item', { key: c.key, fix: { msg: c.fixMsg } }),
          ),
          sep: 'semicolon',
        },
      }),
      evidence: bad.map((c) => ({
        ...rangeRow(`${c.key}=${e[c.key] || '(empty)'}`, '', NaN, 0, -1, 0, c.fix),
        detailMsg: c.fixMsg,
      })),
    });
  },
};
