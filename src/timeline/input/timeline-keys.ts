/**
 * Keyboard input for the timeline (bindings in keymap.ts, Perfetto style): W/A/S/D drive the
 * smooth navigator (key-nav.ts) frame by frame; every other bound key runs one action. Keys
 * typed into a form field are left alone.
 */
import { Layer } from '../view/frame-scheduler';
import { navKeyOf } from './key-nav';
import { actionForKey, type KeyAction } from './keymap';
import { stepMatch } from '../core/search';
import type { TimelineView } from '../view/timeline-view';

export interface KeyCallbacks {
  focusSearch: () => void;
  toggleHelp: () => void;
}

function isTyping(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  const tag = t.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || t.isContentEditable;
}

/** Next / previous search match from the current one (or from the visible window's start). */
export function stepSearch(view: TimelineView, dir: 1 | -1): void {
  const st = view.store.getState();
  const m = st.searchMatches;
  if (!m || m.count === 0) return;
  view.gotoMatch(stepMatch(m, st.searchCurrent, dir, st.visibleWindow.start));
}

/** Listens for keys on the window; returns the detach function. */
export function attachKeys(view: TimelineView, cb: KeyCallbacks): () => void {
  const { store } = view;
  const actions: Record<KeyAction, () => void> = {
    fit: () => {
      view.nav.stop();
      view.fit();
    },
    reset: () => {
      view.nav.stop();
      store.getState().resetView();
    },
    clear: () => {
      const st = store.getState();
      if (st.helpOpen) st.setHelpOpen(false);
      else st.clearSelection();
    },
    flowOut: () => view.followFlow('out'),
    flowIn: () => view.followFlow('in'),
    nextSlice: () => view.stepSlice(1),
    prevSlice: () => view.stepSlice(-1),
    parent: () => view.stepDepth('parent'),
    child: () => view.stepDepth('child'),
    help: () => cb.toggleHelp(),
    search: () => cb.focusSearch(),
    nextMatch: () => stepSearch(view, 1),
    prevMatch: () => stepSearch(view, -1),
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (isTyping(e.target)) return;
    const nk = e.ctrlKey || e.metaKey || e.altKey ? null : navKeyOf(e.key);
    if (nk) {
      e.preventDefault();
      view.nav.keyDown(nk, performance.now());
      view.scheduler.schedule(Layer.Animation);
      return;
    }
    const action = actionForKey(e);
    if (!action) return;
    e.preventDefault();
    actions[action]();
  };
  const onKeyUp = (e: KeyboardEvent) => {
    const nk = navKeyOf(e.key);
    if (nk) view.nav.keyUp(nk);
  };
  const onBlur = () => view.nav.releaseAll();
  window.addEventListener('keydown', onKeyDown);
  window.addEventListener('keyup', onKeyUp);
  window.addEventListener('blur', onBlur);
  return () => {
    window.removeEventListener('keydown', onKeyDown);
    window.removeEventListener('keyup', onKeyUp);
    window.removeEventListener('blur', onBlur);
  };
}
