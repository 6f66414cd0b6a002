// README's "SQL tables" reference documents every table and column the SQL view and `query`
// have (CONSOLE_SCHEMA and the profile table): a column added in code must be added there.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROFILE_TABLE } from '../../import/db/console-profile-table';
import { CONSOLE_SCHEMA } from '../../import/db/console-schema';

/** The README rows of each table: from its `| \`name\`` row to the next table's. */
function readmeTables(): Map<string, string> {
  const readme = readFileSync('README.md', 'utf8');
  const start = readme.indexOf('### SQL tables');
  const section = readme.slice(start, readme.indexOf('\n### ', start + 1));
  const out = new Map<string, string>();
  let current = '';
  for (const line of section.split('\n')) {
    const m = /^\| `(\w+)`/.exec(line);
    if (m) current = m[1]!;
    if (current && line.startsWith('|')) out.set(current, (out.get(current) ?? '') + line + '\n');
  }
  return out;
}

describe('README SQL tables', () => {
  it('documents every table and column with a type', () => {
    const doc = readmeTables();
    for (const t of [...CONSOLE_SCHEMA, PROFILE_TABLE]) {
      const rows = doc.get(t.name);
      expect(rows, `table ${t.name} is not in README's SQL tables`).toBeDefined();
      for (const c of t.columns) {
        // An integer-ns twin `<x>_ns` is documented on the row of `<x>` (as `…_ns`).
        const base = c.expr && c.name.endsWith('_ns') ? c.name.slice(0, -3) : null;
        const line = rows!.split('\n').find((l) => {
          const column = l.split('|')[2] ?? '';
          return (
            column.includes(`\`${c.name}\``) || (base !== null && column.includes(`\`${base}\``))
          );
        });
        expect(line, `${t.name}.${c.name} is not in README's SQL tables`).toBeDefined();
        expect(line).toContain(c.type);
      }
    }
  });
});
