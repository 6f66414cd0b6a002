/**
 * The profile-ready path in parts (issue 18: no long task from file chosen to first frame): when
 * the viewer gets something to show (a profile just handed over, after nothing was shown), the
 * shell renders first and the view mounts from a later task, inside a transition, so React renders
 * it in slices and runs its effects after the commit rather than in the task that made it ready.
 * Switching tabs or profiles afterwards mounts at once, as before.
 */
import { startTransition, useEffect, useState } from 'react';
import { nextTask } from '../lib/next-task';

/** Whether the view may mount: false from when `show` turns true until a later task. */
export function useMountAfterShell(show: boolean): boolean {
  const [mounted, setMounted] = useState(false);
  useEffect(() => {
    if (!show) {
      setMounted(false);
      return;
    }
    if (mounted) return;
    let live = true;
    void nextTask().then(() => {
      if (live) startTransition(() => setMounted(true));
    });
    return () => {
      live = false;
    };
  }, [show, mounted]);
  return show && mounted;
}
