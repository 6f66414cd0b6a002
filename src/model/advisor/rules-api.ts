/**
 * Rules about how the model calls the device: fused-API and optimizer replacements, and the
 * environment. Ascend only. Thresholds and wording: msprof-analyze advisor
 * (docs/analysis-definitions.md §8).
 */
import { msg, type Message } from '../../lib/message';
import {
  found,
  fmtNs,
  notChecked,
  passed,
  plural,
  rangeRow,
  sliceRow,
  type RuleSpec,
} from './rule-kit';
import type { EvidenceRow } from './types';
import { AFFINITY, matchAt } from './affinity-patterns';

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
