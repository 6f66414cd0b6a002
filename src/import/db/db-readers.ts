/**
 * File readers for the SQLite exports (registered by the lead through `DB_READERS`):
 * - `ascend_pytorch_profiler[_N].db`, `msprof*.db`: the timeline (only when no trace_view.json
 *   was read first), and whatever of kernels, memory, operator memory and steps the text files
 *   did not already provide.
 * - `analysis.db`: steps (StepTraceTime), communication and the communication matrix.
 * - `cluster_analysis.db`: every table as text under `cluster_analysis.db:<table>`.
 * - any other `*.db`: recognised by its tables, else skipped with the table list as reason.
 * Each file reports its schema version and table row counts in `profile.json['db']` (for the
 * summary) and which view came from it in `profile.ascend.sources`.
 */
import type { ProfileModel } from '../../model/profile';
import { fileKind } from '../file-kinds';
import type { FileReader, ImportContext } from '../readers/reader';
import type { InputReport } from '../../model/profile';
import type { InputFile } from '../sources/input-file';
import { readAllTables, readCommAnalyzer, readCommMatrix, readStepTraceTime } from './analysis-db';
import { ident, type DbFile } from './db-file';
import { deviceOverlap, intervalBase, stepWindows } from './db-intervals';
import { readDbKernels } from './db-kernels';
import { readDbMemory, readDbModuleMemory, readDbOperatorMemory } from './db-memory';
import { openDbFile } from './db-open';
import { detectDevice } from './db-identity';
import { buildDbTrace, type DbTraceResult } from './db-trace';
import { stepRow } from './overlap';
import { msg } from '../../lib/message';

export type DbRole = 'profiler' | 'analysis' | 'cluster' | 'other';

/** Where the db's timeline is: drawn now, or kept for the lead to build on demand. */
export type DbTraceSource = {
  /** Path of the db (open it and call `buildTraceFromDb` to draw its timeline). */
  path: string;
  schemaVersion: string | null;
  /** True when this db's timeline is `profile.trace`. */
  built: boolean;
};

export type DbFileSummary = {
  path: string;
  kind: string;
  role: DbRole;
  schemaVersion: string | null;
  /** Row count per table. */
  tables: Record<string, number>;
};

/**
 * What the db readers record in `profile.json[DB_STATE_KEY]` (type aliases, not interfaces, so
 * that they are JSON values).
 */
export type DbProfileState = {
  files: DbFileSummary[];
  /** Where `ascend.steps` came from when a db provided them. */
  stepsFrom?: 'StepTraceTime' | 'STEP_TIME';
  /** The profiler db's timeline (built, or available when trace_view.json was used). */
  traceSource?: DbTraceSource;
};

export const DB_STATE_KEY = 'db';

export function dbState(profile: ProfileModel): DbProfileState {
  const existing = profile.json[DB_STATE_KEY] as DbProfileState | undefined;
  if (existing) return existing;
  const state: DbProfileState = { files: [] };
  profile.json[DB_STATE_KEY] = state;
  return state;
}

/** What a db holds, by its tables. */
export function dbRole(db: DbFile): DbRole {
  if (db.has('TASK') || db.has('PYTORCH_API') || db.has('CANN_API') || db.has('STRING_IDS')) {
    return 'profiler';
  }
  if (db.has('StepTraceTime') || db.has('CommAnalyzerTime')) return 'analysis';
  if ([...db.tables.values()].some((t) => t.name.startsWith('Cluster'))) return 'cluster';
  return 'other';
}

function summarizeDb(db: DbFile, kind: string, role: DbRole): DbFileSummary {
  const tables: Record<string, number> = {};
  for (const info of db.tables.values()) tables[info.name] = db.count(info.name);
  return { path: db.path, kind, role, schemaVersion: db.schemaVersion, tables };
}

async function withOpenDb(
  file: InputFile,
  ctx: ImportContext,
  read: (db: DbFile) => void,
): Promise<void> {
  const db = await openDbFile(file, { signal: ctx.signal, onProgress: ctx.progress });
  try {
    read(db);
  } finally {
    db.close();
  }
}

function readProfilerDbFile(
  db: DbFile,
  ctx: ImportContext,
  report: InputReport,
  kind: string,
): void {
  const profile = ctx.profile;
  const state = dbState(profile);
  state.files.push(summarizeDb(db, kind, 'profiler'));
  let result: DbTraceResult | null = null;
  if (!profile.trace) {
    result = buildDbTrace(db, { signal: ctx.signal, onProgress: ctx.progress });
    profile.trace = result.trace;
    profile.traceSource = db.path;
    report.warnings = result.trace.warnings;
    state.traceSource = { path: db.path, schemaVersion: db.schemaVersion, built: true };
  } else {
    state.traceSource ??= { path: db.path, schemaVersion: db.schemaVersion, built: false };
    report.reason = 'timeline taken from trace_view.json; this db was read for its tables';
  }
  fillAscendViews(db, profile, result);
  if (profile.descriptor.rank === null) profile.descriptor.rank = dbRank(db);
}

