// The command-line entry as scripts and CI use it: real processes through the package.json bin
// shim and the npm-script aliases, stdout/stderr and exit codes.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const L2 = 'fixtures/ascend/level2-rank0';

function node(args: string[]) {
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const bin = (...args: string[]) => node(['scripts/ascend-trace-viewer.mjs', ...args]);

describe('ascend-trace-viewer (bin)', () => {
  it('is the package.json bin', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
      bin: Record<string, string>;
      scripts: Record<string, string>;
    };
    expect(pkg.bin['ascend-trace-viewer']).toBe('scripts/ascend-trace-viewer.mjs');
    expect(pkg.scripts['query']).toBe('tsx scripts/query.ts');
    expect(pkg.scripts['summarize']).toBe('tsx scripts/summarize.ts');
    expect(pkg.scripts['compare']).toBe('tsx scripts/compare.ts');
  });
  it('query prints CSV on stdout and nothing on a non-terminal stderr; exit 0', () => {
    const r = bin('query', L2, 'SELECT count(*) AS n FROM process');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^n\n\d+\n$/);
  });
  it('an SQL error is one line on stderr, exit 2, no stack trace', () => {
    const r = bin('query', L2, 'SELECT nope FROM slice');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('SQL error at line 1, column 8: no such column: nope\n');
  });
  it('summarize through the bin equals the npm-script alias', () => {
    const a = bin('summarize', L2);
    const b = node(['--import', 'tsx', 'scripts/summarize.ts', L2]);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  });
  it('the query alias runs the same verb', () => {
    const r = node([
      '--import',
      'tsx',
      'scripts/query.ts',
      L2,
      'SELECT 1 AS one',
      '--format',
      'json',
    ]);
    expect([r.code, r.stdout]).toEqual([0, '[\n{"one":1}\n]\n']);
  });
  it('runs with npx from the checkout', () => {
    const r = spawnSync('npx', ['--no', 'ascend-trace-viewer', 'query', '--help'], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^usage: ascend-trace-viewer query/);
  });
  it('unknown verbs exit 2; compare of a missing input is one stderr line, exit 2', () => {
    expect(bin('frobnicate').code).toBe(2);
    const c = bin('compare', 'a', 'b');
    expect([c.code, c.stderr]).toEqual([2, 'a: no such file or folder\n']);
  });
  it('compare through the bin equals the npm-script alias; a run against itself has no Δ', () => {
    const a = bin('compare', L2, L2);
    const b = node(['--import', 'tsx', 'scripts/compare.ts', L2, L2]);
    expect(a.stderr).toBe('');
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const j = JSON.parse(a.stdout) as { kernels: { deltaNs: number; status: string }[] };
    expect(j.kernels.length).toBeGreaterThan(0);
    for (const k of j.kernels) expect([k.deltaNs, k.status]).toEqual([0, 'same']);
  });
});
