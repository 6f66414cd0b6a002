/**
 * The AI Core and AI Vector core counts of the device (for the advisor's block-dim rule): from
 * msprof's info.json (`DeviceInfo[].ai_core_num` / `aiv_num`, under the `host` or
 * `device_N` folder of `PROF_…`; analysis-definitions.md §8, MA block_dim_checker), or from the same keys
 * when a profiler_info*.json carries them. Null when no file names an AI Core count.
 */
import type { ProfileModel } from '../profile';

export interface CoreCounts {
  aiCore: number;
  /** 0 when unknown (msprof writes 0 on chips without separate vector cores). */
  aiv: number;
  /** The file the counts come from. */
  source: string;
}

const num = (v: unknown): number => {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : NaN;
};

/** ai_core_num / aiv_num of a parsed info.json-like value, or null. */
export function coreCounts(value: unknown): { aiCore: number; aiv: number } | null {
  if (!value || typeof value !== 'object') return null;
  const o = value as Record<string, unknown>;
  const devices = Array.isArray(o['DeviceInfo']) ? (o['DeviceInfo'] as unknown[]) : [o];
  for (const d of devices) {
    if (!d || typeof d !== 'object') continue;
    const r = d as Record<string, unknown>;
    const aiCore = num(r['ai_core_num']);
    if (aiCore > 0) {
      const aiv = num(r['aiv_num']);
      return { aiCore, aiv: aiv > 0 ? aiv : 0 };
    }
  }
  return null;
}

export function profileCoreCounts(p: ProfileModel): CoreCounts | null {
  for (const kind of ['info.json', 'profiler_info.json']) {
    const c = coreCounts(p.json[kind]);
    if (c) return { ...c, source: kind };
  }
  return null;
}
