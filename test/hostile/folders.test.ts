/**
 * Hostile folders, files and archives, end to end through open → import → summary: each case
 * asserts the report (status, reason naming the problem and where, warning codes with counts),
 * that the rest of the folder still loads, and that the summary JSON carries the problem.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { strToU8, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeDb, schema100 } from '../../src/import/db/test-dbs';
import { loadSqlJs } from '../../src/import/db';
import { locateSqlJsInNode } from '../../src/import/db/sql-loader-node';
import { memoryFile } from '../../src/import/sources/input-file';
import type { ProfileModel } from '../../src/model/profile';
import { summarizeInputs } from '../../src/node/summarize-inputs';
import {
  checkProfile,
  codes,
  fileText,
  folderFiles,
  importInputs,
  reportOf,
  smallProfile,
  warning,
} from './test-hostile';

const g = smallProfile();
const root = g.files[0]!.path.split('/')[0]!;
const OUT = 'ASCEND_PROFILER_OUTPUT';
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72]);
const kdLines = fileText(g, 'kernel_details.csv').split('\n');
const KD_ROWS = g.truth.tables['kernel_details.csv']!.rows;

/** Imports the generated folder with replacements; returns its one profile (checked). */
async function profileWith(
  replace: Record<string, string | Uint8Array | null>,
  extra: Record<string, string | Uint8Array> = {},
): Promise<ProfileModel> {
  const { profiles } = await importInputs(folderFiles(g, replace, extra));
  expect(profiles).toHaveLength(1);
  const p = profiles[0]!;
  expect(checkProfile(p)).toEqual([]);
  return p;
}

/** The kernel CSV with each line passed through `f` (line 0 is the header). */
const kd = (f: (cells: string[], line: number) => string[] | string | null) =>
  kdLines
    .map((l, i) => {
      if (l === '') return l;
      const r = f(l.split(','), i);
      return r === null ? null : Array.isArray(r) ? r.join(',') : r;
    })
    .filter((l) => l !== null)
    .join('\n');

beforeAll(() => locateSqlJsInNode());

describe('nothing to open', () => {
  it('an empty folder: one line naming it', async () => {
    expect(await summarizeInputs([], 'empty_dir')).toEqual({ error: 'empty_dir: empty folder' });
  });

  it('a folder with no known file: says what was looked for', async () => {
    const r = await summarizeInputs([
      memoryFile('stuff/readme.txt', 'hello'),
      memoryFile('stuff/picture.png', PNG),
    ]);
    expect(r).toEqual({
      error:
        'stuff: no profiler output or trace file found (looked for ASCEND_PROFILER_OUTPUT, *_ascend_pt folders and trace JSON)',
    });
  });

  it('every file empty: each is reported, none crashes the import', async () => {
    const empty = Object.fromEntries(g.files.map((f) => [f.path, '']));
    const p = await profileWith(empty);
    expect(reportOf(p, 'trace_view.json')).toMatchObject({
      status: 'read',
      reason: 'no trace events found',
    });
    expect(reportOf(p, 'kernel_details.csv')).toMatchObject({
      status: 'failed',
      reason: 'kernel_details.csv: no header row (empty file)',
    });
    expect(reportOf(p, 'profiler_info_0.json')).toMatchObject({
      status: 'failed',
      reason: 'not valid JSON at byte 0: unexpected end of data',
    });
    expect(codes(reportOf(p, 'kernel_details.csv'))).toEqual([]);
  });
});

