// The colour-vision-deficiency-safe palette: every pair of its colours stays apart (CIELAB ΔE76
// ≥ MIN_DELTA_E) after simulating protanopia, deuteranopia and tritanopia (Machado, Oliveira &
// Fernandes 2009, severity 1; and Viénot, Brettel & Mollon 1999 for the red-green deficiencies),
// in both themes; the default palette does not (so the test can tell them apart).
import { describe, expect, it } from 'vitest';
import { makePalette, mix, schemeColors, LIGHT_COLORS, type ThemeColors } from './colors';
import { CVD_COLORS, cvdColorOfSlot } from './cvd-palette';

type Mat = readonly [readonly number[], readonly number[], readonly number[]];

/** Machado et al. 2009, severity 1.0, on linear RGB. */
const MACHADO: Record<'protanopia' | 'deuteranopia' | 'tritanopia', Mat> = {
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};

/** Viénot et al. 1999 (dichromat projection), on linear RGB. */
const VIENOT: Record<'protanopia' | 'deuteranopia', Mat> = {
  protanopia: [
    [0.11238, 0.88762, 0],
    [0.11238, 0.88762, 0],
    [0.00401, -0.00401, 1],
  ],
  deuteranopia: [
    [0.29275, 0.70725, 0],
    [0.29275, 0.70725, 0],
    [-0.02234, 0.02234, 1],
  ],
};

const IDENTITY: Mat = [
  [1, 0, 0],
  [0, 1, 0],
  [0, 0, 1],
];

// ΔE76 ≈ 2.3 is a just-noticeable difference; 12 is apart at a glance (the default palette has 2.3).
const MIN_DELTA_E = 12;

function linearRgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  }) as [number, number, number];
}

/** CIELAB (D65) of a linear RGB colour, clipped to the gamut. */
function lab(rgb: readonly number[]): [number, number, number] {
  const [r, g, b] = rgb.map((v) => Math.min(1, Math.max(0, v))) as [number, number, number];
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

function simulate(hex: string, m: Mat): [number, number, number] {
  const c = linearRgb(hex);
  return lab(m.map((row) => row[0]! * c[0] + row[1]! * c[1] + row[2]! * c[2]));
}

const deltaE = (a: readonly number[], b: readonly number[]) =>
  Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!);

/** The closest pair of distinct colours under a simulation: [ΔE, colour, colour]. */
function closestPair(colors: readonly string[], m: Mat): [number, string, string] {
  const distinct = [...new Set(colors)];
  const labs = distinct.map((c) => simulate(c, m));
  let best: [number, string, string] = [Infinity, '', ''];
  for (let i = 0; i < labs.length; i++)
    for (let j = i + 1; j < labs.length; j++) {
      const d = deltaE(labs[i]!, labs[j]!);
      if (d < best[0]) best = [d, distinct[i]!, distinct[j]!];
    }
  return best;
}

const SIMULATIONS: [string, Mat][] = [
  ['normal vision', IDENTITY],
  ...Object.entries(MACHADO).map(([k, m]): [string, Mat] => [`${k} (Machado)`, m]),
  ...Object.entries(VIENOT).map(([k, m]): [string, Mat] => [`${k} (Viénot)`, m]),
];

const DARK: ThemeColors = { ...LIGHT_COLORS, dark: true, bg: '#15171c' };

describe('colour-vision-deficiency-safe palette', () => {
  it('the simulation matrices keep white white (rows sum to 1)', () => {
    for (const [, m] of SIMULATIONS)
      for (const row of m) expect(row[0]! + row[1]! + row[2]!).toBeCloseTo(1, 3);
  });

  for (const [name, m] of SIMULATIONS) {
    it(`every pair of colours stays apart under ${name}, light and dark theme`, () => {
      const light = makePalette(LIGHT_COLORS, 'cvd');
      const dark = makePalette(DARK, 'cvd');
      for (const p of [light, dark]) {
        const [d, a, b] = closestPair(p.fill.slice(0, p.size), m);
        expect(d, `${a} vs ${b}`).toBeGreaterThanOrEqual(MIN_DELTA_E);
      }
    });
  }

  it('the default palette is not safe (the test tells them apart)', () => {
    const [d] = closestPair(schemeColors('default'), MACHADO.deuteranopia);
    expect(d).toBeLessThan(MIN_DELTA_E);
    const [dp] = closestPair(schemeColors('default'), MACHADO.protanopia);
    expect(dp).toBeLessThan(MIN_DELTA_E);
  });

  it('uses every colour, and the Overlap Analysis lanes get four different ones', () => {
    expect(new Set(schemeColors('cvd'))).toEqual(new Set(CVD_COLORS));
    const lanes = [1, 6, 8, 15].map(cvdColorOfSlot);
    expect(new Set(lanes).size).toBe(4);
  });

  it('the dark variant is the light one shaded like the default palette', () => {
    const dark = makePalette(DARK, 'cvd');
    expect(dark.fill[0]).toBe(mix(cvdColorOfSlot(0), '#000000', 0.12));
    expect(makePalette(LIGHT_COLORS, 'cvd')).not.toBe(makePalette(LIGHT_COLORS, 'default'));
  });
});
