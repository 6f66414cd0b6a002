/**
 * Now as epoch milliseconds with sub-ms precision, comparable between the page, its workers and
 * Node (each has its own `performance.timeOrigin`). Used for stage marks, never for logic.
 */
export function epochMs(): number {
  return performance.timeOrigin + performance.now();
}
