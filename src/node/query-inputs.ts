/**
 * The command-line `query`'s core: opens inputs as the viewer does, imports one profile with the
 * viewer's own import code, and builds the viewer's own SQL console over it (the same tables, the
 * profile's .db files attached under the same aliases), plus a `profile` table listing every
 * profile found. Then runs a script of statements and hands the last one's rows to a sink.
 */
import { nothingFoundMessage } from '../import/discover';
import { readDbBytes } from '../import/db/db-open';
import { consoleDbPaths } from '../import/db/console-db-paths';
import { SqlConsole, type ConsoleCell } from '../import/db/sql-console';
import { locateSqlJsInNode } from '../import/db/sql-loader-node';
import { importProfile } from '../import/import-profile';
import { openInputs } from '../import/open-inputs';
import type { ImportProgress } from '../import/readers/reader';
import type { InputFile } from '../import/sources/input-file';
import type { ProfileDescriptor, ProfileModel } from '../model/profile';
import { profileHasData } from '../model/summarize-profile';
import { codeOccurrences, lineColumn, splitStatements, tablesNamedIn } from './sql-script';

export interface QueryOpenOptions {
  /** Names what was opened in messages. */
  sourceName: string;
  /** `--profile`: a profile id, label or rank number (default: the first profile, as the viewer). */
  profile?: string;
  onProgress?: (p: ImportProgress) => void;
  /** The SQL to be run: only the tables it names are filled (all when absent). */
  script?: string;
}

export interface OpenedQuery {
  console: SqlConsole;
  profiles: ProfileDescriptor[];
  selected: ProfileDescriptor;
  profile: ProfileModel;
  /** Db files that could not be attached (not fatal). */
  problems: string[];
}

/** Picks a profile by id, label or rank; an error line when nothing matches. */
export function pickProfile(
  profiles: readonly ProfileDescriptor[],
  want: string | undefined,
): ProfileDescriptor | { error: string } {
  if (want === undefined) return profiles[0]!;
  const trimmed = want.replace(/\/+$/, '');
  const found =
    profiles.find((p) => p.id === trimmed) ??
    profiles.find((p) => p.label === want) ??
    (/^\d+$/.test(want) ? profiles.find((p) => p.rank === Number(want)) : undefined);
  if (found) return found;
  const list = profiles.map((p) => (p.rank !== null ? `${p.id} (rank ${p.rank})` : p.id));
  return { error: `--profile ${want}: no such profile; found: ${list.join(', ')}` };
}

export async function openQuery(
  inputs: InputFile[],
  opts: QueryOpenOptions,
): Promise<OpenedQuery | { error: string }> {
  locateSqlJsInNode();
  if (inputs.length === 0) return { error: `${opts.sourceName || 'input'}: empty folder` };
  const opened = await openInputs(inputs);
  const { profiles } = opened.discovery;
  if (profiles.length === 0) return { error: nothingFoundMessage(opts.sourceName, opened.reports) };
  const selected = pickProfile(profiles, opts.profile);
  if ('error' in selected) return selected;
  const profile = await importProfile(selected, opened.files, {
    argsFromFile: true,
    onProgress: opts.onProgress,
  });
  if (!profileHasData(profile)) {
    const failed = profile.inputs.find((i) => i.status === 'failed');
    return {
      error: failed
        ? `${failed.path}: ${failed.reason}`
        : `${selected.root || opts.sourceName}: nothing readable found`,
    };
  }
  const dbs: { path: string; bytes: Uint8Array }[] = [];
  for (const path of consoleDbPaths(profile)) {
    const f = opened.files.get(path);
    if (f) dbs.push({ path, bytes: await readDbBytes(f) });
  }
  const named = opts.script === undefined ? undefined : tablesNamedIn(opts.script);
  // The args view reads slice.args: naming it fills the slice table too.
  const onlyTables = named && ((t: string) => named(t) || (t === 'slice' && named('args')));
  // Args stay in the trace file (byte ranges); the console reads them from it only when the
  // script can see them (slice.args, instant.args, the args view).
  const needsArgs = !onlyTables || ['slice', 'instant', 'args'].some((t) => onlyTables(t));
  const res = await SqlConsole.open({
    trace: profile.trace,
    ascend: profile.ascend,
    dbs,
    traceSource:
      needsArgs && profile.traceSource ? (opened.files.get(profile.traceSource) ?? null) : null,
    profiles: { list: profiles, selected: selected.id },
    onlyTables,
  });
  return { console: res.console, profiles, selected, profile, problems: res.problems };
}

export interface ScriptResult {
  columns: string[];
  rows: number;
}

/**
 * Runs every statement of a script; the last one's rows go to `onRow` (after `onColumns`).
 * An error comes back as one line naming where in the script it happened when SQLite says.
 */
export function runScript(
  c: SqlConsole,
  script: string,
  sink: { onColumns: (columns: string[]) => void; onRow: (row: ConsoleCell[]) => void },
): ScriptResult | { error: string } {
  const statements = splitStatements(script);
  if (statements.length === 0) return { error: 'SQL error: empty query' };
  let last: ScriptResult = { columns: [], rows: 0 };
  for (let k = 0; k < statements.length; k++) {
    const st = statements[k]!;
    const isLast = k === statements.length - 1;
    let rows = 0;
    const r = c.runQuery(st.text, {
      onRow: isLast
        ? (row) => {
            rows++;
            sink.onRow(row);
          }
        : () => {},
      onColumns: isLast ? sink.onColumns : undefined,
    });
    if (!r.ok) return { error: sqlErrorLine(c, script, st, r.error) };
    last = { columns: r.columns, rows };
  }
  return last;
}

/** `SQL error at line 2, column 8: near "FORM": syntax error` (the position when it can be found). */
function sqlErrorLine(
  c: SqlConsole,
  script: string,
  st: { text: string; offset: number },
  error: string,
): string {
  const at = errorOffset(c, st.text, error);
  if (at === null) return `SQL error: ${error}`;
  const { line, column } = lineColumn(script, st.offset + at);
  return `SQL error at line ${line}, column ${column}: ${error}`;
}

/** Where in a statement SQLite's error points, or null when the message names no place. */
export function errorOffset(c: SqlConsole, text: string, error: string): number | null {
  const lead = text.length - text.trimStart().length;
  if (/^incomplete input$/.test(error)) return text.trimEnd().length;
  let m = /^(?:near|unrecognized token:) "([\s\S]*)"(?:: syntax error)?$/.exec(error);
  if (m) {
    // The occurrence where parsing breaks: the first whose prefix fails with the same message.
    const token = m[1]!;
    const hits = codeOccurrences(text, token);
    for (const at of hits) {
      if (c.compileError(text.slice(0, at + token.length)) === error) return at;
    }
    return hits[0] ?? null;
  }
  m =
    /^(?:no such (?:column|table|function)|ambiguous column name|no such collation sequence|unknown database):\s*(.+)$/.exec(
      error,
    );
  if (m) {
    const name = m[1]!.trim().split('.').pop()!;
    const hits = codeOccurrences(text, name);
    return hits[0] ?? null;
  }
  if (/read-only|not allowed|only SELECT|one statement/.test(error)) return lead;
  return null;
}
