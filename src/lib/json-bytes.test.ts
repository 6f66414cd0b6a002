import { describe, expect, it } from 'vitest';
import { decodeJsonString, parseJsonText, skipValue, INCOMPLETE, SYNTAX } from './json-bytes';

const enc = (s: string) => new TextEncoder().encode(s);

describe('parseJsonText (lenient)', () => {
  it('accepts NaN and Infinity literals', () => {
    expect(parseJsonText('{"a": NaN, "b": Infinity, "c": -Infinity, "d": inf}')).toEqual({
      a: NaN,
      b: Infinity,
      c: -Infinity,
      d: Infinity,
    });
  });
  it('keeps integers beyond 2^53 exact as bigint', () => {
    expect(parseJsonText('{"id": 1736412474725417508}')).toEqual({ id: 1736412474725417508n });
  });
  it('accepts trailing commas', () => {
    expect(parseJsonText('[1, 2, ]')).toEqual([1, 2]);
    expect(parseJsonText('{"a": 1,}')).toEqual({ a: 1 });
  });
  it('rejects garbage with an offset', () => {
    expect(() => parseJsonText('{"a": }')).toThrow(/unexpected/);
  });
  it('does not let __proto__ keys touch prototypes', () => {
    const v = parseJsonText('{"__proto__": {"polluted": 1}}') as Record<string, unknown>;
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.keys(v)).toEqual(['__proto__']);
  });
});

describe('decodeJsonString', () => {
  const dec = (s: string) => {
    const b = enc(s);
    return decodeJsonString(b, 0, b.length);
  };
  it('joins surrogate pairs and replaces lone surrogates', () => {
    expect(dec('\\ud83d\\ude00')).toBe('😀');
    expect(dec('a\\ud83db')).toBe('a\uFFFDb');
    expect(dec('\\ude00')).toBe('\uFFFD');
  });
  it('decodes the usual escapes', () => {
    expect(dec('a\\r\\nb\\t\\"c\\\\')).toBe('a\r\nb\t"c\\');
  });
  it('keeps raw control characters', () => {
    expect(dec('a\u0001b')).toBe('a\u0001b');
  });
  it('replaces invalid UTF-8', () => {
    const b = new Uint8Array([0x61, 0xff, 0x62]);
    expect(decodeJsonString(b, 0, 3)).toBe('a\uFFFDb');
  });
});

describe('skipValue', () => {
  it('skips nested values with strings containing brackets', () => {
    const b = enc('{"a": ["}", {"b": "]"}]} tail');
    expect(skipValue(b, 0, b.length)).toBe(24);
  });
  it('says incomplete when the buffer ends inside', () => {
    const b = enc('{"a": [1, 2');
    expect(skipValue(b, 0, b.length)).toBe(INCOMPLETE);
  });
  it('reports a syntax error for a stray quote in a scalar', () => {
    const b = enc('12"3, ');
    expect(skipValue(b, 0, b.length)).toBe(SYNTAX);
  });
});
