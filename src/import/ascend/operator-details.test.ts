import { describe, expect, it } from 'vitest';
import { parseOperatorDetails } from './operator-details';
import { operatorDetails, tableOf } from './test-csv';

describe('parseOperatorDetails', () => {
  for (const eol of ['\r\n', '\n'] as const) {
    it(`reads multi-line shapes and call stacks (${eol === '\n' ? 'LF' : 'CRLF'})`, async () => {
      const { operators: o, warnings } = parseOperatorDetails(await tableOf(operatorDetails(eol)));
      expect(warnings).toEqual([]);
      expect(o.length).toBe(2);
      expect(o.strings[o.name[0]!]).toBe('aten::conv2d');
      expect(o.strings[o.inputShapes[0]!]).toBe('32,3,224,224;64,3,11,11;64;');
      expect(o.strings[o.inputShapes[1]!]).toBe(';');
      expect(o.text.rows[0]![2]).toBe('/a/torch/_ops.py(692): __call__;\n/a/train.py(10): main');
      expect(o.hostSelfNs[0]).toBe(12500);
      expect(o.hostTotalNs[0]).toBe(100250);
      expect(o.deviceTotalNs[0]).toBe(55161);
      expect(o.deviceSelfNs[1]).toBeNaN();
      expect(o.deviceTotalNs[1]).toBeNaN();
    });
  }
});
