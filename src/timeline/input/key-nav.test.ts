import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../store/app-store';
import { actionForKey } from './keymap';
import { applyNavStep, KeyNavigator, navKeyOf } from './key-nav';

const WIDTH = 1000;

/** Holds `key` for `frames` frames of 16 ms, then releases it and lets the glide finish. */
function drive(key: string, frames: number, anchor: (w: { start: number; end: number }) => number) {
  const store = createAppStore();
  store.getState().setExtent({ start: 0, end: 1_000_000 });
  store.getState().setVisibleWindow({ start: 400_000, end: 600_000 });
  const nav = new KeyNavigator();
  let now = 0;
  nav.keyDown(navKeyOf(key)!, now);
  const apply = () => {
    const s = nav.step(now);
    const w = store.getState().visibleWindow;
    store.getState().setVisibleWindow(applyNavStep(w, s, anchor(w), WIDTH));
    now += 16;
  };
  for (let i = 0; i < frames; i++) apply();
  nav.keyUp(navKeyOf(key)!);
  let guard = 0;
  while (nav.active && guard++ < 1000) apply();
  return { w: store.getState().visibleWindow, stopped: !nav.active };
}

describe('keyboard navigation', () => {
  const center = (w: { start: number; end: number }) => (w.start + w.end) / 2;

  it('W zooms in around the anchor and stops after release', () => {
    const { w, stopped } = drive('w', 10, () => 500_000);
    expect(stopped).toBe(true);
    expect(w.end - w.start).toBeLessThan(200_000 * 0.7);
    expect((w.start + w.end) / 2).toBeCloseTo(500_000, 0);
  });

  it('S zooms out', () => {
    const { w } = drive('s', 10, center);
    expect(w.end - w.start).toBeGreaterThan(200_000 * 1.3);
  });

  it('A pans left and D pans right, keeping the zoom', () => {
    const left = drive('a', 5, center).w;
    const right = drive('d', 5, center).w;
    expect(left.start).toBeLessThan(400_000);
    expect(right.start).toBeGreaterThan(400_000);
    expect(left.end - left.start).toBeCloseTo(200_000, 3);
  });

  it('accelerates: holding twice as long moves more than twice as far', () => {
    const short = drive('d', 10, center).w.start - 400_000;
    const long = drive('d', 20, center).w.start - 400_000;
    expect(long).toBeGreaterThan(2 * short);
  });

  it('zooms around an off-centre anchor: the anchor stays put on screen', () => {
    const anchor = 450_000;
    const { w } = drive('w', 5, () => anchor);
    // The anchor keeps its relative position (25% from the left).
    expect((anchor - w.start) / (w.end - w.start)).toBeCloseTo(0.25, 6);
  });
});

describe('actionForKey', () => {
  const k = (key: string, mods: Partial<{ ctrlKey: boolean; shiftKey: boolean }> = {}) =>
    actionForKey({ key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });
  it('maps Perfetto-style keys', () => {
    expect(k('f')).toBe('fit');
    expect(k('0')).toBe('reset');
    expect(k('Home')).toBe('reset');
    expect(k('Escape')).toBe('clear');
    expect(k(']')).toBe('flowOut');
    expect(k('[')).toBe('flowIn');
    expect(k('?')).toBe('help');
    expect(k('s', { ctrlKey: true })).toBe('search');
    expect(k('x')).toBe(null);
  });
});

describe('KeyNavigator.stop', () => {
  it('ends the glide at once', () => {
    const nav = new KeyNavigator();
    nav.keyDown('s', 0);
    nav.step(16);
    nav.keyUp('s');
    expect(nav.active).toBe(true);
    nav.stop();
    expect(nav.active).toBe(false);
    expect(nav.step(32)).toEqual({ panPx: 0, zoom: 0 });
  });
});