/** Fills the views no text file provided (readers never replace what another reader set). */
function fillAscendViews(db: DbFile, profile: ProfileModel, result: DbTraceResult | null): void {
  const a = profile.ascend;
  const base = result?.base ?? intervalBase(db);
  const steps = result?.steps ?? stepWindows(db, base);
  if (!a.kernels) {
    const k = readDbKernels(db, steps, base);
    if (k) {
      a.kernels = k;
      a.sources.kernels = 'db';
    }
  }
  if (!a.memory) {
    const m = readDbMemory(db);
    if (m) {
      a.memory = m;
      a.sources.memory = 'db';
    }
  }
  if (!a.moduleMemory) {
    const m = readDbModuleMemory(db);
    if (m) {
      a.moduleMemory = m;
      a.sources.moduleMemory = 'db';
    }
  }
  if (!a.operatorMemory) {
    const m = readDbOperatorMemory(db);
    if (m) {
      a.operatorMemory = m;
      a.sources.operatorMemory = 'db';
    }
  }
  if (!a.steps && steps.length > 0) {
    const overlap = result?.overlap ?? deviceOverlap(db, base, detectDevice(db));
    const many = overlap.size > 1;
    a.steps = [];
    for (const s of steps) {
      for (const [device, lanes] of overlap) {
        const lo = s.deviceStart ?? s.start;
        const hi = s.deviceEnd ?? s.end;
        a.steps.push(stepRow(lanes, s.id, many ? String(device) : null, lo, hi, s.start));
      }
    }
    a.sources.steps = 'db';
    dbState(profile).stepsFrom = 'STEP_TIME';
  }
}

function dbRank(db: DbFile): number | null {
  const c = db.col('RANK_DEVICE_MAP', 'rankId');
  if (c) {
    const v = db.scalar(`SELECT ${ident(c)} FROM RANK_DEVICE_MAP WHERE ${ident(c)} >= 0 LIMIT 1`);
    if (typeof v === 'number') return v;
  }
  const m = /_(\d+)\.db$/i.exec(db.path);
  return m && /ascend_pytorch_profiler_\d+\.db$/i.test(db.path) ? Number(m[1]) : null;
}

function readAnalysisDbFile(db: DbFile, ctx: ImportContext, kind: string): void {
  const profile = ctx.profile;
  const state = dbState(profile);
  state.files.push(summarizeDb(db, kind, 'analysis'));
  const a = profile.ascend;
  const steps = readStepTraceTime(db);
  if (steps && (!a.steps || (a.sources.steps === 'db' && state.stepsFrom === 'STEP_TIME'))) {
    a.steps = steps;
    a.sources.steps = 'db';
    state.stepsFrom = 'StepTraceTime';
  }
  const comm = readCommAnalyzer(db);
  if (comm && !a.communication) {
    a.communication = comm;
    a.sources.communication = 'db';
  }
  const matrix = readCommMatrix(db);
  if (matrix && !a.commMatrix) {
    a.commMatrix = matrix;
    a.sources.commMatrix = 'db';
  }
}

function readClusterDbFile(db: DbFile, ctx: ImportContext, kind: string): void {
  dbState(ctx.profile).files.push(summarizeDb(db, kind, 'cluster'));
  Object.assign(ctx.profile.tables, readAllTables(db, 'cluster_analysis.db'));
}

/** `ascend_pytorch_profiler[_N].db` and `msprof*.db`. */
export const readProfilerDb: FileReader = async (file, ctx, report) => {
  await withOpenDb(file, ctx, (db) => readProfilerDbFile(db, ctx, report, fileKind(file.path)));
  report.status = 'read';
};

/** `analysis.db` (or a renamed copy such as `analysis.dat`). */
export const readAnalysisDb: FileReader = async (file, ctx, report) => {
  await withOpenDb(file, ctx, (db) => {
    if (dbRole(db) !== 'analysis') {
      report.warnings = [
        {
          code: 'db_no_analysis_tables',
          count: 1,
          example: `${file.path} has no StepTraceTime / CommAnalyzer* tables`,
          exampleMsg: msg('reader:db_no_analysis_tables', { file: file.path }),
        },
      ];
    }
    readAnalysisDbFile(db, ctx, 'analysis.db');
  });
  report.status = 'read';
};

/** `cluster_analysis.db`: tables listed and kept as text. */
export const readClusterDb: FileReader = async (file, ctx, report) => {
  await withOpenDb(file, ctx, (db) => readClusterDbFile(db, ctx, 'cluster_analysis.db'));
  report.status = 'read';
};

/** Any other `*.db`: dispatched on its tables. */
export const readAnyDb: FileReader = async (file, ctx, report) => {
  let skipped = false;
  await withOpenDb(file, ctx, (db) => {
    const role = dbRole(db);
    if (role === 'profiler') readProfilerDbFile(db, ctx, report, 'db');
    else if (role === 'analysis') readAnalysisDbFile(db, ctx, 'db');
    else if (role === 'cluster') readClusterDbFile(db, ctx, 'db');
    else {
      dbState(ctx.profile).files.push(summarizeDb(db, 'db', 'other'));
      skipped = true;
      const names = [...db.tables.values()].map((t) => t.name);
      report.reason = `not a profiler database (tables: ${names.slice(0, 8).join(', ') || 'none'}${names.length > 8 ? ', …' : ''})`;
    }
  });
  report.status = skipped ? 'skipped' : 'read';
};
