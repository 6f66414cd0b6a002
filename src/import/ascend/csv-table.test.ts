import { describe, expect, it } from 'vitest';
import { CsvTable, normalizeLines, splitTensorList, stripQuoteChars, trimCell } from './csv-table';
import { T, csv, tableOf } from './test-csv';

describe('cell helpers', () => {
  it('trims TABs and spaces, strips quote characters, splits tensor lists', () => {
    expect(trimCell(`1736412474730135.222${T}`)).toBe('1736412474730135.222');
    expect(stripQuoteChars('"32,3,224,224"')).toBe('32,3,224,224');
    expect(splitTensorList('"81920,4096;8192,512"')).toEqual(['81920,4096', '8192,512']);
    expect(splitTensorList('32,3;\r\n64;\r\n;\r\n')).toEqual(['32,3', '64', '']);
    expect(splitTensorList('')).toEqual([]);
    expect(normalizeLines('a;\r\nb;\r\nc')).toBe('a;\nb;\nc');
  });

  it('selects columns by name, case- and space-insensitive, with alternatives', async () => {
    const t = new CsvTable(await tableOf(csv(['Step Id, block  num ,NAME', '1,2,x'])), 'k.csv');
    expect(t.col(['Block Dim', 'Block Num'])).toBe(1);
    expect(t.col(['Name'])).toBe(2);
    expect(t.col(['Nope'])).toBe(-1);
    expect(t.raw(0, -1)).toBe('');
  });

  it('reads ids: N/A, empty and 4294967295 are -1; exponent form is reported', async () => {
    const t = new CsvTable(
      await tableOf(csv(['Id,X', '7,', 'N/A,', ',', '4294967295,', '9.4509E+13,', 'x,'])),
      'k.csv',
    );
    expect([0, 1, 2, 3, 4, 5].map((r) => t.id(r, 0))).toEqual([7, -1, -1, -1, -1, -1]);
    expect(t.log.list().map((w) => w.code)).toEqual(['id_lost_precision', 'bad_id']);
  });

  it('reads CRLF and LF files alike', async () => {
    const lines = ['Name,Start Time(us)', `a,"1.001${T}"`, 'b,2'];
    const a = await tableOf(csv(lines, '\r\n'));
    const b = await tableOf(csv(lines, '\n'));
    expect(a).toEqual(b);
  });
});
