import { describe, expect, it } from 'vitest';
import { shortHash } from '../../lib/format';
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

describe('shortHash', () => {
  it('shortens 20-digit group hashes and long hex ids, keeps the ends', () => {
    expect(shortHash('12345678901234567890')).toBe('123456…7890');
    expect(shortHash('0x7f3a9c00deadbeef42')).toBe('0x7f3a…ef42');
  });
  it('leaves ns timestamps, short numbers and words whole', () => {
    expect(shortHash('1736412474714000123')).toBeNull();
    expect(shortHash('4294967295')).toBeNull();
    expect(shortHash('aten::addmm_backward')).toBeNull();
    expect(shortHash('1234567890123456')).toBeNull();
  });
});
