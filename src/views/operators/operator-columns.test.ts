import { describe, expect, it } from 'vitest';
import { makeOperators } from '../../model/ascend/test-models';
import { callSite, cellLines, operatorColumns, shortFrame } from './operator-columns';

describe('operator columns', () => {
  it('splits multi-line cells into frames', () => {
    expect(cellLines('/a.py(1): f;\n/b.py(2): g;\r\n')).toEqual(['/a.py(1): f', '/b.py(2): g']);
    expect(cellLines(';\n;\n')).toEqual([]);
  });

  it('finds the call site: the innermost frame outside library code', () => {
    const frames = [
      '/home/u/.local/lib/python3.9/site-packages/torch/_ops.py(692): __call__',
      '/home/u/imagenet_script/main.py(350): train',
      '<string>(1): <module>',
    ];
    expect(callSite(frames)).toEqual({ index: 1, text: 'main.py(350): train' });
    expect(callSite(['<string>(1): <module>'])).toEqual({
      index: 0,
      text: '<string>(1): <module>',
    });
    expect(callSite([])).toBeNull();
    expect(shortFrame('C:\\work\\x.py(3): f')).toBe('x.py(3): f');
  });

  it('types names and durations, keeps other columns as text', () => {
    const ops = makeOperators([{ name: 'aten::mm', deviceTotalNs: 2500 }]);
    ops.text = {
      path: 'operator_details.csv',
      header: ['Name', 'Call Stack', 'Device Total Duration(us)', 'Extra'],
      rows: [['aten::mm', 'x.py(1): f;\ny.py(2): g', '2.5', 'hello']],
    };
    const cols = operatorColumns(ops);
    expect(cols.map((c) => c.id)).toEqual([
      'Name',
      'Call Stack',
      'Device Total Duration(us)',
      'Extra',
    ]);
    expect(cols[0]!.dict?.strings[cols[0]!.dict.ids[0]!]).toBe('aten::mm');
    expect(cols[2]!.value!(0)).toBe(2500);
    expect(cols[2]!.text(0)).toBe('2.5');
    expect(cols[3]!.value).toBeUndefined();
  });
});
