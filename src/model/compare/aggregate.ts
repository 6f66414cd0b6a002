/**
 * One comparison side made of several ranks (`compare --aggregate`): every rank's side
 * ({@link compareSide}) folded into one, so two multi-rank runs compare as wholes.
 * - kernels, operators: count and total summed over the ranks, per key;
 * - communication: count, total, wait, transit, size and time summed per type and group, the
 *   bandwidth recomputed from the sums;
 * - device busy / compute / exposed communication / idle: summed over the ranks (device time of
 *   the whole run); capture: the longest rank's;
 * - steps by index: each category's mean over the ranks that have that step (the step time of
 *   the "average rank"), the step id the first such rank's; no bars.
 * Sources list each distinct source once, comma-separated.
 */
import { STEP_CATEGORIES, type CompareSide, type StepFigures } from './compare';
import type { CommStats, DeviceFigures, GroupStats, SideFigures } from './side';

const distinct = (xs: (string | null)[]): string | null => {
  const set = [...new Set(xs.filter((x): x is string => x !== null))];
  return set.length > 0 ? set.join(',') : null;
};

function sumGroups(lists: readonly (readonly GroupStats[])[]): GroupStats[] {
  const by = new Map<string, GroupStats>();
  for (const list of lists)
    for (const g of list) {
      const s = by.get(g.key);
      if (s) {
        s.count += g.count;
        s.totalNs += g.totalNs;
      } else by.set(g.key, { ...g });
    }
  return [...by.values()];
}

function sumComm(lists: readonly (readonly CommStats[])[]): CommStats[] {
  const add = (a: number | null, b: number | null) =>
    a === null && b === null ? null : (a ?? 0) + (b ?? 0);
  const by = new Map<string, CommStats>();
  for (const list of lists)
    for (const c of list) {
      const s = by.get(c.key);
      if (!s) {
        by.set(c.key, { ...c });
        continue;
      }
      s.count += c.count;
      s.totalNs += c.totalNs;
      s.waitNs = add(s.waitNs, c.waitNs);
      s.transitNs = add(s.transitNs, c.transitNs);
      s.sizeMB += c.sizeMB;
      s.timeMs += c.timeMs;
    }
  return [...by.values()].map((c) => ({
    ...c,
    bandwidthGBs: c.timeMs > 0 ? c.sizeMB / c.timeMs : c.bandwidthGBs,
  }));
}

function sumDevice(list: readonly (DeviceFigures | null)[]): DeviceFigures | null {
  const ds = list.filter((d): d is DeviceFigures => d !== null);
  if (ds.length === 0) return null;
  const sum = (f: (d: DeviceFigures) => number) => ds.reduce((a, d) => a + f(d), 0);
  return {
    source: distinct(ds.map((d) => d.source))!,
    busyNs: sum((d) => d.busyNs),
    computeNs: sum((d) => d.computeNs),
    exposedCommunicationNs: sum((d) => d.exposedCommunicationNs),
    idleNs: sum((d) => d.idleNs),
  };
}

export function aggregateSides(sides: readonly CompareSide[]): CompareSide {
  const fs = sides.map((s) => s.figures);
  const captures = fs.map((f) => f.captureNs).filter((x): x is number => x !== null);
  const figures: SideFigures = {
    captureNs: captures.length > 0 ? Math.max(...captures) : null,
    kernelsSource: distinct(fs.map((f) => f.kernelsSource)),
    operatorsSource: distinct(fs.map((f) => f.operatorsSource)),
    device: sumDevice(fs.map((f) => f.device)),
    steps: [],
    stepBars: [],
    stepsSource: distinct(fs.map((f) => f.stepsSource)),
    commSource: distinct(fs.map((f) => f.commSource)),
    communication: sumComm(fs.map((f) => f.communication)),
  };
  const n = Math.max(0, ...sides.map((s) => s.steps.length));
  const steps: CompareSide['steps'] = [];
  for (let i = 0; i < n; i++) {
    const have = sides.flatMap((s) => (s.steps[i] ? [s.steps[i]!] : []));
    const mean = Object.fromEntries(
      STEP_CATEGORIES.map((c) => [c, have.reduce((a, x) => a + x.figures[c], 0) / have.length]),
    ) as StepFigures;
    steps.push({ id: have[0]!.id, figures: mean, bar: null });
  }
  return {
    figures,
    kernels: sumGroups(sides.map((s) => s.kernels)),
    operators: sumGroups(sides.map((s) => s.operators)),
    steps,
  };
}
