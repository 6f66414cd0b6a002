/**
 * Which rows of a track are free, answering "the lowest block of h consecutive free rows" in
 * O(log n): a segment tree whose nodes keep the free run at their left end, at their right end,
 * and the longest one inside.
 *
 *   node [lo, hi):  pre = free rows from lo,  suf = free rows ending at hi,  best = longest run
 *   run of h:       in the left child, else across the middle (left.suf + right.pre), else right
 */
export class FreeRows {
  private readonly size: number;
  private readonly pre: Int32Array;
  private readonly suf: Int32Array;
  private readonly best: Int32Array;

  /** `capacity` rows, all free. */
  constructor(capacity: number) {
    let size = 1;
    while (size < Math.max(1, capacity)) size *= 2;
    this.size = size;
    this.pre = new Int32Array(2 * size);
    this.suf = new Int32Array(2 * size);
    this.best = new Int32Array(2 * size);
    for (let node = 1, len = size; node < 2 * size; node++) {
      if ((node & (node - 1)) === 0 && node > 1) len /= 2; // first node of the next level
      this.pre[node] = this.suf[node] = this.best[node] = len;
    }
  }

  setFree(row: number, free: boolean): void {
    let node = this.size + row;
    const v = free ? 1 : 0;
    this.pre[node] = this.suf[node] = this.best[node] = v;
    let len = 1;
    for (node >>= 1; node >= 1; node >>= 1) {
      const l = 2 * node;
      const r = l + 1;
      this.pre[node] = this.pre[l] === len ? len + this.pre[r]! : this.pre[l]!;
      this.suf[node] = this.suf[r] === len ? len + this.suf[l]! : this.suf[r]!;
      this.best[node] = Math.max(this.best[l]!, this.best[r]!, this.suf[l]! + this.pre[r]!);
      len *= 2;
    }
  }

  /** First row of the lowest block of `h` consecutive free rows, or -1 when there is none. */
  firstRun(h: number): number {
    if (h <= 0) return 0;
    if (this.best[1]! < h) return -1;
    let node = 1;
    let lo = 0;
    let len = this.size;
    while (node < this.size) {
      const l = 2 * node;
      const half = len / 2;
      if (this.best[l]! >= h) {
        node = l;
      } else if (this.suf[l]! + this.pre[l + 1]! >= h) {
        return lo + half - this.suf[l]!;
      } else {
        node = l + 1;
        lo += half;
      }
      len = half;
    }
    return lo;
  }
}
