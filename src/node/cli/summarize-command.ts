/**
 * `ascend-trace-viewer summarize <folder | zip | file>` (alias `npm run summarize -- …`):
 * one JSON object on stdout, exit 0; on unusable input one line naming the file and the
 * problem on stderr, exit 2. Several profiles → `{"profiles": [...]}`.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { listInputFiles } from '../node-files';
import { summarizeInputs } from '../summarize-inputs';
import { progressLine, type CliIo } from './io';

export const SUMMARIZE_HELP = `usage: ascend-trace-viewer summarize <input>
       npm run summarize -- <input>

Prints one JSON object describing what was opened: inputs, trace (events, byPhase, exact
firstTsNs/lastTsNs, flows, …), tables, steps, db, warnings; several profiles go under
"profiles" with a "cluster" block. The documented keys (README) are a stable contract.

<input>  an ASCEND_PROFILER_OUTPUT folder, its *_ascend_pt parent, a run folder with several
         ranks, cluster_analysis_output/, a .zip of any of these, or one trace file
         (trace_view.json, Chrome/Kineto .json, .json.gz)

Exit status: 0 on success; 2 with one line on stderr for unusable input.
`;

export async function summarizeCommand(args: string[], io: CliIo): Promise<number> {
  const path = args.find((a) => !a.startsWith('--'));
  if (!path) {
    io.err(
      'usage: ascend-trace-viewer summarize <ASCEND_PROFILER_OUTPUT | *_ascend_pt | run folder | .zip | trace.json>\n',
    );
    return 2;
  }
  if (!existsSync(path)) {
    io.err(`${path}: no such file or folder\n`);
    return 2;
  }
  const progress = progressLine(io);
  const result = await summarizeInputs(
    await listInputFiles(path),
    basename(path.replace(/\/+$/, '')),
    progress?.onProgress,
  );
  progress?.done();
  if ('error' in result) {
    io.err(`${result.error}\n`);
    return 2;
  }
  io.out(`${JSON.stringify(result.summary, null, 2)}\n`);
  return 0;
}
