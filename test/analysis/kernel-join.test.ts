// Issue 13: kernel_details rows joined onto the trace's device events (Kernels view columns
// "Kind / Launched by / Launch step (trace)"), and the cross-view checks computed at import.
import { describe, expect, it } from 'vitest';
import { generateAscendProfile } from '../../src/generator/ascend-profile';
import { memoryFile } from '../../src/import/sources/input-file';
import { listInputFiles } from '../../src/node/node-files';
import { analyzeTrace } from '../../src/model/analysis/analyze';
import { checkInvariantsCached } from '../../src/model/analysis/invariants';
import { deserialize, serialize } from '../../src/import/cache/serialize';
import { computeKernelJoin, kernelTraceJoin } from '../../src/model/analysis/kernel-join';
import { concatBytes } from '../../src/lib/bytes';
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

  it('the join is made at import and travels with the profile: the view only reads it', async () => {
    const g = generateAscendProfile({ seed: 7, level: 'Level2', steps: 2, kernelsPerStep: 9 });
    const [p] = await openProfiles(g.files.map((f) => memoryFile(f.path, f.data)));
    const k = p!.ascend.kernels!;
    // Present on the imported profile (made in the import worker), for the timeline it was made on.
    expect(p!.kernelJoin).toBeDefined();
    expect(p!.kernelJoin!.traceSource).toBe(p!.traceSource);
    const fresh = computeKernelJoin(k, p!.trace!, p!.traceSource ?? null);
    expect(p!.kernelJoin).toEqual(fresh);
    // Through the reopen cache (and so through a structured clone to the page) unchanged.
    const cached = deserialize<typeof p>(concatBytes(serialize(p)).slice().buffer)!;
    expect(cached.kernelJoin).toEqual(fresh);
    // The view reads it and computes nothing: with the trace's slices gone, a join made now would
    // match no row, yet every cell is the import's.
    const stripped = { ...cached, trace: { ...cached.trace!, sliceTracks: [] } };
    const j = kernelTraceJoin(stripped)!;
    expect(stripped.kernelJoin).toBe(cached.kernelJoin);
    const direct = kernelTraceJoin(p!)!;
    expect(j.matched).toBe(direct.matched);
    expect(j.matched).toBe(k.length);
    for (let r = 0; r < k.length; r++) {
      expect(j.kind(r)).toBe(direct.kind(r));
      expect(j.operator(r)).toBe(direct.operator(r));
      expect(j.step(r)).toBe(direct.step(r));
    }
    expect(new Set(Array.from({ length: k.length }, (_, r) => j.kind(r))).has('compute')).toBe(
      true,
    );
    // Another timeline source: made again for it.
    const switched = { ...p!, traceSource: 'other.db' };
    kernelTraceJoin(switched);
    expect(switched.kernelJoin!.traceSource).toBe('other.db');
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
