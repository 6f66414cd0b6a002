import { describe, expect, it, vi } from 'vitest';
import { createAppStore } from '../../store/app-store';
import { FrameScheduler, Layer } from './frame-scheduler';

/** A manual requestAnimationFrame: frames run only when the test says so. */
function manualRaf() {
  let queue: ((now: number) => void)[] = [];
  return {
    raf: (cb: (now: number) => void) => {
      queue.push(cb);
      return queue.length;
    },
    cancel: () => {
      queue = [];
    },
    frame(now = 0) {
      const q = queue;
      queue = [];
      q.forEach((cb) => cb(now));
    },
    get pending() {
      return queue.length;
    },
  };
}

describe('FrameScheduler', () => {
  it('draws once per frame for a burst of store updates', () => {
    const raf = manualRaf();
    const drawFrame = vi.fn();
    const sched = new FrameScheduler(drawFrame, raf.raf, raf.cancel);
    const store = createAppStore();
    store.getState().setExtent({ start: 0, end: 1e9 });
    const unsub = store.subscribe(() => sched.schedule(Layer.Content | Layer.Overlay));
    for (let i = 0; i < 100; i++) store.getState().panBy(1000);
    store.getState().hoverSlice({ profileId: 'p', track: 0, index: 1 });
    expect(drawFrame).not.toHaveBeenCalled();
    expect(raf.pending).toBe(1);
    raf.frame(16);
    expect(drawFrame).toHaveBeenCalledTimes(1);
    expect(drawFrame.mock.calls[0]![0]).toBe(Layer.Content | Layer.Overlay);
    // Nothing changed: no further frames.
    raf.frame(32);
    expect(drawFrame).toHaveBeenCalledTimes(1);
    store.getState().panBy(5);
    raf.frame(48);
    expect(drawFrame).toHaveBeenCalledTimes(2);
    unsub();
  });

  it('merges the layers asked for between frames', () => {
    const raf = manualRaf();
    const drawFrame = vi.fn();
    const sched = new FrameScheduler(drawFrame, raf.raf, raf.cancel);
    sched.schedule(Layer.Overlay);
    sched.schedule(Layer.Overview);
    raf.frame();
    expect(drawFrame).toHaveBeenCalledWith(Layer.Overlay | Layer.Overview, 0);
  });

  it('stops drawing once disposed', () => {
    const raf = manualRaf();
    const drawFrame = vi.fn();
    const sched = new FrameScheduler(drawFrame, raf.raf, raf.cancel);
    sched.schedule();
    sched.dispose();
    raf.frame();
    sched.schedule();
    raf.frame();
    expect(drawFrame).not.toHaveBeenCalled();
  });
});
