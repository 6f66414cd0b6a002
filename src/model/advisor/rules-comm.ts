/**
 * Rules about how collectives move their data: small packets and SDMA byte alignment. Ascend
 * only. Thresholds and wording: msprof-analyze advisor (docs/analysis-definitions.md §8).
 */
import { msg, type Message } from '../../lib/message';
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
