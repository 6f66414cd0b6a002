import { describe, expect, it } from 'vitest';
import { advisorAscendProfile } from '../generator/advisor-scenario';
import { epochMs } from '../lib/epoch';
import { checkInvariantsCached } from '../model/analysis/invariants';
import { kernelTraceJoin } from '../model/analysis/kernel-join';
import type { ProfileModel } from '../model/profile';
import { transferAll } from './after-import-test-kit';
import { loadCachedProfile, memoryCacheStore, profileCacheKey } from './cache/profile-cache';
import { importProfile } from './import-profile';
import { openInputs } from './open-inputs';
import { copyProfile } from './profile-copy';
import { memoryFile } from './sources/input-file';
import { checksOf, withoutAnalysis } from './worker-after-import';
import { attachLodPyramids } from '../model/lod-pyramid';
import { copyProfileLean, restoreDerived } from './profile-copy';
import { analyzeProfile } from '../model/analysis/analyze';
import { deserialize, serialize } from './cache/serialize';
import { createWorkerSession } from './worker-handlers';

const ctx = () => ({ signal: new AbortController().signal, progress: () => {} });

/** An Ascend profile with a trace and kernel_details.csv (so a Kernels join exists), cacheable. */
async function opened() {
  const files = advisorAscendProfile({ gcPause: { step: 1, kernel: 2, us: 3000 } }).files.map(
    (f) => ({ ...memoryFile(f.path, f.data, 1000), rereadable: true }),
  );
  return openInputs(files);
}

/** The checks and join as the import made them before they moved after the hand-over. */
async function inline(): Promise<ProfileModel> {
  const o = await opened();
  return importProfile(o.discovery.profiles[0]!, o.files, { argsFromFile: true });
}

