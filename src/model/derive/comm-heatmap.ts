/**
 * The rank × rank heatmap of communication_matrix.json: links of one step and group (or all of
 * them) aggregated per (source rank, destination rank).
 *
 * Aggregation over several links (ops) of a pair: sizes and times add up; bandwidth is then
 * size / time (MB / ms = GB/s), the file's own bandwidth when the pair has a single link.
 *
 * torch_npu's matrix groups of one op type are not a partition of its ops: `<type>-top1`,
 * `-middle` and `-bottom1..3` each hold one chosen op (the same op can be middle and bottom2)
 * and `<type>-total` holds all of them summed. All groups together is therefore the `-total`
 * groups, plus the groups of any type that has no `-total` (never their sum, which counted the
 * real Level2 sample's HCCS traffic 2.3× over: 972.6 MB where communication.json says 427.6).
 */
import type { CommMatrixRow } from '../ascend-data';

export type HeatMetric = 'bandwidth' | 'size' | 'time';

export const HEAT_METRICS: readonly { value: HeatMetric; label: string; unit: string }[] = [
  { value: 'bandwidth', label: 'Bandwidth', unit: 'GB/s' },
  { value: 'size', label: 'Size', unit: 'MB' },
  { value: 'time', label: 'Time', unit: 'ms' },
];

export interface HeatCell {
  src: number;
  dst: number;
  sizeMB: number;
  timeMs: number;
  bandwidthGBs: number;
  /** Distinct transport types, e.g. ["HCCS"]. */
  transports: string[];
  /** Links (matrix rows) aggregated into this cell. */
  links: number;
  /** The chosen metric's value (NaN when unknown). */
  value: number;
}

export interface HeatmapData {
  ranks: number[];
  cells: HeatCell[];
  /**
   * Smallest and largest finite metric value of the links between different ranks (NaN when
   * none), or of all cells when there are only local (src = dst) ones. Local copies run at
   * memory speed and would flatten the colour scale of the real links.
   */
  min: number;
  max: number;
}

export interface TransportSummary {
  transport: string;
  links: number;
  sizeMB: number;
  timeMs: number;
  /** sizeMB / timeMs (GB/s), NaN without time. */
  bandwidthGBs: number;
}

export interface GroupOption {
  /** `${kind}|${group}`; '' = all groups. */
  key: string;
  label: string;
  links: number;
}

export const groupKey = (r: Pick<CommMatrixRow, 'kind' | 'group'>): string =>
  `${r.kind}|${r.group}`;

const byNatural = (a: string, b: string) => a.localeCompare(b, undefined, { numeric: true });

/** Steps present ('' stands for rows without a step). */
export function matrixSteps(rows: readonly CommMatrixRow[]): string[] {
  return [...new Set(rows.map((r) => r.step))].sort(byNatural);
}

/** Groups of a step (all steps when step is null), largest first. */
export function matrixGroups(rows: readonly CommMatrixRow[], step: string | null): GroupOption[] {
  const m = new Map<string, GroupOption>();
  for (const r of rows) {
    if (step !== null && r.step !== step) continue;
    const key = groupKey(r);
    const g = m.get(key);
    if (g) g.links++;
    else m.set(key, { key, label: r.kind === 'p2p' ? `${r.group} (p2p)` : r.group, links: 1 });
  }
  return [...m.values()].sort((a, b) => b.links - a.links || byNatural(a.label, b.label));
}

const OP_GROUP = /^(.*)-(top\d*|middle|bottom\d*|total)$/;

/** The rows of the chosen step (null = all) and group ('' = all groups, see the header). */
function chosenRows(
  rows: readonly CommMatrixRow[],
  step: string | null,
  group: string,
): CommMatrixRow[] {
  const inStep = rows.filter((r) => step === null || r.step === step);
  if (group !== '') return inStep.filter((r) => groupKey(r) === group);
  const typeKey = (r: CommMatrixRow, type: string) =>
    `${r.step}\u0000${r.kind}\u0000${r.groupHash}\u0000${type}`;
  const withTotal = new Set<string>();
  for (const r of inStep) {
    const m = OP_GROUP.exec(r.group);
    if (m && m[2] === 'total') withTotal.add(typeKey(r, m[1]!));
  }
  return inStep.filter((r) => {
    const m = OP_GROUP.exec(r.group);
    return !m || m[2] === 'total' || !withTotal.has(typeKey(r, m[1]!));
  });
}

const num = (x: number | null) => (x === null || !Number.isFinite(x) ? NaN : x);
const addNum = (a: number, x: number | null) => {
  const y = num(x);
  return Number.isNaN(y) ? a : Number.isNaN(a) ? y : a + y;
};

/** Cells of the chosen step (null = all) and group ('' = all), with the metric's value. */
export function heatmapData(
  rows: readonly CommMatrixRow[],
  step: string | null,
  group: string,
  metric: HeatMetric,
): HeatmapData {
  const cells = new Map<string, HeatCell>();
  const ranks = new Set<number>();
  for (const r of chosenRows(rows, step, group)) {
    ranks.add(r.src);
    ranks.add(r.dst);
    const k = `${r.src}>${r.dst}`;
    let c = cells.get(k);
    if (!c) {
      c = {
        src: r.src,
        dst: r.dst,
        sizeMB: NaN,
        timeMs: NaN,
        bandwidthGBs: num(r.bandwidthGBs),
        transports: [],
        links: 0,
        value: NaN,
      };
      cells.set(k, c);
    }
    c.links++;
    c.sizeMB = addNum(c.sizeMB, r.sizeMB);
    c.timeMs = addNum(c.timeMs, r.timeMs);
    if (r.transport && !c.transports.includes(r.transport)) c.transports.push(r.transport);
  }
  for (const c of cells.values()) {
    if (c.links > 1) c.bandwidthGBs = c.timeMs > 0 ? c.sizeMB / c.timeMs : NaN;
    c.value = metric === 'bandwidth' ? c.bandwidthGBs : metric === 'size' ? c.sizeMB : c.timeMs;
  }
  const remote = [...cells.values()].filter((c) => c.src !== c.dst && Number.isFinite(c.value));
  const scaled =
    remote.length > 0 ? remote : [...cells.values()].filter((c) => Number.isFinite(c.value));
  let min = NaN;
  let max = NaN;
  for (const c of scaled) {
    if (!(c.value >= min)) min = c.value;
    if (!(c.value <= max)) max = c.value;
  }
  return {
    ranks: [...ranks].sort((a, b) => a - b),
    cells: [...cells.values()].sort((a, b) => a.src - b.src || a.dst - b.dst),
    min,
    max,
  };
}

/** Totals per transport type of the chosen links (for the summary beside the heatmap). */
export function transportSummary(
  rows: readonly CommMatrixRow[],
  step: string | null,
  group: string,
): TransportSummary[] {
  const m = new Map<string, TransportSummary>();
  for (const r of chosenRows(rows, step, group)) {
    const t = r.transport || '(unknown)';
    let e = m.get(t);
    if (!e) m.set(t, (e = { transport: t, links: 0, sizeMB: 0, timeMs: 0, bandwidthGBs: NaN }));
    e.links++;
    e.sizeMB += num(r.sizeMB) || 0;
    e.timeMs += num(r.timeMs) || 0;
  }
  const out = [...m.values()];
  for (const e of out) e.bandwidthGBs = e.timeMs > 0 ? e.sizeMB / e.timeMs : NaN;
  return out.sort((a, b) => b.sizeMB - a.sizeMB || byNatural(a.transport, b.transport));
}
