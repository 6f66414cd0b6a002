import { describe, expect, it } from 'vitest';
import { splitMultiline } from './ArgsView';

describe('splitMultiline', () => {
  it('splits torch_npu call stacks (";\\r\\n") into frames without the trailing ";"', () => {
    expect(splitMultiline('a.py(1): f;\r\nb.py(2): g;\r\n<string>(1): <module>')).toEqual([
      'a.py(1): f',
      'b.py(2): g',
      '<string>(1): <module>',
    ]);
  });
  it('splits plain "\\n" text and keeps inner empty lines', () => {
    expect(splitMultiline('x\n\ny')).toEqual(['x', '', 'y']);
  });
  it('leaves one-line strings alone', () => {
    expect(splitMultiline('aten::add')).toBeNull();
    expect(splitMultiline('a;b')).toBeNull();
  });
});
