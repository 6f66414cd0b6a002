/**
 * Bulk inserts for the SQL console's tables (`console-tables.ts`), and the choice of which
 * tables to fill (the command line fills only the tables a script names).
 */
import type { Database, SqlValue } from './sql-loader';

/** Tables to fill, by database (set for the duration of `loadConsoleTables`); all when absent. */
const wantedTables = new WeakMap<Database, (table: string) => boolean>();

/** Until called again with null, `insertAll` into `db` fills only the tables `only` accepts. */
export function fillOnly(db: Database, only: ((table: string) => boolean) | null): void {
  if (only) wantedTables.set(db, only);
  else wantedTables.delete(db);
}

/** Inserts the rows `fill` puts into a console table (nothing when the table is not wanted). */
export function insertAll(
  db: Database,
  table: string,
  columns: string[],
  fill: (put: (v: SqlValue[]) => void) => void,
): void {
  if (wantedTables.get(db)?.(table) === false) return;
  // Rows go in `batch` at a time (one statement of many VALUES rows): each statement run costs
  // a round of calls into WebAssembly, so this is about 1.5× faster than a row per statement.
  const batch = Math.max(1, Math.min(64, Math.floor(900 / columns.length)));
  const values = (n: number) =>
    Array.from({ length: n }, () => `(${columns.map(() => '?').join(', ')})`).join(', ');
  const head = `INSERT INTO ${table} (${columns.join(', ')}) VALUES `;
  const one = db.prepare(head + values(1));
  const many = batch > 1 ? db.prepare(head + values(batch)) : null;
  let pending: SqlValue[] = [];
  let rows = 0;
  try {
    fill((v) => {
      if (!many) return void one.run(v);
      for (const x of v) pending.push(x);
      if (++rows === batch) {
        many.run(pending);
        pending = [];
        rows = 0;
      }
    });
    const width = columns.length;
    for (let r = 0; r < rows; r++) one.run(pending.slice(r * width, (r + 1) * width));
  } finally {
    one.free();
    many?.free();
  }
}
