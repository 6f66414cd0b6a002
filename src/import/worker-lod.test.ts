import { describe, expect, it } from 'vitest';
import { attachedPyramid, PYRAMID_MIN_SLICES } from '../model/lod-pyramid';
import { memoryCacheStore } from './cache/profile-cache';
import { openInputs } from './open-inputs';
import { memoryFile } from './sources/input-file';
import { createWorkerSession } from './worker-handlers';

const ctx = () => ({ signal: new AbortController().signal, progress: () => {} });

describe('the import worker hands over LOD pyramids', () => {
  it('builds them before the handover and keeps them through the reopen cache', async () => {
    const n = PYRAMID_MIN_SLICES + 500;
    const events = Array.from({ length: n }, (_, i) =>
      JSON.stringify({ ph: 'X', name: `k${i % 7}`, pid: 1, tid: 1, ts: i * 2, dur: 1 }),
    );
    const file = {
      ...memoryFile('run/ASCEND_PROFILER_OUTPUT/trace_view.json', `[${events.join(',')}]`, 1000),
      rereadable: true,
    };
    const session = createWorkerSession({ cache: memoryCacheStore(), minCachedBytes: 0 });
    session.opened = await openInputs([file]);
    const id = session.opened.discovery.profiles[0]!.id;
    const first = await session.handlers['import']({ profileId: id }, ctx());
    const table = first.trace!.sliceTracks.find((t) => t.slices.length === n)!.slices;
    const lane = attachedPyramid(table)!.lanes[0]!;
    expect(lane.levels.at(-1)!.count[0]).toBe(n);
    await session.cacheIdle();
    const again = await session.handlers['import']({ profileId: id }, ctx());
    expect(again.fromCache).toBe(true);
    const cached = again.trace!.sliceTracks.find((t) => t.slices.length === n)!.slices;
    expect(Array.from(attachedPyramid(cached)!.lanes[0]!.levels[0]!.count)).toEqual(
      Array.from(lane.levels[0]!.count),
    );
  });
});
