/**
 * Markers drawn in charts (issue 17): the timeline's point and range markers at the same
 * times, on a chart's own x (plain data; the views convert marker times to their x).
 */
export interface ChartMark {
  id: string;
  /** x of the point, or the start of a range. */
  start: number;
  /** End of a range (absent for a point). */
  end?: number;
  color: string;
  /** Shown as the mark's tooltip (plain text). */
  name: string;
}

/** Marks that touch [x0, x1]. */
export const marksIn = (marks: readonly ChartMark[] | undefined, x0: number, x1: number) =>
  (marks ?? []).filter((m) => (m.end ?? m.start) >= x0 && m.start <= x1);

/**
 * A timeline marker inside a step: `at` (and `end` for a range) as fractions 0…1 of the
 * step's time range, drawn at that fraction of its bar.
 */
export interface StepMark {
  id: string;
  bar: number;
  at: number;
  end?: number;
  color: string;
  name: string;
}

/** The markers that fall in each step's time range (ns on the profile's own axis). */
export function stepMarks(
  marks: readonly ChartMark[],
  ranges: readonly ({ startNs: number; endNs: number } | null)[],
): StepMark[] {
  const out: StepMark[] = [];
  ranges.forEach((r, bar) => {
    if (!r || !(r.endNs > r.startNs)) return;
    const frac = (t: number) => Math.max(0, Math.min(1, (t - r.startNs) / (r.endNs - r.startNs)));
    for (const m of marks) {
      const end = m.end ?? m.start;
      if (end < r.startNs || m.start > r.endNs) continue;
      out.push({
        id: `${m.id}@${bar}`,
        bar,
        at: frac(m.start),
        ...(m.end !== undefined ? { end: frac(m.end) } : {}),
        color: m.color,
        name: m.name,
      });
    }
  });
  return out;
}
