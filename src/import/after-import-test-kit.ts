/** Tests: what the hand-over does to the worker's side of a profile (its buffers are moved). */
import { collectTransferables } from '../lib/transferables';

/** Detaches every buffer of `v`, as posting it to the page with its buffers moved does. */
export function transferAll(v: unknown): void {
  const buffers = collectTransferables(v).filter((t) => t instanceof ArrayBuffer);
  if (buffers.length > 0) structuredClone(buffers, { transfer: buffers });
}
