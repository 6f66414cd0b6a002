import type { InputReport, ProfileModel } from '../../model/profile';
import type { ImportProgress } from '../../model/import-progress';
import type { InputFile } from '../sources/input-file';
import type { ScanPool } from '../trace/parallel-scan';

export type { ImportProgress } from '../../model/import-progress';

export interface ImportContext {
  /** The profile being filled. Readers add to it; they never replace what another reader set. */
  profile: ProfileModel;
  signal?: AbortSignal;
  argsFromFile: boolean;
  /** Workers to scan large trace files in parallel (absent: one streaming scan). */
  pool?: ScanPool;
  progress: (p: ImportProgress) => void;
}

/**
 * Reads one file into the profile. Sets `report.status`/`reason`/`warnings`; throws only for a
 * failure that should mark the file as failed (the message names the problem).
 */
export type FileReader = (
  file: InputFile,
  ctx: ImportContext,
  report: InputReport,
) => Promise<void>;
