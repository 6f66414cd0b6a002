// The headless summary as scripts use it: a process, stdout JSON, exit codes.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function summarize(path: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/summarize.ts', path], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run summarize', () => {
  it('prints one complete JSON object for a cluster (large output is not cut off)', () => {
    const r = summarize('fixtures/cluster-8/run_20250101');
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(65536);
    const out = JSON.parse(r.stdout) as {
      profiles: unknown[];
      cluster: { slowestRank: number; offsetsNs: Record<string, string> };
    };
    expect(out.profiles).toHaveLength(8);
    expect(out.cluster.slowestRank).toBe(5);
    expect(out.cluster.offsetsNs['4']).toBe('1734567');
  });
  it('has the documented keys for one profile', () => {
    const r = summarize('fixtures/ascend/level2-rank0');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, Record<string, unknown>>;
    expect(Object.keys(out)).toEqual(
      expect.arrayContaining(['inputs', 'trace', 'warnings', 'tables', 'steps']),
    );
    expect(Object.keys(out['trace']!)).toEqual(
      expect.arrayContaining([
        'events',
        'byPhase',
        'firstTsNs',
        'lastTsNs',
        'distinctTs',
        'processNames',
        'flows',
        'overflowSlices',
      ]),
    );
    expect(out['trace']!['firstTsNs']).toMatch(/^\d{19}$/);
  });
  it('exits 2 with one line naming the file on unusable input', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atv-'));
    mkdirSync(join(dir, 'ASCEND_PROFILER_OUTPUT'));
    writeFileSync(
      join(dir, 'ASCEND_PROFILER_OUTPUT', 'trace_view.json'),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    const r = summarize(dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/trace_view\.json: not a JSON trace/);
  });
  it('exits 2 for a path that does not exist', () => {
    const r = summarize('/nonexistent/folder');
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^\/nonexistent\/folder: no such file or folder$/);
  });
});
