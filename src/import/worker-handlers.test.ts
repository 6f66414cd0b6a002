import { describe, expect, it } from 'vitest';
import type { ProfileModel } from '../model/profile';
import { memoryCacheStore, type CacheStore } from './cache/profile-cache';
import { memoryFile } from './sources/input-file';
import { createWorkerSession } from './worker-handlers';
import type { OpenResult } from './worker-protocol';

const ctx = () => ({ signal: new AbortController().signal, progress: () => {} });

/** A file the session treats as the user's own (re-readable, with an mtime): cacheable. */
function userFile(path: string, text: string, lastModified = 1000) {
  return { ...memoryFile(path, text, lastModified), rereadable: true };
}

const trace = `[${Array.from({ length: 50 }, (_, i) => JSON.stringify({ ph: 'X', name: `k${i % 5}`, pid: 1, tid: 1, ts: `${i}.5`, dur: 0.25 })).join(',')}]`;

describe('worker session', () => {
  it('opens, discovers, imports, and serves a reopen from the cache', async () => {
    const cache = memoryCacheStore();
    const session = createWorkerSession({ cache, minCachedBytes: 0 });
    // the open handler takes blobs or data; hand it InputFiles through a tiny shim
    const open = async (files: ReturnType<typeof userFile>[]) => {
      const { openInputs } = await import('./open-inputs');
      session.opened = await openInputs(files);
      return { profiles: session.opened.discovery.profiles } as OpenResult;
    };
    const { profiles } = await open([
      userFile('run/ASCEND_PROFILER_OUTPUT/trace_view.json', trace),
    ]);
    expect(profiles).toHaveLength(1);
    const first = await session.handlers['import']({ profileId: profiles[0]!.id }, ctx());
    expect(first.fromCache).toBeUndefined();
    expect(first.trace!.stats.events).toBe(50);
    await session.cacheIdle();
    expect((await cache.usage()).entries).toBe(1);
    const again = await session.handlers['import']({ profileId: profiles[0]!.id }, ctx());
    expect(again.fromCache).toBe(true);
    expect(again.trace!.stats).toEqual(first.trace!.stats);
    expect(Array.from(again.trace!.sliceTracks[0]!.slices.start)).toEqual(
      Array.from(first.trace!.sliceTracks[0]!.slices.start),
    );
    // A changed file (new mtime) is a miss.
    const changed = await open([
      userFile('run/ASCEND_PROFILER_OUTPUT/trace_view.json', trace, 2000),
    ]);
    const third = await session.handlers['import']({ profileId: changed.profiles[0]!.id }, ctx());
    expect(third.fromCache).toBeUndefined();
    await session.handlers['cache:clear'](undefined, ctx());
    expect(await session.handlers['cache:usage'](undefined, ctx())).toEqual({
      bytes: 0,
      entries: 0,
    });
  });
  it('does not cache generated (non re-readable) files', async () => {
    const cache = memoryCacheStore();
    const session = createWorkerSession({ cache, minCachedBytes: 0 });
    const res = await session.handlers['open']([{ path: 'x/trace.json', data: trace }], ctx());
    await session.handlers['import']({ profileId: res.profiles[0]!.id }, ctx());
    await session.cacheIdle();
    expect((await cache.usage()).entries).toBe(0);
  });
  it('without entries opened ahead: hands over first, writes a copy; a reopen waits for it', async () => {
    const inner = memoryCacheStore();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow: CacheStore = {
      get: (k) => inner.get(k),
      put: async (k, c) => (await gate, inner.put(k, c)),
      clear: () => inner.clear(),
      usage: () => inner.usage(),
    };
    const session = createWorkerSession({ cache: slow, minCachedBytes: 0 });
    const { openInputs } = await import('./open-inputs');
    session.opened = await openInputs([
      userFile('run/ASCEND_PROFILER_OUTPUT/trace_view.json', trace),
    ]);
    const id = session.opened.discovery.profiles[0]!.id;
    const first = await session.handlers['import']({ profileId: id }, ctx());
    expect(first.fromCache).toBeUndefined();
    expect((await inner.usage()).entries).toBe(0); // still being written
    const again = session.handlers['import']({ profileId: id }, ctx());
    release();
    expect((await again).fromCache).toBe(true);
    expect((await inner.usage()).entries).toBe(1);
  });
  it("hands over first, then writes the entry from the worker's own copy", async () => {
    const inner = memoryCacheStore();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let written: Uint8Array[] | null = null;
    let puts = 0;
    const store: CacheStore = {
      ...inner,
      put: (k, c) => (puts++, inner.put(k, c)),
      open: async (k) => {
        const w = await inner.open!(k);
        return {
          write: (chunks) => {
            written = chunks;
            const done = w.write(chunks);
            return gate.then(() => done);
          },
          abort: () => w.abort(),
        };
      },
    };
    const session = createWorkerSession({ cache: store, minCachedBytes: 0 });
    const { openInputs } = await import('./open-inputs');
    session.opened = await openInputs([
      userFile('run/ASCEND_PROFILER_OUTPUT/trace_view.json', trace),
    ]);
    const id = session.opened.discovery.profiles[0]!.id;
    const first = await session.handlers['import']({ profileId: id }, ctx());
    // Nothing written yet when the profile is returned: the entry follows the hand-over.
    expect(written).toBeNull();
    expect(first.checksPending).toBe(true);
    // A reopen waits for the entry to be complete.
    const again = session.handlers['import']({ profileId: id }, ctx());
    await new Promise((r) => setTimeout(r, 20));
    expect(written).not.toBeNull();
    // Written from the copy: none of the handed-over buffers is in it (they go to the page).
    const start = first.trace!.sliceTracks[0]!.slices.start;
    expect(written!.some((c) => c.buffer === start.buffer)).toBe(false);
    expect(puts).toBe(0);
    release();
    const reopened = await again;
    expect(reopened.fromCache).toBe(true);
    expect(reopened.checksPending).toBeUndefined();
    expect(reopened.crossChecks).toEqual({ traceSource: first.traceSource, warnings: [] });
    expect(Array.from(reopened.trace!.sliceTracks[0]!.slices.start)).toEqual(Array.from(start));
  });
  it('drops an entry opened ahead when the import fails', async () => {
    const inner = memoryCacheStore();
    let aborted = 0;
    const store: CacheStore = {
      ...inner,
      open: async (k) => {
        const w = await inner.open!(k);
        return { write: (c) => w.write(c), abort: () => (aborted++, w.abort()) };
      },
    };
    const session = createWorkerSession({ cache: store, minCachedBytes: 0 });
    const { openInputs } = await import('./open-inputs');
    session.opened = await openInputs([
      userFile('run/ASCEND_PROFILER_OUTPUT/trace_view.json', trace),
    ]);
    const id = session.opened.discovery.profiles[0]!.id;
    const ac = new AbortController();
    ac.abort();
    await expect(
      session.handlers['import']({ profileId: id }, { signal: ac.signal, progress: () => {} }),
    ).rejects.toThrow();
    await session.cacheIdle();
    expect(aborted).toBe(1);
    expect((await inner.usage()).entries).toBe(0);
  });
});

