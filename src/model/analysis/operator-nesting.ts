/**
 * Which operator rows are nested inside a same-name operator (analysis-definitions.md §4.2).
 *
 * operator_details.csv has no timestamps, but torch_npu writes its op tree in pre-order (a node,
 * then its subtree) and `Host Self = Host Total − Σ Host Total of the direct child ops`. So the
 * tree can be rebuilt from the row order: an op whose children's totals do not yet add up to
 * (Total − Self) stays open, and each following row is a child of the innermost open op.
 * The CSV's µs are rounded to 0.01, so "adds up" allows a rounding tolerance per child.
 * When the rows do not fit a tree (a child longer than what is left of its parent) the
 * reconstruction falls back to "adjacent same-name rows": the inner row of a wrapper pair.
 */
import type { OperatorTable } from '../ascend-data';

/** µs → ns tolerance per summed child (the CSV prints 2–3 decimals). */
const TOL_NS = 15;

export function operatorNesting(ops: OperatorTable): Uint8Array {
  if (ops.nested) return ops.nested;
  const n = ops.length;
  const nested = new Uint8Array(n);
  /** Open ops: row and host time of its children still to come. */
  const stack: { row: number; left: number; children: number }[] = [];
  let fits = true;
  for (let i = 0; i < n && fits; i++) {
    const total = ops.hostTotalNs[i]!;
    const self = ops.hostSelfNs[i]!;
    if (Number.isNaN(total) || Number.isNaN(self)) {
      fits = false;
      break;
    }
    const top = stack[stack.length - 1];
    if (top) {
      if (total > top.left + TOL_NS * (top.children + 1)) {
        fits = false;
        break;
      }
      top.left -= total;
      top.children++;
      for (const s of stack) {
        if (ops.name[s.row] === ops.name[i]) {
          nested[i] = 1;
          break;
        }
      }
    }
    const left = total - self;
    if (left > TOL_NS) stack.push({ row: i, left, children: 0 });
    // Close every op whose children are complete.
    while (stack.length > 0) {
      const s = stack[stack.length - 1]!;
      if (s.left > TOL_NS * Math.max(1, s.children)) break;
      stack.pop();
    }
  }
  if (fits) return nested;
  // Fallback: a row directly after a same-name row whose total contains it.
  nested.fill(0);
  for (let i = 1; i < n; i++) {
    if (ops.name[i] === ops.name[i - 1] && ops.hostTotalNs[i]! <= ops.hostTotalNs[i - 1]!)
      nested[i] = 1;
  }
  return nested;
}

const cache = new WeakMap<OperatorTable, Uint8Array>();

/** {@link operatorNesting} memoized per table. */
export function operatorNestingCached(ops: OperatorTable): Uint8Array {
  let m = cache.get(ops);
  if (!m) cache.set(ops, (m = operatorNesting(ops)));
  return m;
}
