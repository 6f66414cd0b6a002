/**
 * Memory curves for the Memory view: memory_record series grouped by device then component
 * (PTA, GE, PTA+GE, APP, WORKSPACE), npu_module_mem series by component (CANN module), their
 * peaks, and sample times on the timeline (exact ns relative to trace.baseNs).
 */
import type { MemorySeries } from '../ascend-data';
import { baseParts, pairToNsString } from './base-ns';

export interface MemorySeriesSummary {
  component: string;
  device: string;
  samples: number;
  /** Largest value of each curve, MB (NaN when the curve has no value, e.g. APP's allocated). */
  peakAllocatedMB: number;
  peakReservedMB: number;
  peakActiveMB: number;
  /** Exact absolute ns (decimal string) of the peak reserved sample; null when none. */
  peakReservedAtNs: string | null;
}

function peak(a: Float64Array): [number, number] {
  let best = NaN;
  let at = -1;
  for (let i = 0; i < a.length; i++) {
    const v = a[i]!;
    if (!Number.isNaN(v) && (Number.isNaN(best) || v > best)) {
      best = v;
      at = i;
    }
  }
  return [best, at];
}

export function summarizeMemorySeries(s: MemorySeries): MemorySeriesSummary {
  const [reserved, at] = peak(s.reservedMB);
  return {
    component: s.component,
    device: s.device,
    samples: s.tsUs.length,
    peakAllocatedMB: peak(s.allocatedMB)[0],
    peakReservedMB: reserved,
    peakActiveMB: peak(s.activeMB)[0],
    peakReservedAtNs: at < 0 ? null : pairToNsString(s.tsUs[at]!, s.tsFrac[at]!),
  };
}

/** Series grouped by device ('' when unknown), components in a stable display order. */
export function memoryByDevice(series: readonly MemorySeries[]): Map<string, MemorySeries[]> {
  const order = ['PTA+GE', 'PTA', 'GE', 'WORKSPACE', 'APP'];
  const rank = (c: string) => {
    const i = order.indexOf(c);
    return i < 0 ? order.length : i;
  };
  const out = new Map<string, MemorySeries[]>();
  for (const s of series) out.set(s.device, [...(out.get(s.device) ?? []), s]);
  for (const list of out.values()) {
    list.sort(
      (a, b) =>
        rank(a.component) - rank(b.component) ||
        (a.component < b.component ? -1 : a.component > b.component ? 1 : 0),
    );
  }
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** npu_module_mem series by component (all devices of a component together), largest first. */
export function moduleMemoryByComponent(
  series: readonly MemorySeries[],
): Map<string, MemorySeries[]> {
  const out = new Map<string, MemorySeries[]>();
  for (const s of series) out.set(s.component, [...(out.get(s.component) ?? []), s]);
  const peakOf = (list: MemorySeries[]) =>
    Math.max(...list.map((s) => peak(s.reservedMB)[0]).filter((v) => !Number.isNaN(v)), -Infinity);
  return new Map([...out].sort(([, a], [, b]) => peakOf(b) - peakOf(a)));
}

/** Sample times of a series on the timeline: ns since `baseNs` (exact), for drawing. */
export function memoryTimesNs(s: MemorySeries, baseNs: string): Float64Array {
  const [bUs, bFrac] = baseParts(baseNs);
  const out = new Float64Array(s.tsUs.length);
  for (let i = 0; i < out.length; i++) out[i] = (s.tsUs[i]! - bUs) * 1000 + (s.tsFrac[i]! - bFrac);
  return out;
}
