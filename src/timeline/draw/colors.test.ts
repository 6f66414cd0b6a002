import { describe, expect, it } from 'vitest';
import { colorIndexForName, colorIndexOf, LIGHT_COLORS, makePalette, nameHash } from './colors';
import { packColor } from './pixel-layer';

describe('slice colours', () => {
  it('are stable per name and ignore digits', () => {
    expect(nameHash('ProfilerStep#3')).toBe(nameHash('ProfilerStep#41'));
    expect(colorIndexForName('aten::add')).toBe(colorIndexForName('aten::add'));
    const strings = ['', 'aten::add', 'aten::mul'];
    expect(colorIndexOf(strings, 1)).toBe(colorIndexForName('aten::add'));
  });
  it('give Overlap Analysis lanes fixed colours', () => {
    expect(colorIndexForName('Free')).not.toBe(colorIndexForName('Computing'));
  });
  it('have a dimmed variant and a readable text colour per entry', () => {
    const p = makePalette(LIGHT_COLORS);
    expect(p.fill.length).toBe(2 * p.size);
    expect(p.text.length).toBe(p.fill.length);
    expect(p.fill[p.size]).not.toBe(p.fill[0]);
  });
  it('pack CSS colours for the pixel layer (little-endian RGBA)', () => {
    expect(packColor('#ff0000')).toBe(0xff0000ff);
    expect(packColor('#0f0')).toBe(0xff00ff00);
    expect(packColor('rgb(0, 0, 255)')).toBe(0xffff0000);
  });
});
