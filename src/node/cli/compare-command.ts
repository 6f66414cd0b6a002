/**
 * `ascend-trace-viewer compare <baseline> <target>` (alias `npm run compare -- …`): one JSON
 * object on stdout (see model/compare/compare-json.ts and README "Compare two runs"), exit 0;
 * on unusable input one line naming the input and the problem on stderr, exit 2.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { compareSides, DEFAULT_COMPARE_OPTIONS, stepsSide } from '../../model/compare/compare';
import { compareJson, type PerRankRow } from '../../model/compare/compare-json';
import { loadCompareSide, type LoadedSide, type SidePick } from '../compare-inputs';
import { listInputFiles } from '../node-files';
import { progressLine, type CliIo } from './io';

export const COMPARE_HELP = `usage: ascend-trace-viewer compare <baseline> <target> [--by name|shapes] [--threshold PCT]
           [--profile ID|RANK | --baseline-profile ID|RANK --target-profile ID|RANK | --aggregate]
       npm run compare -- <baseline> <target>

Prints one JSON object comparing two runs: baseline and target (path, kind, steps), summary,
kernels and operators (one row per name: count and total on each side, deltaNs, status),
steps (mean per step of each breakdown category, Δ, and per step aligned by index) and
communication (per collective type and group). Δ = target − baseline; times in ns. The
documented keys (README) are a stable contract.

<baseline>, <target>  each a profile: an ASCEND_PROFILER_OUTPUT folder, its *_ascend_pt
                      parent, a .zip, or one trace file (trace_view.json, Kineto .json, .json.gz);
                      or a run / cluster folder with several ranks, with one of the options below
--profile ID|RANK     the same rank (or profile id) on both sides
--baseline-profile ID|RANK, --target-profile ID|RANK
                      a rank per side (e.g. rank 0 vs rank 3 of one run: give the folder twice)
--aggregate           every rank of each side folded into one: kernel, operator and
                      communication totals and device times summed over the ranks, steps the
                      mean over the ranks per step index; "perRank" compares rank by rank
--by shapes           one row per name + input shapes instead of per name
--threshold PCT       |Δ total| ≤ PCT % of the baseline total is "same" (default ${DEFAULT_COMPARE_OPTIONS.thresholdPct})

Exit status: 0 on success; 2 with one line on stderr for unusable input.
`;

const USAGE =
  'usage: ascend-trace-viewer compare <baseline> <target> [--by name|shapes] [--threshold PCT] [--profile ID|RANK | --aggregate]\n';

/** Each rank against its namesake (by rank; by position when a side has ranks unknown). */
function perRank(b: LoadedSide, t: LoadedSide): PerRankRow[] {
  const known = [...b.ranks, ...t.ranks].every((r) => r.rank !== null);
  const figures = (r: LoadedSide['ranks'][number] | undefined) =>
    r
      ? { stepMeanNs: stepsSide(r.side).meanNs, busyNs: r.side.figures.device?.busyNs ?? null }
      : null;
  const keys = known
    ? [...new Set([...b.ranks, ...t.ranks].map((r) => r.rank!))].sort((x, y) => x - y)
    : [...Array(Math.max(b.ranks.length, t.ranks.length)).keys()];
  return keys.map((k) => {
    const rb = known ? b.ranks.find((r) => r.rank === k) : b.ranks[k];
    const rt = known ? t.ranks.find((r) => r.rank === k) : t.ranks[k];
    const fb = figures(rb);
    const ft = figures(rt);
    return {
      rank: known ? k : (rb?.rank ?? rt?.rank ?? null),
      baselineProfile: rb?.id ?? null,
      targetProfile: rt?.id ?? null,
      baseline: fb,
      target: ft,
      deltaStepMeanNs:
        fb?.stepMeanNs != null && ft?.stepMeanNs != null ? ft.stepMeanNs - fb.stepMeanNs : null,
    };
  });
}

export async function compareCommand(args: string[], io: CliIo): Promise<number> {
  const paths: string[] = [];
  let by = DEFAULT_COMPARE_OPTIONS.by;
  let thresholdPct = DEFAULT_COMPARE_OPTIONS.thresholdPct;
  const picks: [SidePick, SidePick] = [{}, {}];
  let aggregate = false;
  const value = (name: string, v: string | undefined): string | null => {
    if (v === undefined || v.startsWith('--')) {
      io.err(`compare: ${name} takes a profile id or rank\n`);
      return null;
    }
    return v;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--by') {
      const v = args[++i];
      if (v !== 'name' && v !== 'shapes') {
        io.err('compare: --by takes name or shapes\n');
        return 2;
      }
      by = v;
    } else if (a === '--threshold') {
      const v = Number(args[++i]);
      if (!Number.isFinite(v) || v < 0) {
        io.err('compare: --threshold takes a percentage ≥ 0\n');
        return 2;
      }
      thresholdPct = v;
    } else if (a === '--profile' || a === '--baseline-profile' || a === '--target-profile') {
      const v = value(a, args[++i]);
      if (v === null) return 2;
      if (a !== '--target-profile') picks[0].profile = v;
      if (a !== '--baseline-profile') picks[1].profile = v;
    } else if (a === '--aggregate') aggregate = true;
    else if (a.startsWith('--')) {
      io.err(`compare: unknown option ${a}\n`);
      return 2;
    } else paths.push(a);
  }
  if (paths.length !== 2) {
    io.err(USAGE);
    return 2;
  }
  if (aggregate && (picks[0].profile !== undefined || picks[1].profile !== undefined)) {
    io.err('compare: --aggregate compares every rank; it does not take --profile\n');
    return 2;
  }
  const sides: LoadedSide[] = [];
  for (const [k, path] of paths.entries()) {
    if (!existsSync(path)) {
      io.err(`${path}: no such file or folder\n`);
      return 2;
    }
    const progress = progressLine(io);
    const r = await loadCompareSide(
      await listInputFiles(path),
      basename(path.replace(/\/+$/, '')),
      path,
      { by, pick: aggregate ? { aggregate } : picks[k], onProgress: progress?.onProgress },
    );
    progress?.done();
    if ('error' in r) {
      io.err(`${r.error}\n`);
      return 2;
    }
    sides.push(r);
  }
  const [b, t] = sides as [LoadedSide, LoadedSide];
  const result = compareSides(b.side, t.side, { by, thresholdPct });
  const json = compareJson(result, b.info, t.info, {
    aggregate,
    perRank: aggregate ? perRank(b, t) : undefined,
  });
  io.out(`${JSON.stringify(json, null, 2)}\n`);
  return 0;
}
