/** Opens inputs, imports every profile and builds the summary JSON (the summarize command's core). */
import { locateSqlJsInNode } from '../import/db/sql-loader-node';
import { importProfile } from '../import/import-profile';
import { nothingFoundMessage } from '../import/discover';
import { openInputs } from '../import/open-inputs';
import type { ImportProgress } from '../import/readers/reader';
import type { InputFile } from '../import/sources/input-file';
import { SUMMARY_EXTENSIONS } from '../import/summary-extensions';
import { clusterSummary } from '../model/cluster/cluster-summary';
import { rankSummaryOf, type RankSummary } from '../model/cluster/rank-summary';
import {
  inputJson,
  profileHasData,
  summarizeProfile,
  type ProfileSummary,
} from '../model/summarize-profile';
import { adviseProfile } from '../import/advisor/advisor-run';
import { adviceSummary } from '../model/advisor/engine';
import { clusterAdvice, type RankComm } from '../model/advisor/cluster-advice';

export type SummaryResult = { summary: Record<string, unknown> } | { error: string };

/**
 * `sourceName` names what was opened in messages (the folder or file given on the command line);
 * by default the top folder the inputs share.
 */
export async function summarizeInputs(
  inputs: InputFile[],
  sourceName = commonTop(inputs),
  onProgress?: (p: ImportProgress) => void,
): Promise<SummaryResult> {
  locateSqlJsInNode();
  if (inputs.length === 0) return { error: `${sourceName || 'input'}: empty folder` };
  const opened = await openInputs(inputs);
  const { profiles } = opened.discovery;
  if (profiles.length === 0) return { error: nothingFoundMessage(sourceName, opened.reports) };
  const summaries: ProfileSummary[] = [];
  const rankSummaries: RankSummary[] = [];
  const rankComm: RankComm[] = [];
  let anyData = false;
  let firstFailure: string | null = null;
  for (const d of profiles) {
    const p = await importProfile(d, opened.files, { argsFromFile: true, onProgress });
    if (d.kind === 'ascend' && d.rank !== null) {
      rankSummaries.push(rankSummaryOf(p, rankSummaries.length));
      rankComm.push({ rank: d.rank, communication: p.ascend.communication ?? null });
    }
    anyData ||= profileHasData(p);
    const failed = p.inputs.find((i) => i.status === 'failed');
    if (failed && !firstFailure) firstFailure = `${failed.path}: ${failed.reason}`;
    summaries.push({
      ...summarizeProfile(p, SUMMARY_EXTENSIONS),
      advice: adviceSummary(await adviseProfile(p, opened.files)),
    });
  }
  if (!anyData)
    return {
      error: firstFailure ?? `${profiles[0]!.root || inputs[0]!.path}: nothing readable found`,
    };
  if (summaries.length === 1) {
    const s = summaries[0]!;
    return { summary: { ...s, inputs: [...s.inputs, ...opened.reports.map(inputJson)] } };
  }
  const cluster =
    rankSummaries.length > 1
      ? {
          cluster: {
            ...clusterSummary(rankSummaries),
            advice: adviceSummary({ findings: clusterAdvice(rankSummaries, rankComm) }),
          },
        }
      : {};
  return { summary: { profiles: summaries, inputs: opened.reports.map(inputJson), ...cluster } };
}

/** The first path segment every input shares ('' when they differ). */
function commonTop(inputs: readonly InputFile[]): string {
  const tops = new Set(inputs.map((f) => f.path.split('/')[0]));
  return tops.size === 1 ? [...tops][0]! : '';
}
