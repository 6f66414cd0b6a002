/**
 * What the import worker does, as plain async functions (testable without a worker): open the
 * dropped files and discover profiles, import one profile, and whatever later modules register.
 */
import type { ProfileModel } from '../model/profile';
import { attachLodPyramids } from '../model/lod-pyramid';
import { importProfile } from './import-profile';
import { openInputs, type OpenedInputs } from './open-inputs';
import type { ImportProgress } from './readers/reader';
import { blobFile, memoryFile, readAll, type InputFile } from './sources/input-file';
import { buildTraceFromDb } from './db';
import type { ScanPool } from './trace/parallel-scan';
import { rankSummaryOf, reduceMatrixRows, type RankSummary } from '../model/cluster/rank-summary';
import type { Handlers } from '../lib/worker-protocol';
import { epochMs } from '../lib/epoch';
import {
  loadCachedProfile,
  profileCacheKey,
  type CacheStore,
  type CacheWriter,
} from './cache/profile-cache';
import { serialize } from './cache/serialize';
import type { ImportProtocol, OpenResult, RankMatrixRows } from './worker-protocol';
import { readClusterOutput } from './cluster/read-cluster-output';
import { AdvisorInputsCache } from './advisor/advisor-cache';
import { copyProfileLean, copyTyped } from './profile-copy';
import { startAfterImport, type AfterImport, type AfterImportOptions } from './worker-after-import';

/** The small files the cluster overview reads from every rank (never the traces). */
export function isClusterOverviewKind(kind: string): boolean {
  return (
    kind === 'profiler_info.json' ||
    kind === 'profiler_metadata.json' ||
    kind === 'step_trace_time.csv' ||
    kind === 'communication.json' ||
    kind === 'analysis.db'
  );
}

/** The handlers of the import protocol that need no browser (the worker adds the others). */
export type SessionHandlers = Omit<Handlers<ImportProtocol>, 'warmup' | 'debug:crash'>;

export interface WorkerSession {
  opened: OpenedInputs | null;
  /** Parallel scan workers, when the environment has them. */
  pool: ScanPool | null;
  /** Reopen cache of parsed profiles, when storage is available. */
  cache: CacheStore | null;
  handlers: SessionHandlers;
  /** Resolves when every cache write started so far has finished. */
  cacheIdle(): Promise<void>;
}

export interface SessionOptions {
  pool?: ScanPool | null;
  cache?: CacheStore | null;
  /** Identifies the app build: cached models from another build are not reused. */
  buildId?: string;
  /** Smallest profile worth caching (bytes). */
  minCachedBytes?: number;
}

/**
 * Writes a profile's reopen-cache entry from the import worker's copy of the profile (after the
 * hand-over, so it never delays `ready`): into the entry opened ahead where the store does that
 * (`writer`: null when opening failed), else with `put`. A cancelled import's entry is dropped.
 * Resolves when the entry is complete; never rejects (the cache is an optimisation only).
 */
async function writeCacheEntry(
  store: CacheStore,
  key: string,
  copy: ProfileModel,
  writer: CacheWriter | null,
  cancelled: boolean,
): Promise<void> {
  if (cancelled) return writer?.abort();
  if (store.open && !writer) return;
  let chunks: Uint8Array[];
  try {
    chunks = serialize(copy);
  } catch {
    return writer?.abort(); // nothing written: the entry goes
  }
  if (!writer) return store.put(key, chunks).catch(() => undefined);
  await writer.write(chunks).catch(() => undefined);
}