describe('cluster overview', () => {
  it('summarises every rank from the small files only', async () => {
    const { generateCluster } = await import('../generator/cluster');
    const { files, truth } = generateCluster({
      ranks: 4,
      ranksPerHost: 2,
      tp: 2,
      steps: 2,
      slowRank: 2,
      skewNsByHost: [0, 5000],
      seed: 3,
    });
    const session = createWorkerSession();
    await session.handlers['open'](files, ctx());
    const ranks = (await session.handlers['cluster:overview'](undefined, ctx())) as {
      rank: number;
      steps: unknown[];
      collectives: { source: string }[];
    }[];
    expect(ranks.map((r) => r.rank).sort()).toEqual([0, 1, 2, 3]);
    expect(ranks.every((r) => r.steps.length === 2)).toBe(true);
    expect(
      ranks.flatMap((r) => r.collectives).every((c) => c.source === 'communication.json'),
    ).toBe(true);
    expect(truth.slowRank).toBe(2);
  });
});

describe('timeline source switching', () => {
  it('builds the profiler db timeline on demand when trace_view.json was used', async () => {
    const { locateSqlJsInNode } = await import('./db/sql-loader-node');
    const { loadSqlJs } = await import('./db/sql-loader');
    const { makeDb, schema100 } = await import('./db/test-dbs');
    locateSqlJsInNode();
    const db = makeDb(await loadSqlJs(), schema100());
    const session = createWorkerSession();
    const res = await session.handlers['open'](
      [
        { path: 'r_ascend_pt/ASCEND_PROFILER_OUTPUT/trace_view.json', data: trace },
        { path: 'r_ascend_pt/ASCEND_PROFILER_OUTPUT/ascend_pytorch_profiler_0.db', data: db },
      ],
      ctx(),
    );
    const p = await session.handlers['import']({ profileId: res.profiles[0]!.id }, ctx());
    expect(p.traceSource).toBe('r_ascend_pt/ASCEND_PROFILER_OUTPUT/trace_view.json');
    const dbPath = (p.json['db'] as { traceSource: { path: string; built: boolean } }).traceSource;
    expect(dbPath.built).toBe(false);
    const fromDb = (await session.handlers['trace:from-db'](
      { path: dbPath.path },
      ctx(),
    )) as ProfileModel['trace'];
    expect(fromDb!.stats.slices).toBeGreaterThan(0);
    expect(fromDb!.processes.some((pr) => pr.name === 'Ascend Hardware')).toBe(true);
  });
});
