import { describe, expect, it } from 'vitest';
import { attachedLaneIndex } from '../../model/lane-index';
import { PYRAMID_MIN_SLICES } from '../../model/lod-pyramid';
import { memoryCacheStore } from '../../import/cache/profile-cache';
import { openInputs } from '../../import/open-inputs';
import { memoryFile } from '../../import/sources/input-file';
import { createWorkerSession } from '../../import/worker-handlers';
import { isIndexed, sliceIndex } from './slice-index';

const ctx = () => ({ signal: new AbortController().signal, progress: () => {} });

describe('slice index handed over by the import worker', () => {
  it('arrives with the model and through the reopen cache, so the first frame builds nothing', async () => {
    const n = 2 * PYRAMID_MIN_SLICES; // depth 1 holds 3/4 of them: it gets a pyramid
    // A parent every 4 slices: two depths.
    const events = Array.from({ length: n }, (_, i) =>
      JSON.stringify(
        i % 4 === 0
          ? { ph: 'X', name: 'p', pid: 1, tid: 1, ts: i * 2, dur: 7 }
          : { ph: 'X', name: `k${i % 5}`, pid: 1, tid: 1, ts: i * 2, dur: 1 },
      ),
    );
    const file = {
      ...memoryFile('run/ASCEND_PROFILER_OUTPUT/trace_view.json', `[${events.join(',')}]`, 1000),
      rereadable: true,
    };
    const session = createWorkerSession({ cache: memoryCacheStore(), minCachedBytes: 0 });
    session.opened = await openInputs([file]);
    const id = session.opened.discovery.profiles[0]!.id;
    for (const fromCache of [false, true]) {
      if (fromCache) await session.cacheIdle();
      const r = await session.handlers['import']({ profileId: id }, ctx());
      expect(r.fromCache ?? false).toBe(fromCache);
      const table = r.trace!.sliceTracks.find((t) => t.slices.length === n)!.slices;
      expect(attachedLaneIndex(table)).toBeDefined();
      expect(isIndexed(table)).toBe(true);
      const ix = sliceIndex(table);
      expect(ix.lanes[0]!.idx).toBe(attachedLaneIndex(table)!.lanes[0]!.idx);
      expect(ix.lanes[1]!.pyramid).not.toBeNull();
      expect(ix.lanes.map((l) => l.idx.length)).toEqual([
        n / 4 + (n % 4 ? 1 : 0),
        n - Math.ceil(n / 4),
      ]);
    }
  });
});
