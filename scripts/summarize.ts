/**
 * Headless summary: `npm run summarize -- <folder | zip | file>`.
 * Prints one JSON object to stdout and exits 0; on unusable input prints one line naming the
 * file and the problem to stderr and exits 2. Several profiles → `{"profiles": [...]}`.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { summarizeInputs } from '../src/node/summarize-inputs';
import { listInputFiles } from '../src/node/node-files';

async function main(): Promise<number> {
  const path = process.argv.slice(2).find((a) => !a.startsWith('--'));
  if (!path) {
    process.stderr.write(
      'usage: npm run summarize -- <ASCEND_PROFILER_OUTPUT | *_ascend_pt | run folder | .zip | trace.json>\n',
    );
    return 2;
  }
  if (!existsSync(path)) {
    process.stderr.write(`${path}: no such file or folder\n`);
    return 2;
  }
  const result = await summarizeInputs(
    await listInputFiles(path),
    basename(path.replace(/\/+$/, '')),
  );
  if ('error' in result) {
    process.stderr.write(`${result.error}\n`);
    return 2;
  }
  process.stdout.write(`${JSON.stringify(result.summary, null, 2)}\n`);
  return 0;
}

// exitCode (not process.exit) so that large outputs to a pipe are flushed before Node exits.
main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`summarize: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  },
);
