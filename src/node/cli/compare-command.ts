/**
 * `ascend-trace-viewer compare <baseline> <target>` (alias `npm run compare -- …`): one JSON
 * object on stdout (see model/compare/compare-json.ts and README "Compare two runs"), exit 0;
 * on unusable input one line naming the input and the problem on stderr, exit 2.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { compareProfiles, DEFAULT_COMPARE_OPTIONS } from '../../model/compare/compare';
import { compareJson } from '../../model/compare/compare-json';
import { loadCompareSide } from '../compare-inputs';
import { listInputFiles } from '../node-files';
import { progressLine, type CliIo } from './io';

export const COMPARE_HELP = `usage: ascend-trace-viewer compare <baseline> <target> [--by name|shapes] [--threshold PCT]
       npm run compare -- <baseline> <target>

Prints one JSON object comparing two runs: baseline and target (path, kind, steps), summary,
kernels and operators (one row per name: count and total on each side, deltaNs, status),
steps (mean per step of each breakdown category, Δ, and per step aligned by index) and
communication (per collective type and group). Δ = target − baseline; times in ns. The
documented keys (README) are a stable contract.

<baseline>, <target>  each one profile: an ASCEND_PROFILER_OUTPUT folder, its *_ascend_pt
                      parent, a .zip, or one trace file (trace_view.json, Kineto .json, .json.gz)
--by shapes           one row per name + input shapes instead of per name
--threshold PCT       |Δ total| ≤ PCT % of the baseline total is "same" (default ${DEFAULT_COMPARE_OPTIONS.thresholdPct})

Exit status: 0 on success; 2 with one line on stderr for unusable input.
`;

const USAGE =
  'usage: ascend-trace-viewer compare <baseline> <target> [--by name|shapes] [--threshold PCT]\n';

export async function compareCommand(args: string[], io: CliIo): Promise<number> {
  const paths: string[] = [];
  let by = DEFAULT_COMPARE_OPTIONS.by;
  let thresholdPct = DEFAULT_COMPARE_OPTIONS.thresholdPct;
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
    } else if (a.startsWith('--')) {
      io.err(`compare: unknown option ${a}\n`);
      return 2;
    } else paths.push(a);
  }
  if (paths.length !== 2) {
    io.err(USAGE);
    return 2;
  }
  const sides = [];
  for (const path of paths) {
    if (!existsSync(path)) {
      io.err(`${path}: no such file or folder\n`);
      return 2;
    }
    const progress = progressLine(io);
    const r = await loadCompareSide(
      await listInputFiles(path),
      basename(path.replace(/\/+$/, '')),
      progress?.onProgress,
    );
    progress?.done();
    if ('error' in r) {
      io.err(`${r.error}\n`);
      return 2;
    }
    sides.push({ path, profile: r.profile });
  }
  const [b, t] = sides as [(typeof sides)[0], (typeof sides)[0]];
  const result = compareProfiles(b.profile, t.profile, { by, thresholdPct });
  io.out(`${JSON.stringify(compareJson(result, b, t), null, 2)}\n`);
  return 0;
}
