// Issue 13: kernel_details rows joined onto the trace's device events (Kernels view columns
// "Kind / Launched by / Launch step (trace)"), and the cross-view checks computed at import.
import { describe, expect, it } from 'vitest';
import { generateAscendProfile } from '../../src/generator/ascend-profile';
import { memoryFile } from '../../src/import/sources/input-file';
import { listInputFiles } from '../../src/node/node-files';
import { analyzeTrace } from '../../src/model/analysis/analyze';
import { checkInvariantsCached } from '../../src/model/analysis/invariants';
import { kernelTraceJoin } from '../../src/model/analysis/kernel-join';
import type { ProfileModel } from '../../src/model/profile';
import { hasSamples, MI, samplePath, SKIP_REASON } from '../real-samples';
import { openProfiles } from './test-invariants';

function expectJoined(p: ProfileModel, label: string) {
  const k = p.ascend.kernels!;
  const j = kernelTraceJoin(p)!;
  expect(j, label).not.toBeNull();
  const a = analyzeTrace(p.trace!);
  // Each matched row's slice has the row's name and exact start.
  let withOp = 0;
  for (let r = 0; r < k.length; r++) {
    const e = j.event[r]!;
    if (e < 0) continue;
    const s = p.trace!.sliceTracks[a.device.track[e]!]!.slices;
    expect(p.trace!.strings[s.name[a.device.index[e]!]!], label).toBe(k.strings[k.name[r]!]);
    const name = k.strings[k.name[r]!] ?? '';
    if (/^hcom_/.test(name)) expect(j.kind(r), `${label}: ${name}`).toBe('communication');
    if (j.operator(r) !== '') withOp++;
    // The file's Step Id is torch_npu's device step; the trace's launch step agrees with it.
    if (k.step[r]! >= 0 && j.step(r) !== '') expect(j.step(r), label).toBe(String(k.step[r]));
  }
  return { matched: j.matched, rows: k.length, withOp, unmatched: j.unmatchedEvents };
}

describe('kernel_details joined onto the trace', () => {
  it('generated Level2 folder: every row finds its slice, its kind, operator and step', async () => {
    const g = generateAscendProfile({ seed: 5, level: 'Level2', steps: 2, kernelsPerStep: 12 });
    const [p] = await openProfiles(g.files.map((f) => memoryFile(f.path, f.data)));
    const r = expectJoined(p!, 'generated');
    expect(r.matched).toBe(r.rows);
    expect(r.withOp).toBeGreaterThan(0);
    const k = p!.ascend.kernels!;
    const j = kernelTraceJoin(p!)!;
    const kinds = new Set(Array.from({ length: k.length }, (_, i) => j.kind(i)));
    expect(kinds.has('compute')).toBe(true);
  });

  it('cross-view checks are computed at import and reused by the views', async () => {
    const g = generateAscendProfile({ seed: 6, level: 'Level2', steps: 1, kernelsPerStep: 6 });
    const [p] = await openProfiles(g.files.map((f) => memoryFile(f.path, f.data)));
    expect(p!.crossChecks).toBeDefined();
    expect(p!.crossChecks!.traceSource).toBe(p!.traceSource);
    const at = p!.crossChecks!.warnings;
    expect(checkInvariantsCached(p!)).toBe(at);
    expect(at).toEqual([]);
    // A switched timeline source is checked again.
    const switched: ProfileModel = { ...p!, traceSource: 'other.db' };
    expect(checkInvariantsCached(switched)).not.toBe(at);
    expect(switched.crossChecks!.traceSource).toBe('other.db');
  });
});

describe.skipIf(!hasSamples)(
  `kernel_details joined onto real traces${hasSamples ? '' : ` - ${SKIP_REASON}`}`,
  () => {
    it('Level2 rank 0', async () => {
      const [p] = await openProfiles(
        await listInputFiles(samplePath(`${MI}/text/level2/rank0_ascend_pt`)),
      );
      const r = expectJoined(p!, 'L2R0');
      expect(r.matched).toBe(r.rows);
      expect(r.withOp).toBeGreaterThan(r.rows / 2);
      expect(p!.crossChecks).toBeDefined();
    });
  },
);