export function createWorkerSession(opts: SessionOptions = {}): WorkerSession {
  const session: Omit<WorkerSession, 'handlers'> = {
    opened: null,
    pool: opts.pool ?? null,
    cache: opts.cache ?? null,
    cacheIdle: async () => {
      for (const start of unstarted) start();
      await Promise.all(cacheWrites.values());
    },
  };
  // Cache writes run after the profile has been handed over, so they never delay `ready`.
  const cacheWrites = new Map<string, Promise<void>>();
  const buildId = opts.buildId ?? 'dev';
  // The advisor's inputs, extracted after each hand-over from the worker's copy of the profile.
  const advisor = new AdvisorInputsCache();
  // The checks and the join of profiles handed over without them, until the page asks.
  const afterImport = new Map<string, { answer: Promise<AfterImport>; start: () => void }>();
  // The start of each work not yet done (waiting for the cache starts it).
  const unstarted = new Set<() => void>();
  /**
   * Copies the profile (its own buffers go to the page) and starts the work that follows the
   * hand-over on the copy (worker-after-import.ts).
   */
  const handOver = (
    profile: ProfileModel,
    o: Omit<AfterImportOptions, 'advisor'>,
  ): Promise<void> => {
    const copy = copyProfileLean(profile);
    if (o.checks) profile.checksPending = true;
    const work = startAfterImport(copy, { ...o, advisor });
    // The page's answer owns its arrays (moved to the page): the copy keeps its own for the cache.
    const answer = work.checks.then((a) => ({ ...a, kernelJoin: copyTyped(a.kernelJoin) }));
    const pending = { answer, start: work.start };
    // Started when the page asks for the checks, or `advisor:run` or the cache needs the work.
    if (o.checks) afterImport.set(o.profileId, pending);
    unstarted.add(work.start);
    void work.done.then(() => {
      unstarted.delete(work.start);
      if (o.cancelled() && afterImport.get(o.profileId) === pending)
        afterImport.delete(o.profileId);
    });
    return work.done;
  };
  const handlers: SessionHandlers = {
    open: async (files) => {
      const inputs: InputFile[] = files.map((f) =>
        'blob' in f ? blobFile(f.path, f.blob, f.lastModified) : memoryFile(f.path, f.data),
      );
      session.opened = await openInputs(inputs);
      const result: OpenResult = {
        profiles: session.opened.discovery.profiles,
        reports: session.opened.reports,
      };
      return result;
    },
    import: async ({ profileId }, ctx) => {
      const opened = session.opened;
      if (!opened) throw new Error('nothing has been opened');
      const d = opened.discovery.profiles.find((p) => p.id === profileId);
      if (!d) throw new Error(`no profile "${profileId}"`);
      const key = session.cache
        ? profileCacheKey(d, opened.files, buildId, opts.minCachedBytes)
        : null;
      const inputBytes = d.files.reduce((a, f) => a + (opened.files.get(f)?.size ?? 0), 0);
      if (session.cache && key) {
        ctx.progress({ path: d.root, stage: 'cache', bytesRead: 0, bytesTotal: 1, items: 0 });
        if (cacheWrites.has(key)) await session.cacheIdle();
        const cached = await loadCachedProfile(session.cache, key);
        if (cached) {
          // It has its checks and join; the advisor's inputs follow the hand-over.
          void handOver(cached, {
            profileId: d.id,
            files: opened.files,
            checks: false,
            writeCache: null,
            cancelled: () => ctx.signal.aborted,
          });
          return cached;
        }
      }
      // The cache entry is opened now, while the files are read, so that writing it does not
      // wait for storage.
      const entry =
        session.cache?.open && key ? session.cache.open(key, inputBytes).catch(() => null) : null;
      let profile: ProfileModel;
      try {
        profile = await importProfile(d, opened.files, {
          signal: ctx.signal,
          argsFromFile: true,
          pool: session.pool ?? undefined,
          onProgress: (p: ImportProgress) => ctx.progress(p),
          deferChecks: true,
        });
      } catch (e) {
        void entry?.then((w) => w?.abort());
        throw e;
      }
      const marks = profile.trace?.importTimings?.marks;
      const mark = (k: string) => marks && (marks[k] = epochMs());
      mark('imported');
      // The timeline's level-of-detail pyramids, built here rather than on the page.
      attachLodPyramids(profile.trace);
      mark('lod');
      // The checks, the join, the advisor's inputs and the cache entry follow the hand-over, at
      // every size.
      const store = session.cache;
      const done = handOver(profile, {
        profileId: d.id,
        files: opened.files,
        checks: true,
        writeCache:
          store && key
            ? async (copy) =>
                writeCacheEntry(store, key, copy, entry ? await entry : null, ctx.signal.aborted)
            : null,
        cancelled: () => ctx.signal.aborted,
      });
      mark('copied');
      if (store && key)
        cacheWrites.set(
          key,
          done.finally(() => cacheWrites.delete(key)),
        );
      return profile;
    },
    'trace:from-db': async ({ path }) => {
      const file = session.opened?.files.get(path);
      if (!file) throw new Error(`${path}: not among the opened files`);
      const trace = await buildTraceFromDb(await readAll(file), { path });
      attachLodPyramids(trace);
      return trace;
    },
    'cluster:overview': async (_payload, ctx) => {
      const opened = session.opened;
      if (!opened) throw new Error('nothing has been opened');
      const ranks = opened.discovery.profiles.filter((p) => p.kind === 'ascend');
      const out: RankSummary[] = [];
      for (const d of ranks) {
        if (ctx.signal.aborted) break;
        ctx.progress({
          path: d.root,
          stage: 'cluster overview',
          bytesRead: out.length,
          bytesTotal: ranks.length,
          items: out.length,
        });
        const p = await importProfile(d, opened.files, {
          signal: ctx.signal,
          only: isClusterOverviewKind,
        });
        out.push(rankSummaryOf(p, out.length));
      }
      return out;
    },
    'cluster:matrices': async (_payload, ctx) => {
      const opened = session.opened;
      if (!opened) throw new Error('nothing has been opened');
      const ranks = opened.discovery.profiles.filter((p) => p.kind === 'ascend');
      const out: RankMatrixRows[] = [];
      for (let i = 0; i < ranks.length; i++) {
        const d = ranks[i]!;
        if (ctx.signal.aborted) break;
        ctx.progress({
          path: d.root,
          stage: 'communication matrices',
          bytesRead: i,
          bytesTotal: ranks.length,
          items: out.length,
        });
        const p = await importProfile(d, opened.files, {
          signal: ctx.signal,
          // analysis.db's CommAnalyzerMatrix already came with the overview.
          only: (k) => k === 'communication_matrix.json',
        });
        const rows = p.ascend.commMatrix;
        if (rows?.length) out.push({ profileId: d.id, rows: reduceMatrixRows(rows) });
      }
      return out;
    },
    // msprof-analyze's cluster_analysis_output/ beside the ranks (null when there is none).
    'cluster:output': async (_payload, ctx) => {
      const opened = session.opened;
      if (!opened) throw new Error('nothing has been opened');
      return readClusterOutput(opened.files, opened.discovery.clusterFiles, ctx.signal);
    },
    'import:after': async ({ profileId }) => {
      const pending = afterImport.get(profileId);
      if (!pending) throw new Error(`no checks are being made for "${profileId}"`);
      afterImport.delete(profileId);
      pending.start();
      return pending.answer;
    },
    'advisor:run': ({ profileId, thresholds }) => {
      for (const start of unstarted) start(); // its inputs come from that work
      return advisor.run(profileId, thresholds ?? {});
    },
    'cache:usage': async () => {
      await session.cacheIdle();
      return session.cache ? session.cache.usage() : { bytes: 0, entries: 0 };
    },
    'cache:clear': async () => {
      await session.cacheIdle();
      await session.cache?.clear();
      return true;
    },
  };
  return Object.assign(session, { handlers });
}
