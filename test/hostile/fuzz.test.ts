/**
 * Seeded mutation fuzzing of the importers: the JSON trace scanner (importTraceJson, and whole
 * folders), every CSV reader and the SQLite readers (through import-profile). Each case is a
 * mutated generated fixture or small real sample; it must not throw out of the importer, hang,
 * or break a model/report invariant.
 *
 * Cases run in a child process (fuzz-run.ts) so that a hang can be detected and killed: the
 * watchdog below is the only use of time, as a hang detector. FUZZ_CASES (total over the three
 * targets, default 4000) and FUZZ_SEED change the run; each failure prints the command that
 * replays it.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { hasSamples, SKIP_REASON } from '../real-samples';
import type { Target } from './fuzz-targets';

const TOTAL = Number(process.env['FUZZ_CASES'] ?? 4000);
const SEED = Number(process.env['FUZZ_SEED'] ?? 20261128);
/** No case may take longer than this (a generous hang detector, not a speed check). */
const HANG_MS = Number(process.env['FUZZ_HANG_MS'] ?? 30_000);
const SHARE: Record<Target, number> = { json: 0.6, csv: 0.25, db: 0.15 };

interface Failure {
  target: Target;
  seed: number;
  input: string;
  ops: string[];
  problem: string;
}

interface RunResult {
  failures: Failure[];
  done: { cases: number; failures: number; bytes: number; corpus: number; ms: number } | null;
  hang: string | null;
  crash: string | null;
}

function runChild(target: Target, cases: number): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'test/hostile/fuzz-run.ts',
        target,
        '--cases',
        String(cases),
        '--seed',
        String(SEED),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const result: RunResult = { failures: [], done: null, hang: null, crash: null };
    let current = { case: -1, seed: 0 };
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    const watch = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        result.hang =
          current.case < 0
            ? `the fuzz process did not start within ${HANG_MS} ms`
            : `case ${current.case} (seed ${current.seed}) did not finish within ${HANG_MS} ms`;
        child.kill('SIGKILL');
      }, HANG_MS);
    };
    watch();
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    createInterface({ input: child.stdout }).on('line', (line) => {
      watch();
      const m = JSON.parse(line) as {
        case?: number;
        seed?: number;
        fail?: Failure;
        done?: RunResult['done'];
        crash?: string;
      };
      if (m.case !== undefined) current = { case: m.case, seed: m.seed! };
      if (m.fail) result.failures.push(m.fail);
      if (m.done) result.done = m.done;
      if (m.crash) result.crash = m.crash;
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0 && !result.hang && !result.crash)
        result.crash = `exit code ${code}: ${stderr.slice(0, 2000)}`;
      resolve(result);
    });
  });
}

function report(target: Target, r: RunResult): string {
  const replay = (seed: number) => `npx tsx test/hostile/fuzz-run.ts ${target} --replay ${seed}`;
  const lines = r.failures
    .slice(0, 10)
    .map(
      (f) =>
        `seed ${f.seed} (${f.input}; ${f.ops.join(', ')}): ${f.problem.slice(0, 1500)}\n  replay: ${replay(f.seed)}`,
    );
  const hungSeed = r.hang ? /seed (\d+)/.exec(r.hang)?.[1] : undefined;
  if (r.hang) lines.push(hungSeed ? `${r.hang}\n  replay: ${replay(Number(hungSeed))}` : r.hang);
  if (r.crash) lines.push(`the fuzz process crashed: ${r.crash}`);
  return lines.join('\n');
}

describe(`fuzz (seed ${SEED}, ${TOTAL} cases${hasSamples ? '' : `; ${SKIP_REASON}`})`, () => {
  for (const target of ['json', 'csv', 'db'] as const) {
    const cases = Math.max(1, Math.round(TOTAL * SHARE[target]));
    it(
      `${target}: ${cases} mutated inputs import without throwing, hanging or breaking invariants`,
      async () => {
        const r = await runChild(target, cases);
        if (r.done) {
          console.log(
            `fuzz ${target}: ${r.done.cases} cases, ${(r.done.bytes / 1e6).toFixed(1)} MB, from ${r.done.corpus} seed inputs, seed ${SEED}, ${r.done.ms} ms`,
          );
        }
        expect(report(target, r)).toBe('');
        expect(r.done?.cases).toBe(cases);
      },
      HANG_MS + TOTAL * 100 + 60_000,
    );
  }
});
