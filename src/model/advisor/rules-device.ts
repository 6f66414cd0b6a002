/**
 * Rules about the kernels that run on the device: AI CPU ops, block dim and AI Core frequency
 * (communication: rules-comm.ts; fused APIs, optimizers and the environment: rules-api.ts). Ascend only. Thresholds and wording: msprof-analyze advisor
 * (docs/analysis-definitions.md §8).
 */
import { lowerBound } from '../../lib/bisect';
import { msg, type Message } from '../../lib/message';
import type { KernelRow } from './advisor-inputs';
import { found, fmtNs, notChecked, passed, pct, plural, rangeRow, type RuleSpec } from './rule-kit';
import type { EvidenceRow } from './types';

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
