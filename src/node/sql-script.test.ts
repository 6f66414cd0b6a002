import { describe, expect, it } from 'vitest';
import { codeOccurrences, lineColumn, splitStatements, tablesNamedIn } from './sql-script';

describe('SQL scripts', () => {
  it('splits at top-level semicolons only', () => {
    const script = 'SELECT \';\' AS a; -- x; y\nSELECT "b;" /* ; */ FROM t;;\n  ;SELECT [c;d]';
    const parts = splitStatements(script);
    expect(parts.map((p) => p.text.trim())).toEqual([
      "SELECT ';' AS a",
      '-- x; y\nSELECT "b;" /* ; */ FROM t',
      'SELECT [c;d]',
    ]);
    for (const p of parts) expect(script.slice(p.offset, p.offset + p.text.length)).toBe(p.text);
    expect(splitStatements(' ; -- only a comment\n')).toEqual([]);
  });
  it('finds words outside literals and comments; positions as line:column', () => {
    const text = "SELECT ts, 'ts' -- ts\nFROM slice WHERE ts";
    expect(codeOccurrences(text, 'ts').map((o) => lineColumn(text, o))).toEqual([
      { line: 1, column: 8 },
      { line: 2, column: 18 },
    ]);
  });
  it('tells which tables a script names (all of them when it reads the schema)', () => {
    const want = tablesNamedIn('SELECT count(*) FROM Kernel k JOIN step s USING (step)');
    expect(['kernel', 'step', 'slice', 'flow'].map(want)).toEqual([true, true, false, false]);
    expect(tablesNamedIn('SELECT name FROM sqlite_master')('slice')).toBe(true);
    expect(tablesNamedIn("SELECT * FROM pragma_table_info('flow')")('slice')).toBe(true);
  });
});
