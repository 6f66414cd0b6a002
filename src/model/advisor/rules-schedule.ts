/**
 * Rules about the host-side habits that make the device wait: GC, dataloader, synchronisation,
 * memory APIs, op compilation (free time and idle causes: rules-idle.ts).
 * Thresholds and wording: msprof-analyze advisor (docs/analysis-definitions.md §7, §8).
 */
import { msg, type Message } from '../../lib/message';
import { stepOf } from './advisor-inputs';
import {
  found,
  hostEventRows,
  fmtNs,
  NO_DEVICE,
  NO_DEVICE_MSG,
  notChecked,
  passed,
  pct,
  plural,
  rangeRow,
  sliceRow,
  sumDur,
  type RuleSpec,
} from './rule-kit';
import type { EvidenceRow } from './types';

const times = (n: number) => (n === 1 ? 'once' : `${n} times`);

const NO_API = (kind: string) =>
  kind === 'kineto'
    ? 'needs CUDA runtime events in the trace'
    : 'needs Level1 (the CANN lane: AscendCL / Node@launch events)';
const NO_API_MSG = (kind: string) =>
  kind === 'kineto' ? msg('findings:needs_cuda_api') : msg('findings:needs_cann_api');

export const opCompile: RuleSpec = {
  id: 'op-compile',
  checks: 'AscendCL@aclopCompileAndExecute calls (operators compiled at run time)',
  threshold: '≥ 20 calls',
  source: 'MA timeline_op_dispatch_analyzer; MSI OperatorDispatchAdvisor',
  kinds: ['ascend'],
  run(ctx) {
    const { inp, th } = ctx;
    if (!inp.hostApis) return notChecked(this.id, NO_API(inp.kind), NO_API_MSG(inp.kind));
    const calls = inp.host.compile;
    if (calls.length < th['opCompileCount']!)
      return passed(
        this.id,
        `${plural(calls.length, 'aclopCompileAndExecute call')} (below ${th['opCompileCount']}).`,
        msg('findings:compile_ok', { count: calls.length, min: th['opCompileCount']! }),
      );
    const t = sumDur(calls);
    return found(ctx, {
      rule: this.id,
      timeNs: t,
      count: calls.length,
      title: `Operators are compiled at run time ${calls.length} times (${fmtNs(t)} in aclopCompileAndExecute): dynamic shapes.`,
      titleMsg: msg('findings:compile_title', { count: calls.length, time: { ns: t } }),
      fix: 'torch_npu.npu.set_compile_mode(jit_compile=False) and torch_npu.npu.config.allow_internal_format = False.',
      fixMsg: msg('findings:compile_fix'),
      evidence: hostEventRows(inp, calls),
    });
  },
};

export const syncAfterLaunch: RuleSpec = {
  id: 'sync-after-launch',
  checks:
    'Stream synchronize right after a launch (Ascend aclrtSynchronizeStream after Node@launch; CUDA cudaStream/DeviceSynchronize after a launch)',
  threshold: '> 0.5 of the launches',
  source: 'MA synchronize_stream_checker',
  kinds: ['ascend', 'kineto'],
  run(ctx) {
    const { inp, th } = ctx;
    if (inp.host.launch.length === 0)
      return notChecked(this.id, NO_API(inp.kind), NO_API_MSG(inp.kind));
    const all = [
      ...inp.host.launch.map((e) => ({ e, launch: true })),
      ...inp.host.sync.map((e) => ({ e, launch: false })),
    ].sort((a, b) => a.e.startNs - b.e.startNs || (a.launch ? -1 : 1));
    const hits = all.filter((x, i) => !x.launch && i > 0 && all[i - 1]!.launch).map((x) => x.e);
    const ratio = hits.length / inp.host.launch.length;
    if (ratio <= th['syncAfterLaunchRatio']!)
      return passed(
        this.id,
        `${pct(ratio)} of the launches are followed by a synchronize.`,
        msg('findings:sync_ok', { ratio: { ratio } }),
      );
    const t = sumDur(hits);
    const cuda = inp.kind === 'kineto';
    return found(ctx, {
      rule: this.id,
      timeNs: t,
      count: hits.length,
      title: `${pct(ratio)} of the ${inp.host.launch.length} launches are followed at once by a stream synchronize (${fmtNs(t)} blocked).`,
      titleMsg: msg('findings:sync_title', {
        ratio: { ratio },
        launches: inp.host.launch.length,
        time: { ns: t },
      }),
      fix: cuda
        ? 'Unset CUDA_LAUNCH_BLOCKING and remove synchronisations from the loop (.item(), .cpu(), torch.cuda.synchronize()).'
        : 'Unset ASCEND_LAUNCH_BLOCKING (or set it to 0): a synchronize after every launch serialises host and device.',
      fixMsg: cuda ? msg('findings:sync_fix_cuda') : msg('findings:sync_fix_ascend'),
      evidence: hits.map((e) => ({
        ...sliceRow(e, stepOf(inp.steps, e.startNs), e.durNs / 1000, 'after a launch'),
        detailMsg: msg('findings:ev_after_launch'),
      })),
    });
  },
};

