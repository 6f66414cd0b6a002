/**
 * What the import worker does, as plain async functions (testable without a worker): open the
 * dropped files and discover profiles, import one profile, and whatever later modules register.
 */
import type { InputReport, ProfileDescriptor, ProfileModel } from '../model/profile';
import { importProfile } from './import-profile';
import { openInputs, type OpenedInputs } from './open-inputs';
import type { ImportProgress } from './readers/reader';
import { blobFile, memoryFile, type InputFile } from './sources/input-file';
import type { ScanPool } from './trace/parallel-scan';
import type { Handler, OpenedFile } from './worker-protocol';

export interface OpenResult {
  profiles: ProfileDescriptor[];
  reports: InputReport[];
}

export interface WorkerSession {
  opened: OpenedInputs | null;
  /** Parallel scan workers, when the environment has them. */
  pool: ScanPool | null;
  handlers: Record<string, Handler>;
}

export function createWorkerSession(pool: ScanPool | null = null): WorkerSession {
  const session: WorkerSession = { opened: null, pool, handlers: {} };
  session.handlers['open'] = async (payload) => {
    const files = payload as (OpenedFile | { path: string; data: Uint8Array | string })[];
    const inputs: InputFile[] = files.map((f) =>
      'blob' in f ? blobFile(f.path, f.blob, f.lastModified) : memoryFile(f.path, f.data),
    );
    session.opened = await openInputs(inputs);
    const result: OpenResult = {
      profiles: session.opened.discovery.profiles,
      reports: session.opened.reports,
    };
    return result;
  };
  session.handlers['import'] = async (payload, ctx) => {
    const { profileId } = payload as { profileId: string };
    const opened = session.opened;
    if (!opened) throw new Error('nothing has been opened');
    const d = opened.discovery.profiles.find((p) => p.id === profileId);
    if (!d) throw new Error(`no profile "${profileId}"`);
    const profile: ProfileModel = await importProfile(d, opened.files, {
      signal: ctx.signal,
      argsFromFile: true,
      pool: session.pool ?? undefined,
      onProgress: (p: ImportProgress) => ctx.progress(p),
    });
    return profile;
  };
  return session;
}
