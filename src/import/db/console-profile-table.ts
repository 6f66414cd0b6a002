/**
 * The `profile` table of the SQL console: every profile found in what was opened (ranks, runs,
 * stages), one row each, with the one the other tables hold marked `selected = 1`. Filled when
 * the caller knows the list (the command-line `query`); absent otherwise.
 */
import type { ProfileDescriptor } from '../../model/profile';
import type { ConsoleTableDoc } from './console-schema';
import type { Database } from './sql-loader';

export const PROFILE_TABLE: ConsoleTableDoc = {
  name: 'profile',
  doc: 'profiles found in what was opened; selected = 1 for the one the other tables hold',
  columns: [
    { name: 'id', type: 'TEXT', doc: 'profile id: its folder relative to what was opened' },
    { name: 'label', type: 'TEXT', doc: 'as listed in the viewer' },
    { name: 'kind', type: 'TEXT', doc: 'ascend | trace-file' },
    { name: 'rank', type: 'INTEGER', doc: 'rank id, NULL when unknown' },
    { name: 'run_folder', type: 'TEXT', doc: 'run / timestamp / stage folder, if any' },
    { name: 'level', type: 'TEXT', doc: 'profiler level (Level0/1/2), if known' },
    { name: 'export_type', type: 'TEXT', doc: 'text | db, if known' },
    { name: 'host', type: 'TEXT', doc: 'host from the folder name, if it parses' },
    { name: 'files', type: 'INTEGER', doc: 'number of files' },
    { name: 'selected', type: 'INTEGER', doc: '1 for the profile the other tables hold' },
  ],
};

export function loadProfileTable(
  db: Database,
  profiles: readonly ProfileDescriptor[],
  selectedId: string | null,
): void {
  const cols = PROFILE_TABLE.columns;
  db.run(`CREATE TABLE profile (${cols.map((c) => `${c.name} ${c.type}`).join(', ')})`);
  const stmt = db.prepare(`INSERT INTO profile VALUES (${cols.map(() => '?').join(', ')})`);
  try {
    for (const p of profiles) {
      stmt.run([
        p.id,
        p.label,
        p.kind,
        p.rank,
        p.runFolder,
        p.level,
        p.exportType,
        p.host,
        p.files.length,
        p.id === selectedId ? 1 : 0,
      ]);
    }
  } finally {
    stmt.free();
  }
}