export const gc: RuleSpec = {
  id: 'gc',
  checks: 'Python garbage collection events (cat GC)',
  threshold: 'an event ≥ 1000 µs',
  source: 'MA gc_checker',
  kinds: ['ascend', 'kineto'],
  run(ctx) {
    const { inp, th } = ctx;
    const ev = inp.host.gc;
    if (ev.length === 0) {
      if (inp.kind === 'ascend' && inp.gcDetect !== true)
        return notChecked(
          this.id,
          'needs GC events: set experimental_config gc_detect_threshold when profiling',
          msg('findings:gc_needs_detect'),
        );
      if (inp.kind === 'kineto')
        return notChecked(
          this.id,
          'needs GC events in the trace (cat GC)',
          msg('findings:gc_needs_events'),
        );
      return passed(this.id, 'No GC events.', msg('findings:gc_none'));
    }
    const long = ev.filter((e) => e.durNs >= th['gcUs']! * 1000);
    if (long.length === 0)
      return passed(
        this.id,
        `${plural(ev.length, 'GC event')}, none ≥ ${th['gcUs']} µs.`,
        msg('findings:gc_ok', { count: ev.length, us: th['gcUs']! }),
      );
    const t = sumDur(long);
    return found(ctx, {
      rule: this.id,
      timeNs: t,
      count: long.length,
      title: `Python GC paused the host ${times(long.length)} for ${fmtNs(t)} (longest ${fmtNs(Math.max(...long.map((e) => e.durNs)))}).`,
      titleMsg: msg('findings:gc_title', {
        count: long.length,
        time: { ns: t },
        longest: { ns: Math.max(...long.map((e) => e.durNs)) },
      }),
      fix: 'Create fewer temporary Python objects; raise the thresholds with gc.set_threshold(), or gc.disable() in the training loop and gc.collect() between steps.',
      fixMsg: msg('findings:gc_fix'),
      evidence: hostEventRows(inp, long),
    });
  },
};

export const gcSuspected: RuleSpec = {
  id: 'gc-suspected',
  checks:
    'Long device free gaps with almost no host API activity (conjectured GC), when no GC events were recorded',
  threshold: 'free > 200 ms, API time ÷ free < 0.01, API calls per µs < 0.0001',
  source: 'MA conjectured_gc_checker',
  kinds: ['ascend', 'kineto'],
  run(ctx) {
    const { inp, th } = ctx;
    if (inp.host.gc.length > 0)
      return passed(this.id, 'GC events were recorded: see gc.', msg('findings:gcs_seen'));
    if (inp.streams.length === 0) return notChecked(this.id, NO_DEVICE, NO_DEVICE_MSG);
    if (!inp.hostApis) return notChecked(this.id, NO_API(inp.kind), NO_API_MSG(inp.kind));
    const min = th['gcSuspectedFreeMs']! * 1e6;
    const rows: EvidenceRow[] = [];
    for (const f of inp.free) {
      const d = f.endNs - f.startNs;
      if (d <= min) continue;
      let time = 0;
      let n = 0;
      for (let i = 0; i < inp.apiStart.length; i++) {
        const s = Math.max(inp.apiStart[i]!, f.startNs);
        const e = Math.min(inp.apiStart[i]! + inp.apiDur[i]!, f.endNs);
        if (e > s || (inp.apiStart[i]! >= f.startNs && inp.apiStart[i]! < f.endNs)) {
          time += Math.max(0, e - s);
          n++;
        }
      }
      if (time / d < th['gcSuspectedApiTimeRatio']! && n / (d / 1000) < th['gcSuspectedApiPerUs']!)
        rows.push(
          f.slice
            ? {
                label: 'Free (suspected GC)',
                step: stepOf(inp.steps, f.startNs),
                startNs: f.startNs,
                durNs: d,
                slice: f.slice,
                track: f.slice.track,
                value: n,
                detail: `${n} API calls, ${fmtNs(time)}`,
                labelMsg: msg('findings:ev_free_suspected_gc'),
                detailMsg: msg('findings:ev_api_calls', { count: n, time: { ns: time } }),
              }
            : {
                ...rangeRow(
                  'device idle (suspected GC)',
                  stepOf(inp.steps, f.startNs),
                  f.startNs,
                  d,
                  -1,
                  n,
                  `${n} API calls, ${fmtNs(time)}`,
                ),
                labelMsg: msg('findings:ev_idle_suspected_gc'),
                detailMsg: msg('findings:ev_api_calls', { count: n, time: { ns: time } }),
              },
        );
    }
    if (rows.length === 0)
      return passed(
        this.id,
        `No free gap over ${th['gcSuspectedFreeMs']} ms without host activity.`,
        msg('findings:gcs_ok', { ms: th['gcSuspectedFreeMs']! }),
      );
    const t = rows.reduce((a, r) => a + r.durNs, 0);
    return found(ctx, {
      rule: this.id,
      timeNs: t,
      count: rows.length,
      title: `${plural(rows.length, 'free gap')} of ${fmtNs(t)} with almost no host API calls: probably Python GC.`,
      titleMsg: msg('findings:gcs_title', { count: rows.length, time: { ns: t } }),
      fix: 'Profile with gc_detect_threshold set to confirm; then gc.set_threshold() / gc.disable() in the loop and collect between steps.',
      fixMsg: msg('findings:gcs_fix'),
      evidence: rows,
    });
  },
};

