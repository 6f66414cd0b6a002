import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseManifest } from '../src/app/url-open/manifest';
import { walkFolder } from './manifest/walk';

const dir = mkdtempSync(join(tmpdir(), 'atv-manifest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(rel: string, text: string) {
  mkdirSync(join(dir, rel, '..'), { recursive: true });
  writeFileSync(join(dir, rel), text);
}

describe('npm run manifest', () => {
  write('r0_ascend_pt/ASCEND_PROFILER_OUTPUT/trace_view.json', '[]');
  write('r0_ascend_pt/ASCEND_PROFILER_OUTPUT/kernel_details.csv', 'a\n');
  write('r0_ascend_pt/PROF_000001/device_0/data/raw.slice_0', 'xx');
  write('r0_ascend_pt/logs/run.log', 'log');
  write('run.atv-notes.json', '{}');

  it('lists the files the viewer reads, skipping raw data folders', async () => {
    expect((await walkFolder(dir)).map((f) => `${f.path}:${f.size}`)).toEqual([
      'r0_ascend_pt/ASCEND_PROFILER_OUTPUT/kernel_details.csv:2',
      'r0_ascend_pt/ASCEND_PROFILER_OUTPUT/trace_view.json:2',
      'run.atv-notes.json:2',
    ]);
    expect((await walkFolder(dir, true)).length).toBe(5);
  });

  it('writes index.json that the viewer parses', () => {
    const out = execFileSync('npx', ['tsx', 'scripts/manifest.ts', dir], { encoding: 'utf8' });
    expect(out).toMatch(/index\.json: 3 files, 6 bytes/);
    const m = parseManifest(readFileSync(join(dir, 'index.json'), 'utf8'));
    expect(m.files.map((f) => f.path)).toContain(
      'r0_ascend_pt/ASCEND_PROFILER_OUTPUT/trace_view.json',
    );
    // The manifest does not list itself when written again.
    execFileSync('npx', ['tsx', 'scripts/manifest.ts', dir]);
    expect(parseManifest(readFileSync(join(dir, 'index.json'), 'utf8')).files).toHaveLength(3);
  });
});