describe('checks, join, advisor and cache after the hand-over', () => {
  it('hands over without them, then answers the same checks and join as made inline', async () => {
    const want = await inline();
    expect(want.kernelJoin).toBeDefined();
    expect(want.kernelJoin!.matched).toBeGreaterThan(0);
    const session = createWorkerSession({ cache: memoryCacheStore(), minCachedBytes: 0 });
    session.opened = await opened();
    const id = session.opened.discovery.profiles[0]!.id;
    const p = await session.handlers['import']({ profileId: id }, ctx());
    // Handed over first: no checks, no join yet, and the views do not make them on the page.
    expect(p.checksPending).toBe(true);
    expect(p.crossChecks).toBeUndefined();
    expect(p.kernelJoin).toBeUndefined();
    expect(checkInvariantsCached(p)).toBeNull();
    expect(kernelTraceJoin(p)).toBeNull();
    // The page's buffers move away at the hand-over: the work after it must not need them.
    transferAll(p);
    expect(p.trace!.sliceTracks[0]!.slices.start.length).toBe(0);
    // Nothing is made until the page asks (once it has drawn): not during its first frame.
    await new Promise((r) => setTimeout(r, 50));
    const askedAt = epochMs();
    const after = await session.handlers['import:after']({ profileId: id }, ctx());
    expect(after.marks['checked']).toBeGreaterThanOrEqual(askedAt);
    expect(after.crossChecks).toEqual(want.crossChecks);
    expect(after.kernelJoin).toEqual(want.kernelJoin);
    expect(after.marks['checked']).toBeGreaterThan(0);
    // Asked once.
    await expect(session.handlers['import:after']({ profileId: id }, ctx())).rejects.toThrow();
    // The advisor's inputs were kept from the copy: same findings as from the inline import.
    const report = await session.handlers['advisor:run']({ profileId: id }, ctx());
    const { adviseProfile } = await import('./advisor/advisor-run');
    const o = await opened();
    expect(report.findings).toEqual((await adviseProfile(want, o.files)).findings);
  });

  it('writes a reopen-cache entry equal to the inline import’s, checks and join included', async () => {
    const want = await inline();
    const cache = memoryCacheStore();
    const session = createWorkerSession({ cache, minCachedBytes: 0 });
    session.opened = await opened();
    const d = session.opened.discovery.profiles[0]!;
    const p = await session.handlers['import']({ profileId: d.id }, ctx());
    transferAll(p);
    await session.cacheIdle();
    const key = profileCacheKey(d, session.opened.files, 'dev', 0)!;
    const cached = await loadCachedProfile(cache, key);
    expect(cached).not.toBeNull();
    expect(cached!.checksPending).toBeUndefined();
    expect(cached!.crossChecks).toEqual(want.crossChecks);
    expect(cached!.kernelJoin).toEqual(want.kernelJoin);
    const cols = (m: ProfileModel) =>
      m.trace!.sliceTracks.map((t) => [Array.from(t.slices.start), Array.from(t.slices.dur)]);
    expect(cols(cached!)).toEqual(cols(want));
    expect(cached!.trace!.stats).toEqual(want.trace!.stats);
    // A reopen from it: handed over with its checks (nothing pending), the advisor still works.
    const again = await session.handlers['import']({ profileId: d.id }, ctx());
    expect(again.fromCache).toBe(true);
    expect(again.checksPending).toBeUndefined();
    transferAll(again);
    const report = await session.handlers['advisor:run']({ profileId: d.id }, ctx());
    expect(report.findings.find((f) => f.rule === 'gc')!.count).toBe(1);
  });

  it('lets the analysis go before the cache entry, which serialises the same', async () => {
    const p = copyProfile(await inline());
    const a = analyzeProfile(p);
    expect(analyzeProfile(p)).toBe(a); // memoised on the profile and its trace
    const q = withoutAnalysis(p);
    // New objects over the same data: nothing memoised on them, so the old analysis can go.
    expect(q).not.toBe(p);
    expect(q.trace).not.toBe(p.trace);
    expect(q.trace!.sliceTracks).toBe(p.trace!.sliceTracks);
    expect(analyzeProfile(q)).not.toBe(a);
    const bytes = (v: unknown) => Buffer.concat(serialize(v)).toString('base64');
    expect(bytes(q)).toBe(bytes(p));
  });

  it('copies the profile without the timeline indexes, and the entry still has them, the same', async () => {
    const o = await opened();
    const d = o.discovery.profiles[0]!;
    const p = await importProfile(d, o.files, { argsFromFile: true, deferChecks: true });
    attachLodPyramids(p.trace);
    const t = p.trace!;
    expect(t.flows.index).toBeDefined();
    expect(t.sliceTracks.some((x) => 'lod' in x.slices && 'laneIndex' in x.slices)).toBe(true);
    expect(t.counters.some((c) => c.series.some((s) => 'lod' in s))).toBe(true);
    const lean = copyProfileLean(p);
    // The copy the checks read has none of them; the profile (for the page) keeps its own.
    expect(lean.trace!.flows.index).toBeUndefined();
    expect(lean.trace!.sliceTracks.some((x) => 'lod' in x.slices || 'laneIndex' in x.slices)).toBe(
      false,
    );
    expect(lean.trace!.counters.some((c) => c.series.some((s) => 'lod' in s))).toBe(false);
    expect(t.flows.index).toBeDefined();
    // Made again before the entry is written: it serialises as a full copy of the profile does.
    const full = copyProfile(p);
    checksOf(full);
    checksOf(lean);
    const leanAfter = withoutAnalysis(lean);
    restoreDerived(leanAfter.trace);
    const a = serialize(full);
    const b = serialize(leanAfter);
    const bytes = (c: Uint8Array[]) => Buffer.concat(c).toString('base64');
    expect(bytes(b)).toBe(bytes(a));
    expect(deserialize<ProfileModel>(Buffer.concat(b).buffer)!.trace!.flows.index).toBeDefined();
  });

  it('writes the same entry from the lean copy as the import made in one piece', async () => {
    const cache = memoryCacheStore();
    const session = createWorkerSession({ cache, minCachedBytes: 0 });
    session.opened = await opened();
    const d = session.opened.discovery.profiles[0]!;
    const p = await session.handlers['import']({ profileId: d.id }, ctx());
    const full = copyProfile(p); // before the page takes its buffers
    expect(full.checksPending).toBe(true); // the page's flag, not the entry's
    delete full.checksPending;
    transferAll(p);
    await session.handlers['import:after']({ profileId: d.id }, ctx());
    await session.cacheIdle();
    checksOf(full);
    const entry = await cache.get(profileCacheKey(d, session.opened.files, 'dev', 0)!);
    const strip = (m: ProfileModel) => {
      delete m.trace!.importTimings;
      return m;
    };
    const got = strip(deserialize<ProfileModel>(entry!)!);
    const want = strip(deserialize<ProfileModel>(Buffer.concat(serialize(full)).buffer)!);
    expect(got).toEqual(want);
    expect(got.trace!.flows.index).toBeDefined();
  });

  it('a failure of the checks is their result; the profile is still handed over', async () => {
    const session = createWorkerSession();
    session.opened = await opened();
    const id = session.opened.discovery.profiles[0]!.id;
    const p = await session.handlers['import']({ profileId: id }, ctx());
    expect(p.trace).not.toBeNull();
    // As if the analysis broke on this trace: checksOf turns the error into the checks' result.
    const copy = copyProfile(p);
    (copy.trace as unknown as { sliceTracks: null }).sliceTracks = null;
    const out = checksOf(copy);
    expect(out.crossChecks!.warnings).toHaveLength(1);
    expect(out.crossChecks!.warnings[0]!.code).toBe('check_error');
    expect(out.crossChecks!.warnings[0]!.example).not.toBe('');
    expect(out.kernelJoin).toBeUndefined();
  });

  it('a cancelled import makes no checks and writes no entry', async () => {
    const cache = memoryCacheStore();
    const session = createWorkerSession({ cache, minCachedBytes: 0 });
    session.opened = await opened();
    const id = session.opened.discovery.profiles[0]!.id;
    const ac = new AbortController();
    const p = await session.handlers['import'](
      { profileId: id },
      { signal: ac.signal, progress: () => {} },
    );
    ac.abort(); // cancelled while finishing: serve answers "cancelled", not the profile
    expect(p.checksPending).toBe(true);
    await session.cacheIdle();
    expect((await cache.usage()).entries).toBe(0);
    await expect(session.handlers['advisor:run']({ profileId: id }, ctx())).rejects.toThrow(
      /cancelled/,
    );
  });
});
