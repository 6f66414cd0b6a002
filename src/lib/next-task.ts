/**
 * Resolves in a later task of the event loop (not a microtask), so that what follows runs after
 * the current task has ended and the browser could render and handle input in between.
 * `scheduler.yield()` where the browser has it, else a MessageChannel round trip (no 4 ms clamp),
 * else `setTimeout`.
 */
export function nextTask(): Promise<void> {
  const sched = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (sched?.yield) return sched.yield();
  if (typeof MessageChannel !== 'undefined') {
    return new Promise((resolve) => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        ch.port1.close();
        resolve();
      };
      ch.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}
