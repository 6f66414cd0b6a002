import { formatDateTime } from '../../lib/format';

/** Epoch ns (decimal string) as a local date-time, or null for traces with their own zero. */
export function wallClock(baseNs: string): string | null {
  try {
    const ms = Number(BigInt(baseNs) / 1_000_000n);
    if (ms < 946_684_800_000) return null; // before 2000: not an epoch time
    return formatDateTime(ms);
  } catch {
    return null;
  }
}
