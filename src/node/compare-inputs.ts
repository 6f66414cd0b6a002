/** Opens one side of `compare`: a folder, zip or file holding exactly one profile, imported. */
import { locateSqlJsInNode } from '../import/db/sql-loader-node';
import { nothingFoundMessage } from '../import/discover';
import { importProfile } from '../import/import-profile';
import { openInputs } from '../import/open-inputs';
import type { ImportProgress } from '../import/readers/reader';
import type { InputFile } from '../import/sources/input-file';
import type { ProfileModel } from '../model/profile';
import { profileHasData } from '../model/summarize-profile';

export type LoadedSide = { profile: ProfileModel } | { error: string };

export async function loadCompareSide(
  inputs: InputFile[],
  sourceName: string,
  onProgress?: (p: ImportProgress) => void,
): Promise<LoadedSide> {
  locateSqlJsInNode();
  if (inputs.length === 0) return { error: `${sourceName}: empty folder` };
  const opened = await openInputs(inputs);
  const { profiles } = opened.discovery;
  if (profiles.length === 0) return { error: nothingFoundMessage(sourceName, opened.reports) };
  if (profiles.length > 1)
    return {
      error: `${sourceName}: ${profiles.length} profiles (${profiles
        .slice(0, 4)
        .map((d) => d.label)
        .join(', ')}${profiles.length > 4 ? ', …' : ''}); give one rank's folder or file`,
    };
  const p = await importProfile(profiles[0]!, opened.files, { argsFromFile: true, onProgress });
  if (!profileHasData(p)) {
    const failed = p.inputs.find((i) => i.status === 'failed');
    return {
      error: failed ? `${failed.path}: ${failed.reason}` : `${sourceName}: nothing readable found`,
    };
  }
  return { profile: p };
}
