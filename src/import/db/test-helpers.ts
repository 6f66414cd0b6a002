/**
 * Test helpers shared by this folder's tests: a blank profile and running a db FileReader on
 * bytes the way the importer does (report recorded in `profile.inputs`).
 */
import type { InputReport, ProfileDescriptor, ProfileModel } from '../../model/profile';
import { emptyProfile } from '../../model/profile';
import type { FileReader, ImportContext } from '../readers/reader';
import { memoryFile } from '../sources/input-file';

/** An Ascend profile descriptor with nothing known; `over` sets what a test needs. */
export function testDescriptor(over: Partial<ProfileDescriptor> = {}): ProfileDescriptor {
  return {
    id: '',
    root: '',
    label: 'test',
    kind: 'ascend',
    rank: null,
    runFolder: null,
    level: null,
    exportType: null,
    host: null,
    files: [],
    ...over,
  };
}

/** An empty profile (see `testDescriptor`). */
export function testProfile(over: Partial<ProfileDescriptor> = {}): ProfileModel {
  return emptyProfile(testDescriptor(over));
}

/** Runs `reader` on `bytes` as the file `path` into `profile`; returns the profile and report. */
export async function readDb(
  reader: FileReader,
  path: string,
  bytes: Uint8Array,
  profile: ProfileModel = testProfile(),
): Promise<{ profile: ProfileModel; report: InputReport }> {
  const report: InputReport = { path, kind: 'db', bytes: bytes.length, status: 'skipped' };
  const ctx: ImportContext = { profile, argsFromFile: false, progress: () => {} };
  await reader(memoryFile(path, bytes), ctx, report);
  profile.inputs.push(report);
  return { profile, report };
}
