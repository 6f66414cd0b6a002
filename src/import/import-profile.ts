/**
 * Imports one discovered profile: reads each of its files with the reader registered for the
 * file's kind, recording per-file status. A file that fails is reported with its reason and the
 * rest of the folder still loads; only cancellation aborts the whole import.
 */
import { errorMessageOf, msg } from '../lib/message';
import {
  emptyProfile,
  type InputReport,
  type ProfileDescriptor,
  type ProfileModel,
} from '../model/profile';
import { isReadablePath } from './discover';
import { fileKind } from './file-kinds';
import { READERS, READ_ORDER } from './readers/registry';
import type { ImportContext, ImportProgress } from './readers/reader';
import type { InputFile } from './sources/input-file';
import type { ScanPool } from './trace/parallel-scan';
import { ImportCancelled } from './import-cancelled';
import { distributedFacts } from '../model/trace-facts';
import { attachCrossChecks } from '../model/analysis/invariants';
import { attachKernelJoin } from '../model/analysis/kernel-join';

export interface ProfileImportOptions {
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
  /** Keep trace args as byte ranges into the original file (browser Files, Node files). */
  argsFromFile?: boolean;
  /** Workers for parallel trace scanning. */
  pool?: ScanPool;
  /** Which file kinds to read (all when absent): e.g. only small files for a cluster overview. */
  only?: (kind: string) => boolean;
  /**
   * Leave the cross-view checks and the Kernels join to the caller (the import worker makes them
   * after the hand-over, on a copy: worker-after-import.ts).
   */
  deferChecks?: boolean;
}

export async function importProfile(
  descriptor: ProfileDescriptor,
  files: ReadonlyMap<string, InputFile>,
  opts: ProfileImportOptions = {},
): Promise<ProfileModel> {
  const profile = emptyProfile(descriptor);
  const ctx: ImportContext = {
    profile,
    signal: opts.signal,
    argsFromFile: opts.argsFromFile ?? false,
    pool: opts.pool,
    progress: opts.onProgress ?? (() => {}),
  };
  const entries = descriptor.files.map((path) => ({ path, kind: fileKind(path) }));
  const rank = (k: string) => {
    const i = READ_ORDER.indexOf(k);
    return i < 0 ? READ_ORDER.length : i;
  };
  entries.sort((a, b) => rank(a.kind) - rank(b.kind) || a.path.localeCompare(b.path));
  for (const { path, kind } of entries) {
    const file = files.get(path);
    const report: InputReport = { path, kind, bytes: file?.size ?? 0, status: 'skipped' };
    profile.inputs.push(report);
    if (!file) {
      report.status = 'failed';
      report.reason = 'file could not be opened';
      report.reasonMsg = msg('report:reason_not_opened');
      continue;
    }
    if (!isReadablePath(descriptor, path)) {
      report.reason = 'raw profiler data outside ASCEND_PROFILER_OUTPUT; not read';
      report.reasonMsg = msg('report:reason_raw_data');
      continue;
    }
    const reader = READERS[kind];
    if (!reader) {
      report.kind = kind === 'unknown' ? 'unknown' : kind;
      report.reason = 'not a file this viewer reads';
      report.reasonMsg = msg('report:reason_unknown_kind');
      continue;
    }
    if (opts.only && !opts.only(kind)) {
      report.reason = 'not needed for this view';
      report.reasonMsg = msg('report:reason_not_needed');
      continue;
    }
    if (opts.signal?.aborted) throw new ImportCancelled();
    try {
      await reader(file, ctx, report);
      if (report.status === 'skipped' && !report.reason) report.status = 'read';
    } catch (e) {
      if (e instanceof ImportCancelled) throw e;
      report.status = 'failed';
      report.reason = errorText(e);
      const m = errorMessageOf(e);
      if (m) report.reasonMsg = m;
    }
  }
  // A trace file whose distributedInfo came after its events (not seen by discovery's head read).
  if (descriptor.kind === 'trace-file' && descriptor.rank === null && profile.trace) {
    const dist = distributedFacts(profile.trace.metadata);
    if (dist && dist.rank !== null) profile.descriptor = { ...descriptor, rank: dist.rank };
  }
  // The cross-view checks run with the import, so the Overview shows their status at once; the
  // Kernels view's join reads the analysis they made. The import worker runs them itself, right
  // after handing the profile over (`deferChecks`).
  if (!opts.only && !opts.deferChecks) {
    attachCrossChecks(profile);
    attachKernelJoin(profile);
  }
  return profile;
}

export function errorText(e: unknown): string {
  if (e instanceof Error) return e.message || e.name;
  return String(e);
}
