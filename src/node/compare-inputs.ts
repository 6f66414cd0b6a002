/**
 * Opens one side of `compare`: a folder, zip or file holding one profile, or several (ranks)
 * of which `--profile` picks one or `--aggregate` folds every one into the side.
 */
import { locateSqlJsInNode } from '../import/db/sql-loader-node';
import { nothingFoundMessage } from '../import/discover';
import { importProfile } from '../import/import-profile';
import { openInputs } from '../import/open-inputs';
import type { ImportProgress } from '../import/readers/reader';
import type { InputFile } from '../import/sources/input-file';
import { aggregateSides } from '../model/compare/aggregate';
import { compareSide, type CompareSide } from '../model/compare/compare';
import { sideInfo, type CompareSideInfo } from '../model/compare/compare-json';
import type { CompareKey } from '../model/compare/side';
import { profileHasData } from '../model/summarize-profile';
import { pickProfile } from './query-inputs';

export interface SidePick {
  /** A profile id, label or rank (as `query --profile`). */
  profile?: string;
  /** Every profile of the input, folded into one side. */
  aggregate?: boolean;
}

export interface LoadedSide {
  info: CompareSideInfo;
  side: CompareSide;
  /** Every rank's own side (one entry without --aggregate). */
  ranks: { id: string; rank: number | null; side: CompareSide }[];
}

export async function loadCompareSide(
  inputs: InputFile[],
  sourceName: string,
  path: string,
  opts: { by: CompareKey; pick?: SidePick; onProgress?: (p: ImportProgress) => void },
): Promise<LoadedSide | { error: string }> {
  locateSqlJsInNode();
  if (inputs.length === 0) return { error: `${sourceName}: empty folder` };
  const opened = await openInputs(inputs);
  const { profiles } = opened.discovery;
  if (profiles.length === 0) return { error: nothingFoundMessage(sourceName, opened.reports) };
  const pick = opts.pick ?? {};
  let chosen = profiles;
  if (!pick.aggregate) {
    if (pick.profile !== undefined) {
      const p = pickProfile(profiles, pick.profile);
      if ('error' in p) return { error: `${sourceName}: ${p.error}` };
      chosen = [p];
    } else if (profiles.length > 1)
      return {
        error: `${sourceName}: ${profiles.length} profiles (${profiles
          .slice(0, 4)
          .map((d) => d.label)
          .join(
            ', ',
          )}${profiles.length > 4 ? ', …' : ''}); give one rank's folder or file, --profile <id|rank> or --aggregate`,
      };
  }
  const ranks: LoadedSide['ranks'] = [];
  let info: CompareSideInfo | null = null;
  // One rank at a time: only its side's figures are kept, not its model.
  for (const d of chosen) {
    const p = await importProfile(d, opened.files, {
      argsFromFile: true,
      onProgress: opts.onProgress,
    });
    if (!profileHasData(p)) {
      const failed = p.inputs.find((i) => i.status === 'failed');
      return {
        error: failed
          ? `${failed.path}: ${failed.reason}`
          : `${d.root || sourceName}: nothing readable found`,
      };
    }
    info ??= sideInfo(path, p);
    ranks.push({ id: d.id, rank: d.rank, side: compareSide(p, opts.by) });
  }
  if (!pick.aggregate) return { info: info!, side: ranks[0]!.side, ranks };
  const rankIds = ranks.flatMap((r) => (r.rank !== null ? [r.rank] : []));
  return {
    info: {
      ...info!,
      rank: null,
      profiles: ranks.map((r) => r.id),
      ranks: rankIds,
    },
    side: aggregateSides(ranks.map((r) => r.side)),
    ranks,
  };
}
