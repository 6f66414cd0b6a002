// Shared by the real-SQLite-export tests (real-profiler-dbs, real-text-vs-db, real-analysis-dbs):
// the sample paths, independent reference queries on the same file (plain sql.js, no importer
// code) and trace inspection. Not a test file itself.
import { readFileSync } from 'node:fs';
import { MI, MS, samplePath, UB } from '../../../test/real-samples';
import type { ProfileModel } from '../../model/profile';
import type { TraceModel } from '../../model/trace-model';
import type { FileReader } from '../readers/reader';
import type { Database } from './sql-loader';
import { readDb, testProfile } from './test-helpers';

export const level = (l: string, r: number) =>
  `${MI}/db/${l}/rank${r}_ascend_pt/ASCEND_PROFILER_OUTPUT`;
export const MI_PAIRS = ['level0', 'level2'].flatMap((l) => [0, 1].map((r) => ({ l, r })));

export const PROFILER_DBS = [
  ...MI_PAIRS.map(({ l, r }) => `${level(l, r)}/ascend_pytorch_profiler_${r}.db`),
  `${UB}/51936664b60996abbac52ba3428d06721fca8f71.ascend_pytorch_profiler.db`,
  `${UB}/6971c32e1aa9267332925e42bb216b9c9969f8dd.ascend_pytorch_profiler.db`,
  `${UB}/9f6479d7c6fd32132328c555b4b986ce2612ea31.ascend_pytorch_profiler.db`,
  `${UB}/547569835251d5d819a6e1df1443f9b7c1e83ae9.msprof.db`,
  `${UB}/cb8025bd1e53ee6f9c60153504ce4b096db94fe7.msprof.db`,
  `${UB}/cfbc77c9ec6ade2863970c1c8549630dfd63e2be.msprof.db`,
  `${UB}/d27a856ad9f0ec962d7a3ef548d427c270f3cb4e.msprof.db`,
  `${UB}/d4014934e788e8c456c466d8628dd447d8bbf47f.msprof.db`,
  `${UB}/fc25e811618c61c759caa16cd0c378a3d7dfc3f8.msprof.db`,
  `${MS}/full_db/msprof_0.db`,
];
export const ANALYSIS_DBS = [
  ...MI_PAIRS.map(({ l, r }) => `${level(l, r)}/analysis.db`),
  `${UB}/9e06b218934a79563c2bf42515e6e8b3f73f2c81.analysis.db`,
  `${UB}/a6b48e978d3225f9a4f456028c8d1a30abf8b30f.analysis.db`,
  `${UB}/a728680e6898cac71aa4f62480faeff94a1a2239.analysis.db`,
  `${UB}/ac9b98154da744c3bfd1b4c1a68f28312b03c6ba.analysis.db`,
  `${MS}/multiDevice/msprof_db/ASCEND_PROFILER_OUTPUT/analysis.dat`,
];
export const CLUSTER_DB = `${UB}/5ca4593931553501182e77ae716fb39820e1411b.cluster_analysis.db`;

export const bytesOf = (rel: string) => new Uint8Array(readFileSync(samplePath(rel)));

// ---- independent reference queries ------------------------------------------------------------

export function q(db: Database, text: string): (string | number | null)[][] {
  const r = db.exec(text)[0];
  return (r?.values ?? []) as (string | number | null)[][];
}
export const has = (db: Database, t: string) =>
  q(db, `SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '${t}'`).length > 0;
export const cols = (db: Database, t: string) =>
  q(db, `PRAGMA table_info("${t}")`).map((r) => String(r[1]));
export const pick = (db: Database, t: string, ...names: string[]) =>
  names.find((n) => cols(db, t).includes(n)) ?? null;

/** Exact ns of a stored time: integer text, or a decimal / exponent text (pre-1.0 dbs). */
export function exactNs(text: string): bigint {
  if (/^-?\d+$/.test(text)) return BigInt(text);
  const m = /^(\d+)(?:\.(\d+))?e\+?(\d+)$/i.exec(text);
  if (!m) throw new Error(`unexpected time ${text}`);
  const digits = m[1]! + (m[2] ?? '');
  return BigInt(digits) * 10n ** BigInt(Number(m[3]) - (m[2] ?? '').length);
}

/** baseTimeNs when the db stored times relative to it (the oldest msprof schema). */
export function offsetOf(db: Database): bigint {
  const t = has(db, 'TARGET_INFO_SESSION_TIME') ? 'TARGET_INFO_SESSION_TIME' : 'SESSION_TIME_INFO';
  if (!has(db, t) || !cols(db, t).includes('baseTimeNs')) return 0n;
  const [base, start] = q(
    db,
    `SELECT CAST(baseTimeNs AS TEXT), CAST(startTimeNs AS TEXT) FROM ${t}`,
  )[0]!;
  const task = pick(db, 'TASK', 'startNs', 'start')!;
  const sample = exactNs(String(q(db, `SELECT CAST("${task}" AS TEXT) FROM TASK LIMIT 1`)[0]![0]));
  const b = BigInt(String(base));
  const s = BigInt(String(start));
  const abs = (v: bigint) => (v < 0n ? -v : v);
  return abs(sample + b - s) < abs(sample - s) ? b : 0n;
}

/** Every value of a time column as exact ns. */
export function times(db: Database, table: string, col: string, off: bigint): bigint[] {
  return q(db, `SELECT CAST("${col}" AS TEXT) FROM "${table}" WHERE "${col}" IS NOT NULL`).map(
    (r) => exactNs(String(r[0])) + off,
  );
}

export const min = (v: bigint[]) => v.reduce((a, b) => (b < a ? b : a));
export const max = (v: bigint[]) => v.reduce((a, b) => (b > a ? b : a));

// ---- trace inspection -----------------------------------------------------------------------

export interface Lane {
  count: number;
  starts: bigint[];
}

/** Slices per "process|labels|thread name", main and overflow lanes together. */
export function traceLanes(t: TraceModel): Map<string, Lane> {
  const out = new Map<string, Lane>();
  const base = BigInt(t.baseNs);
  for (const tr of t.sliceTracks) {
    const p = t.processes[tr.process]!;
    const th = t.threads[tr.thread];
    const key = `${p.name}|${p.labels.join(',')}|${th?.name ?? tr.name}`;
    const lane = out.get(key) ?? { count: 0, starts: [] };
    lane.count += tr.slices.length;
    for (let i = 0; i < tr.slices.length; i++) lane.starts.push(base + BigInt(tr.slices.start[i]!));
    out.set(key, lane);
  }
  return out;
}

export function laneCounts(t: TraceModel, process: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const [k, v] of traceLanes(t)) {
    const [p, , thread] = k.split('|');
    if (p === process) out.set(thread!, (out.get(thread!) ?? 0) + v.count);
  }
  return out;
}

export function counterSamples(t: TraceModel, process: string): number {
  let n = 0;
  for (const c of t.counters) if (t.processes[c.process]!.name === process) n += c.ts.length;
  return n;
}

/** Reads the sample `rel` with a db reader into `profile` (else a new one named after it). */
export async function readSample(
  reader: FileReader,
  rel: string,
  profile?: ProfileModel,
  bytes: Uint8Array = bytesOf(rel),
): Promise<ProfileModel> {
  const p = profile ?? testProfile({ id: rel, root: rel, label: rel, files: [rel] });
  return (await readDb(reader, rel, bytes, p)).profile;
}
