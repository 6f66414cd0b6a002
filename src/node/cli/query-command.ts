/**
 * `ascend-trace-viewer query <input> "<SQL>"` (alias `npm run query -- …`): read-only SQL over
 * the tables of the viewer's SQL view; the last statement's rows on stdout as CSV (default),
 * JSON or an aligned table. Exit 2 with one line on stderr for unusable input or an SQL error.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { listInputFiles } from '../node-files';
import { openQuery, runScript } from '../query-inputs';
import { createWriter, OUTPUT_FORMATS, type OutputFormat } from '../query-output';
import { progressLine, type CliIo } from './io';

export const QUERY_HELP = `usage: ascend-trace-viewer query <input> "<SQL>" [options]
       ascend-trace-viewer query <input> -f query.sql [options]
       npm run query -- <input> "<SQL>" [options]

Runs read-only SQL over the same tables as the viewer's SQL view (slice, thread, process,
track, flow, counter, instant, kernel, step, meta — times in integer ns, ts relative to the
trace start and ts_abs absolute), the profile's own .db files attached under their base names
(e.g. ascend_pytorch_profiler_0.TASK, analysis.StepTraceTime), and a "profile" table listing
every profile found. Several statements may be separated by ";": the last one's rows are
printed. The tables are documented in README ("SQL tables").

<input>               a profiler folder, run folder, cluster folder, .zip or trace file
-f, --file <path>     read the SQL from a file ("-" for stdin)
--format <fmt>        csv (default, with a header line), json (an array of objects) or table
--profile <id|rank>   which profile when several were found (default: the first); see
                      SELECT * FROM profile

Exit status: 0 on success (also for an empty result); 2 with one line on stderr for unusable
input, an unknown option or an SQL error (with its line and column when SQLite names a place).
Progress shows on stderr only when stderr is a terminal.
`;

interface QueryArgs {
  input: string;
  sql: string;
  format: OutputFormat;
  profile?: string;
}

function parseQueryArgs(args: string[]): QueryArgs | { error: string } {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        file: { type: 'string', short: 'f' },
        format: { type: 'string' },
        profile: { type: 'string' },
      },
    });
  } catch (e) {
    return { error: `query: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` };
  }
  const { values, positionals } = parsed;
  const [input, sqlText, ...extra] = positionals;
  if (!input)
    return { error: 'usage: ascend-trace-viewer query <input> "<SQL>" (--help for more)' };
  if (extra.length > 0)
    return { error: `query: unexpected argument "${extra[0]}" (quote the SQL)` };
  const format = (values.format ?? 'csv') as OutputFormat;
  if (!OUTPUT_FORMATS.includes(format))
    return { error: `query: --format ${values.format} is not one of ${OUTPUT_FORMATS.join(', ')}` };
  if (values.file !== undefined && sqlText !== undefined)
    return { error: 'query: give the SQL either as an argument or with -f, not both' };
  let sql = sqlText;
  if (values.file !== undefined) {
    try {
      sql = readFileSync(values.file === '-' ? 0 : values.file, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return { error: `${values.file}: ${code === 'ENOENT' ? 'no such file' : String(code)}` };
    }
  }
  if (sql === undefined) return { error: 'query: no SQL given (an argument or -f file.sql)' };
  return { input, sql, format, profile: values.profile };
}

export async function queryCommand(args: string[], io: CliIo): Promise<number> {
  const a = parseQueryArgs(args);
  if ('error' in a) {
    io.err(`${a.error}\n`);
    return 2;
  }
  if (!existsSync(a.input)) {
    io.err(`${a.input}: no such file or folder\n`);
    return 2;
  }
  const progress = progressLine(io);
  const opened = await openQuery(await listInputFiles(a.input), {
    sourceName: basename(a.input.replace(/\/+$/, '')),
    profile: a.profile,
    script: a.sql,
    onProgress: progress?.onProgress,
  });
  progress?.done();
  if ('error' in opened) {
    io.err(`${opened.error}\n`);
    return 2;
  }
  try {
    const writer = createWriter(a.format, io.out);
    const r = runScript(opened.console, a.sql, {
      onColumns: (c) => writer.columns(c),
      onRow: (row) => writer.row(row),
    });
    if ('error' in r) {
      io.err(`${r.error}\n`);
      return 2;
    }
    writer.end();
    return 0;
  } finally {
    opened.console.close();
  }
}
