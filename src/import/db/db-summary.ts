/**
 * The headless summary's `db` key: schema version and row count per table of the profile's
 * database(s), and where the timeline and steps came from. The profiler db (TASK…) leads; every
 * db file is listed under `files`.
 *
 *   "db": { "schemaVersion": "1.0.0", "tables": { "TASK": 552, … },
 *           "trace": "db" | "trace_view.json" | null, "steps": "StepTraceTime" | "STEP_TIME" | null,
 *           "files": { "<path>": { "kind", "role", "schemaVersion", "tables" } } }
 */
import type { SummaryExtension } from '../../model/summarize-profile';
import { DB_STATE_KEY, type DbProfileState } from './db-readers';

export const DB_SUMMARY_EXTENSION: SummaryExtension = (p) => {
  const state = p.json[DB_STATE_KEY] as DbProfileState | undefined;
  if (!state || state.files.length === 0) return {};
  const main = state.files.find((f) => f.role === 'profiler') ?? state.files[0]!;
  return {
    db: {
      schemaVersion: main.schemaVersion,
      tables: main.tables,
      trace: state.traceSource ? (state.traceSource.built ? 'db' : 'trace_view.json') : null,
      steps: state.stepsFrom ?? null,
      files: Object.fromEntries(
        state.files.map((f) => [
          f.path,
          { kind: f.kind, role: f.role, schemaVersion: f.schemaVersion, tables: f.tables },
        ]),
      ),
    },
  };
};
