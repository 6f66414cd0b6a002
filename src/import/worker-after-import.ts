/**
 * What the import worker does after handing a profile over, on its own copy of the profile
 * (profile-copy.ts), so `ready` does not wait for it: the cross-view checks and the Kernels join
 * (answered to the page's `import:after`, which merges them into the profile it holds), then the
 * advisor's inputs (kept for `advisor:run`) and the reopen-cache entry, written from the copy
 * with the checks and the join in it. The analysis the checks made of the copy is let go before
 * the entry is written (`withoutAnalysis`), the copy once it is.
 */
import { epochMs } from '../lib/epoch';
import { attachCrossChecks } from '../model/analysis/invariants';
import { attachKernelJoin, type KernelJoinData } from '../model/analysis/kernel-join';
import type { ProfileModel } from '../model/profile';
import type { AdvisorInputsCache } from './advisor/advisor-cache';
import { errorText } from './import-profile';
import { restoreDerived } from './profile-copy';
import type { InputFile } from './sources/input-file';

/** The `import:after` answer: what the page merges into the profile it was handed. */
export interface AfterImport {
  crossChecks?: ProfileModel['crossChecks'];
  kernelJoin?: KernelJoinData;
  /** The import worker's stage marks after the hand-over (epoch ms), for bench:import. */
  marks: Record<string, number>;
}

export interface AfterImportWork {
  /** The checks and the join, for the page. */
  checks: Promise<AfterImport>;
  /** Everything done (checks, advisor inputs, cache entry); never rejects. */
  done: Promise<void>;
  /**
   * Starts the work now (it starts by itself `START_LATEST_MS` after the hand-over): the page
   * asks once it has drawn, so the work does not take a core from its first frame.
   */
  start: () => void;
}

/** When the work starts if nothing asked for it (ms after the hand-over). */
export const START_LATEST_MS = 2000;

export interface AfterImportOptions {
  profileId: string;
  files: ReadonlyMap<string, InputFile>;
  advisor: AdvisorInputsCache;
  /** Make the checks and the join (a fresh import; a cached profile has them). */
  checks: boolean;
  /**
   * Writes the reopen-cache entry from the copy, or drops it when the import was cancelled (null:
   * no entry); never rejects.
   */
  writeCache: ((copy: ProfileModel) => Promise<void>) | null;
  /** The import was cancelled: no checks, no advisor inputs. */
  cancelled: () => boolean;
}

/**
 * The checks and the join on `copy` (attached to it, so the cache entry holds them). A failure of
 * the checks is their result: one `check_error` warning with the error as its example (the
 * profile is still shown); a failed join is left for the Kernels view to make.
 */
export function checksOf(copy: ProfileModel): Omit<AfterImport, 'marks'> {
  try {
    attachCrossChecks(copy);
  } catch (e) {
    copy.crossChecks = {
      traceSource: copy.traceSource ?? null,
      warnings: [{ code: 'check_error', count: 1, example: errorText(e) }],
    };
  }
  try {
    attachKernelJoin(copy);
  } catch {
    delete copy.kernelJoin;
  }
  return {
    crossChecks: copy.crossChecks,
    ...(copy.kernelJoin ? { kernelJoin: copy.kernelJoin } : {}),
  };
}

/**
 * `p` as new profile and trace objects over the same tables and arrays: the analysis memoised on
 * the old ones (analyze.ts, the Kernels link index, the launch links, the Overview figures: all
 * in WeakMaps keyed by them, ~0.3× a torch_npu trace at 1 GB) becomes garbage once the caller
 * lets them go, while the cache entry is still written from the same data (serialised the same).
 */
export function withoutAnalysis(p: ProfileModel): ProfileModel {
  return { ...p, trace: p.trace ? { ...p.trace } : p.trace };
}

/**
 * Sets up the work after the hand-over: it begins when `start` is called or `START_LATEST_MS`
 * after (in any case in a later task than the caller's, so the profile is posted first).
 */
export function startAfterImport(copy: ProfileModel, o: AfterImportOptions): AfterImportWork {
  const marks: Record<string, number> = {};
  const mark = (k: string) => {
    const t = epochMs();
    marks[k] = t;
    const m = copy.trace?.importTimings?.marks;
    if (m) m[k] = t;
  };
  let start!: () => void;
  const started = new Promise<void>((r) => {
    const timer = setTimeout(r, START_LATEST_MS);
    start = () => {
      clearTimeout(timer);
      setTimeout(r, 0);
    };
  });
  const checks = started.then((): AfterImport => {
    if (o.cancelled() || !o.checks) return { marks };
    const out = checksOf(copy);
    mark('checked');
    return { ...out, marks };
  });
  // Registered now, so an `advisor:run` that comes before they are made waits for them.
  const advised = o.advisor
    .keep(
      o.profileId,
      copy,
      o.files,
      checks.then(() => {
        if (o.cancelled()) throw new Error('the import was cancelled');
      }),
    )
    .then(() => mark('advised'));
  const done = advised
    .then(() => {
      // The checks, the join and the advisor's inputs are made: the entry needs only the data.
      copy = withoutAnalysis(copy);
      if (!o.writeCache) return;
      // What the copy was made without (the timeline's indexes), made again for the entry.
      restoreDerived(copy.trace);
      return o.writeCache(copy);
    })
    .catch(() => undefined);
  return { checks, done, start };
}
