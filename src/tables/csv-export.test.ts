import { describe, expect, it } from 'vitest';
import type { ColumnDef } from './column';
import { csvField, csvFileName, neutralizeFormula, tableCsvChunks, tableToCsv } from './csv-export';

describe('CSV export', () => {
  it('prefixes cells a spreadsheet would run as formulas', () => {
    expect(neutralizeFormula('=HYPERLINK("http://x","y")')).toBe(`'=HYPERLINK("http://x","y")`);
    expect(neutralizeFormula('+cmd|calc')).toBe("'+cmd|calc");
    expect(neutralizeFormula('-2+3')).toBe("'-2+3");
    expect(neutralizeFormula('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutralizeFormula('\t=1')).toBe("'\t=1");
    expect(neutralizeFormula('\r=1')).toBe("'\r=1");
  });

  it('leaves plain numbers and ordinary text alone', () => {
    for (const s of ['-5', '+1.5e3', '-0.25', '42', 'MatMul', 'a=b', '', 'N/A']) {
      expect(neutralizeFormula(s)).toBe(s);
    }
  });

  it('quotes fields with quotes, commas, line breaks and edge spaces', () => {
    expect(csvField('"32,3,224,224"')).toBe('"""32,3,224,224"""');
    expect(csvField('a;\nb')).toBe('"a;\nb"');
    expect(csvField(' x')).toBe('" x"');
    expect(csvField('=1,2')).toBe(`"'=1,2"`);
    expect(csvField('plain')).toBe('plain');
  });

  it('writes a BOM, the header and the rows in display order with CRLF', () => {
    const data = [
      ['MatMul', '=evil()'],
      ['Add', '-3'],
    ];
    const cols: ColumnDef[] = [
      { id: 'n', label: 'Name', text: (r) => data[r]![0]! },
      { id: 'v', label: 'Value, raw', text: (r) => data[r]![1]! },
    ];
    expect(tableToCsv(cols, [1, 0], 2)).toBe(
      '\uFEFFName,"Value, raw"\r\nAdd,-3\r\nMatMul,\'=evil()\r\n',
    );
    expect(tableToCsv(cols, null, 2).split('\r\n')[1]).toBe("MatMul,'=evil()");
    expect(tableCsvChunks(cols, null, 2, 1)).toHaveLength(3);
  });

  it('makes safe file names', () => {
    expect(csvFileName('kernel_details (filtered)')).toBe('kernel_details_filtered.csv');
    expect(csvFileName('../../x.csv')).toBe('.._.._x.csv');
    expect(csvFileName('')).toBe('table.csv');
  });
});