describe('a wrong file under a known name', () => {
  it('a PNG named trace_view.json fails with the byte; the tables still load', async () => {
    const p = await profileWith({ 'trace_view.json': PNG });
    expect(reportOf(p, 'trace_view.json')).toMatchObject({
      status: 'failed',
      reason: 'not a JSON trace: expected "[" or "{" at byte 0, found byte 0x89',
    });
    expect(p.trace).toBeNull();
    expect(p.ascend.kernels!.length).toBe(KD_ROWS);
    expect(reportOf(p, 'kernel_details.csv').status).toBe('read');
  });

  it('a CSV named analysis.db and a PNG named kernel_details.csv fail; the trace loads', async () => {
    const p = await profileWith(
      { 'kernel_details.csv': PNG },
      { [`${OUT}/analysis.db`]: 'Step,Computing\n1,2\n' },
    );
    expect(reportOf(p, 'analysis.db').status).toBe('failed');
    expect(reportOf(p, 'analysis.db').reason).toMatch(/not an SQLite database/);
    expect(reportOf(p, 'kernel_details.csv').status).toBe('failed');
    expect(reportOf(p, 'kernel_details.csv').reason).toMatch(
      /^kernel_details.csv: none of the expected columns \("Name" or "Op Name"/,
    );
    expect(p.trace!.stats.events).toBe(g.truth.trace.events);
  });

  it('a corrupt or truncated SQLite file fails with a reason; the rest loads', async () => {
    const sql = await loadSqlJs();
    const db = makeDb(sql, schema100());
    const truncated = db.slice(0, db.length >> 1);
    const garbage = db.slice();
    for (let i = 100; i < garbage.length; i += 7) garbage[i] = garbage[i]! ^ 0x5a;
    for (const bad of [truncated, garbage]) {
      const p = await profileWith({}, { [`${OUT}/ascend_pytorch_profiler_0.db`]: bad });
      const r = reportOf(p, 'ascend_pytorch_profiler_0.db');
      expect(r.status).toBe('failed');
      expect(r.reason).toBeTruthy();
      expect(p.trace!.stats.events).toBe(g.truth.trace.events);
      expect(p.ascend.kernels!.length).toBe(KD_ROWS);
    }
  });

  it('broken JSON side files fail with the byte offset; the rest loads', async () => {
    const p = await profileWith({
      'profiler_info_0.json': '{"rank_id": 0, "config": {"experimental_config": 5',
      'communication.json': '{"step1": {"a": [1,2',
      'communication_matrix.json': PNG,
    });
    expect(reportOf(p, 'profiler_info_0.json').reason).toMatch(/^not valid JSON at byte \d+: /);
    expect(reportOf(p, 'communication.json').reason).toMatch(/^not valid JSON at byte \d+: /);
    expect(reportOf(p, 'communication_matrix.json').reason).toMatch(/^not valid JSON at byte 0: /);
    expect(p.trace!.stats.events).toBe(g.truth.trace.events);
  });
});

describe('CSV damage', () => {
  const kernels = (p: ProfileModel) => p.ascend.kernels!;

  it('a missing required column: read without it, reported', async () => {
    const c = kdLines[0]!.split(',').indexOf('Duration(us)');
    const p = await profileWith({ 'kernel_details.csv': kd((x) => x.filter((_, i) => i !== c)) });
    const r = reportOf(p, 'kernel_details.csv');
    expect(r.status).toBe('read');
    expect(warning(r, 'missing_column')!.example).toBe(
      'kernel_details.csv: no "Duration(us)" or "Task Duration(us)" column; its values are missing',
    );
    expect(kernels(p).length).toBe(KD_ROWS);
  });

  it('none of the required columns: failed, naming what was expected and what was found', async () => {
    const p = await profileWith({ 'kernel_details.csv': kd((x) => x.slice(0, 3)) });
    expect(reportOf(p, 'kernel_details.csv')).toMatchObject({
      status: 'failed',
      reason:
        'kernel_details.csv: none of the expected columns ("Name" or "Op Name", "Start Time(us)" or "Task Start Time(us)", "Duration(us)" or "Task Duration(us)") in header "Step Id,Model ID,Task ID"',
    });
    expect(p.tables['kernel_details.csv']!.rows).toHaveLength(KD_ROWS);
  });

  it('extra and duplicated columns: kept, the duplicate reported with its positions', async () => {
    const p = await profileWith({
      'kernel_details.csv': kd((x, i) => [...x, i === 0 ? 'Extra' : 'e', i === 0 ? 'Name' : 'n']),
    });
    const r = reportOf(p, 'kernel_details.csv');
    expect(warning(r, 'duplicate_column')!.example).toMatch(
      /column "Name" appears 2 times \(columns 5, 48\); using the first/,
    );
    expect(p.tables['kernel_details.csv']!.header).toContain('Extra');
    expect(kernels(p).length).toBe(KD_ROWS);
  });

  it('ragged rows: counted with their row numbers; the delimiter is still the comma', async () => {
    const p = await profileWith({
      'kernel_details.csv': kd((x, i) =>
        i > 0 && i % 3 === 0 ? x.slice(0, 3) : i === 2 ? [...x, 'x'] : x,
      ),
    });
    const r = reportOf(p, 'kernel_details.csv');
    expect(warning(r, 'short_row')).toMatchObject({
      count: Math.floor(KD_ROWS / 3),
      example:
        'kernel_details.csv row 3 has 3 cells, the header has 46; the missing cells are empty',
    });
    expect(warning(r, 'long_row')!.count).toBe(1);
    expect(kernels(p).length).toBe(KD_ROWS);
  });

  it('an unterminated quote: reported at its row, and the rows after it are still read', async () => {
    const p = await profileWith({
      'kernel_details.csv': kd((x, i) =>
        i === 5 ? [...x.slice(0, 4), '"broken', ...x.slice(5)] : x,
      ),
    });
    const r = reportOf(p, 'kernel_details.csv');
    // Closed by the next quote on its line: that row is damaged (short), the others are intact.
    expect(warning(r, 'csv_parse')!.example).toBe(
      'row 5: Trailing quote on quoted field is malformed',
    );
    expect(warning(r, 'short_row')).toMatchObject({
      count: 1,
      example: expect.stringMatching(/row 5 /),
    });
    expect(kernels(p).length).toBe(KD_ROWS);
    // Never closed at all (no quote after it): that line is read without quotes.
    const p2 = await profileWith({
      'kernel_details.csv': kd((x, i) =>
        (i === 5 ? [...x.slice(0, 4), 'broken', ...x.slice(5)] : x).map((c, k) =>
          i === 5 && k === 4 ? '"broken' : c.replace(/"/g, ''),
        ),
      ),
    });
    expect(warning(reportOf(p2, 'kernel_details.csv'), 'csv_parse')!.example).toBe(
      'row 5: Quoted field unterminated; the row was read without quotes',
    );
    expect(kernels(p2).length).toBe(KD_ROWS);
  });

  it('spreadsheet exponents and tab-only cells are reported per row', async () => {
    const start = kdLines[0]!.split(',').indexOf('Start Time(us)');
    const p = await profileWith({
      'kernel_details.csv': kd((x, i) =>
        i === 2
          ? x.map((c, k) => (k === start ? '1.69512E+15\t' : c))
          : i === 4
            ? x.map((c, k) => (k === start ? '\t' : c))
            : i === 6
              ? x.map(() => '\t')
              : x,
      ),
    });
    const r = reportOf(p, 'kernel_details.csv');
    expect(warning(r, 'time_lost_precision')!.example).toMatch(
      /^kernel_details.csv row 2, column "Start Time\(us\)": "1.69512E\+15" is in exponent form/,
    );
    expect(warning(r, 'missing_time')!.example).toBe(
      'kernel_details.csv row 4, column "Start Time(us)" is empty',
    );
    expect(kernels(p).length).toBe(KD_ROWS - 1); // the line of tabs only is an empty line
  });

  it('invalid UTF-8 and NUL bytes in cells: replaced or kept as text, the row kept', async () => {
    const bytes = new TextEncoder().encode(fileText(g, 'kernel_details.csv'));
    const at = bytes.indexOf(0x61); // first 'a' in the body of a name
    bytes[bytes.indexOf(0x0a) + 40] = 0xff;
    bytes[at] = 0;
    const p = await profileWith({ 'kernel_details.csv': bytes });
    expect(kernels(p).length).toBe(KD_ROWS);
  });

  it('a garbage step_trace_time.csv fails alone', async () => {
    const p = await profileWith({ 'step_trace_time.csv': 'garbage\u0000\u00ff\n1,2,3' });
    expect(reportOf(p, 'step_trace_time.csv').status).toBe('failed');
    expect(reportOf(p, 'step_trace_time.csv').reason).toMatch(/none of the expected columns/);
    expect(p.ascend.kernels!.length).toBe(KD_ROWS);
  });
});

describe('zip archives', () => {
  const entries = (prefix = 'run') =>
    Object.fromEntries(g.files.map((f) => [`${prefix}/${f.path}`, strToU8(f.data)]));

  it('a path-traversal entry is skipped with a warning; the profile inside loads', async () => {
    const zip = zipSync({
      ...entries(),
      '../../etc/passwd': strToU8('x'),
      '/abs.json': strToU8('[]'),
    });
    const { reports, profiles } = await importInputs([memoryFile('p.zip', zip)]);
    expect(reports[0]).toMatchObject({ path: 'p.zip', status: 'read' });
    expect(warning(reports[0]!, 'zip_entry_unsafe')).toMatchObject({
      count: 2,
      example: 'p.zip: entry "../../etc/passwd" points outside the archive; skipped',
    });
    expect(profiles).toHaveLength(1);
    expect(profiles[0]!.trace!.stats.events).toBe(g.truth.trace.events);
  });

  it('a zip bomb is refused before inflating: one big entry, or many small ones', async () => {
    const one = zipSync(
      { [`${root}/${OUT}/trace_view.json`]: new Uint8Array(50 << 20) },
      { level: 9 },
    );
    const r1 = await summarizeInputs([memoryFile('bomb.zip', one)]);
    expect(r1).toEqual({
      error: expect.stringMatching(
        /^bomb.zip: entry ".*trace_view.json" would inflate \d+ bytes to 52428800 \(ratio above 200\): looks like a zip bomb; refused$/,
      ),
    });
    const many: Record<string, Uint8Array> = {};
    for (let i = 0; i < 100; i++) many[`${root}/${OUT}/f${i}.csv`] = new Uint8Array(1 << 20);
    const r2 = await summarizeInputs([memoryFile('many.zip', zipSync(many, { level: 9 }))]);
    expect(r2).toEqual({
      error: expect.stringMatching(
        /^many.zip: archive would inflate \d+ bytes to 104857600 \(ratio above 200\): looks like a zip bomb; refused$/,
      ),
    });
  });

  it('a truncated zip fails with a message; other inputs opened with it still load', async () => {
    const zip = zipSync(entries());
    const { reports, profiles } = await importInputs([
      memoryFile('cut.zip', zip.subarray(0, zip.length - 40)),
      memoryFile('other/trace.json', `[${'{"ph":"X","name":"a","pid":1,"tid":1,"ts":1,"dur":1}'}]`),
    ]);
    expect(reports.find((r) => r.path === 'cut.zip')).toMatchObject({
      status: 'failed',
      reason:
        'cannot read the zip directory (invalid zip data); the archive is truncated, damaged or not a zip',
    });
    expect(profiles.map((p) => p.trace?.stats.events)).toEqual([1]);
  });

  it('a corrupt entry and an unsupported compression method are skipped; the rest loads', async () => {
    const files = { ...entries(), 'run/extra/blob.bin': new Uint8Array(5000).fill(7) };
    const zip = zipSync(files, { level: 6 });
    // Damage the deflate data of the trace: its local header is followed by the compressed bytes.
    const name = strToU8(`run/${g.files.find((f) => f.path.endsWith('trace_view.json'))!.path}`);
    const at = indexOf(zip, name) + name.length;
    for (let i = 20; i < 60; i++) zip[at + i] = 0xff;
    // Mark blob.bin's central directory entry as method 99 (AES).
    const blob = strToU8('run/extra/blob.bin');
    const cd = lastIndexOf(zip, blob) - 46;
    zip[cd + 10] = 99;
    const { reports, profiles } = await importInputs([memoryFile('d.zip', zip)]);
    const r = reports.find((x) => x.path === 'd.zip')!;
    expect(warning(r, 'zip_entry_corrupt')!.example).toMatch(
      /^d.zip: entry "run\/.*trace_view.json" is corrupt \(.+\); skipped$/,
    );
    expect(warning(r, 'zip_entry_unsupported')!.example).toBe(
      'd.zip: entry "run/extra/blob.bin" uses compression method 99 (only stored and deflate are read); skipped',
    );
    expect(profiles).toHaveLength(1);
    expect(profiles[0]!.ascend.kernels!.length).toBe(KD_ROWS);
    expect(profiles[0]!.trace).toBeNull();
  });
});

describe('the problem reaches the summary', () => {
  it('the summary lists the failed file and its reason, and serialises', async () => {
    const r = await summarizeInputs(folderFiles(g, { 'trace_view.json': PNG }));
    if ('error' in r) throw new Error(r.error);
    const s = JSON.parse(JSON.stringify(r.summary)) as {
      inputs: { path: string; status: string; reason?: string }[];
      warnings: { code: string; count: number; example: string }[];
      trace: unknown;
    };
    expect(s.trace).toBeNull();
    expect(s.inputs.find((i) => i.path.endsWith('trace_view.json'))).toMatchObject({
      status: 'failed',
    });
    expect(s.warnings).toContainEqual({
      code: 'file_failed',
      count: 1,
      example: `${root}/${OUT}/trace_view.json: not a JSON trace: expected "[" or "{" at byte 0, found byte 0x89`,
    });
  });

  it('warnings of a damaged trace are counted in the summary', async () => {
    const trace = fileText(g, 'trace_view.json');
    const r = await summarizeInputs(
      folderFiles(g, { 'trace_view.json': trace.slice(0, trace.length >> 1) }),
    );
    if ('error' in r) throw new Error(r.error);
    const w = (r.summary as { warnings: { code: string; example: string }[] }).warnings;
    expect(w.map((x) => x.code)).toEqual(
      expect.arrayContaining(['truncated', 'unterminated_array']),
    );
    expect(w.find((x) => x.code === 'truncated')!.example).toMatch(
      new RegExp(
        `^${root}/${OUT}/trace_view.json: input ends inside an event or value at byte \\d+`,
      ),
    );
  });

  it('npm run summarize: exit 2 and one line "file: problem" when nothing is readable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atv-hostile-'));
    try {
      mkdirSync(join(dir, 'p_ascend_pt', OUT), { recursive: true });
      writeFileSync(join(dir, 'p_ascend_pt', OUT, 'trace_view.json'), PNG);
      const run = promisify(execFile)('npx', [
        'tsx',
        'scripts/summarize.ts',
        join(dir, 'p_ascend_pt'),
      ]);
      await expect(run).rejects.toMatchObject({
        code: 2,
        stdout: '',
        stderr:
          'p_ascend_pt/ASCEND_PROFILER_OUTPUT/trace_view.json: not a JSON trace: expected "[" or "{" at byte 0, found byte 0x89\n',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function indexOf(hay: Uint8Array, needle: Uint8Array, from = 0): number {
  outer: for (let i = from; i + needle.length <= hay.length; i++) {
    for (let k = 0; k < needle.length; k++) if (hay[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}

function lastIndexOf(hay: Uint8Array, needle: Uint8Array): number {
  let last = -1;
  for (let i = indexOf(hay, needle); i >= 0; i = indexOf(hay, needle, i + 1)) last = i;
  return last;
}