export const dataloader: RuleSpec = {
  id: 'dataloader',
  checks: 'Host events whose name contains "dataloader"',
  threshold: 'a call ≥ 10 000 µs',
  source: 'MA dataloader_checker',
  kinds: ['ascend', 'kineto'],
  run(ctx) {
    const { inp, th } = ctx;
    if (!inp.hasTrace) return notChecked(this.id, 'needs the trace', msg('findings:needs_trace'));
    const slow = inp.host.dataloader.filter((e) => e.durNs >= th['dataloaderUs']! * 1000);
    if (slow.length === 0)
      return passed(
        this.id,
        `No dataloader call ≥ ${th['dataloaderUs']} µs.`,
        msg('findings:dl_ok', { us: th['dataloaderUs']! }),
      );
    const t = sumDur(slow);
    const single = slow.some((e) => /SingleProcess/i.test(e.name));
    return found(ctx, {
      rule: this.id,
      timeNs: t,
      count: slow.length,
      title: `Data loading stalled the host ${times(slow.length)} for ${fmtNs(t)} (longest ${fmtNs(Math.max(...slow.map((e) => e.durNs)))}).`,
      titleMsg: msg('findings:dl_title', {
        count: slow.length,
        time: { ns: t },
        longest: { ns: Math.max(...slow.map((e) => e.durNs)) },
      }),
      fixMsg: single ? msg('findings:dl_fix_single') : msg('findings:dl_fix'),
      fix: single
        ? 'Single-process loading: set num_workers > 0; check disk I/O and avoid reading from tar/zip archives.'
        : 'Check disk I/O, avoid tar/zip datasets, pin_memory=True, tune num_workers and check CPU core binding.',
      evidence: hostEventRows(inp, slow),
    });
  },
};

export const memoryOps: RuleSpec = {
  id: 'memory-ops',
  checks:
    'Memory APIs (aclMallocMemInner, aclrtMalloc*, aclrtFree*; cudaMalloc/cudaFree) total time per API',
  threshold: 'one API totalling ≥ 10 000 µs',
  source: 'MA memory_checker',
  kinds: ['ascend', 'kineto'],
  run(ctx) {
    const { inp, th } = ctx;
    if (!inp.hostApis) return notChecked(this.id, NO_API(inp.kind), NO_API_MSG(inp.kind));
    const by = new Map<string, { t: number; es: typeof inp.host.memory }>();
    for (const e of inp.host.memory) {
      let b = by.get(e.name);
      if (!b) by.set(e.name, (b = { t: 0, es: [] }));
      b.t += e.durNs;
      b.es.push(e);
    }
    const bad = [...by].filter(([, b]) => b.t >= th['memoryOpsUs']! * 1000);
    if (bad.length === 0)
      return passed(
        this.id,
        `No memory API totals ${th['memoryOpsUs']} µs.`,
        msg('findings:mem_ok', { us: th['memoryOpsUs']! }),
      );
    const t = bad.reduce((a, [, b]) => a + b.t, 0);
    const malloc = bad.some(([n]) => /alloc/i.test(n));
    const free = bad.some(([n]) => /free/i.test(n));
    const cuda = inp.kind === 'kineto';
    return found(ctx, {
      rule: this.id,
      timeNs: t,
      count: bad.reduce((a, [, b]) => a + b.es.length, 0),
      title: `Memory APIs take ${fmtNs(t)}: ${bad.map(([n, b]) => `${n} ${fmtNs(b.t)}`).join(', ')}.`,
      titleMsg: msg('findings:mem_title', {
        time: { ns: t },
        apis: {
          list: bad.map(([n, b]) => msg('findings:mem_api', { name: n, time: { ns: b.t } })),
        },
      }),
      fixMsg: msg('findings:sentence', {
        text: {
          list: [
            malloc &&
              msg('findings:mem_fix_alloc', {
                setting: cuda
                  ? 'PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True'
                  : 'PYTORCH_NPU_ALLOC_CONF=expandable_segments:True',
              }),
            free && msg('findings:mem_fix_free', { api: cuda ? 'torch.cuda' : 'torch.npu' }),
          ].filter((x): x is Message => x !== false),
          sep: 'semicolon',
        },
      }),
      fix:
        [
          malloc &&
            (cuda
              ? 'PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True'
              : 'PYTORCH_NPU_ALLOC_CONF=expandable_segments:True'),
          free &&
            `reduce the batch size and remove ${cuda ? 'torch.cuda' : 'torch.npu'}.empty_cache() calls`,
        ]
          .filter(Boolean)
          .join('; ') + '.',
      evidence: bad.flatMap(([, b]) => hostEventRows(inp, b.es)),
    });
  },
};
